import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openProject } from '../services/project.js';
import type { DocumentSort } from '../common/model.js';
import { idsSql } from './documents.js';

/** `ids` is the list's order and filter without paging; `summaries` the rows for some of those ids, in the order asked. */
test('documents.ids gives the order documents.list pages, and summaries the rows asked for, in order', (t) => {
  const p = openProject(':memory:');
  t.after(() => p.close());
  const titles = ['delta', 'Alpha', 'charlie', 'bravo', 'alpha'];
  const ids = titles.map((title, i) =>
    p.documents.insert({ title, date: i % 2 ? `2020-01-0${i + 1}` : null, source: i % 3 ? 'TASS' : 'AP', path: null, hash: `h${i}`, text: `text ${i}`, length: 6 }, 'x'),
  );
  p.annotations.insertChecked({ docId: ids[2], labelId: 1, start: 0, end: 4, text: 'text', note: '', attributes: {}, at: 'x', annotatorId: 1 });
  for (const sort of ['title', 'date', 'source', 'imported', 'annotations'] as DocumentSort[]) {
    for (const dir of ['asc', 'desc'] as const) {
      for (const filter of [{}, { source: 'TASS' }, { labelId: 1 }, { labelId: 1, source: 'TASS' }, { done: false, from: '2020-01-01' }]) {
        const paged = p.documents.list(sort, dir, 0, 100, filter).items.map((d) => d.id);
        assert.deepEqual(p.documents.ids(sort, dir, filter), paged, `${sort} ${dir} ${JSON.stringify(filter)}`);
      }
    }
  }
  const asked = [ids[3], 999, ids[0], ids[2]];
  const rows = p.documents.summaries(asked);
  assert.deepEqual(rows.map((r) => r.id), [ids[3], ids[0], ids[2]]);
  assert.deepEqual(rows[2].counts, { 1: 1 });
  assert.deepEqual(rows[0].counts, {});
  assert.deepEqual(p.documents.summaries([]), []);
});

/**
 * Each sort is an index walk of document_list (migration 0008), never a sort of every document: a temp B-tree here
 * is what made a sort cost 280 ms at 100,000 documents. Filters on done and done days are checked inside the walk.
 */
test('every sort of the list walks its index of document_list, with no sort step, filtered or not', (t) => {
  const p = openProject(':memory:');
  t.after(() => p.close());
  const index: Record<DocumentSort, RegExp> = {
    title: /SCAN document_list USING COVERING INDEX document_list_by_title/,
    date: /SCAN document_list USING COVERING INDEX document_list_by_date/,
    source: /SCAN document_list USING COVERING INDEX document_list_by_source/,
    annotations: /SCAN document_list USING COVERING INDEX document_list_by_annotations/,
    imported: /^SCAN document_list$/,
  };
  for (const sort of Object.keys(index) as DocumentSort[]) {
    for (const dir of ['asc', 'desc'] as const) {
      for (const filter of [{}, { done: false }, { done: true, doneFrom: '2020-01-01' }]) {
        const { sql, params } = idsSql(sort, dir, filter);
        const plan = (p.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
        const what = `${sort} ${dir} ${JSON.stringify(filter)}: ${plan.join('; ')}`;
        assert.match(plan[0], index[sort], what);
        assert.ok(!plan.some((d) => /TEMP B-TREE/.test(d)), what);
      }
    }
  }
});

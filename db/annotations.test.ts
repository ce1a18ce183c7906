import { test, describe, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { openDatabase, type Db } from './open.js';
import { documentsRepo } from './documents.js';
import { annotationsRepo, type AnnotationsRepo } from './annotations.js';
import { linksRepo } from './links.js';
import { AppError } from '../common/errors.js';
import { cpLength } from '../common/offsets.js';

const TEXTS = {
  emoji: 'He said 😀 then 😀😀 "60 civilians" 😀 end.',
  zwj: 'Family 👩‍👩‍👧 of three, flag 🇺🇦 here, and more 👩‍👩‍👧 text.',
  combining: 'The cafe\u0301 on rue de la Re\u0301publique; Рудской said so.',
  plain: 'At least 60 civilians were killed and another 200 injured.',
};

let db: Db;
let repo: AnnotationsRepo;
const ids: Record<keyof typeof TEXTS, number> = { emoji: 0, zwj: 0, combining: 0, plain: 0 };
const CLAIM = 1;
const SPEAKER = 2;

beforeEach(() => {
  db = openDatabase(':memory:');
  const docs = documentsRepo(db);
  for (const [k, text] of Object.entries(TEXTS) as [keyof typeof TEXTS, string][]) {
    ids[k] = docs.insert(
      { title: k, date: null, source: null, path: null, hash: createHash('sha256').update(text).digest('hex'), text, length: cpLength(text) },
      '2024-01-01T00:00:00.000Z',
    );
  }
  repo = annotationsRepo(db);
});
afterEach(() => db.close());

const py = (text: string, a: number, b: number) => Array.from(text).slice(a, b).join('');
/** Code-point offsets between extended grapheme clusters (the text's start and end included), by a whole-text scan. */
function clusterEdges(text: string): Set<number> {
  const edges = new Set([cpLength(text)]);
  for (const s of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) edges.add(cpLength(text.slice(0, s.index)));
  return edges;
}
const rows = () => db.prepare('SELECT COUNT(*) FROM annotations').pluck().get() as number;

function rejects(fn: () => unknown, name: string, re?: RegExp) {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof AppError, String(e));
    assert.equal(e.name, name, e.message);
    if (re) assert.match(e.message, re);
    return true;
  });
}

describe('annotations.create', () => {
  test('stores the code-point slice as text for every span of documents with emoji, ZWJ and combining marks', () => {
    for (const [k, text] of Object.entries(TEXTS) as [keyof typeof TEXTS, string][]) {
      const n = Array.from(text).length;
      const whole = clusterEdges(text);
      const seen = new Set<string>();
      for (let start = 0; start < n; start += 3) {
        for (const len of [1, 2, 5]) {
          const end = Math.min(n, start + len);
          if (end <= start || seen.has(`${start}..${end}`)) continue;
          seen.add(`${start}..${end}`);
          if (!whole.has(start) || !whole.has(end)) {
            rejects(() => repo.create({ docId: ids[k], labelId: CLAIM, start, end }), 'InvalidInput', /cuts .* in two/);
            continue;
          }
          const a = repo.create({ docId: ids[k], labelId: CLAIM, start, end });
          assert.equal(a.text, py(text, start, end), `${k}[${start}:${end}]`);
          assert.equal(a.start, start);
          assert.equal(a.end, end);
        }
      }
    }
  });

  test('a span over a whole emoji, ZWJ family or combining sequence keeps it intact', () => {
    const e = repo.create({ docId: ids.emoji, labelId: CLAIM, start: 8, end: 9 });
    assert.equal(e.text, '😀');
    const fam = Array.from(TEXTS.zwj).indexOf('👩');
    const f = repo.create({ docId: ids.zwj, labelId: CLAIM, start: fam, end: fam + 5 });
    assert.equal(f.text, '👩‍👩‍👧');
    const c = Array.from(TEXTS.combining).indexOf('c');
    const cafe = repo.create({ docId: ids.combining, labelId: CLAIM, start: c, end: c + 5 });
    assert.equal(cafe.text, 'cafe\u0301');
  });

  test('the whole document is a valid span', () => {
    const n = cpLength(TEXTS.emoji);
    assert.equal(repo.create({ docId: ids.emoji, labelId: CLAIM, start: 0, end: n }).text, TEXTS.emoji);
  });

  test('returns the full row with defaults: empty note, empty attributes, timestamps', () => {
    const a = repo.create({ docId: ids.plain, labelId: CLAIM, start: 9, end: 21 });
    assert.equal(a.text, '60 civilians');
    assert.equal(a.note, '');
    assert.deepEqual(a.attributes, {});
    assert.equal(a.docId, ids.plain);
    assert.equal(a.labelId, CLAIM);
    assert.ok(Date.parse(a.createdAt) > 0);
    assert.equal(a.createdAt, a.updatedAt);
    assert.deepEqual(repo.get(a.id), a);
  });

  test('keeps note and attributes (including unicode) exactly', () => {
    const attributes = { stance: 'pro', 'источник': 'МО РФ 😀' };
    const a = repo.create({ docId: ids.plain, labelId: SPEAKER, start: 0, end: 2, note: 'check 👩‍👩‍👧', attributes });
    assert.equal(a.note, 'check 👩‍👩‍👧');
    assert.deepEqual(repo.get(a.id).attributes, attributes);
  });

  test('spans past the end (in code points), empty and reversed spans are refused with InvalidInput; nothing is written', () => {
    const cp = cpLength(TEXTS.emoji);
    const utf16 = TEXTS.emoji.length;
    assert.ok(utf16 > cp);
    const bad = [
      [0, cp + 1],
      [cp - 1, utf16], // valid in UTF-16, not in code points
      [5, 5],
      [6, 5],
      [cp, cp + 1],
    ];
    for (const [start, end] of bad) {
      rejects(() => repo.create({ docId: ids.emoji, labelId: CLAIM, start, end }), 'InvalidInput', /not inside document/);
    }
    assert.equal(rows(), 0);
  });

  test('an unknown document or label is NotFound; nothing is written', () => {
    rejects(() => repo.create({ docId: 999, labelId: CLAIM, start: 0, end: 1 }), 'NotFound', /Document 999/);
    rejects(() => repo.create({ docId: ids.plain, labelId: 999, start: 0, end: 1 }), 'NotFound', /Label 999/);
    assert.equal(rows(), 0);
  });

  test('overlapping and nested spans coexist, and the same offsets under another label', () => {
    const outer = repo.create({ docId: ids.plain, labelId: CLAIM, start: 0, end: 30 });
    const inner = repo.create({ docId: ids.plain, labelId: SPEAKER, start: 9, end: 21 });
    const overlap = repo.create({ docId: ids.plain, labelId: CLAIM, start: 20, end: 40 });
    const sameOffsets = repo.create({ docId: ids.plain, labelId: SPEAKER, start: 0, end: 30 });
    const list = repo.listForDocument(ids.plain);
    assert.deepEqual(new Set(list.map((a) => a.id)), new Set([outer.id, inner.id, overlap.id, sameOffsets.id]));
    assert.equal(sameOffsets.text, outer.text);
  });

  test('a second span identical to one the document has (offsets and label) is refused with Conflict, naming the first', () => {
    const first = repo.create({ docId: ids.plain, labelId: CLAIM, start: 9, end: 21 });
    rejects(
      () => repo.create({ docId: ids.plain, labelId: CLAIM, start: 9, end: 21, note: 'again' }),
      'Conflict',
      new RegExp(`already tagged "claim": annotation ${first.id} covers 9\\.\\.21 of document ${ids.plain}`),
    );
    assert.equal(rows(), 1);
    // The same offsets in another document are no twin.
    repo.create({ docId: ids.emoji, labelId: CLAIM, start: 9, end: 12 });
    repo.create({ docId: ids.combining, labelId: CLAIM, start: 9, end: 12 });
    assert.equal(rows(), 3);
  });

  test('an edge inside a flag, ZWJ family, combining sequence or skin tone is refused with InvalidInput; nothing is written', () => {
    const docs = documentsRepo(db);
    const clusters = { flag: '🇺🇸', family: '👩‍👩‍👧', combining: 'e\u0301\u0323', skinTone: '👍🏽' };
    for (const [kind, cluster] of Object.entries(clusters)) {
      const text = `see ${cluster} now`;
      const docId = docs.insert({ title: kind, date: null, source: null, path: null, hash: kind, text, length: cpLength(text) }, '2024-01-01T00:00:00.000Z');
      const end = 4 + cpLength(cluster);
      for (let cut = 5; cut < end; cut++) {
        rejects(() => repo.create({ docId, labelId: CLAIM, start: cut, end }), 'InvalidInput', new RegExp(`${cut} is inside the character at 4\\.\\.${end}`));
        rejects(() => repo.create({ docId, labelId: CLAIM, start: 4, end: cut }), 'InvalidInput', /cuts .* in two/);
        rejects(() => repo.create({ docId, labelId: CLAIM, start: 0, end: cut }), 'InvalidInput', /cuts .* in two/);
      }
      assert.equal(rows(), 0, kind);
      assert.equal(repo.create({ docId, labelId: CLAIM, start: 4, end }).text, cluster, kind);
      repo.delete(repo.listForDocument(docId)[0].id);
    }
  });
});

describe('annotations.listForDocument', () => {
  test('orders by start, then longer first (end desc), then id', () => {
    const d = ids.plain;
    const a = repo.create({ docId: d, labelId: CLAIM, start: 10, end: 12 });
    const b = repo.create({ docId: d, labelId: CLAIM, start: 0, end: 5 });
    const c = repo.create({ docId: d, labelId: CLAIM, start: 0, end: 20 });
    const e = repo.create({ docId: d, labelId: SPEAKER, start: 10, end: 12 });
    const f = repo.create({ docId: d, labelId: CLAIM, start: 3, end: 4 });
    assert.deepEqual(repo.listForDocument(d).map((x) => x.id), [c.id, b.id, f.id, a.id, e.id]);
  });

  test('only lists the asked document, and an empty list for one without spans', () => {
    repo.create({ docId: ids.plain, labelId: CLAIM, start: 0, end: 2 });
    repo.create({ docId: ids.emoji, labelId: CLAIM, start: 0, end: 2 });
    assert.deepEqual(repo.listForDocument(ids.plain).map((a) => a.docId), [ids.plain]);
    assert.deepEqual(repo.listForDocument(ids.zwj), []);
  });
});

describe('annotations.update', () => {
  test('relabels and keeps the text', () => {
    const a = repo.create({ docId: ids.plain, labelId: CLAIM, start: 9, end: 21 });
    const u = repo.update(a.id, { labelId: SPEAKER });
    assert.equal(u.labelId, SPEAKER);
    assert.equal(u.text, '60 civilians');
    assert.equal(u.createdAt, a.createdAt);
  });

  test('moving the span recomputes the text in code points', () => {
    const a = repo.create({ docId: ids.emoji, labelId: CLAIM, start: 0, end: 2 });
    const u = repo.update(a.id, { start: 8, end: 19 });
    assert.equal(u.text, py(TEXTS.emoji, 8, 19));
    assert.equal(repo.get(a.id).text, u.text);
    const only = repo.update(a.id, { end: 9 });
    assert.equal(only.text, '😀');
  });

  test('note and attributes change; omitted fields are kept', () => {
    const a = repo.create({ docId: ids.plain, labelId: CLAIM, start: 0, end: 2, note: 'n1', attributes: { k: 'v' } });
    const u1 = repo.update(a.id, { note: 'n2' });
    assert.equal(u1.note, 'n2');
    assert.deepEqual(u1.attributes, { k: 'v' });
    const u2 = repo.update(a.id, { attributes: { x: 'y' } });
    assert.equal(u2.note, 'n2');
    assert.deepEqual(u2.attributes, { x: 'y' });
    const u3 = repo.update(a.id, { note: '' });
    assert.equal(u3.note, '');
  });

  test('an invalid new range or label is refused and the row is unchanged', () => {
    const a = repo.create({ docId: ids.plain, labelId: CLAIM, start: 0, end: 2 });
    rejects(() => repo.update(a.id, { start: 5, end: 3 }), 'InvalidInput');
    rejects(() => repo.update(a.id, { start: 2 }), 'InvalidInput'); // start == end
    rejects(() => repo.update(a.id, { end: 10_000 }), 'InvalidInput');
    rejects(() => repo.update(a.id, { labelId: 77 }), 'NotFound');
    assert.deepEqual(repo.get(a.id), a);
  });

  test('an unknown annotation is NotFound', () => {
    rejects(() => repo.update(4242, { note: 'x' }), 'NotFound', /Annotation 4242/);
  });

  test('moving an edge into a character or relabelling onto a twin is refused; the row is unchanged', () => {
    const fam = Array.from(TEXTS.zwj).indexOf('👩');
    const a = repo.create({ docId: ids.zwj, labelId: CLAIM, start: 0, end: fam + 5 });
    rejects(() => repo.update(a.id, { end: fam + 2 }), 'InvalidInput', /cuts "👩‍👩‍👧" in two/);
    const b = repo.create({ docId: ids.zwj, labelId: SPEAKER, start: 0, end: fam + 5 });
    rejects(() => repo.update(b.id, { labelId: CLAIM }), 'Conflict', new RegExp(`annotation ${a.id}`));
    rejects(() => repo.update(b.id, { start: 0, end: fam + 5, labelId: CLAIM, note: 'n' }), 'Conflict');
    assert.deepEqual(repo.get(b.id), b);
    // Changing nothing but the note of a span is no twin of itself.
    assert.equal(repo.update(a.id, { start: 0, end: fam + 5, labelId: CLAIM, note: 'kept' }).note, 'kept');
  });

  test('a span stored before the whole-character rule keeps its edges through a relabel and a note', () => {
    const a = repo.create({ docId: ids.zwj, labelId: CLAIM, start: 0, end: 6 });
    const flag = Array.from(TEXTS.zwj).indexOf('🇺');
    // As an older version could store it: half of the flag 🇺🇦.
    db.prepare('UPDATE annotations SET start = ?, end = ?, text = ? WHERE id = ?').run(flag, flag + 1, '🇺', a.id);
    const u = repo.update(a.id, { labelId: SPEAKER, note: 'old span' });
    assert.deepEqual([u.start, u.end, u.text, u.labelId, u.note], [flag, flag + 1, '🇺', SPEAKER, 'old span']);
    // Undo of its deletion puts it back as it was.
    assert.equal(repo.restore(repo.delete(a.id).annotation).annotation.text, '🇺');
  });
});

describe('annotations.delete and restore', () => {
  test('delete returns the deleted row and removes it', () => {
    const a = repo.create({ docId: ids.zwj, labelId: CLAIM, start: 0, end: 6, note: 'n', attributes: { a: 'b' } });
    const deleted = repo.delete(a.id);
    assert.deepEqual(deleted.annotation, a);
    assert.deepEqual(deleted.links, []);
    assert.equal(deleted.clusterName, null);
    rejects(() => repo.get(a.id), 'NotFound');
    assert.equal(rows(), 0);
    rejects(() => repo.delete(a.id), 'NotFound');
  });

  test('restore puts it back with the same id, text, note, attributes and createdAt', () => {
    const a = repo.create({ docId: ids.zwj, labelId: SPEAKER, start: 7, end: 12, note: 'why', attributes: { q: '1' } });
    repo.create({ docId: ids.zwj, labelId: CLAIM, start: 0, end: 1 });
    const deleted = repo.delete(a.id);
    const back = repo.restore(deleted.annotation).annotation;
    assert.equal(back.id, a.id);
    const { updatedAt: _u1, ...restWas } = a;
    const { updatedAt: _u2, ...restNow } = back;
    assert.deepEqual(restNow, restWas);
    assert.deepEqual(repo.get(a.id), back);
  });

  test('restore recomputes the text from the document, ignoring a forged text', () => {
    const a = repo.create({ docId: ids.emoji, labelId: CLAIM, start: 8, end: 9 });
    repo.delete(a.id);
    const back = repo.restore({ ...a, text: 'forged' }).annotation;
    assert.equal(back.text, '😀');
  });

  test('restore refuses an id that already exists (Conflict) and leaves the row alone', () => {
    const a = repo.create({ docId: ids.plain, labelId: CLAIM, start: 0, end: 2 });
    rejects(() => repo.restore({ ...a, start: 3, end: 8 }), 'Conflict', new RegExp(`Annotation ${a.id}`));
    assert.deepEqual(repo.get(a.id), a);
    assert.equal(rows(), 1);
  });

  test('restore puts back a deleted span identical to the first, but not beside a twin made since', () => {
    const a = repo.create({ docId: ids.plain, labelId: CLAIM, start: 9, end: 21 });
    const gone = repo.delete(a.id).annotation;
    const twin = repo.create({ docId: ids.plain, labelId: CLAIM, start: 9, end: 21 });
    rejects(() => repo.restore(gone), 'Conflict', new RegExp(`annotation ${twin.id}`));
    repo.delete(twin.id);
    assert.equal(repo.restore(gone).annotation.id, a.id);
    assert.equal(rows(), 1);
  });

  test('restore validates the span like create', () => {
    const a = repo.create({ docId: ids.plain, labelId: CLAIM, start: 0, end: 2 });
    repo.delete(a.id);
    rejects(() => repo.restore({ ...a, end: 10_000 }), 'InvalidInput');
    rejects(() => repo.restore({ ...a, docId: 999 }), 'NotFound');
    assert.equal(rows(), 0);
  });

  test('count follows create, delete and restore', () => {
    const a = repo.create({ docId: ids.plain, labelId: CLAIM, start: 0, end: 2 });
    repo.create({ docId: ids.plain, labelId: CLAIM, start: 3, end: 5 });
    assert.equal(repo.count(), 2);
    repo.restore(repo.delete(a.id).annotation);
    assert.equal(repo.count(), 2);
    repo.delete(a.id);
    assert.equal(repo.count(), 1);
  });
});

test('undo of a delete puts back the ids an imported file gave the span and its links (exports still write them)', () => {
  const a = repo.create({ docId: ids.plain, labelId: CLAIM, start: 0, end: 8 });
  const b = repo.create({ docId: ids.plain, labelId: SPEAKER, start: 9, end: 11 });
  const { link } = linksRepo(db).create(a.id, b.id, 4);
  db.prepare("UPDATE annotations SET external_id = 's:h1-claim' WHERE id = ?").run(a.id);
  db.prepare("UPDATE links SET external_id = 's:l-7' WHERE id = ?").run(link.id);
  const before = repo.get(a.id);
  assert.equal(before.externalId, 's:h1-claim');
  const gone = repo.delete(a.id);
  assert.deepEqual(gone.links.map((l) => l.externalId), ['s:l-7']);
  repo.restore(gone.annotation, gone.links, gone.clusterName);
  assert.equal(db.prepare('SELECT external_id FROM annotations WHERE id = ?').pluck().get(a.id), 's:h1-claim');
  assert.equal(db.prepare('SELECT external_id FROM links WHERE id = ?').pluck().get(link.id), 's:l-7');
  assert.equal(repo.create({ docId: ids.plain, labelId: CLAIM, start: 12, end: 21 }).externalId, undefined, 'absent, not null, where there is none');
});

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProject } from './project.js';
import { openBackend } from './backend.js';
import { boards, type BoardLabel } from './boards.js';
import type { Annotation, BoardPage, ClusterSummary } from '../common/model.js';

const CLAIM = 1;
const SPEAKER = 2;
const FIGURE = 3;
const SAME_AS = 1;
const CITES = 5;

/**
 * Eight outlets, each with one article. Claim clusters of 4, 3, 2, 2 and 2 documents (the three of two named so
 * that only an order ignoring case puts "apple" before "Banana"), one of them with disagreeing figures, one with
 * agreeing figures, one mixing a claim and a speaker (a tie: the first mention's label wins); two speaker
 * clusters; and a second layer (Dana) with one claim cluster of its own.
 */
function project() {
  const p = openProject(':memory:');
  const outlets = ['RT', 'TASS', 'AP', 'BBC', 'AFP', 'DW', 'Meduza', 'Reuters'];
  const docs = outlets.map((source, i) => {
    const text = `${source}: 60 civilians were killed in Mosul. 200 civilians were killed in Mosul. The pier was hit. apple fell. Banana rose. cherry sank. Rudskoy spoke. Kirby spoke.`;
    const date = i === 7 ? null : `2017-0${1 + (i % 3)}-1${i}`;
    return { id: p.documents.insert({ title: `${source} report`, date, source, path: null, hash: source, text, length: text.length }, 'now'), text };
  });
  const span = (doc: number, labelId: number, s: string, annotatorId?: number) => {
    const at = docs[doc].text.indexOf(s);
    assert.ok(at >= 0, s);
    return p.annotations.create({ docId: docs[doc].id, labelId, start: at, end: at + s.length, annotatorId }).id;
  };
  const chain = (ids: number[]) => {
    for (let i = 1; i < ids.length; i++) p.links.create(ids[i - 1], ids[i], SAME_AS);
    return p.annotations.get(ids[0]).clusterId!;
  };
  // 4 documents; TASS says 200 where the others say 60: conflicts.
  const killed = chain([0, 1, 2, 3].map((d) => span(d, CLAIM, d === 1 ? '200 civilians were killed in Mosul' : '60 civilians were killed in Mosul')));
  for (const d of [0, 2, 3]) span(d, FIGURE, '60 civilians');
  span(1, FIGURE, '200 civilians');
  // 3 documents, figures cited by link that agree.
  const pierMentions = [4, 5, 6].map((d) => span(d, CLAIM, 'The pier was hit'));
  const pier = chain(pierMentions);
  for (const [i, d] of [4, 5].entries()) p.links.create(pierMentions[i], span(d, FIGURE, '60 civilians'), CITES);
  const banana = chain([span(0, CLAIM, 'Banana rose'), span(1, CLAIM, 'Banana rose')]);
  const cherry = chain([span(2, CLAIM, 'cherry sank'), span(3, CLAIM, 'cherry sank')]);
  const apple = chain([span(4, CLAIM, 'apple fell'), span(5, CLAIM, 'apple fell')]);
  // One speaker mention in RT (the earliest date) and one claim in Reuters (undated): a tie the speaker wins.
  const mixed = chain([span(7, CLAIM, 'Rudskoy spoke'), span(0, SPEAKER, 'Rudskoy')]);
  const rudskoy = chain([1, 2, 3].map((d) => span(d, SPEAKER, 'Rudskoy')));
  const kirby = chain([span(4, SPEAKER, 'Kirby'), span(6, SPEAKER, 'Kirby')]);
  const dana = p.annotators.ensure('Dana');
  const danas = chain([span(0, CLAIM, 'The pier was hit', dana), span(1, CLAIM, 'The pier was hit', dana)]);
  return { p, span, chain, ids: { killed, pier, banana, cherry, apple, mixed, rudskoy, kirby, danas }, dana };
}

/** A whole board read by pages of `size`. */
function byPages(b: ReturnType<typeof boards>, label: BoardLabel, layer: number | null, size: number): ClusterSummary[] {
  const out: ClusterSummary[] = [];
  for (let offset = 0; ; offset += size) {
    const page = b.page(label, layer, { offset, limit: size });
    assert.equal(page.offset, offset);
    out.push(...page.clusters);
    if (offset + size >= page.total) return out;
  }
}

test('the claims board in order: most documents first, then name as people sort (apple, Banana, cherry)', () => {
  const { p, ids } = project();
  const page = boards(p.db).page('claim', 1, { offset: 0, limit: 50 });
  assert.deepEqual(
    page.clusters.map((c) => [c.id, c.documents]),
    [[ids.killed, 4], [ids.pier, 3], [ids.apple, 2], [ids.banana, 2], [ids.cherry, 2]],
  );
  assert.equal(page.total, 5, 'the mixed cluster (one claim, one speaker) goes to the speakers board');
  // Every mention of the board's clusters; dates of all of them; the board's sources, sorted.
  assert.equal(page.mentions, 4 + 3 + 2 + 2 + 2);
  assert.deepEqual([page.firstDate, page.lastDate], ['2017-01-10', '2017-03-15']);
  assert.deepEqual(page.sources, ['AFP', 'AP', 'BBC', 'DW', 'Meduza', 'RT', 'TASS']);
  const killed = page.clusters[0];
  assert.deepEqual(killed.mentions.map((m) => m.source), ['RT', 'BBC', 'TASS', 'AP'], 'earliest document first');
  assert.equal(killed.figures.length, 4);
  assert.deepEqual(killed.conflicts.map((k) => k.why), ['60 vs 200', '200 vs 60', '200 vs 60']);
  assert.deepEqual(page.clusters[1].conflicts, [], 'the pier figures agree');
  assert.equal(page.clusters[1].figures.length, 2);
});

test('pages of any size concatenate to the whole board: same clusters, order, mentions, figures and conflicts', () => {
  const { p } = project();
  const b = boards(p.db);
  for (const label of ['claim', 'speaker'] as const) {
    for (const layer of [1, null]) {
      const whole = b.page(label, layer, { offset: 0, limit: 200 });
      assert.ok(whole.clusters.length >= 2);
      for (const size of [1, 2, 3, 4]) assert.deepEqual(byPages(b, label, layer, size), whole.clusters, `${label}, pages of ${size}`);
      // A fresh reader (nothing kept) reads the same board.
      assert.deepEqual(boards(p.db).page(label, layer, { offset: 0, limit: 200 }), whole);
    }
  }
  assert.deepEqual(b.page('claim', 1, { offset: 40, limit: 10 }).clusters, [], 'past the end: an empty page');
});

test('a tie between labels goes to the label of the earliest mention (here the speaker, though claim comes first in label order)', () => {
  const { p, ids } = project();
  const speakers = boards(p.db).page('speaker', 1, { offset: 0, limit: 50 });
  assert.deepEqual(speakers.clusters.map((c) => c.id), [ids.rudskoy, ids.kirby, ids.mixed]);
  const mixed = speakers.clusters[2];
  assert.equal(mixed.documents, 2);
  assert.deepEqual(mixed.spellings, ['Rudskoy', 'Rudskoy spoke'], 'RT (dated) before Reuters (undated)');
  assert.equal(mixed.label, 'speaker');
  assert.ok(!boards(p.db).page('claim', 1, { offset: 0, limit: 50 }).clusters.some((c) => c.id === ids.mixed));
});

test("a board shows one layer: Dana's clusters on hers, the analyst's on his, every layer's for the dashboard", () => {
  const { p, ids, dana } = project();
  const b = boards(p.db);
  assert.deepEqual(b.page('claim', dana, { offset: 0, limit: 50 }).clusters.map((c) => c.id), [ids.danas]);
  assert.equal(b.page('claim', dana, { offset: 0, limit: 50 }).mentions, 2);
  assert.ok(!b.page('claim', 1, { offset: 0, limit: 50 }).clusters.some((c) => c.id === ids.danas));
  assert.deepEqual(b.page('speaker', dana, { offset: 0, limit: 50 }).total, 0);
  assert.equal(b.page('claim', null, { offset: 0, limit: 50 }).total, 6);
  assert.deepEqual(b.claimClusters(null).map((c) => c.id).sort(), [ids.killed, ids.pier, ids.banana, ids.cherry, ids.apple, ids.danas].sort());
});

test('`at` answers the page holding a cluster, wherever it is; a cluster not on the board leaves the offset asked', () => {
  const { p, ids } = project();
  const b = boards(p.db);
  const page = b.page('claim', 1, { offset: 0, limit: 2, at: ids.cherry });
  assert.equal(page.offset, 4);
  assert.deepEqual(page.clusters.map((c) => c.id), [ids.cherry]);
  assert.equal(b.page('claim', 1, { offset: 2, limit: 2, at: ids.kirby }).offset, 2);
});

test('the conflicts pass finds what the cards flag, and stays true after a change', () => {
  const { p, ids } = project();
  const b = boards(p.db);
  const cards = b.page('claim', 1, { offset: 0, limit: 50 }).clusters;
  const flagged = cards.filter((c) => c.conflicts.length).map((c) => ({ clusterId: c.id, name: c.name, pairs: c.conflicts.length, figures: c.figures.length }));
  assert.deepEqual(b.conflicts(1, 20), { withFigures: 2, total: 1, clusters: flagged });
  assert.deepEqual(b.conflicts(1, 0), { withFigures: 2, total: 1, clusters: [] }, 'limit 0: the counts only');
  // Slices of the board (the board's header asks a slice at a time) add up to the whole.
  assert.deepEqual(b.conflicts(1, 20, 0, 1), { withFigures: 1, total: 1, clusters: flagged });
  assert.deepEqual(b.conflicts(1, 20, 1, 10), { withFigures: 1, total: 0, clusters: [] });
  assert.deepEqual(boards(p.db).conflicts(1, 20, 1), { withFigures: 1, total: 0, clusters: [] }, 'from the second cluster to the end');
  // TASS's 200 goes: the figures of the killed cluster now agree, on the cards and in the pass.
  const tass200 = p.db.prepare("SELECT id FROM annotations WHERE label_id = ? AND text = '200 civilians'").pluck().get(FIGURE) as number;
  p.annotations.delete(tass200);
  assert.deepEqual(b.page('claim', 1, { offset: 0, limit: 1 }).clusters[0].conflicts, []);
  assert.deepEqual(b.conflicts(1, 20), { withFigures: 2, total: 0, clusters: [] });
  assert.equal(b.page('claim', 1, { offset: 0, limit: 1 }).clusters[0].id, ids.killed);
});

test('the kept order follows changes: a rename reorders, a new cluster appears, a removed one goes', () => {
  const { p, ids, span, chain } = project();
  const b = boards(p.db);
  const names = () => b.page('claim', 1, { offset: 0, limit: 50 }).clusters.map((c) => c.name);
  assert.deepEqual(names().slice(2), ['apple fell', 'Banana rose', 'cherry sank']);
  p.links.clusters.rename(ids.cherry, 'aardvark');
  assert.deepEqual(names().slice(2), ['aardvark', 'apple fell', 'Banana rose']);
  p.links.detach(p.db.prepare('SELECT id FROM annotations WHERE cluster_id = ? LIMIT 1').pluck().get(ids.banana) as number);
  assert.deepEqual(names().slice(2), ['aardvark', 'apple fell']);
  assert.equal(b.page('claim', 1, { offset: 0, limit: 1 }).total, 4);
  const fresh = chain([span(6, CLAIM, 'Banana rose'), span(7, CLAIM, 'Banana rose'), span(5, CLAIM, 'Banana rose')]);
  assert.deepEqual(b.page('claim', 1, { offset: 1, limit: 1 }).clusters.map((c) => [c.id, c.documents]), [[fresh, 3]], 'three documents: before the pier by name');
});

test("the reader thread's kept board follows the writer's commits (boards run on the reader)", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-boards-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const b = openBackend(join(dir, 'p.crosscheck'));
  t.after(() => b.close());
  // Different texts (the same text twice is one document), the claim at the same offsets in each.
  const files = ['a', 'b', 'c'].map((n) => ({ path: `${n}.txt`, data: Buffer.from(`RT: 60 civilians were killed in Mosul (${n}).`).toString('base64') }));
  await b.call('import.files', { files });
  const claim = async (docId: number) => (await b.call('annotations.create', { docId, labelId: CLAIM, start: 4, end: 16 })) as Annotation;
  const [x, y, z] = [await claim(1), await claim(2), await claim(3)];
  const board = async () => (await b.call('boards.claims', { limit: 10 })) as BoardPage;
  assert.equal((await board()).total, 0);
  await b.call('links.create', { fromId: x.id, toId: y.id, typeId: SAME_AS });
  assert.deepEqual((await board()).clusters.map((c) => c.documents), [2]);
  await b.call('links.create', { fromId: y.id, toId: z.id, typeId: SAME_AS });
  assert.deepEqual((await board()).clusters.map((c) => c.documents), [3]);
  assert.equal(((await b.call('boards.conflicts', {})) as { withFigures: number }).withFigures, 0);
});

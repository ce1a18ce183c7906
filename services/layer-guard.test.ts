import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHandlers } from './handlers.js';
import { openProject } from './project.js';
import { dispatch, type Method, type Result } from '../common/contract.js';
import { cpLength } from '../common/offsets.js';
import type { AppError } from '../common/errors.js';

/**
 * Hostile tester (issue 13): through the HTTP API, the current annotator edited, deleted and forged spans in a
 * colleague's layer. Every write names its layer now: one's own and gold may change, nobody else's.
 */
const TEXT = 'RT: Sergey Rudskoy said 60 civilians were killed in Mosul on Friday.';

async function setup(t: { after(fn: () => void): void }) {
  const p = openProject(':memory:');
  t.after(() => p.close());
  const docId = p.documents.insert({ title: 'd', date: null, source: null, path: null, hash: 'h', text: TEXT, length: cpLength(TEXT) }, 'now');
  const h = createHandlers(p, () => {});
  const call = <M extends Method>(m: M, args: unknown) => dispatch(h, m, args) as Promise<Result<M>>;
  const at = (s: string, labelId: number) => ({ docId, labelId, start: TEXT.indexOf(s), end: TEXT.indexOf(s) + s.length });
  await call('annotators.choose', { name: 'Bob' });
  const bobSpeaker = await call('annotations.create', at('Sergey Rudskoy', 2));
  const bobFigure = await call('annotations.create', at('60 civilians', 3));
  const { link } = await call('links.create', { fromId: bobFigure.id, toId: bobSpeaker.id, typeId: 1 });
  await call('annotators.choose', { name: 'Root' });
  return { p, call, at, bobSpeaker, bobFigure, link };
}

const refusedAsBobs = (e: AppError) => e.name === 'Conflict' && /This is Bob's layer, and you are annotating as Root/.test(e.message);

test("another annotator's spans, links and clusters cannot be changed, deleted or forged through the API", async (t) => {
  const { p, call, bobSpeaker, bobFigure, link } = await setup(t);
  const before = JSON.stringify([p.annotations.listForDocument(1), p.links.forAnnotation(bobSpeaker.id)]);
  await assert.rejects(call('annotations.update', { id: bobSpeaker.id, note: 'hacked' }), refusedAsBobs, 'update');
  await assert.rejects(call('annotations.delete', { id: bobSpeaker.id }), refusedAsBobs, 'delete');
  await assert.rejects(call('links.delete', { id: link.id }), refusedAsBobs, 'unlink');
  await assert.rejects(call('clusters.rename', { id: p.annotations.get(bobSpeaker.id).clusterId!, name: 'x' }), refusedAsBobs, 'rename his cluster');
  await assert.rejects(call('clusters.detach', { annotationId: bobFigure.id }), refusedAsBobs, 'detach');
  await assert.rejects(call('suggest.dismiss', { id: bobSpeaker.id, key: 'a:1' }), refusedAsBobs, 'dismiss');
  await assert.rejects(call('links.createWithSpan', { fromId: bobFigure.id, typeId: 4, docId: 1, labelId: 1, start: 0, end: 2 }), refusedAsBobs, 'link from his span');
  const forged = { ...bobSpeaker, id: 999, start: 0, end: 2, text: 'RT', note: 'forged' };
  await assert.rejects(call('annotations.restore', { annotation: forged }), refusedAsBobs, 'a span forged into his layer');
  assert.equal(JSON.stringify([p.annotations.listForDocument(1), p.links.forAnnotation(bobSpeaker.id)]), before, 'nothing of his changed');
});

test('one\'s own layer and gold can be changed; undo of one\'s own delete still restores', async (t) => {
  const { p, call, at } = await setup(t);
  const mine = await call('annotations.create', at('Mosul', 1));
  assert.equal((await call('annotations.update', { id: mine.id, note: 'mine' })).note, 'mine');
  const { deleted } = await call('annotations.delete', { id: mine.id });
  assert.equal((await call('annotations.restore', { annotation: deleted })).annotation.id, mine.id);
  const gold = p.annotators.ensure('gold', true);
  const curated = p.annotations.create({ ...at('Friday', 1), annotatorId: gold });
  assert.equal((await call('annotations.update', { id: curated.id, note: 'checked' })).note, 'checked', 'gold is the curators\'');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHandlers } from './handlers.js';
import { openProject } from './project.js';
import { dispatch, type Method, type Result } from '../common/contract.js';
import { cpLength } from '../common/offsets.js';

/**
 * Linking and suggestions work within the layer being edited (issue 13): a colleague's identical spans are never
 * proposed, found or shown on one's boards. Each project has the same claim and speaker tagged by two analysts.
 */
const TEXTS = [
  'RT: Sergey Rudskoy said 60 civilians were killed in Mosul on Friday.',
  'TASS: Sergey Rudskoy repeated that 60 civilians were killed in Mosul.',
  'Reuters: Sergey Rudskoy said again that 60 civilians were killed in Mosul.',
];
const CLAIM = '60 civilians were killed in Mosul';
const SPEAKER = 'Sergey Rudskoy';

function setup(t: { after(fn: () => void): void }) {
  const p = openProject(':memory:');
  t.after(() => p.close());
  const docs = TEXTS.map((text, i) => p.documents.insert({ title: `d${i}`, date: null, source: null, path: null, hash: `h${i}`, text, length: cpLength(text) }, 'now'));
  const h = createHandlers(p, () => {});
  const call = <M extends Method>(m: M, args: unknown) => dispatch(h, m, args) as Promise<Result<M>>;
  /** Tags `s` in document `i` as the current annotator (label 1 claim, 2 speaker). */
  const tag = async (i: number, s: string, labelId: number) => {
    const start = TEXTS[i].indexOf(s);
    return (await call('annotations.create', { docId: docs[i], labelId, start, end: start + s.length })).id;
  };
  return { p, call, docs, tag };
}

test("suggestions for a span never propose another layer's identical spans, and its passages count as untagged", async (t) => {
  const { call, docs, tag } = setup(t);
  await call('annotators.choose', { name: 'Dana' });
  const danaClaim = await tag(0, CLAIM, 1);
  const danaSpeaker = await tag(0, SPEAKER, 2);
  await call('annotators.choose', { name: 'Eli' });
  const eliClaims = [await tag(1, CLAIM, 1), await tag(2, CLAIM, 1)];
  const eliSpeaker = await tag(1, SPEAKER, 2);

  const claimSuggestions = await call('suggest.forAnnotation', { id: danaClaim, limit: 50 });
  const proposedSpans = claimSuggestions.filter((s) => s.kind === 'annotation').map((s) => s.key);
  assert.deepEqual(proposedSpans, [], "Eli's claims are not Dana's to link");
  // Eli tagged them, Dana did not: to her they are untagged passages she may link.
  const passageDocs = claimSuggestions.flatMap((s) => (s.kind === 'passage' ? [s.passage.docId] : []));
  assert.deepEqual([...new Set(passageDocs)].sort(), [docs[1], docs[2]]);
  const speakerSuggestions = await call('suggest.forAnnotation', { id: danaSpeaker, limit: 50 });
  assert.ok(!speakerSuggestions.some((s) => s.key === `a:${eliSpeaker}`), "Eli's speaker is not proposed to Dana");

  // The same holds the other way, and Dana's own span in another document is proposed.
  await call('annotators.choose', { name: 'Dana' });
  const danaSecond = await tag(1, CLAIM, 1);
  const again = (await call('suggest.forAnnotation', { id: danaClaim, limit: 50 })).filter((s) => s.kind === 'annotation').map((s) => s.key);
  assert.deepEqual(again, [`a:${danaSecond}`]);
  const forEli = (await call('suggest.forAnnotation', { id: eliClaims[0], limit: 50 })).filter((s) => s.kind === 'annotation').map((s) => s.key);
  assert.deepEqual(forEli, [`a:${eliClaims[1]}`]);
});

test("the link finder searches the current annotator's layer by default, another layer when asked", async (t) => {
  const { p, call, tag } = setup(t);
  await call('annotators.choose', { name: 'Dana' });
  const dana = await tag(0, SPEAKER, 2);
  await call('annotators.choose', { name: 'Eli' });
  const eli = [await tag(0, SPEAKER, 2), await tag(1, SPEAKER, 2)];
  const found = async (args: Record<string, unknown>) => (await call('annotations.find', { q: 'Rudskoy', ...args })).map((c) => c.annotation.id);
  assert.deepEqual(await found({}), [eli[1], eli[0]], "Eli finds his own spans, not Dana's identical one");
  assert.deepEqual(await found({ excludeId: eli[0] }), [eli[1]]);
  await call('annotators.choose', { name: 'Dana' });
  assert.deepEqual(await found({}), [dana]);
  assert.deepEqual(await found({ annotatorId: p.annotators.idByName('Eli') }), [eli[1], eli[0]]);
});

test("the claims and speakers boards of layer A do not show layer B's clusters; default: the current annotator's", async (t) => {
  const { p, call, tag } = setup(t);
  await call('annotators.choose', { name: 'Dana' });
  const danaClaims = [await tag(0, CLAIM, 1), await tag(1, CLAIM, 1)];
  await call('links.create', { fromId: danaClaims[0], toId: danaClaims[1], typeId: 1 });
  await call('annotators.choose', { name: 'Eli' });
  const eliClaims = [await tag(1, CLAIM, 1), await tag(2, CLAIM, 1)];
  await call('links.create', { fromId: eliClaims[0], toId: eliClaims[1], typeId: 1 });
  const eliSpeakers = [await tag(0, SPEAKER, 2), await tag(2, SPEAKER, 2)];
  await call('links.create', { fromId: eliSpeakers[0], toId: eliSpeakers[1], typeId: 1 });

  const mentions = (board: { mentions: { annotationId: number }[] }[]) => board.map((c) => c.mentions.map((m) => m.annotationId).sort((a, b) => a - b));
  assert.deepEqual(mentions((await call('boards.claims', {})).clusters), [eliClaims]);
  assert.deepEqual(mentions((await call('boards.speakers', {})).clusters), [eliSpeakers]);
  const danaId = p.annotators.idByName('Dana');
  assert.deepEqual(mentions((await call('boards.claims', { annotatorId: danaId })).clusters), [danaClaims]);
  assert.deepEqual((await call('boards.speakers', { annotatorId: danaId })).clusters, [], 'Dana linked no speakers');
  // The dashboard still counts every layer.
  assert.deepEqual((await call('project.dashboard', {})).clusterSizes, [{ size: 2, clusters: 2, claims: 4 }]);
});

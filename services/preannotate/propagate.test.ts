/**
 * "Tag every occurrence" (issue 14): the tagged string, case and white space folded, whole words, across the
 * corpus; counted first; proposed in the `auto` layer with rule `propagate`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openProject } from '../project.js';
import { createHandlers } from '../handlers.js';
import { dispatch, type Method, type Result } from '../../common/contract.js';
import { cpLength } from '../../common/offsets.js';
import { proposalsRepo } from '../../db/proposals.js';
import { occurrencePattern, occurrencesIn, overlapIndex } from './propagate.js';

function setup(t: { after(fn: () => void): void }, texts: string[]) {
  const p = openProject(':memory:');
  t.after(() => p.close());
  const docs = texts.map((text, i) => p.documents.insert({ title: `d${i}`, date: null, source: null, path: null, hash: `h${i}`, text, length: cpLength(text) }, 'now'));
  const h = createHandlers(p, () => {});
  const call = <M extends Method>(m: M, args: unknown) => dispatch(h, m, args) as Promise<Result<M>>;
  const speaker = p.labels.list().find((l) => l.name === 'speaker')!.id;
  /** Tags the first occurrence of `s` (after `from`, code units) in document `i` as a speaker. */
  const tag = (i: number, s: string, from = 0) => {
    const u = texts[i].indexOf(s, from);
    const start = cpLength(texts[i].slice(0, u));
    return call('annotations.create', { docId: docs[i], labelId: speaker, start, end: start + cpLength(s) });
  };
  /** The auto layer's spans as [doc index, text, start] rows. */
  const proposed = () => {
    const auto = p.annotators.idByName('auto');
    return docs.flatMap((d, i) => p.annotations.listForDocument(d).filter((a) => a.annotatorId === auto).map((a) => [i, a.text, a.start] as const));
  };
  return { p, docs, call, tag, speaker, proposed };
}

test('occurrences fold case and white space and match whole words only', () => {
  const re = occurrencePattern('Sergey  Rudskoy')!;
  const text = 'SERGEY\n RUDSKOY spoke; sergey rudskoyev did not; Sergey Rudskoy2 neither; (sergey rudskoy).';
  const last = text.indexOf('(sergey') + 1;
  assert.deepEqual(occurrencesIn(text, re), [{ start: 0, end: 15 }, { start: last, end: last + 14 }]);
  assert.equal(occurrencePattern(' \n '), null);
  // Characters special to regular expressions are matched literally.
  assert.deepEqual(occurrencesIn('a U.S. (gov) b; USxS', occurrencePattern('U.S.')!), [{ start: 2, end: 6 }]);
  assert.deepEqual(occurrencesIn('Rudskoy, Rudskoyev, Rudskoy', occurrencePattern('Rudskoy')!), [{ start: 0, end: 7 }, { start: 20, end: 27 }]);
  // Unicode letters count as word characters: "Łódź" is not found inside "Łódźka".
  assert.deepEqual(occurrencesIn('Łódźka and ŁÓDŹ', occurrencePattern('łódź')!), [{ start: 11, end: 15 }]);
});

test('offsets are code points past astral characters', () => {
  assert.deepEqual(occurrencesIn('😀😀 Rudskoy 𝐀 Rudskoy', occurrencePattern('rudskoy')!), [{ start: 3, end: 10 }, { start: 13, end: 20 }]);
});

test('counts first, then proposes every occurrence across the corpus in the auto layer with rule propagate', async (t) => {
  const texts = [
    'Gen. Rudskoy said so. Later rudskoy   repeated it.',
    '😀 RUDSKOY, not Rudskoyev, spoke in Mosul.',
    'Nothing about him here.',
    'Rudskoy\nagain.',
  ];
  const { p, docs, call, tag, proposed } = setup(t, texts);
  const source = await tag(0, 'Rudskoy');
  await call('annotations.update', { id: source.id, attributes: { role: 'general' } });
  const count = await call('proposals.propagateCount', { annotationId: source.id });
  assert.deepEqual(count, { text: 'Rudskoy', occurrences: 3, documents: 3, already: 0 });
  assert.deepEqual(proposed(), [], 'counting writes nothing');

  assert.deepEqual(await call('proposals.propagate', { annotationId: source.id }), { proposals: 3, documents: 3 });
  assert.deepEqual(proposed(), [[0, 'rudskoy', 28], [1, 'RUDSKOY', 2], [3, 'Rudskoy', 0]]);
  const auto = p.annotators.idByName('auto')!;
  const made = p.annotations.listForDocument(docs[1]).find((a) => a.annotatorId === auto)!;
  assert.deepEqual(made.attributes, { role: 'general', rule: 'propagate', confidence: '1' });
  // They are proposals like any other: the analyst sees them.
  assert.deepEqual((await call('proposals.forDocument', { docId: docs[1] })).map((x) => [x.text, x.rule, x.confidence]), [['RUDSKOY', 'propagate', 1]]);

  // Again: all three are proposed already.
  assert.deepEqual(await call('proposals.propagateCount', { annotationId: source.id }), { text: 'Rudskoy', occurrences: 0, documents: 0, already: 3 });
  assert.deepEqual(await call('proposals.propagate', { annotationId: source.id }), { proposals: 0, documents: 0 });
});

test('occurrences tagged in the layer (overlapping, same label), proposed or decided are left out and counted', async (t) => {
  const texts = ['Igor Konashenkov said it.', 'Maj. Gen. Igor Konashenkov denied it.', 'Igor Konashenkov and Igor Konashenkov.', 'igor konashenkov spoke.'];
  const { p, docs, call, tag, speaker, proposed } = setup(t, texts);
  const source = await tag(0, 'Igor Konashenkov');
  await tag(1, 'Gen. Igor Konashenkov'); // overlaps: tagged already
  const auto = p.annotators.ensure('auto', true);
  const repo = proposalsRepo(p.db);
  // Proposed already in document 2 (first occurrence); rejected by another analyst in document 3.
  repo.insertSpan({ docId: docs[2], labelId: speaker, start: 0, end: 16, text: 'Igor Konashenkov', attributes: {} }, auto, 'then');
  repo.decide({ docId: docs[3], labelId: speaker, start: 0, end: 16, annotatorId: p.annotators.ensure('Eli'), decision: 'rejected' }, 'then');
  assert.deepEqual(await call('proposals.propagateCount', { annotationId: source.id }), { text: 'Igor Konashenkov', occurrences: 1, documents: 1, already: 3 });
  await call('proposals.propagate', { annotationId: source.id });
  assert.deepEqual(proposed(), [[2, 'Igor Konashenkov', 0], [2, 'Igor Konashenkov', 21]]);
});

test("only the analyst's own spans propagate; other layers and unknown ids are refused", async (t) => {
  const { call, tag } = setup(t, ['Rudskoy spoke.', 'Rudskoy again.']);
  await call('annotators.choose', { name: 'Dana' });
  const dana = await tag(0, 'Rudskoy');
  await call('annotators.choose', { name: 'Eli' });
  await assert.rejects(call('proposals.propagateCount', { annotationId: dana.id }), { name: 'InvalidInput', message: /not in your layer/ });
  await assert.rejects(call('proposals.propagate', { annotationId: dana.id }), { name: 'InvalidInput' });
  await assert.rejects(call('proposals.propagateCount', { annotationId: 999 }), { name: 'NotFound' });
});

test('a span without a letter or digit is refused; one with punctuation around a number is found', async (t) => {
  const { call, tag, proposed } = setup(t, ['Rates rose 5% — 5% again.', 'Up 5%.', 'No figure.']);
  const source = await tag(0, '—');
  for (const m of ['proposals.propagateCount', 'proposals.propagate'] as const) {
    await assert.rejects(call(m, { annotationId: source.id }), { name: 'InvalidInput', message: /no letter or digit/ });
  }
  const pct = await tag(1, '5%');
  const count = await call('proposals.propagateCount', { annotationId: pct.id });
  assert.deepEqual([count.occurrences, count.documents], [2, 1]);
  await call('proposals.propagate', { annotationId: pct.id });
  assert.deepEqual(proposed(), [[0, '5%', 11], [0, '5%', 16]]);
});

test('propagating "." is refused: it would propose every dot inside "..."', async (t) => {
  const { call, tag, proposed } = setup(t, ['Wait... what. Then... nothing.', 'More... dots.']);
  const dot = await tag(0, '.', 'Wait...'.length + ' what'.length);
  await assert.rejects(call('proposals.propagateCount', { annotationId: dot.id }), { name: 'InvalidInput', message: /\("\."\) has no letter or digit/ });
  await assert.rejects(call('proposals.propagate', { annotationId: dot.id }), { name: 'InvalidInput', message: /no letter or digit/ });
  assert.deepEqual(proposed(), []);
});

test('an occurrence inside a proposal of the same label counts as proposed already ("Rudskoy" in "Gen. Sergey Rudskoy")', async (t) => {
  const texts = ['Gen. Sergey Rudskoy said so.', 'Rudskoy spoke.'];
  const { p, docs, call, tag, speaker, proposed } = setup(t, texts);
  const auto = p.annotators.ensure('auto', true);
  proposalsRepo(p.db).insertSpan({ docId: docs[0], labelId: speaker, start: 0, end: 19, text: 'Gen. Sergey Rudskoy', attributes: { rule: 'speaker/x', confidence: '0.8' } }, auto, 'then');
  const source = await tag(1, 'Rudskoy');
  assert.deepEqual(await call('proposals.propagateCount', { annotationId: source.id }), { text: 'Rudskoy', occurrences: 0, documents: 0, already: 1 });
  await call('proposals.propagate', { annotationId: source.id });
  assert.deepEqual(proposed(), [[0, 'Gen. Sergey Rudskoy', 0]], 'nothing proposed inside the proposal');
});

test('overlapIndex: an interval overlaps a span when they share a code point, whatever the spans\' order and nesting', () => {
  const spans = [{ start: 50, end: 60 }, { start: 0, end: 100 }, { start: 200, end: 210 }, { start: 205, end: 206 }];
  const hit = overlapIndex(spans);
  assert.deepEqual([[100, 110], [95, 101], [150, 200], [209, 230], [210, 220], [0, 1]].map(([start, end]) => hit({ start, end })), [false, true, false, true, false, true]);
  assert.equal(overlapIndex([])({ start: 0, end: 5 }), false);
  // A long span sorted early still covers a query far to its right (the prefix maximum, not the last span's end).
  assert.equal(overlapIndex([{ start: 0, end: 1000 }, { start: 10, end: 20 }])({ start: 500, end: 501 }), true);
});

test('many tagged spans and occurrences in one document: every untagged occurrence proposed, every tagged one counted', async (t) => {
  const words = Array.from({ length: 3000 }, (_, i) => (i % 3 === 0 ? 'Kyiv' : `w${i}`));
  const text = words.join(' ');
  const { p, docs, call, speaker } = setup(t, [text]);
  // Tag two of every three "Kyiv" directly in the repository (fast), then one more through the API as the source.
  let at = 0;
  const starts: number[] = [];
  for (const w of words) {
    if (w === 'Kyiv') starts.push(at);
    at += w.length + 1;
  }
  const me = p.annotators.currentId();
  const repo = proposalsRepo(p.db);
  starts.forEach((s, k) => {
    if (k % 3 !== 2 && k > 0) repo.insertSpan({ docId: docs[0], labelId: speaker, start: s, end: s + 4, text: 'Kyiv', attributes: {} }, me, 'then');
  });
  const source = await call('annotations.create', { docId: docs[0], labelId: speaker, start: starts[0], end: starts[0] + 4 });
  const c = await call('proposals.propagateCount', { annotationId: source.id });
  const untagged = starts.filter((_, k) => k % 3 === 2).length;
  assert.deepEqual([c.occurrences, c.already], [untagged, starts.length - 1 - untagged]);
});

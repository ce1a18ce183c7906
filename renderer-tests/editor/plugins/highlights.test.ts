import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Editor } from '@tiptap/core';
import type { Transaction } from '@tiptap/pm/state';
import { highlightSpecs, type HighlightSpan } from '../../../renderer/editor/highlightSpecs';
import { buildPositionMap, cpToPm, textToDoc } from '../../../renderer/editor/positions';
import { mulberry32 } from '../../../common/random';
import { attrsOf, click, decorations, headlessReader, highlights, identityOf } from './headless';

const RED = '#ff0000';
const BLUE = '#0000ff';
const GREEN = '#00aa00';
const hl = (id: number, start: number, end: number, color = RED, label = 'claim'): HighlightSpan => ({ id, start, end, color, label });

/** What the pure spec builder says `spans` look like on `text`: what the plugin must draw. */
function expected(text: string, spans: HighlightSpan[], selectedId: number | null) {
  return highlightSpecs(spans, buildPositionMap(text), selectedId).map(({ from, to, attrs }) => ({ from, to, attrs: { ...attrs } }));
}

/** The decorations that were rebuilt between two states: those whose identity is new. */
function rebuilt(before: Editor['state'], after: Editor['state']) {
  const old = new Set(decorations(before).map(identityOf));
  return decorations(after).filter((d) => !old.has(identityOf(d)));
}

/** Asserts that something was repainted, and only segments covered by one of `ids`. */
function onlyRepainted(before: Editor['state'], after: Editor['state'], ids: (number | null)[]) {
  const again = rebuilt(before, after);
  assert.ok(again.length > 0, 'nothing was repainted');
  for (const d of again) {
    const covering = attrsOf(d)['data-ann-ids'].split(' ').map(Number);
    assert.ok(covering.some((id) => ids.includes(id)), `segment of ${covering} repainted, not one of ${ids}`);
  }
  return again;
}

const TEXT = 'The US-led coalition said\n\n60 civilians 👩‍👩‍👧 died in Бахмут.\n';
const SPANS = [hl(1, 0, 25, RED), hl(2, 4, 10, BLUE), hl(3, 20, 33, GREEN), hl(4, 27, 39, BLUE)];

test('setAnnotationSpans paints exactly the pure specs, on the code points of the shown text', () => {
  const editor = headlessReader(TEXT);
  editor.commands.setAnnotationSpans(SPANS, 3);
  assert.deepEqual(highlights(editor.state), expected(TEXT, SPANS, 3));
  // The plugin's map is the doc's own: a span across an emoji family covers exactly its code points.
  const family = hl(9, 39, 48);
  editor.commands.setAnnotationSpans([family]);
  const [piece] = highlights(editor.state);
  assert.equal(editor.state.doc.textBetween(piece.from, piece.to), [...TEXT].slice(39, 48).join(''));
});

test('selectAnnotation repaints only the segments of the old and the new selection', () => {
  const editor = headlessReader(TEXT);
  editor.commands.setAnnotationSpans(SPANS, 3);
  let previous: number | null = 3;
  for (const id of [1, 2, null, 4, 4, 3]) {
    const before = editor.state;
    editor.commands.selectAnnotation(id);
    assert.deepEqual(highlights(editor.state), expected(TEXT, SPANS, id), `after selecting ${id}`);
    onlyRepainted(before, editor.state, [previous, id]);
    previous = id;
  }
  // Unknown ids select nothing.
  editor.commands.selectAnnotation(99);
  assert.deepEqual(highlights(editor.state), expected(TEXT, SPANS, null));
});

test('resending equal spans with a new selection is a reselect; a changed span repaints', () => {
  const editor = headlessReader(TEXT);
  editor.commands.setAnnotationSpans(SPANS, 1);
  let before = editor.state;
  editor.commands.setAnnotationSpans(
    SPANS.map((s) => ({ ...s })),
    4,
  );
  assert.deepEqual(highlights(editor.state), expected(TEXT, SPANS, 4));
  onlyRepainted(before, editor.state, [1, 4]);
  before = editor.state;
  const recoloured = SPANS.map((s) => (s.id === 2 ? { ...s, color: GREEN } : s));
  editor.commands.setAnnotationSpans(recoloured);
  assert.deepEqual(highlights(editor.state), expected(TEXT, recoloured, 4));
  onlyRepainted(before, editor.state, [2]);
});

test('new spans keep the selection only if it still exists', () => {
  const editor = headlessReader(TEXT);
  editor.commands.setAnnotationSpans(SPANS, 2);
  editor.commands.setAnnotationSpans(SPANS.slice(0, 3));
  assert.deepEqual(highlights(editor.state), expected(TEXT, SPANS.slice(0, 3), 2));
  editor.commands.setAnnotationSpans([SPANS[0]]);
  assert.deepEqual(highlights(editor.state), expected(TEXT, [SPANS[0]], null));
  editor.commands.setAnnotationSpans(SPANS);
  assert.deepEqual(highlights(editor.state), expected(TEXT, SPANS, null));
});

test('other transactions leave the decorations alone; a new doc drops them, unless the same transaction brings spans', () => {
  const editor = headlessReader(TEXT);
  editor.commands.setAnnotationSpans(SPANS);
  const before = editor.state;
  editor.view.dispatch(editor.state.tr.setMeta('unrelated', true));
  assert.equal(rebuilt(before, editor.state).length, 0);
  assert.equal(decorations(editor.state).length, decorations(before).length);

  const other = editor.schema.nodeFromJSON(textToDoc('Another article'));
  editor.view.dispatch(editor.state.tr.replaceWith(0, editor.state.doc.content.size, other.content));
  assert.deepEqual(highlights(editor.state), []);
  // The map follows the new doc: a span over all of it fits.
  editor.commands.setAnnotationSpans([hl(1, 0, 'Another article'.length)]);
  assert.deepEqual(highlights(editor.state), expected('Another article', [hl(1, 0, 15)], null));

  const back = editor.schema.nodeFromJSON(textToDoc(TEXT));
  editor
    .chain()
    .command(({ tr }) => {
      tr.replaceWith(0, tr.doc.content.size, back.content);
      return true;
    })
    .setAnnotationSpans(SPANS)
    .run();
  assert.deepEqual(highlights(editor.state), expected(TEXT, SPANS, null));
});

test('painting stays out of the undo history', () => {
  const editor = headlessReader(TEXT);
  const seen: Transaction[] = [];
  editor.on('transaction', ({ transaction }) => seen.push(transaction));
  editor.commands.setAnnotationSpans(SPANS);
  editor.commands.selectAnnotation(2);
  assert.deepEqual(
    seen.map((tr) => tr.getMeta('addToHistory')),
    [false, false],
  );
});

test('editing spans one at a time paints the same as painting from scratch', () => {
  const rnd = mulberry32(5);
  // Long enough, with enough spans, that one edit changes few segments and takes the diff path.
  const text = [TEXT, TEXT, TEXT, TEXT].join('');
  const length = [...text].length;
  const colors = [RED, BLUE, GREEN];
  let spans = Array.from({ length: 40 }, (_, i) => {
    const a = Math.floor(rnd() * (length - 20));
    return hl(i + 1, a, a + 1 + Math.floor(rnd() * 20), colors[i % 3]);
  });
  let selectedId: number | null = null;
  const editor = headlessReader(text);
  editor.commands.setAnnotationSpans(spans);
  for (let step = 0; step < 200; step++) {
    const r = rnd();
    const a = Math.floor(rnd() * length);
    const b = Math.min(length, a + 1 + Math.floor(rnd() * 15));
    const color = colors[Math.floor(rnd() * 3)];
    if (r < 0.35 || spans.length === 0) spans = [...spans, hl(100 + step, a, b, color)];
    else if (r < 0.55) spans = spans.filter((_, i) => i !== Math.floor(rnd() * spans.length));
    else if (r < 0.75) spans = spans.map((s, i) => (i === Math.floor(rnd() * spans.length) ? { ...s, start: a, end: b } : s));
    else if (r < 0.85) spans = spans.map((s) => (s.id === spans[0].id ? { ...s, color, label: `l${step}` } : s));
    else selectedId = spans[Math.floor(rnd() * spans.length)].id;
    editor.commands.setAnnotationSpans(spans, selectedId);
    assert.deepEqual(highlights(editor.state), expected(text, spans, selectedId), `step ${step}`);
    if (rnd() < 0.2) {
      selectedId = rnd() < 0.5 ? null : spans[Math.floor(rnd() * spans.length)].id;
      editor.commands.selectAnnotation(selectedId);
      assert.deepEqual(highlights(editor.state), expected(text, spans, selectedId), `step ${step} reselect`);
    }
  }
});

test('clicks report the ids of the clicked element, or of the segment at the position', () => {
  const clicks: [number[], number][] = [];
  const editor = headlessReader(TEXT, (ids, cp) => clicks.push([ids, cp]));
  editor.commands.setAnnotationSpans(SPANS);
  const map = buildPositionMap(TEXT);

  const element = { getAttribute: (name: string) => (name === 'data-ann-ids' ? '1 2' : null) };
  // Clicks keep their default behaviour (nothing handles them).
  assert.equal(click(editor, cpToPm(map, 10), { closest: () => element }), false);
  // Position 10 is just past span 2 ("US-led"), but the element says what was under the pointer.
  assert.deepEqual(clicks.pop(), [[1, 2], 10]);

  click(editor, cpToPm(map, 5), null);
  assert.deepEqual(clicks.pop(), [[1, 2], 5]);

  click(editor, cpToPm(map, 45), { closest: () => null });
  assert.deepEqual(clicks.pop(), [[], 45]);
  assert.equal(clicks.length, 0);
});

test('large document: 10,000 spans; a reselect or one more span rebuilds only what it touches', () => {
  const line = 'Reuters 😀 reported that 60 civilians were killed near Бахмут on Tuesday.';
  const text = Array.from({ length: 13_000 }, () => line).join('\n');
  const length = [...text].length;
  const spans = Array.from({ length: 10_000 }, (_, i) => {
    const start = (i * 97) % (length - 300);
    return hl(i + 1, start, start + 1 + ((i * 31) % 250), i % 2 ? RED : BLUE);
  });
  const editor = headlessReader(text);
  editor.commands.setAnnotationSpans(spans);
  const all = decorations(editor.state).length;
  assert.ok(all > 10_000);

  let before = editor.state;
  editor.commands.selectAnnotation(37);
  onlyRepainted(before, editor.state, [37]);

  before = editor.state;
  editor.commands.setAnnotationSpans([...spans, hl(20_000, 5000, 5100, GREEN)], 37);
  // The new span lies over a few dozen segments; everything else is reused, not repainted.
  const again = rebuilt(before, editor.state);
  assert.ok(again.length < 200, `${again.length} of ${all} decorations repainted`);
  assert.ok(again.some((d) => attrsOf(d)['data-ann-ids'].split(' ').includes('20000')));
});

test('adding and removing spans one at a time, with proposals, layers and touching ends, paints what a full rebuild paints', () => {
  const rnd = mulberry32(17);
  const line = 'Reuters 😀 reported that 60 civilians were killed near Бахмут on Tuesday.';
  const text = Array.from({ length: 40 }, () => line).join('\n');
  const length = [...text].length;
  const labels = [
    { color: RED, label: 'claim' },
    { color: BLUE, label: 'figure' },
    { color: GREEN, label: 'speaker' },
  ];
  /** A span of a random kind: one's own, a colleague's layer, or a proposal (current or not). */
  const randomSpan = (id: number, start: number, end: number): HighlightSpan => {
    const { color, label } = labels[Math.floor(rnd() * labels.length)];
    const kind = rnd();
    if (kind < 0.2) return { id, start, end, color, label, layer: { name: 'Ana', line: 'dashed' } };
    if (kind < 0.4) return { id, start, end, color, label, proposal: { current: rnd() < 0.3 } };
    return { id, start, end, color, label, text: `t${id}` };
  };
  let nextId = 1;
  let spans: HighlightSpan[] = [];
  const add = () => {
    // Often starting or ending where another span does, so that segments are cut and joined at shared ends.
    const other = spans.length && rnd() < 0.5 ? spans[Math.floor(rnd() * spans.length)] : null;
    const a = other ? (rnd() < 0.5 ? other.start : other.end) : Math.floor(rnd() * (length - 40));
    const b = Math.min(length, a + 1 + Math.floor(rnd() * 60));
    spans = [...spans, randomSpan(nextId++, a, b)];
  };
  for (let i = 0; i < 120; i++) add();
  let selectedId: number | null = null;
  const editor = headlessReader(text);
  editor.commands.setAnnotationSpans(spans);
  for (let step = 0; step < 300; step++) {
    if (rnd() < 0.5 || spans.length < 5) add();
    else spans = spans.filter((_, i) => i !== Math.floor(rnd() * spans.length));
    if (rnd() < 0.3) selectedId = rnd() < 0.2 ? null : spans[Math.floor(rnd() * spans.length)].id;
    if (selectedId !== null && !spans.some((s) => s.id === selectedId)) selectedId = null;
    editor.commands.setAnnotationSpans(spans, selectedId);
    assert.deepEqual(highlights(editor.state), expected(text, spans, selectedId), `step ${step}`);
  }
});

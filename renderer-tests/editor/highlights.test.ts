import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getSchema } from '@tiptap/core';
import Document from '@tiptap/extension-document';
import Paragraph from '@tiptap/extension-paragraph';
import Text from '@tiptap/extension-text';
import type { Node as PMNode } from '@tiptap/pm/model';
import { EditorState, type Transaction } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import {
  AnnotationHighlights,
  annotationHighlightsKey,
  createAnnotationHighlightsPlugin,
  docText,
  getAnnotationHighlights,
  highlightSpecs,
  type HighlightSpan,
} from '../../renderer/editor/highlights';
import { buildPositionMap, cpToPm, textToDoc } from '../../renderer/editor/positions';

const schema = getSchema([Document, Paragraph, Text]);
const toDoc = (text: string) => schema.nodeFromJSON(textToDoc(text));

const RED = '#ff0000';
const BLUE = '#0000ff';
const GREEN = '#00aa00';
const hl = (id: number, start: number, end: number, color = RED, label = 'claim'): HighlightSpan => ({
  id,
  start,
  end,
  color,
  label,
});

test('one spec per segment, carrying all its ids outermost first', () => {
  const text = 'Sergey Rudskoy said 60 civilians died';
  const specs = highlightSpecs([hl(3, 0, 19, RED, 'claim'), hl(7, 7, 14, BLUE, 'speaker')], buildPositionMap(text));
  assert.deepEqual(
    specs.map((s) => [s.from, s.to, s.attrs['data-ann-ids']]),
    [
      [1, 8, '3'],
      [8, 15, '3 7'],
      [15, 20, '3'],
    ],
  );
  const doc = toDoc(text);
  assert.equal(doc.textBetween(specs[1].from, specs[1].to), 'Rudskoy');
  assert.equal(specs[1].attrs.class, 'cc-ann');
  assert.equal(specs[1].attrs.title, 'claim › speaker');
});

test('style: innermost tints the background, each enclosing span adds a stripe', () => {
  const text = 'x'.repeat(30);
  const specs = highlightSpecs([hl(1, 0, 30, RED), hl(2, 5, 25, BLUE), hl(3, 10, 20, GREEN)], buildPositionMap(text));
  const inner = specs.find((s) => s.attrs['data-ann-ids'] === '1 2 3')!;
  assert.match(inner.attrs.style, /background-color: #00aa00[0-9a-f]{2}/);
  assert.match(inner.attrs.style, /box-shadow: inset 0 -2px 0 #ff0000, inset 0 -4px 0 #0000ff$/);
  const outer = specs[0];
  assert.equal(outer.attrs['data-ann-ids'], '1');
  assert.match(outer.attrs.style, /^background-color: #ff0000[0-9a-f]{2}$/);
});

test('the selected span is framed across all its segments, edges only at its ends', () => {
  const text = 'x'.repeat(30);
  const spans = [hl(1, 0, 30, RED), hl(2, 5, 25, BLUE), hl(3, 10, 20, GREEN)];
  const specs = highlightSpecs(spans, buildPositionMap(text), 2);
  const selected = specs.filter((s) => s.attrs.class.includes('cc-ann-selected'));
  assert.deepEqual(
    selected.map((s) => s.attrs['data-ann-ids']),
    ['1 2', '1 2 3', '1 2'],
  );
  assert.ok(specs.filter((s) => !selected.includes(s)).every((s) => s.attrs.class === 'cc-ann'));
  const left = 'inset 2px 0 0 #0000ff';
  const right = 'inset -2px 0 0 #0000ff';
  assert.ok(selected[0].attrs.style.includes(left) && !selected[0].attrs.style.includes(right));
  assert.ok(!selected[1].attrs.style.includes(left) && !selected[1].attrs.style.includes(right));
  assert.ok(selected[2].attrs.style.includes(right) && !selected[2].attrs.style.includes(left));
  // Stripes move below the frame so they stay visible.
  assert.ok(selected[1].attrs.style.endsWith('inset 0 -4px 0 #ff0000, inset 0 -6px 0 #0000ff'));
});

test('a span across a line break is cut into one spec per line', () => {
  const text = 'Сергей\n\nРудской 😀 said';
  const map = buildPositionMap(text);
  const doc = toDoc(text);
  const specs = highlightSpecs([hl(5, 3, 17)], map, 5);
  assert.deepEqual(
    specs.map((s) => doc.textBetween(s.from, s.to)),
    ['гей', 'Рудской 😀'],
  );
  assert.ok(specs[0].attrs.style.includes('inset 2px 0 0') && !specs[0].attrs.style.includes('inset -2px 0 0'));
  assert.ok(specs[1].attrs.style.includes('inset -2px 0 0') && !specs[1].attrs.style.includes('inset 2px 0 0'));
});

test('spans that do not fit the document are dropped, bad colours are not injected', () => {
  const map = buildPositionMap('abc');
  assert.deepEqual(highlightSpecs([hl(1, 0, 4), hl(2, -1, 2), hl(3, 2, 2), hl(4, 1.5, 2)], map), []);
  const [spec] = highlightSpecs([hl(1, 0, 3, 'red; background-image: url(x)')], map);
  assert.ok(!spec.attrs.style.includes('url'));
  assert.match(spec.attrs.style, /#888888/);
  assert.match(highlightSpecs([hl(1, 0, 3, '#f0a')], map)[0].attrs.style, /#ff00aa/);
});

// --- the plugin, on a plain EditorState -----------------------------------------------------------

const clicks: [number[], number][] = [];
const plugin = createAnnotationHighlightsPlugin({ onClickSpans: (ids, cp) => clicks.push([ids, cp]) });

function stateFor(text: string): EditorState {
  return EditorState.create({ schema, doc: toDoc(text), plugins: [plugin] });
}

function withMeta(state: EditorState, meta: object): EditorState {
  return state.apply(state.tr.setMeta(annotationHighlightsKey, meta));
}

/** Decorations as comparable data, in document order. */
function painted(state: EditorState) {
  return getAnnotationHighlights(state)!
    .decorations.find()
    .map((d) => ({ from: d.from, to: d.to, attrs: (d as unknown as { type: { attrs: object } }).type.attrs }))
    .sort((a, b) => a.from - b.from);
}

function expected(text: string, spans: HighlightSpan[], selectedId: number | null) {
  return highlightSpecs(spans, buildPositionMap(text), selectedId).map(({ from, to, attrs }) => ({ from, to, attrs }));
}

const TEXT = 'The US-led coalition said\n\n60 civilians 👩‍👩‍👧 died in Бахмут.\n';
const SPANS = [hl(1, 0, 25, RED), hl(2, 4, 10, BLUE), hl(3, 20, 33, GREEN), hl(4, 27, 39, BLUE)];

test('plugin: the map follows the doc exactly', () => {
  const state = stateFor(TEXT);
  assert.equal(docText(state.doc), TEXT);
  assert.equal(getAnnotationHighlights(state)!.map.docSize, state.doc.content.size);
});

test('plugin: meta spans become exactly the pure specs', () => {
  const state = withMeta(stateFor(TEXT), { spans: SPANS, selectedId: 3 });
  assert.deepEqual(painted(state), expected(TEXT, SPANS, 3));
  assert.equal(getAnnotationHighlights(state)!.selectedId, 3);
});

test('plugin: a selection-only change matches a full rebuild', () => {
  let state = withMeta(stateFor(TEXT), { spans: SPANS, selectedId: 3 });
  const segments = getAnnotationHighlights(state)!.segments;
  for (const id of [1, 2, null, 4, 4, 3]) {
    state = withMeta(state, { selectedId: id });
    assert.deepEqual(painted(state), expected(TEXT, SPANS, id), `after selecting ${id}`);
    // Segmentation is reused, not redone.
    assert.equal(getAnnotationHighlights(state)!.segments, segments);
  }
  // Unknown ids select nothing.
  state = withMeta(state, { selectedId: 99 });
  assert.equal(getAnnotationHighlights(state)!.selectedId, null);
  assert.deepEqual(painted(state), expected(TEXT, SPANS, null));
});

test('plugin: resending equal spans with a new selection reuses the segmentation', () => {
  let state = withMeta(stateFor(TEXT), { spans: SPANS, selectedId: 1 });
  const segments = getAnnotationHighlights(state)!.segments;
  state = withMeta(state, { spans: SPANS.map((s) => ({ ...s })), selectedId: 4 });
  assert.equal(getAnnotationHighlights(state)!.segments, segments);
  assert.deepEqual(painted(state), expected(TEXT, SPANS, 4));
  state = withMeta(state, { spans: SPANS.map((s) => (s.id === 4 ? { ...s, color: GREEN } : s)) });
  assert.notEqual(getAnnotationHighlights(state)!.segments, segments);
});

test('plugin: new spans keep the selection only if it still exists', () => {
  let state = withMeta(stateFor(TEXT), { spans: SPANS, selectedId: 2 });
  state = withMeta(state, { spans: SPANS.slice(0, 3) });
  assert.equal(getAnnotationHighlights(state)!.selectedId, 2);
  state = withMeta(state, { spans: [SPANS[0]] });
  assert.equal(getAnnotationHighlights(state)!.selectedId, null);
});

test('plugin: other transactions leave the decorations alone; a new doc drops them', () => {
  let state = withMeta(stateFor(TEXT), { spans: SPANS });
  const before = getAnnotationHighlights(state)!;
  state = state.apply(state.tr.setMeta('focus', true));
  assert.equal(getAnnotationHighlights(state), before);

  const next = toDoc('Another article');
  state = state.apply(state.tr.replaceWith(0, state.doc.content.size, next.content));
  const after = getAnnotationHighlights(state)!;
  assert.equal(after.decorations.find().length, 0);
  assert.equal(after.map.offsets.length, 'Another article'.length);

  // Loading a doc and its spans in one transaction keeps the spans.
  const tr = state.tr.replaceWith(0, state.doc.content.size, toDoc(TEXT).content);
  state = state.apply(tr.setMeta(annotationHighlightsKey, { spans: SPANS }));
  assert.deepEqual(painted(state), expected(TEXT, SPANS, null));
});

function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('plugin: editing spans one at a time paints the same as painting from scratch', () => {
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
  let state = withMeta(stateFor(text), { spans });
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
    state = withMeta(state, { spans, selectedId });
    assert.deepEqual(painted(state), expected(text, spans, selectedId), `step ${step}`);
    if (rnd() < 0.2) {
      selectedId = rnd() < 0.5 ? null : spans[Math.floor(rnd() * spans.length)].id;
      state = withMeta(state, { selectedId });
      assert.deepEqual(painted(state), expected(text, spans, selectedId), `step ${step} reselect`);
    }
  }
});

/** A stand-in for the view: handleClick only reads `state` and `dom`. */
function fakeView(state: EditorState): EditorView {
  return { state, dom: { contains: () => true } } as unknown as EditorView;
}

function click(state: EditorState, pos: number, target: unknown): void {
  const handler = plugin.props.handleClick!;
  const handled = handler.call(plugin, fakeView(state), pos, { target } as unknown as MouseEvent);
  assert.equal(handled, false, 'clicks must keep their default behaviour');
}

test('clicks report the ids of the clicked element, or of the segment at the position', () => {
  const state = withMeta(stateFor(TEXT), { spans: SPANS });
  const map = getAnnotationHighlights(state)!.map;
  clicks.length = 0;

  const element = { getAttribute: (name: string) => (name === 'data-ann-ids' ? '1 2' : null) };
  click(state, cpToPm(map, 10), { closest: () => element });
  // Position 10 is just past span 2 ("US-led"), but the element says what was under the pointer.
  assert.deepEqual(clicks.pop(), [[1, 2], 10]);

  click(state, cpToPm(map, 5), null);
  assert.deepEqual(clicks.pop(), [[1, 2], 5]);

  click(state, cpToPm(map, 45), { closest: () => null });
  assert.deepEqual(clicks.pop(), [[], 45]);
});

// --- the TipTap extension -------------------------------------------------------------------------

/** Runs one of the extension's commands against a state, as TipTap's CommandManager would. */
function runCommand(state: EditorState, name: 'setAnnotationSpans' | 'selectAnnotation', ...args: unknown[]): EditorState {
  const commands = AnnotationHighlights.config.addCommands!.call({} as never) as Record<string, (...a: unknown[]) => (p: object) => boolean>;
  const tr: Transaction = state.tr;
  assert.equal(commands[name](...args)({ tr, dispatch: () => {}, state }), true);
  return state.apply(tr);
}

test('extension: named annotationHighlights, commands drive the plugin', () => {
  assert.equal(AnnotationHighlights.name, 'annotationHighlights');
  let state = stateFor(TEXT);
  state = runCommand(state, 'setAnnotationSpans', SPANS, 4);
  assert.deepEqual(painted(state), expected(TEXT, SPANS, 4));
  state = runCommand(state, 'selectAnnotation', 1);
  assert.deepEqual(painted(state), expected(TEXT, SPANS, 1));
  state = runCommand(state, 'setAnnotationSpans', SPANS);
  assert.equal(getAnnotationHighlights(state)!.selectedId, 1);
});

test('large document: 10,000 spans paint, reselect and change quickly', () => {
  const line = 'Reuters 😀 reported that 60 civilians were killed near Бахмут on Tuesday.';
  const text = Array.from({ length: 13_000 }, () => line).join('\n');
  const length = [...text].length;
  const spans = Array.from({ length: 10_000 }, (_, i) => {
    const start = (i * 97) % (length - 300);
    return hl(i + 1, start, start + 1 + ((i * 31) % 250), i % 2 ? RED : BLUE);
  });
  const time = (f: () => void) => {
    const t0 = performance.now();
    f();
    return performance.now() - t0;
  };
  let state = stateFor(text);
  const build = time(() => (state = withMeta(state, { spans })));
  const reselect = time(() => {
    for (let i = 1; i <= 20; i++) state = withMeta(state, { selectedId: i * 37 });
  }) / 20;
  const more = [...spans, hl(20_000, 5000, 5100, GREEN)];
  const addOne = time(() => (state = withMeta(state, { spans: more })));
  assert.equal(getAnnotationHighlights(state)!.byId.size, 10_001);
  // Generous bounds: these catch accidental quadratic work, not slow machines.
  assert.ok(build < 5000, `build took ${build} ms`);
  assert.ok(reselect < 50, `reselect took ${reselect} ms`);
  assert.ok(addOne < build / 2, `adding one span took ${addOne} ms (build ${build} ms)`);
});

// Keep the PMNode import honest: the helper accepts any doc node.
void ((doc: PMNode) => docText(doc));

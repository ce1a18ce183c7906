import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getSchema } from '@tiptap/core';
import Document from '@tiptap/extension-document';
import Paragraph from '@tiptap/extension-paragraph';
import Text from '@tiptap/extension-text';
import { EditorState } from '@tiptap/pm/state';
import { annotationHighlightsKey, createAnnotationHighlightsPlugin, type HighlightMeta } from '../../renderer/editor/highlights';
import { textToDoc } from '../../renderer/editor/positions';

const schema = getSchema([Document, Paragraph, Text]);

/** 200 lines of "line NNN 😀 text", one span per line: enough to tell a window from the whole. */
function setup() {
  const lines = Array.from({ length: 200 }, (_, i) => `line ${String(i).padStart(3, '0')} 😀 text`);
  const text = lines.join('\n');
  const plugin = createAnnotationHighlightsPlugin({ onClickSpans: null });
  let state = EditorState.create({ schema, doc: schema.nodeFromJSON(textToDoc(text)), plugins: [plugin] });
  const lineLength = Array.from(lines[0]).length + 1;
  const spans = lines.map((_, i) => ({ id: i + 1, start: i * lineLength, end: i * lineLength + 8, color: '#e8a33d', label: 'claim' }));
  const send = (meta: HighlightMeta) => (state = state.apply(state.tr.setMeta(annotationHighlightsKey, meta)));
  const painted = () =>
    new Set(
      annotationHighlightsKey
        .getState(state)!
        .decorations.find()
        .flatMap((d) => ((d as unknown as { type: { attrs: Record<string, string> } }).type.attrs['data-ann-ids'] ?? '').split(' ').map(Number)),
    );
  return { send, painted, spans, lineLength };
}

test('with a window, only spans overlapping it are painted; moving the window moves the paint', () => {
  const { send, painted, spans, lineLength } = setup();
  send({ spans });
  assert.equal(painted().size, 200, 'no window: every span');
  send({ window: { start: 10 * lineLength, end: 20 * lineLength } });
  assert.deepEqual([...painted()].sort((a, b) => a - b), Array.from({ length: 10 }, (_, i) => i + 11));
  send({ window: { start: 150 * lineLength + 3, end: 151 * lineLength } });
  assert.deepEqual([...painted()], [151], 'a span overlapping the window edge counts');
  // A window that starts in the gap between two spans (no segment covers its start).
  send({ window: { start: 150 * lineLength + 10, end: 152 * lineLength + 2 } });
  assert.deepEqual([...painted()].sort((a, b) => a - b), [152, 153]);
});

test('spans and selection changes inside a window keep painting only the window; null paints all again', () => {
  const { send, painted, spans, lineLength } = setup();
  send({ spans, window: { start: 0, end: 5 * lineLength } });
  assert.equal(painted().size, 5);
  send({ spans: [...spans, { id: 999, start: 2, end: 6, color: '#3d8be8', label: 'speaker' }], selectedId: 999 });
  assert.ok(painted().has(999));
  assert.equal(painted().size, 6);
  send({ window: null });
  assert.equal(painted().size, 201);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Transaction } from '@tiptap/pm/state';
import { buildPositionMap, cpToPm } from '../../../renderer/editor/positions';
import { decorations, headlessReader, highlights, marks, matches } from './headless';

const TEXT = 'Rudskoy said 😀 60\ncafe\u0301 killed';
const map = buildPositionMap(TEXT);

test('setSearchMatches marks exactly the ranges given, and replaces the previous ones', () => {
  const editor = headlessReader(TEXT);
  editor.commands.setSearchMatches([
    { from: cpToPm(map, 0), to: cpToPm(map, 7) },
    { from: cpToPm(map, 18), to: cpToPm(map, 23) },
  ]);
  assert.deepEqual(
    matches(editor.state).map((r) => editor.state.doc.textBetween(r.from, r.to)),
    ['Rudskoy', 'cafe\u0301'],
  );
  editor.commands.setSearchMatches([{ from: cpToPm(map, 13), to: cpToPm(map, 14) }]);
  assert.deepEqual(
    matches(editor.state).map((r) => editor.state.doc.textBetween(r.from, r.to)),
    ['😀'],
  );
  editor.commands.setSearchMatches([]);
  assert.deepEqual(matches(editor.state), []);
});

test('setClusterMarks puts one keyed marker where each span ends, and replaces the previous ones', () => {
  const editor = headlessReader(TEXT);
  editor.commands.setClusterMarks([
    { pos: cpToPm(map, 7), annotationId: 3, title: 'In a cluster (speaker)' },
    { pos: cpToPm(map, 17), annotationId: 5, title: 'In a cluster (figure)' },
  ]);
  assert.deepEqual(marks(editor.state), [
    { pos: cpToPm(map, 7), key: 'c3:In a cluster (speaker)' },
    { pos: cpToPm(map, 17), key: 'c5:In a cluster (figure)' },
  ]);
  editor.commands.setClusterMarks([{ pos: cpToPm(map, 24), annotationId: 5, title: 'In a cluster (figure)' }]);
  assert.deepEqual(marks(editor.state), [{ pos: cpToPm(map, 24), key: 'c5:In a cluster (figure)' }]);
});

test('markers and matches follow a change of the doc that brings none', () => {
  const editor = headlessReader(TEXT);
  editor.commands.setClusterMarks([{ pos: cpToPm(map, 7), annotationId: 3, title: 't' }]);
  editor.commands.setSearchMatches([{ from: cpToPm(map, 0), to: cpToPm(map, 7) }]);
  editor.view.dispatch(editor.state.tr.insertText('>> ', 1));
  assert.deepEqual(marks(editor.state), [{ pos: cpToPm(map, 7) + 3, key: 'c3:t' }]);
  assert.deepEqual(
    matches(editor.state).map((r) => editor.state.doc.textBetween(r.from, r.to)),
    ['Rudskoy'],
  );
});

test('a chain paints all three plugins in one transaction, with the doc it replaces, out of the undo history', () => {
  const editor = headlessReader('old text');
  const seen: Transaction[] = [];
  editor.on('transaction', ({ transaction }) => seen.push(transaction));
  editor
    .chain()
    .command(({ tr }) => {
      tr.replaceWith(0, tr.doc.content.size, editor.schema.nodes.paragraph.create(null, editor.schema.text(TEXT.split('\n')[0])));
      return true;
    })
    .setAnnotationSpans([{ id: 1, start: 0, end: 7, color: '#d9480f', label: 'speaker' }])
    .setClusterMarks([{ pos: cpToPm(map, 7), annotationId: 1, title: 'In a cluster (speaker)' }])
    .setSearchMatches([{ from: cpToPm(map, 13), to: cpToPm(map, 14) }])
    .run();
  assert.equal(seen.length, 1);
  assert.equal(seen[0].getMeta('addToHistory'), false);
  assert.equal(editor.state.doc.textContent, 'Rudskoy said 😀 60');
  assert.deepEqual(
    highlights(editor.state).map((h) => editor.state.doc.textBetween(h.from, h.to)),
    ['Rudskoy'],
  );
  assert.equal(marks(editor.state).length, 1);
  assert.equal(matches(editor.state).length, 1);
  assert.equal(decorations(editor.state).length, 3);
});

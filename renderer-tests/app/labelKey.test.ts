import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Annotation, Label, Range } from '../../common/model';
import type { ReaderHandle } from '../../renderer/features/annotate/Reader';
import { createLabelKey, type LabelKeyContext } from '../../renderer/app/labelKey';
import { doc } from '../fixtures';

const TEXT = 'Maria Lopez said the boats left the northern pier.';
const claim: Label = { id: 1, name: 'claim', color: '#d9480f', key: '1', position: 0 };
const speaker: Label = { id: 2, name: 'speaker', color: '#1971c2', key: '2', position: 1 };

/** A reader whose selection the test sets, recording when it is cleared. */
function fakeReader(selection: Range | null) {
  const r: { selection: Range | null; cleared: number; handle: ReaderHandle } = {
    selection,
    cleared: 0,
    handle: {
      selection: () => r.selection,
      clearSelection: () => {
        r.cleared++;
        r.selection = null;
      },
      caret: () => null,
      reveal: () => {},
    },
  };
  return r;
}

/** Commands whose tags answer when the test says (`answer(i, annotation | null)`), recording every call. */
function fakeCommands() {
  const calls: string[] = [];
  const answers: ((a: Annotation | null) => void)[] = [];
  return {
    calls,
    answer: async (i: number, a: Annotation | null) => {
      answers[i](a);
      // Lets the key's continuation run (it is a promise's).
      await new Promise((r) => setTimeout(r, 0));
    },
    commands: {
      tag: (labelId: number, range: Range) => {
        calls.push(`tag ${labelId} ${range.start}-${range.end}`);
        return new Promise<Annotation | null>((resolve) => answers.push(resolve));
      },
      update: async (id: number, patch: { labelId: number }) => void calls.push(`update ${id} label ${patch.labelId}`),
    },
  };
}

const stored = (id: number, labelId: number, range: Range): Annotation =>
  ({ id, docId: 1, labelId, start: range.start, end: range.end, text: TEXT.slice(range.start, range.end), note: '', attributes: {}, clusterId: null, annotatorId: 1 }) as Annotation;

const ctxOf = (reader: ReturnType<typeof fakeReader>, c: ReturnType<typeof fakeCommands>, selected: Annotation | null = null): LabelKeyContext => ({
  reader: () => reader.handle,
  doc: doc(1, { text: TEXT }),
  active: true,
  selected,
  commands: c.commands,
});

test('the tagged text stays selected until the tag is stored, then is cleared before the span is drawn', async () => {
  const key = createLabelKey();
  const reader = fakeReader({ start: 0, end: 11 });
  const c = fakeCommands();
  key(ctxOf(reader, c), claim, false);
  assert.deepEqual(c.calls, ['tag 1 0-11']);
  assert.equal(reader.cleared, 0, 'no frame of its own for clearing the selection while the tag is on its way');
  await c.answer(0, stored(7, 1, { start: 0, end: 11 }));
  assert.equal(reader.cleared, 1);
});

test('the same text keyed again before the tag is stored: one tag, relabelled once stored (no duplicate)', async () => {
  const key = createLabelKey();
  const reader = fakeReader({ start: 0, end: 11 });
  const c = fakeCommands();
  key(ctxOf(reader, c), claim, false);
  key(ctxOf(reader, c), speaker, false);
  key(ctxOf(reader, c), claim, false);
  key(ctxOf(reader, c), speaker, false);
  assert.deepEqual(c.calls, ['tag 1 0-11']);
  await c.answer(0, stored(7, 1, { start: 0, end: 11 }));
  assert.deepEqual(c.calls, ['tag 1 0-11', 'update 7 label 2']);
  // Once stored, the next tag of other text is a tag of its own.
  reader.selection = { start: 36, end: 49 };
  key(ctxOf(reader, c), claim, false);
  assert.equal(c.calls.at(-1), 'tag 1 36-49');
});

test('a tag the backend refuses leaves the text selected, to try again', async () => {
  const key = createLabelKey();
  const reader = fakeReader({ start: 0, end: 11 });
  const c = fakeCommands();
  key(ctxOf(reader, c), claim, false);
  await c.answer(0, null);
  assert.equal(reader.cleared, 0);
  assert.deepEqual(reader.selection, { start: 0, end: 11 });
  key(ctxOf(reader, c), claim, false);
  assert.deepEqual(c.calls, ['tag 1 0-11', 'tag 1 0-11']);
});

test('text selected again meanwhile, or another document opened, is not cleared by the earlier tag', async () => {
  const key = createLabelKey();
  const reader = fakeReader({ start: 0, end: 11 });
  const c = fakeCommands();
  key(ctxOf(reader, c), claim, false);
  reader.selection = { start: 36, end: 49 };
  await c.answer(0, stored(7, 1, { start: 0, end: 11 }));
  assert.equal(reader.cleared, 0);
  assert.deepEqual(reader.selection, { start: 36, end: 49 });

  const other = fakeReader({ start: 0, end: 11 });
  let current = reader;
  const ctx = { ...ctxOf(reader, c), reader: () => current.handle };
  key(ctx, claim, false);
  current = other;
  await c.answer(1, stored(8, 1, { start: 36, end: 49 }));
  assert.equal(other.cleared, 0);
});

test('a selection snapped to whole words; nothing to tag clears it; no selection relabels the selected annotation', async () => {
  const key = createLabelKey();
  const c = fakeCommands();
  // "ia Lop" grows to "Maria Lopez"; with Alt (exact) it stays as selected.
  key(ctxOf(fakeReader({ start: 3, end: 9 }), c), claim, false);
  key(ctxOf(fakeReader({ start: 3, end: 9 }), c), claim, true);
  assert.deepEqual(c.calls, ['tag 1 0-11', 'tag 1 3-9']);
  const blank = fakeReader({ start: 11, end: 12 });
  key(ctxOf(blank, c), claim, false);
  assert.equal(blank.cleared, 1);
  assert.equal(c.calls.length, 2);
  key(ctxOf(fakeReader(null), c, stored(9, 1, { start: 0, end: 5 })), speaker, false);
  assert.equal(c.calls.at(-1), 'update 9 label 2');
  // Outside the documents view a label key does nothing.
  key({ ...ctxOf(fakeReader({ start: 0, end: 11 }), c), active: false }, claim, false);
  assert.equal(c.calls.length, 3);
});

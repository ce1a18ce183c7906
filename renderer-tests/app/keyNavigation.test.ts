import { test } from 'node:test';
import assert from 'node:assert/strict';
import { neighbourAnnotation, neighbourDoc, nextUndone, stepOrigin, type PendingStep } from '../../renderer/app/keyNavigation';
import type { Annotation } from '../../common/model';

const ann = (id: number, labelId: number, start: number) => ({ id, labelId, start, end: start + 3 }) as Annotation;
/** The list as shown (ids in order); 1 and 5 are done. */
const docs = [3, 1, 7, 5];
const undone = new Set([3, 7]);

test('neighbourDoc follows the list as shown and stops at its ends', () => {
  assert.equal(neighbourDoc(docs, 3, 1), 1);
  assert.equal(neighbourDoc(docs, 7, -1), 1);
  assert.equal(neighbourDoc(docs, 5, 1), null);
  assert.equal(neighbourDoc(docs, 3, -1), null);
  assert.equal(neighbourDoc(docs, null, 1), 3);
  assert.equal(neighbourDoc(docs, null, -1), 5);
  // The open document was filtered out of the list: ] starts from the top.
  assert.equal(neighbourDoc(docs, 99, 1), 3);
  assert.equal(neighbourDoc([], null, 1), null);
});

test('nextUndone looks after the open document first, then from the top', () => {
  assert.equal(nextUndone(docs, 3, undone), 7);
  assert.equal(nextUndone(docs, 7, undone), 3);
  assert.equal(nextUndone([1, 2], 1, new Set([1])), null);
  // The open document is no longer listed: the first undone from the top.
  assert.equal(nextUndone(docs, 99, undone), 3);
});

test('neighbourAnnotation steps in reading order and skips hidden labels', () => {
  const anns = [ann(10, 1, 0), ann(11, 2, 5), ann(12, 1, 9)];
  assert.equal(neighbourAnnotation(anns, 10, 1)?.id, 11);
  assert.equal(neighbourAnnotation(anns, 10, 1, [2])?.id, 12);
  assert.equal(neighbourAnnotation(anns, 12, 1), null);
  assert.equal(neighbourAnnotation(anns, 11, -1)?.id, 10);
  assert.equal(neighbourAnnotation(anns, null, 1)?.id, 10);
  assert.equal(neighbourAnnotation(anns, null, -1)?.id, 12);
  assert.equal(neighbourAnnotation(anns, null, 1, [1, 2]), null);
});

test('] held down: each press counts from the document the last press is still opening (a tester: ten presses 30 ms apart moved one document)', () => {
  let pending: PendingStep | null = null;
  let open: number | null = 3;
  const press = () => {
    const to = neighbourDoc(docs, stepOrigin(pending, open), 1)!;
    pending = { from: open, to };
    return to;
  };
  assert.deepEqual([press(), press(), press()], [1, 7, 5], 'three presses before any document opened');
  open = 5; // the last open lands
  assert.equal(stepOrigin(pending, open), 5);
  // A document opened some other way (a click) meanwhile is where the next press counts from.
  pending = { from: 5, to: 3 };
  open = 1;
  assert.equal(stepOrigin(pending, open), 1);
  assert.equal(stepOrigin(null, null), null);
});

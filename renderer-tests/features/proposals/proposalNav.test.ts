import { test } from 'node:test';
import assert from 'node:assert/strict';
import { afterDecision, neighbourProposal, proposalAt } from '../../../renderer/features/proposals/proposalNav';

// A claim with a figure inside it, and a speaker after them (text order, as proposals.forDocument returns them).
const claim = { id: 1, start: 0, end: 40 };
const figure = { id: 2, start: 10, end: 25 };
const speaker = { id: 3, start: 60, end: 74 };
const list = [claim, figure, speaker];

test('the proposal under the caret is the innermost one there; either end counts; none off every proposal', () => {
  assert.equal(proposalAt(list, 12), figure);
  assert.equal(proposalAt(list, 5), claim);
  assert.equal(proposalAt(list, 25), figure, 'a caret right after the last character');
  assert.equal(proposalAt(list, 60), speaker, 'a caret before the first character');
  assert.equal(proposalAt(list, 50), null);
  assert.equal(proposalAt(list, null), null, 'no caret in the text');
});

test('Shift+J / Shift+K go from the current proposal in text order and stop at either end', () => {
  assert.equal(neighbourProposal(list, 1, null, 1), figure);
  assert.equal(neighbourProposal(list, 2, null, 1), speaker);
  assert.equal(neighbourProposal(list, 3, null, 1), null);
  assert.equal(neighbourProposal(list, 2, null, -1), claim);
  assert.equal(neighbourProposal(list, 1, null, -1), null);
});

test('with none current they go from the caret (or from either end of the document)', () => {
  assert.equal(neighbourProposal(list, null, 45, 1), speaker);
  assert.equal(neighbourProposal(list, null, 45, -1), figure);
  assert.equal(neighbourProposal(list, null, null, 1), claim);
  assert.equal(neighbourProposal(list, null, null, -1), speaker);
  assert.equal(neighbourProposal([], null, null, 1), null);
  // A current id that is gone (decided elsewhere) counts as none.
  assert.equal(neighbourProposal(list, 99, 45, 1), speaker);
});

test('after a decision the next open proposal in reading order becomes current, else the last one left, else none', () => {
  assert.equal(afterDecision(list, [2], 10), speaker);
  assert.equal(afterDecision(list, [3], 60), figure);
  assert.equal(afterDecision(list, [1, 2, 3], 0), null);
});

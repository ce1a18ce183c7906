import { test } from 'node:test';
import assert from 'node:assert/strict';
import { afterDecision, cardTop, CARD_GAP, CARD_MARGIN, clickedProposal, neighbourProposal, proposalAt } from '../../../renderer/features/proposals/proposalNav';

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

test('a click on a figure inside a claim makes the figure current; clicked again, the claim; then the figure again', () => {
  // Outer-first, as the click handler reports them; 9 is the analyst's own span there (not a proposal).
  const ids = [claim.id, 9, figure.id];
  const isProposal = (id: number) => id !== 9;
  assert.equal(clickedProposal(ids, isProposal, null), figure.id);
  assert.equal(clickedProposal(ids, isProposal, figure.id), claim.id);
  assert.equal(clickedProposal(ids, isProposal, claim.id), figure.id);
  assert.equal(clickedProposal(ids, isProposal, speaker.id), figure.id, 'another proposal current: the innermost here');
  assert.equal(clickedProposal([9], isProposal, figure.id), null, 'no proposal under the click');
});

test("the proposal's card leaves the proposal's line and its neighbours free where the reader has room", () => {
  const view = { top: 100, bottom: 800 };
  // A one-line proposal at y 300..330 (lines 30 px tall), a card 120 px high.
  const line = { top: 300, bottom: 330, height: 30 };
  assert.equal(cardTop(line, line, 120, view), 330 + 30 + CARD_GAP, 'below, the next line left free');
  // Near the reader's bottom: above, the line before left free.
  const low = { top: 640, bottom: 670, height: 30 };
  assert.equal(cardTop(low, low, 120, view), 640 - 30 - CARD_GAP - 120);
  // No room a line away on either side: right against it, below first.
  const tight = { top: 100, bottom: 800 - 120 - CARD_MARGIN - CARD_GAP, height: 30 };
  assert.equal(cardTop(tight, tight, 120, view), tight.bottom + CARD_GAP);
  // A reader shorter than the card: below, against it.
  assert.equal(cardTop(line, line, 1000, view), 330 + CARD_GAP);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { joinWords, preannotateSummary, propagateQuestion, proposalName, provenance } from '../../../renderer/features/proposals/summary';

const report = (over: Partial<Parameters<typeof preannotateSummary>[0]> = {}) => ({
  documents: 5,
  proposals: { claim: 15, figure: 41, speaker: 12 },
  links: { 'said-by': 10, cites: 4 },
  skipped: { figure: 2, claim: 1 },
  cancelled: false,
  notes: [],
  ...over,
});

test("a run's summary, as the issue words it: labels in the order they run, what was skipped", () => {
  assert.equal(preannotateSummary(report()), 'Proposed 41 figures, 12 speakers and 15 claims in 5 documents; 3 already proposed or decided.');
  assert.equal(preannotateSummary(report({ proposals: { figure: 1, speaker: 0 }, skipped: {}, documents: 1 })), 'Proposed 1 figure in 1 document.');
  assert.equal(
    preannotateSummary(report({ proposals: { figure: 0, speaker: 0, claim: 0 }, skipped: { figure: 68 } })),
    'Nothing new to propose in 5 documents; 68 already proposed or decided.',
  );
  assert.match(preannotateSummary(report({ cancelled: true, documents: 3 })), /^Proposed .* in 3 documents; 3 already proposed or decided\. Cancelled: what was proposed stays/);
});

test('the question before tagging every occurrence, as the issue words it', () => {
  assert.deepEqual(propagateQuestion({ text: 'Rudskoy', occurrences: 7, documents: 4, already: 2 }), {
    facts: '“Rudskoy” occurs 7 more times in 4 documents (2 already tagged or proposed).',
    question: 'Propose them?',
  });
  assert.deepEqual(propagateQuestion({ text: 'Rudskoy', occurrences: 1, documents: 1, already: 0 }), { facts: '“Rudskoy” occurs once more in 1 document.', question: 'Propose it?' });
  assert.deepEqual(propagateQuestion({ text: 'Rudskoy', occurrences: 0, documents: 0, already: 3 }), {
    facts: '“Rudskoy” occurs nowhere else untagged (3 already tagged or proposed).',
    question: null,
  });
});

test('provenance, names and lists read as sentences', () => {
  assert.equal(provenance({ rule: 'figure/qualifier', confidence: 0.923 }), 'rule figure/qualifier · 92 % confident');
  assert.equal(provenance({ rule: '', confidence: null }), 'no provenance recorded');
  assert.equal(proposalName({ label: 'figure', text: 'at least 60 civilians' }), 'proposed figure: at least 60 civilians');
  assert.equal([...proposalName({ label: 'claim', text: 'x'.repeat(200) })].length, 'proposed claim: '.length + 80);
  assert.equal(joinWords(['a', 'b', 'c']), 'a, b and c');
  assert.equal(joinWords(['a']), 'a');
});

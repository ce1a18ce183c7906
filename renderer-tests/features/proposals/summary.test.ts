import { test } from 'node:test';
import type { Change } from '../../../renderer/state/history';
import assert from 'node:assert/strict';
import { decisionNotice, joinWords, proposalLinks, preannotateSummary, propagateDone, propagateQuestion, proposalName, provenance } from '../../../renderer/features/proposals/summary';

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
  // The report counts documents read (not those that got new proposals): the summary says "read".
  assert.equal(preannotateSummary(report()), 'Read 5 documents: proposed 41 figures, 12 speakers and 15 claims; 3 already proposed or decided.');
  assert.equal(preannotateSummary(report({ proposals: { figure: 1, speaker: 0 }, skipped: {}, documents: 1 })), 'Read 1 document: proposed 1 figure.');
  assert.equal(
    preannotateSummary(report({ proposals: { figure: 0, speaker: 0, claim: 0 }, skipped: { figure: 68 } })),
    'Read 5 documents: nothing new to propose; 68 already proposed or decided.',
  );
  assert.match(preannotateSummary(report({ cancelled: true, documents: 3 })), /^Read 3 documents: proposed .*; 3 already proposed or decided\. Cancelled: what was proposed stays/);
  // Thousands separators, whatever the machine's locale.
  assert.equal(
    preannotateSummary(report({ documents: 1200, proposals: { figure: 9301 }, skipped: { figure: 1000, claim: 234 } })),
    'Read 1,200 documents: proposed 9,301 figures; 1,234 already proposed or decided.',
  );
});

test('the question before tagging every occurrence, as the issue words it', () => {
  // The ones already tagged are not among the new places (the new user read "73 … (72 already …)" as a part of 73).
  assert.deepEqual(propagateQuestion({ text: 'Rudskoy', occurrences: 73, documents: 73, already: 72 }), {
    facts: '“Rudskoy”: 73 new places in 73 documents to propose (72 more are already tagged, proposed or decided).',
    question: 'Propose them?',
  });
  assert.deepEqual(propagateQuestion({ text: 'Rudskoy', occurrences: 1, documents: 1, already: 1 }), {
    facts: '“Rudskoy”: 1 new place in 1 document to propose (1 more is already tagged, proposed or decided).',
    question: 'Propose it?',
  });
  assert.deepEqual(propagateQuestion({ text: 'Rudskoy', occurrences: 1, documents: 1, already: 0 }), { facts: '“Rudskoy”: 1 new place in 1 document to propose.', question: 'Propose it?' });
  assert.deepEqual(propagateQuestion({ text: 'Rudskoy', occurrences: 0, documents: 0, already: 3 }), {
    facts: '“Rudskoy”: no new places to propose (3 places are already tagged, proposed or decided).',
    question: null,
  });
  assert.equal(propagateQuestion({ text: 'x', occurrences: 1500, documents: 1200, already: 0 }).facts, '“x”: 1,500 new places in 1,200 documents to propose.');
});

test('what propagation did, singular and plural right', () => {
  assert.equal(propagateDone({ proposals: 1, documents: 1 }), 'Proposed 1 place in 1 document.');
  assert.equal(propagateDone({ proposals: 12, documents: 3 }), 'Proposed 12 places in 3 documents.');
});

test('provenance, names and lists read as sentences', () => {
  assert.equal(provenance({ rule: 'figure/qualifier', confidence: 0.923 }), 'rule figure/qualifier · 92% confident');
  assert.equal(provenance({ rule: '', confidence: null }), 'no provenance recorded');
  assert.equal(proposalName({ label: 'figure', text: 'at least 60 civilians' }), 'proposed figure: at least 60 civilians');
  assert.equal([...proposalName({ label: 'claim', text: 'x'.repeat(200) })].length, 'proposed claim: '.length + 80);
  assert.equal(joinWords(['a', 'b', 'c']), 'a, b and c');
  assert.equal(joinWords(['a']), 'a');
});

test('undoing or redoing a decision says so; other steps say nothing here', () => {
  const decided = { created: [], links: [], decisions: [] };
  type Decide = Extract<Change, { kind: 'decide' }>;
  const reject: Decide = { kind: 'decide', ids: [4], decision: 'reject', decided };
  const acceptAll: Decide = { kind: 'decide', ids: [4, 5, 6], decision: 'accept', decided };
  const accept: Decide = { ...acceptAll, ids: [4] };
  const undo = (c: Decide): Change => ({ ...c, kind: 'undecide' });
  assert.equal(decisionNotice({ past: [reject], future: [] }, { past: [], future: [undo(reject)] }), 'Rejection undone');
  assert.equal(decisionNotice({ past: [accept], future: [] }, { past: [], future: [undo(accept)] }), 'Accept undone');
  assert.equal(decisionNotice({ past: [acceptAll], future: [] }, { past: [], future: [undo(acceptAll)] }), 'Accept of 3 proposals undone');
  assert.equal(decisionNotice({ past: [], future: [undo(reject)] }, { past: [reject], future: [] }), 'Rejection redone');
  assert.equal(decisionNotice({ past: [], future: [] }, { past: [reject], future: [] }), null, 'a new decision (it says what it did itself)');
  const edit: Change = { kind: 'dismiss', annotationId: 1, key: 'k' };
  assert.equal(decisionNotice({ past: [edit], future: [] }, { past: [], future: [edit] }), null, 'another edit undone');
});

test("a proposal's links as its card says them: a claim's own, and those pointing at a figure", () => {
  const types = [
    { id: 1, name: 'said-by', directed: true, transitive: false, color: '#000000', position: 0 },
    { id: 2, name: 'cites', directed: true, transitive: false, color: '#000000', position: 1 },
  ];
  const ann = (id: number, label: string, text: string) => ({
    annotation: { id, text } as never,
    label,
    docTitle: 'd',
    docDate: null,
    docSource: null,
    context: text,
    contextStart: 0,
    contextEnd: text.length,
    clusterName: null,
  });
  const link = (id: number, fromId: number, toId: number, typeId: number) => ({ id, fromId, toId, typeId, createdAt: '', annotatorId: 9 });
  const claim = [
    { link: link(1, 10, 11, 1), other: ann(11, 'speaker', 'Sergey Rudskoy') },
    { link: link(2, 10, 12, 2), other: ann(12, 'figure', '60 civilians') },
    { link: link(3, 10, 13, 2), other: ann(13, 'figure', '200 injured') },
  ];
  assert.equal(proposalLinks(10, claim, types), 'said by: Sergey Rudskoy · cites: 60 civilians, 200 injured');
  const claimText = 'At least 60 civilians were killed in the strikes on the eastern districts of the city';
  assert.equal(proposalLinks(12, [{ link: link(2, 10, 12, 2), other: ann(10, 'claim', claimText) }], types), 'cited by: claim “At least 60 civilians were killed in th…”');
  assert.equal(proposalLinks(11, [{ link: link(1, 10, 11, 1), other: ann(10, 'claim', 'x') }], types), 'says: claim “x”');
  assert.equal(proposalLinks(10, [], types), '');
});

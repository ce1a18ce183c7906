import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countOf, formatCount, matchVerb } from '../../renderer/format/count';

test('counts are grouped as the locale groups them (issue 15: "Documents 100001" read as a 100k project)', () => {
  assert.equal(formatCount(100001, 'en'), '100,001');
  assert.equal(formatCount(999, 'en'), '999');
  assert.equal(formatCount(10000, 'de'), '10.000');
  assert.equal(formatCount(100001, 'fr').replace(/\s/g, ' '), '100 001');
});

test('the noun and the verb agree with the number', () => {
  assert.equal(countOf(1, 'document', undefined, 'en'), '1 document');
  assert.equal(countOf(0, 'document', undefined, 'en'), '0 documents');
  assert.equal(countOf(50000, 'mention', undefined, 'en'), '50,000 mentions');
  assert.equal(countOf(2, 'match', 'matches', 'en'), '2 matches');
  assert.equal(`1 document ${matchVerb(1)}`, '1 document matches');
  assert.equal(`2 documents ${matchVerb(2)}`, '2 documents match');
});

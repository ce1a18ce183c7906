import { test } from 'node:test';
import assert from 'node:assert/strict';
import { indexVocabulary, type VocabularySource } from './vocabulary.js';
import { similarTerms } from './names.js';

/** A vocabulary source over an in-memory corpus, recording what it was asked to read. */
function corpus(terms: string[][]) {
  const docs = [...terms];
  const asked: string[] = [];
  const source: VocabularySource = {
    lastDocumentId: () => docs.length,
    termsBetween(lo, hi) {
      asked.push(`range ${lo}`);
      return [...new Set(docs.flat())].filter((t) => t >= lo && t < hi);
    },
    termsOfDocuments(after, upTo) {
      asked.push(`documents ${after}..${upTo}`);
      return docs.slice(after, upTo).flat();
    },
  };
  return { docs, asked, source };
}

test('a name reads only the ranges its variants may start in, once; new documents are added from their own terms', () => {
  const { docs, asked, source } = corpus([['rudskoy', 'mosul'], ['rutskoy', 'aleppo'], ['рудской', 'kharkiv']]);
  const v = indexVocabulary(source);
  const variants = () => similarTerms('rudskoy', v.candidatesFor('rudskoy')).map((t) => t.term);
  assert.deepEqual(variants(), ['рудской', 'rutskoy']);
  assert.deepEqual(asked, ['range r', 'range \u0080'], 'r (its own class) and the terms beyond ASCII');
  variants();
  assert.equal(asked.length, 2, 'kept');
  docs.push(['rudskoi']);
  assert.deepEqual(variants(), ['rudskoi', 'рудской', 'rutskoy']);
  assert.deepEqual(asked.slice(2), ['documents 3..4'], 'the new document only');
});

test('after a large import the kept ranges are read again when needed', () => {
  const { docs, asked, source } = corpus([['kirby']]);
  const v = indexVocabulary(source);
  assert.deepEqual([...v.candidatesFor('kirbi')], ['kirby']);
  for (let i = 0; i < 2500; i++) docs.push([`k${i}`]);
  asked.length = 0;
  assert.ok([...v.candidatesFor('kirbi')].includes('k2499'));
  assert.ok(!asked.some((a) => a.startsWith('documents')), 'not term by term');
  assert.ok(asked.includes('range k'));
});

test('warming reads every range in slices by second letter; a name then reads nothing, with the same variants', () => {
  const terms = [['rudskoy', 'mosul', 'konashenkov'], ['rutskoy', 'aleppo', 'konashenkoff', 'conashenkov'], ['рудской', 'kharkiv', 'r2d2']];
  const cold = corpus(terms);
  const expected = similarTerms('konashenkov', indexVocabulary(cold.source).candidatesFor('konashenkov')).map((t) => t.term);
  assert.deepEqual(expected, ['konashenkoff', 'conashenkov']);

  const { asked, source } = corpus(terms);
  const v = indexVocabulary(source);
  let steps = 0;
  while (v.warmStep()) steps++;
  assert.ok(steps > 27 * 26, `${steps} slices`);
  assert.ok(asked.includes('range ka') && asked.includes('range kb'), 'a range is read a second letter at a time');
  asked.length = 0;
  assert.deepEqual(similarTerms('konashenkov', v.candidatesFor('konashenkov')).map((t) => t.term), expected);
  assert.deepEqual(similarTerms('rudskoy', v.candidatesFor('rudskoy')).map((t) => t.term), ['рудской', 'rutskoy']);
  assert.deepEqual(asked, [], 'everything was read while warming');
});

test('a range asked for while it is half warmed reads only its missing slices, and still finds every term', () => {
  const { docs, asked, source } = corpus([['kirby', 'kzar', 'k9']]);
  const v = indexVocabulary(source);
  for (let i = 0; i < 5; i++) v.warmStep(); // 'k', 'ka'..'kd' of range k
  assert.deepEqual(asked, ['range k', 'range ka', 'range kb', 'range kc', 'range kd']);
  docs.push(['kirbi']);
  asked.length = 0;
  assert.deepEqual([...v.candidatesFor('kirbi')].filter((t) => t.startsWith('k')).sort(), ['k9', 'kirbi', 'kirby', 'kzar']);
  assert.ok(asked.includes('range ke') && !asked.includes('range ka') && !asked.includes('range k'), asked.join(', '));
});

test('warmInBackground stops when asked, and at the first error (a closed project)', async () => {
  let reads = 0;
  const v = indexVocabulary({
    lastDocumentId: () => 1,
    termsBetween: () => {
      reads++;
      throw new Error('The database connection is not open');
    },
    termsOfDocuments: () => [],
  });
  v.warmInBackground(() => true, 0);
  await new Promise((r) => setTimeout(r, 30));
  assert.equal(reads, 1);
  const stopped = corpus([['a']]);
  const stop = indexVocabulary(stopped.source).warmInBackground(() => true, 10);
  stop();
  await new Promise((r) => setTimeout(r, 30));
  assert.deepEqual(stopped.asked, [], 'stopped before its first slice');
  const running = corpus([['a']]);
  indexVocabulary(running.source).warmInBackground(() => true, 0);
  await new Promise((r) => setTimeout(r, 30));
  assert.equal(running.asked[0], 'range k', 'not stopped: it reads, the commonest initials of names first');
});

test('warmInBackground reads nothing while the thread is busy, and goes on once it is idle', async () => {
  const { asked, source } = corpus([['kirby']]);
  let busy = true;
  const stop = indexVocabulary(source).warmInBackground(() => !busy, 0);
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(asked.length, 0, 'busy: nothing read');
  busy = false;
  await new Promise((r) => setTimeout(r, 400));
  assert.ok(asked.includes('range k'), asked.join(', '));
  stop();
});

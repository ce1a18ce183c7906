import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { BM25_HALF, normaliseBm25, scoreCandidate, WEIGHTS, type CandidateInput } from './score.js';
import { charsRead } from '../count-calls.test-helpers.js';

const close = (actual: number, expected: number, eps = 1e-9) =>
  assert.ok(Math.abs(actual - expected) < eps, `${actual} is not ≈ ${expected}`);
const score = (input: Partial<CandidateInput> & Pick<CandidateInput, 'label' | 'sourceText' | 'candidateText'>) =>
  scoreCandidate({ sameLabelAnnotated: false, ...input });

const CLAIM = '60 civilians killed, 200 injured';
const RETOLD = 'Over 60 civilians have been killed and at least 200 injured';

describe('normaliseBm25', () => {
  test('relative to the best score of the result set', () => {
    assert.equal(normaliseBm25(-4, -8), 0.5);
    assert.equal(normaliseBm25(-8, -8), 1);
    assert.equal(normaliseBm25(-12, -8), 1); // clamped
  });
  test('a fixed curve without a usable best; nothing for non-matches', () => {
    assert.equal(normaliseBm25(-BM25_HALF, 0), 0.5);
    assert.equal(normaliseBm25(-BM25_HALF, NaN), 0.5);
    assert.equal(normaliseBm25(0, -8), 0);
    assert.equal(normaliseBm25(3, -8), 0);
    assert.equal(normaliseBm25(NaN, -8), 0);
    assert.equal(normaliseBm25(-Infinity, -8), 0);
  });
});

describe('the weights', () => {
  test('each row sums to 1', () => {
    for (const row of Object.values(WEIGHTS)) close(Object.values(row).reduce((a, b) => a + b, 0), 1);
  });
});

describe('scoreCandidate: speakers', () => {
  test('mostly name similarity, plus the annotated bonus', () => {
    const r = score({ label: 'speaker', sourceText: 'Sergey Rudskoy', candidateText: 'Gen. Sergey Rutskoy', sameLabelAnnotated: true });
    assert.deepEqual(r.reasons, ['name ≈ 0.92', 'already annotated as speaker']);
    assert.ok(r.score > 0.9 && r.score < 1);
    const passage = score({ label: 'speaker', sourceText: 'Sergey Rudskoy', candidateText: 'Sergey Rutskoy' });
    close(r.score - passage.score, WEIGHTS.speaker.annotated);
    const other = score({ label: 'speaker', sourceText: 'Sergey Rudskoy', candidateText: 'Igor Konashenkov', sameLabelAnnotated: true });
    assert.ok(other.score < 0.5, String(other.score));
  });
  test('label case does not matter', () => {
    assert.deepEqual(
      score({ label: 'Speaker', sourceText: 'Putin', candidateText: 'Vladimir Putin' }),
      score({ label: 'speaker', sourceText: 'Putin', candidateText: 'Vladimir Putin' }),
    );
  });
});

describe('scoreCandidate: claims', () => {
  test('a retelling with agreeing figures: bm25 + figures + overlap', () => {
    const r = score({ label: 'claim', sourceText: CLAIM, candidateText: RETOLD, bm25: -9, bm25Best: -10 });
    close(r.score, 0.4 * 0.9 + 0.2 * 1 + 0.3 * 1);
    assert.deepEqual(r.reasons, ['text match ≈ 0.90', 'figures agree: 60 ~ over 60, 200 ~ at least 200', 'shares 5 key words']);
  });

  test('conflicting figures lower the score and are named', () => {
    const agree = score({ label: 'claim', sourceText: CLAIM, candidateText: '60 civilians killed, 200 injured in Mosul', bm25: 0.9 });
    const conflict = score({ label: 'claim', sourceText: CLAIM, candidateText: '100 civilians killed, 200 injured in Mosul', bm25: 0.9 });
    assert.ok(conflict.score < agree.score);
    // Half the figures conflict (figures 1 → 0.5), and "100" is not a shared key word (overlap 5/6 → 4/7).
    close(agree.score - conflict.score, WEIGHTS.claim.figures * 0.5 + WEIGHTS.claim.overlap * (5 / 6 - 4 / 7));
    assert.ok(conflict.reasons.includes('figures conflict: 60 vs 100'), conflict.reasons.join(' | '));
    assert.ok(conflict.reasons.includes('figures agree: 200 ~ 200'));
  });

  test('bm25 given already normalised (0..1) or raw (negative)', () => {
    const normalised = score({ label: 'claim', sourceText: CLAIM, candidateText: RETOLD, bm25: 0.5 });
    const raw = score({ label: 'claim', sourceText: CLAIM, candidateText: RETOLD, bm25: -4, bm25Best: -8 });
    close(normalised.score, raw.score);
    const curve = score({ label: 'claim', sourceText: CLAIM, candidateText: RETOLD, bm25: -BM25_HALF });
    close(curve.score, normalised.score);
  });

  test('without bm25 or source figures, their weight moves to word overlap', () => {
    const noBm25 = score({ label: 'claim', sourceText: CLAIM, candidateText: RETOLD });
    close(noBm25.score, 0.2 * 1 + 0.7 * 1);
    assert.ok(!noBm25.reasons.some((r) => r.startsWith('text match')));
    const words = score({ label: 'claim', sourceText: 'smart bombs over Mosul', candidateText: 'so-called smart bombs hit Mosul' });
    // {smart, bombs, mosul} against {called, smart, bombs, hit, mosul}: Jaccard 3/5, weighted 0.3 + 0.4 + 0.2.
    close(words.score, 0.9 * (3 / 5));
    assert.deepEqual(words.reasons, ['shares 3 key words']);
  });

  test('the annotated bonus, for any label name', () => {
    const plain = score({ label: 'quote', sourceText: CLAIM, candidateText: RETOLD, bm25: 0.5 });
    const tagged = score({ label: 'quote', sourceText: CLAIM, candidateText: RETOLD, bm25: 0.5, sameLabelAnnotated: true });
    close(tagged.score - plain.score, WEIGHTS.claim.annotated);
    assert.equal(tagged.reasons[tagged.reasons.length - 1], 'already annotated as quote');
  });

  test('unrelated, empty, and always within 0..1', () => {
    assert.deepEqual(score({ label: 'claim', sourceText: CLAIM, candidateText: 'Putin compared the operation in Aleppo to attack on Mosul' }), {
      score: 0,
      reasons: [],
    });
    assert.deepEqual(score({ label: 'claim', sourceText: '', candidateText: '' }), { score: 0, reasons: [] });
    const max = score({ label: 'claim', sourceText: CLAIM, candidateText: CLAIM, bm25: -100, bm25Best: -1, sameLabelAnnotated: true });
    assert.equal(max.score, 1);
  });
});

describe('scoreCandidate: figures', () => {
  test('figure agreement and context words', () => {
    const r = score({ label: 'figure', sourceText: '60 civilians', candidateText: 'Over 60 civilians' });
    close(r.score, 0.55 + 0.3);
    assert.deepEqual(r.reasons, ['figures agree: 60 ~ over 60', 'shares 1 key word']);
    const conflict = score({ label: 'figure', sourceText: '60 civilians', candidateText: '100 civilians' });
    close(conflict.score, 0.3);
    assert.deepEqual(conflict.reasons, ['figures conflict: 60 vs 100', 'shares 1 key word']);
    const compatible = score({ label: 'figure', sourceText: 'at least 60 civilians', candidateText: '70 civilians' });
    close(compatible.score, 0.55 * 0.5 + 0.3);
    assert.deepEqual(compatible.reasons, ['figures compatible: at least 60 ~ 70', 'shares 1 key word']);
  });

  test('a bare figure puts all of its weight on the number', () => {
    const r = score({ label: 'figure', sourceText: 'about 200', candidateText: '190 people', sameLabelAnnotated: true });
    close(r.score, 1);
    assert.deepEqual(r.reasons, ['figures agree: about 200 ~ 190', 'already annotated as figure']);
  });
});

describe('scoreCandidate: work', () => {
  // Counted rather than timed (a clock flakes on a busy machine): characters read with charCodeAt, which figure
  // extraction and key-term tokenising use for every character they look at.
  test('the source side is computed once, not per candidate', () => {
    const long = CLAIM + ' ' + 'according to officials in the region '.repeat(2000); // 74 kB
    const candidate = (sourceText: string) => () => score({ label: 'claim', sourceText, candidateText: RETOLD, bm25: -3 });
    const cold = charsRead(candidate(long));
    assert.ok(cold >= long.length, `${cold} characters read for a new source of ${long.length}`);
    const warm = charsRead(candidate(long));
    // Once the source is known, a candidate costs what it costs against a 32-character source.
    charsRead(candidate(CLAIM)); // CLAIM becomes the known source
    assert.ok(warm > 0);
    assert.equal(warm, charsRead(candidate(CLAIM)));
  });

  test('thousands of candidates against one source: the work per candidate does not grow', () => {
    const sentences = [
      RETOLD,
      'At least 60 civilians were killed and another 200 injured during three days of US-led coalition airstrikes on residential areas in the Iraqi city of Mosul, according to the Russian MoD.',
      'Earlier Iraqi media outlets reported that the March 17 bombing of Mosul killed about 200 civilians.',
      'The coalition’s statement, released on Saturday, April 1, said she is guilty in the death of at least 396 civilians in the years 2014-2017 in Iraq and Syria to the air strikes.',
    ];
    let total = 0;
    const run = (from: number, to: number) => () => {
      for (let i = from; i < to; i++) {
        total += score({ label: 'claim', sourceText: CLAIM, candidateText: sentences[i % 4] + ` ${i}`, bm25: -i / 500 }).score;
      }
    };
    const first = charsRead(run(0, 2500));
    const second = charsRead(run(2500, 5000));
    assert.ok(total > 0);
    // The same sentences again (only the appended number is a digit or so longer): the same work, give or take.
    assert.ok(first > 0 && second <= 1.1 * first, `${first} characters read for the first 2,500 candidates, ${second} for the next`);
  });
});

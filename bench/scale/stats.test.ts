import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FLOOR_MS, growthExponent, median, percentile } from './stats.js';

test('median: middle value, mean of the two middle ones for an even count, NaN for none', () => {
  assert.equal(median([5, 1, 3]), 3);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.ok(Number.isNaN(median([])));
});

test('percentile: nearest rank, so p95 of 50 calls is the 48th smallest', () => {
  const xs = Array.from({ length: 50 }, (_, i) => 50 - i); // 50..1, unsorted order
  assert.equal(percentile(xs, 95), 48);
  assert.equal(percentile(xs, 100), 50);
  assert.equal(percentile(xs, 0), 1);
  assert.equal(percentile([7], 95), 7);
  assert.throws(() => percentile(xs, 101), /within 0..100/);
});

test('growth exponent: 0 for a flat cost, 1 for a cost proportional to the corpus, 0.5 for a square root', () => {
  const sizes = [1000, 10_000, 100_000];
  assert.equal(growthExponent(sizes.map((size) => ({ size, cost: 12 }))), 0);
  assert.ok(Math.abs(growthExponent(sizes.map((size) => ({ size, cost: size / 100 })))! - 1) < 1e-12);
  assert.ok(Math.abs(growthExponent(sizes.map((size) => ({ size, cost: Math.sqrt(size) })))! - 0.5) < 1e-12);
});

test('growth exponent: least squares over noisy points', () => {
  // log10 costs 0, 1.2, 2 at log10 sizes 3, 4, 5: slope = Σ(dx·dy)/Σdx² = (−1·−1.0667 + 0 + 1·0.9333)/2 = 1.
  const e = growthExponent([
    { size: 1000, cost: 1 },
    { size: 10_000, cost: 10 ** 1.2 },
    { size: 100_000, cost: 100 },
  ]);
  assert.ok(Math.abs(e! - 1) < 1e-12);
});

test('growth exponent: a zero cost is floored, not -Infinity; fewer than two sizes or an unknown cost gives null', () => {
  const e = growthExponent([
    { size: 1000, cost: 0 },
    { size: 10_000, cost: FLOOR_MS * 10 },
  ]);
  assert.ok(Math.abs(e! - 1) < 1e-12);
  assert.equal(growthExponent([{ size: 1000, cost: 3 }]), null);
  assert.equal(growthExponent([{ size: 1000, cost: 3 }, { size: 1000, cost: 4 }]), null);
  assert.equal(growthExponent([{ size: 1000, cost: 3 }, { size: 10_000, cost: NaN }]), null);
});

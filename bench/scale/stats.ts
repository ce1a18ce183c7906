// The arithmetic of `npm run bench -- scale` (issue 15): medians and percentiles of repeated timings, and the
// growth exponent, the least-squares slope of log(cost) against log(corpus size) that tells a per-request
// operation that costs the same at every size (≈ 0) from one that reads the whole corpus (≈ 1).

/** Costs below this (ms) count as this in logarithms: a 0 ms median would otherwise give -Infinity and a NaN slope. */
export const FLOOR_MS = 0.01;

/** The median of `xs` (the mean of the two middle values for an even count); NaN for none. */
export function median(xs: readonly number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * The `p`-th percentile (0..100) of `xs` by the nearest-rank method (the smallest value with at least p % of the
 * values at or below it): p95 of 50 calls is the 48th smallest. NaN for none.
 */
export function percentile(xs: readonly number[], p: number): number {
  if (!xs.length) return NaN;
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0..100, got ${p}`);
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)];
}

/**
 * The growth exponent of a cost over corpus sizes: the least-squares slope of log(cost) against log(size), so that
 * cost ≈ c · size^exponent. Costs are floored at FLOOR_MS. Null with fewer than two distinct sizes or when a cost
 * is not a finite number (an operation that could not be measured at some size).
 */
export function growthExponent(points: readonly { size: number; cost: number }[]): number | null {
  const usable = points.filter((p) => p.size > 0);
  if (usable.some((p) => !Number.isFinite(p.cost))) return null;
  if (new Set(usable.map((p) => p.size)).size < 2) return null;
  const xs = usable.map((p) => Math.log(p.size));
  const ys = usable.map((p) => Math.log(Math.max(FLOOR_MS, p.cost)));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return num / den;
}

/** Rounds to `digits` decimals (for the table and the JSON; the arithmetic keeps full precision). */
export function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

import { createHash } from 'node:crypto';
import type { Split } from '../formats/types.js';

export interface SplitRatios {
  train: number;
  dev: number;
  test: number;
  seed: number;
}

/**
 * Which split a document goes to: a hash of (seed, document id) read as a number in [0, 1), cut by the ratios.
 * Deterministic and independent of order, so adding documents never moves the old ones between splits.
 * @example splitOf(42, { train: 80, dev: 10, test: 10, seed: 1 }) // 'train' | 'dev' | 'test', always the same
 */
export function splitOf(docId: number, r: SplitRatios): Split {
  const total = r.train + r.dev + r.test;
  const h = createHash('sha256').update(`${r.seed}:${docId}`).digest();
  const x = h.readUInt32BE(0) / 2 ** 32;
  if (x < r.train / total) return 'train';
  if (x < (r.train + r.dev) / total) return 'dev';
  return 'test';
}

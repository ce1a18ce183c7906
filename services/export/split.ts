import { createHash } from 'node:crypto';
import type { Split } from '../formats/types.js';

export interface SplitRatios {
  train: number;
  dev: number;
  test: number;
  seed: number;
}

const SPLITS = ['train', 'dev', 'test'] as const satisfies readonly Split[];

/** Where a document falls for `seed`: a hash of (seed, document id) read as a number in [0, 1). */
function positionOf(docId: number, seed: number): number {
  return createHash('sha256').update(`${seed}:${docId}`).digest().readUInt32BE(0) / 2 ** 32;
}

/** The part of [0, 1) each split's share covers, in the order train, dev, test. */
function intervals(r: SplitRatios): Record<Split, [number, number]> {
  const total = r.train + r.dev + r.test;
  const a = r.train / total;
  const b = (r.train + r.dev) / total;
  return { train: [0, a], dev: [a, b], test: [b, 1] };
}

/**
 * Which split a document goes to on its own: its position (a hash of seed and id) cut by the ratios.
 * Deterministic and independent of order, so adding documents never moves the old ones between splits.
 * @example splitOf(42, { train: 80, dev: 10, test: 10, seed: 1 }) // 'train' | 'dev' | 'test', always the same
 */
export function splitOf(docId: number, r: SplitRatios): Split {
  const x = positionOf(docId, r.seed);
  const iv = intervals(r);
  if (x < iv.train[1]) return 'train';
  if (x < iv.dev[1]) return 'dev';
  return 'test';
}

/**
 * The split of every document of one export. Each document goes where splitOf puts it, except that when there are
 * at least as many documents as non-zero shares, every non-zero share gets a document: an empty one takes, from a
 * split that has two or more, the document whose position lies nearest its interval (80/10/10 of six documents
 * gave train 6, dev 0, test 0 by the hash alone; here at least 4/1/1). Deterministic for a given set and seed.
 * @param docIds the export's documents, in any order
 * @returns document id → split
 */
export function assignSplits(docIds: readonly number[], r: SplitRatios): Map<number, Split> {
  const pos = new Map(docIds.map((id) => [id, positionOf(id, r.seed)]));
  const out = new Map(docIds.map((id) => [id, splitOf(id, r)]));
  const shares = SPLITS.filter((s) => r[s] > 0);
  if (docIds.length < shares.length) return out;
  const iv = intervals(r);
  const counts = new Map<Split, number>(SPLITS.map((s) => [s, 0]));
  for (const s of out.values()) counts.set(s, counts.get(s)! + 1);
  const count = (s: Split) => counts.get(s)!;
  for (const empty of shares) {
    if (count(empty) > 0) continue;
    const [lo, hi] = iv[empty];
    const distance = (x: number) => (x < lo ? lo - x : x >= hi ? x - hi : 0);
    let best: number | null = null;
    for (const id of docIds) {
      const from = out.get(id)!;
      if (from === empty || count(from) < 2) continue;
      // Nearest first; ties by id, so that the choice never depends on the order ids came in.
      if (best === null || distance(pos.get(id)!) < distance(pos.get(best)!) || (distance(pos.get(id)!) === distance(pos.get(best)!) && id < best)) best = id;
    }
    if (best === null) continue;
    counts.set(out.get(best)!, count(out.get(best)!) - 1);
    counts.set(empty, 1);
    out.set(best, empty);
  }
  return out;
}

/**
 * The splits asked for (a non-zero share) that got no document: what an export warns about, since training code
 * that reads `test/` finds nothing there.
 */
export function emptySplits(assigned: ReadonlyMap<number, Split>, r: SplitRatios): Split[] {
  const used = new Set(assigned.values());
  return SPLITS.filter((s) => r[s] > 0 && !used.has(s));
}

/** The note an export's result carries for splits that came out empty, naming them and why. */
export function emptySplitNote(empty: readonly Split[], documents: number, r: SplitRatios): string {
  const names = empty.map((s) => `${s}/`).join(' and ');
  const ratios = `${r.train}/${r.dev}/${r.test}`;
  return `${names} ${empty.length === 1 ? 'is' : 'are'} empty: ${ratios} of ${documents} document${documents === 1 ? '' : 's'} leaves no document for ${empty.join(' or ')}${documents < SPLITS.filter((s) => r[s] > 0).length ? ' (fewer documents than splits)' : ''}.`;
}

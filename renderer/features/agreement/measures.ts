/**
 * The measures the Agreement view can put in its matrix, read from one pair of an agreement report
 * (common/agreement.ts), and how a figure is written. Pure: unit-tested in renderer-tests/features/agreement/.
 */
import { scaleQuantize } from '@visx/scale';
import type { AgreementReport, PairAgreement } from '../../../common/agreement';

export interface Measure {
  /** `exact`, `overlap`, `kappa`, `conll`, `muc`, `b3`, `ceafe`, `blanc`, or `link:<type>`. */
  id: string;
  /** The name the measure picker and the cell titles use. */
  name: string;
  /** The figure of one pair, or null where it is 0/0. */
  of(pair: PairAgreement): number | null;
  /** Why this measure can be 0/0 (the title of a "—" cell). */
  nullWhy: string;
}

const SPANS_NULL = 'no spans of the compared labels on either side in the documents both annotated (0/0)';
const CLUSTERS_NULL = 'no mentions or no coreference links to score on one side (0/0)';

const clusterMeasure = (id: 'muc' | 'b3' | 'ceafe' | 'blanc', name: string): Measure => ({
  id,
  name: `${name} F1 (clusters)`,
  of: (p) => p.clusters[id].f1,
  nullWhy: CLUSTERS_NULL,
});

/**
 * Every measure the report holds, in the order the picker lists them: span measures, cluster scores, then link F1
 * for each link type some pair has (by name).
 */
export function measuresOf(report: AgreementReport): Measure[] {
  const linkTypes = [...new Set(report.pairs.flatMap((p) => Object.keys(p.links)))].sort();
  return [
    { id: 'exact', name: 'Exact span F1', of: (p) => p.spans.overall?.exactF1 ?? null, nullWhy: SPANS_NULL },
    { id: 'overlap', name: 'Overlap span F1', of: (p) => p.spans.overall?.overlapF1 ?? null, nullWhy: SPANS_NULL },
    { id: 'kappa', name: "Cohen's κ (words)", of: (p) => p.spans.overall?.kappa ?? null, nullWhy: 'every word coded the same way by both: κ is 0/0' },
    { id: 'conll', name: 'CoNLL score (clusters)', of: (p) => p.clusters.conll, nullWhy: CLUSTERS_NULL },
    clusterMeasure('muc', 'MUC'),
    clusterMeasure('b3', 'B³'),
    clusterMeasure('ceafe', 'CEAF-e'),
    clusterMeasure('blanc', 'BLANC'),
    ...linkTypes.map(
      (t): Measure => ({
        id: `link:${t}`,
        name: `${t} link F1`,
        of: (p) => p.links[t]?.f1 ?? null,
        nullWhy: `no ${t} links on either side (0/0)`,
      }),
    ),
  ];
}

/** A figure as the view writes it: two decimals, a true minus sign (κ and α can be below 0), "—" for null. */
export function formatScore(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const s = Math.abs(v).toFixed(2);
  return v < 0 && s !== '0.00' ? `−${s}` : s;
}

const band = scaleQuantize<number>({ domain: [0, 1], range: [0, 1, 2, 3, 4] });

/**
 * The colour band of a figure, 0 (poor: below 0.2, negative κ included) to 4 (0.8 and up), or null for a 0/0
 * figure. The cell writes the figure too: colour is never the only cue.
 */
export function bandOf(v: number | null): number | null {
  if (v === null || !Number.isFinite(v)) return null;
  return band(Math.min(1, Math.max(0, v)));
}

/** The mean of the figures that are not null, or null when none is. */
export function meanOf(values: (number | null | undefined)[]): number | null {
  const known = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  return known.length ? known.reduce((s, v) => s + v, 0) / known.length : null;
}

/** A pair of annotators, `a` < `b` by name as the report orders them. */
export interface PairKey {
  a: string;
  b: string;
}

/** Whether `pair` is the pair of `x` and `y`, in either order. */
export const isPair = (pair: PairKey, x: string, y: string): boolean => (pair.a === x && pair.b === y) || (pair.a === y && pair.b === x);

/** The figures of a pair in `pairs`, whichever order the names come in. */
export function findPair(pairs: PairAgreement[], x: string, y: string): PairAgreement | undefined {
  return pairs.find((p) => isPair(p, x, y));
}

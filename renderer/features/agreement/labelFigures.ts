/**
 * The per-label figures the view draws as bars: exact and overlap F1 and Cohen's κ of one pair (or the mean over
 * the pairs that have the figure), and Krippendorff's α of all compared annotators. Pure: unit-tested.
 */
import type { AgreementReport } from '../../../common/agreement';
import { findPair, meanOf, type PairKey } from './measures';

export interface LabelFigures {
  label: string;
  exactF1: number | null;
  overlapF1: number | null;
  kappa: number | null;
  alpha: number | null;
}

/** The four figures' names, in the order each label's bars are drawn. */
export const LABEL_FIGURES = [
  { key: 'exactF1', name: 'Exact F1' },
  { key: 'overlapF1', name: 'Overlap F1' },
  { key: 'kappa', name: 'κ' },
  { key: 'alpha', name: 'α' },
] as const;

/**
 * One row per label the report mentions (by name; `overall` is left to the matrix), with the figures of `pair`
 * or, without one, the mean over all pairs of each figure that is not null. α is always over every compared
 * annotator (it is not a pair measure).
 */
export function labelFigures(report: AgreementReport, pair: PairKey | null): LabelFigures[] {
  const pairs = pair ? [findPair(report.pairs, pair.a, pair.b)].filter((p) => p !== undefined) : report.pairs;
  const labels = new Set([...report.pairs.flatMap((p) => Object.keys(p.spans)), ...Object.keys(report.alpha)]);
  labels.delete('overall');
  return [...labels].sort().map((label) => ({
    label,
    exactF1: meanOf(pairs.map((p) => p.spans[label]?.exactF1)),
    overlapF1: meanOf(pairs.map((p) => p.spans[label]?.overlapF1)),
    kappa: meanOf(pairs.map((p) => p.spans[label]?.kappa)),
    alpha: report.alpha[label] ?? null,
  }));
}

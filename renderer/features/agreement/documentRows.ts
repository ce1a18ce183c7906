/**
 * The per-document table: each document annotated by at least two compared annotators (or, for one pair, by both
 * of them), most disagreement first. Pure: unit-tested.
 */
import type { AgreementReport } from '../../../common/agreement';
import { findPair, meanOf, type PairKey } from './measures';

export interface DocumentRow {
  docId: number;
  title: string;
  /** The layers to show when the row is opened: the pair, or every compared annotator with spans in it. */
  annotators: string[];
  /** 0 (agree everywhere) .. 1. For a pair: 1 − its overall overlap F1 there (0/0, no spans: 0). */
  disagreement: number;
  exactF1: number | null;
  overlapF1: number | null;
  kappa: number | null;
  /** α over the compared annotators in this document (all of them, also when a pair is chosen). */
  alpha: number | null;
}

/**
 * The table's rows for `pair` (null: every pair, the report's own disagreement and the mean of each figure over
 * the document's pairs), sorted by disagreement, most first; ties by title, then id, so the order is stable.
 * An empty list when the report was computed without `perDocument`.
 */
export function documentRows(report: AgreementReport, pair: PairKey | null): DocumentRow[] {
  const rows: DocumentRow[] = [];
  for (const d of report.perDocument ?? []) {
    const alpha = d.alpha.overall ?? null;
    if (pair) {
      const p = findPair(d.pairs, pair.a, pair.b);
      if (!p || !d.annotators.includes(pair.a) || !d.annotators.includes(pair.b)) continue;
      const s = p.spans.overall;
      const overlap = s?.overlapF1 ?? null;
      rows.push({ docId: d.docId, title: d.title, annotators: [pair.a, pair.b], disagreement: 1 - ((s?.exactF1 ?? 1) + (overlap ?? 1)) / 2, exactF1: s?.exactF1 ?? null, overlapF1: overlap, kappa: s?.kappa ?? null, alpha });
    } else {
      const all = d.pairs.map((p) => p.spans.overall);
      rows.push({
        docId: d.docId,
        title: d.title,
        annotators: d.annotators,
        disagreement: d.disagreement,
        exactF1: meanOf(all.map((s) => s?.exactF1)),
        overlapF1: meanOf(all.map((s) => s?.overlapF1)),
        kappa: meanOf(all.map((s) => s?.kappa)),
        alpha,
      });
    }
  }
  return rows.sort((x, y) => y.disagreement - x.disagreement || x.title.localeCompare(y.title) || x.docId - y.docId);
}

/**
 * The pre-annotation scorer: gold spans against predicted spans, per document, per label. Pure functions, no I/O.
 *
 * Two match criteria, as in MUC/CoNLL-style evaluation and SemEval-2013 Task 9.1 ("strict" and "partial"):
 * - exact: a prediction matches a gold span with the same label and the same start and end (code points).
 * - overlap: a prediction matches a gold span with the same label that shares at least one code point with it
 *   (half-open spans [s, e) and [s', e') overlap when s < e' and s' < e). Matching is one-to-one: each gold span
 *   and each prediction is used at most once, and the pairs are a maximum matching of the bipartite "overlaps"
 *   graph (Kuhn's augmenting paths; documents are small), so that two predictions over one gold span count one
 *   true positive and one false positive, and no order of the spans can lower the count (a greedy pairing by
 *   largest overlap can: see score.test.ts).
 *
 * Counts per label: TP = matched pairs, FP = predictions left unmatched, FN = gold spans left unmatched. Precision
 * = TP / (TP + FP), recall = TP / (TP + FN), F1 = 2PR / (P + R), micro-averaged over documents (counts summed
 * first). Empty sets: with no predictions precision is 1 (nothing claimed wrongly), with no gold recall is 1
 * (nothing missed); F1 is 0 when P + R = 0. So a label absent from both gold and predictions scores P = R = F1 = 1,
 * and predictions without gold score P = 0, R = 1, F1 = 0.
 */

/** A labelled span: code points, half-open. */
export interface ScoredSpan {
  label: string;
  start: number;
  end: number;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Prf extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

/** Exact and overlap figures of one label. */
export interface LabelScore {
  exact: Prf;
  overlap: Prf;
}

/** Which gold and predicted spans (indexes into the arrays given) a criterion left unmatched. */
export interface Misses {
  falsePositives: number[];
  falseNegatives: number[];
}

const overlaps = (a: ScoredSpan, b: ScoredSpan) => a.label === b.label && a.start < b.end && b.start < a.end;
const same = (a: ScoredSpan, b: ScoredSpan) => a.label === b.label && a.start === b.start && a.end === b.end;

/**
 * A maximum one-to-one matching between `gold` and `pred` where `fits(g, p)` allows a pair: pairs as
 * [gold index, prediction index]. Kuhn's algorithm: O(|gold| · edges), fine for a document's spans.
 */
export function maximumMatching(gold: readonly ScoredSpan[], pred: readonly ScoredSpan[], fits: (g: ScoredSpan, p: ScoredSpan) => boolean): [number, number][] {
  const edges = gold.map((g) => pred.flatMap((p, j) => (fits(g, p) ? [j] : [])));
  const goldOf = new Array<number>(pred.length).fill(-1);
  const augment = (g: number, seen: boolean[]): boolean => {
    for (const p of edges[g]) {
      if (seen[p]) continue;
      seen[p] = true;
      if (goldOf[p] < 0 || augment(goldOf[p], seen)) {
        goldOf[p] = g;
        return true;
      }
    }
    return false;
  };
  gold.forEach((_, g) => augment(g, new Array<boolean>(pred.length).fill(false)));
  return goldOf.flatMap((g, p) => (g >= 0 ? [[g, p] as [number, number]] : []));
}

/** Precision, recall and F1 of counts, with the empty-set conventions of the module comment. */
export function prf(c: Counts): Prf {
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, precision, recall, f1 };
}

/** One document's counts and misses per criterion, for the spans of one label or all. */
export interface DocumentScore {
  exact: Counts & Misses;
  overlap: Counts & Misses;
}

function counted(gold: readonly ScoredSpan[], pred: readonly ScoredSpan[], pairs: [number, number][]): Counts & Misses {
  const g = new Set(pairs.map(([i]) => i));
  const p = new Set(pairs.map(([, j]) => j));
  const falseNegatives = gold.map((_, i) => i).filter((i) => !g.has(i));
  const falsePositives = pred.map((_, j) => j).filter((j) => !p.has(j));
  return { tp: pairs.length, fp: falsePositives.length, fn: falseNegatives.length, falsePositives, falseNegatives };
}

/**
 * Scores one document: exact and overlap counts over all the spans given (labels must agree to match), with
 * the indexes of the spans each criterion left unmatched.
 */
export function scoreDocument(gold: readonly ScoredSpan[], pred: readonly ScoredSpan[]): DocumentScore {
  return {
    exact: counted(gold, pred, maximumMatching(gold, pred, same)),
    overlap: counted(gold, pred, maximumMatching(gold, pred, overlaps)),
  };
}

/**
 * Scores a set of documents per label (micro-averaged: counts summed over documents, then P/R/F1). `labels`
 * fixes the rows (a label missing from both sides still gets its row: P = R = F1 = 1).
 */
export function scoreSet(docs: readonly { gold: readonly ScoredSpan[]; pred: readonly ScoredSpan[] }[], labels: readonly string[]): Record<string, LabelScore> {
  const out: Record<string, LabelScore> = {};
  for (const label of labels) {
    const sum = { exact: { tp: 0, fp: 0, fn: 0 }, overlap: { tp: 0, fp: 0, fn: 0 } };
    for (const d of docs) {
      const s = scoreDocument(
        d.gold.filter((x) => x.label === label),
        d.pred.filter((x) => x.label === label),
      );
      for (const k of ['exact', 'overlap'] as const) {
        sum[k].tp += s[k].tp;
        sum[k].fp += s[k].fp;
        sum[k].fn += s[k].fn;
      }
    }
    out[label] = { exact: prf(sum.exact), overlap: prf(sum.overlap) };
  }
  return out;
}

/** The score table as text: one row per label, exact and overlap P/R/F1 with TP/FP/FN. */
export function formatScores(scores: Record<string, LabelScore>): string {
  const f = (x: number) => x.toFixed(3);
  const rows = [['label', 'exact P', 'R', 'F1', 'TP/FP/FN', 'overlap P', 'R', 'F1', 'TP/FP/FN']];
  for (const [label, s] of Object.entries(scores)) {
    rows.push([
      label,
      f(s.exact.precision), f(s.exact.recall), f(s.exact.f1), `${s.exact.tp}/${s.exact.fp}/${s.exact.fn}`,
      f(s.overlap.precision), f(s.overlap.recall), f(s.overlap.f1), `${s.overlap.tp}/${s.overlap.fp}/${s.overlap.fn}`,
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}

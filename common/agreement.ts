/**
 * The shape of an agreement report (issue 13): what `crosscheck agreement --json` prints and `agreement.report`
 * returns. Every figure is in 0..1, or null where the measure is 0/0 (no spans of a label on either side, a
 * constant coding). Definitions: README, "Agreement measures"; implementations: services/agreement/.
 */

/** Recall, precision and F1, recall and precision taken with the pair's `a` as the key. */
export interface Prf {
  r: number | null;
  p: number | null;
  f1: number | null;
}

/** Span figures of one label (or `overall`) for one pair. */
export interface SpanFigures {
  exactF1: number | null;
  overlapF1: number | null;
  kappa: number | null;
}

/** Cross-document cluster scores (same-as) of one pair, as the CoNLL-2012 reference scorer computes them. */
export interface ClusterFigures {
  muc: Prf;
  b3: Prf;
  ceafe: Prf;
  blanc: Prf;
  /** Mean F1 of MUC, B³ and CEAF-e; null when any of them is null. */
  conll: number | null;
}

/** One pair of annotators, `a` < `b` by name (code-unit order, as JavaScript sorts strings). */
export interface PairAgreement {
  a: string;
  b: string;
  /** Documents annotated by both (at least one span each). */
  documents: number;
  /**
   * By label name (the labels asked for, or every label a compared annotator uses in the compared documents),
   * and `overall`.
   */
  spans: Record<string, SpanFigures>;
  clusters: ClusterFigures;
  /**
   * By link type name (said-by, cites, contradicts, supports, …; not same-as, which `clusters` scores): every
   * non-transitive type a compared annotator uses between spans of the compared labels and documents.
   */
  links: Record<string, Prf>;
}

/** The figures of one document (`--per-document`). */
export interface DocumentAgreement {
  docId: number;
  title: string;
  /** The annotators with at least one span in it, by name. */
  annotators: string[];
  pairs: PairAgreement[];
  alpha: Record<string, number | null>;
  /**
   * How much the annotators disagree in it, for sorting: the mean over its pairs of 1 − (overall exact F1 + overall
   * overlap F1) / 2, so a boundary difference counts half as much as a missing span (a pair with no span of the
   * compared labels on either side agrees: 0); 0 when they agree exactly everywhere, 1 when no span of one
   * overlaps a span of the other.
   */
  disagreement: number;
}

/** What `agreement.report` returns. */
export interface AgreementReport {
  /** Documents annotated by at least two of the compared annotators. */
  documents: number;
  /** The annotators compared, by name. */
  annotators: string[];
  pairs: PairAgreement[];
  /** Krippendorff's α (nominal) by label name and `overall`, over the documents annotated by at least two. */
  alpha: Record<string, number | null>;
  /** Present with `perDocument`: each document annotated by at least two, most disagreement first. */
  perDocument?: DocumentAgreement[];
}

/** Which annotators, labels and documents an agreement report compares. */
export interface AgreementQuery {
  /** Annotator names; default: every annotator with spans, except `auto`. */
  annotators?: string[];
  /** Label names; default: all. */
  labels?: string[];
  /** A full-text search (FTS5 syntax) the documents must match. */
  query?: string;
  /** Only documents marked done. */
  done?: boolean;
  perDocument?: boolean;
}

/**
 * Sets `record[key]` as an own property even where `key` is `__proto__` (a label may be called anything: a plain
 * assignment would set the object's prototype instead, and the label would vanish from the report).
 */
export function setFigure<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

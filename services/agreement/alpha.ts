/**
 * Krippendorff's α, nominal, for any number of annotators with missing data (issue 13, "Agreement").
 *
 * Source: K. Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C (nominal data, any number
 * of observers, missing values). Only units with at least two values are pairable. Each pairable unit u with m_u
 * values adds 1/(m_u − 1) to the coincidence o_ck for every ordered pair of values (c, k) from different observers;
 * n_c = Σ_k o_ck, n = Σ_c n_c, and
 *   α = 1 − D_o / D_e = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k.
 * Σ_{c≠k} o_ck is summed per unit as (m_u² − Σ_c n_uc²) / (m_u − 1), n_uc being the unit's count of value c, and
 * Σ_{c≠k} n_c·n_k = n² − Σ_c n_c², so no matrix is built. Null when D_e is 0 (no pairable unit, or every pairable
 * value is the same).
 *
 * Span α: the units are the words (words.ts) of the documents annotated by at least two annotators; an annotator
 * with no span in a document is missing for its words. Values as for κ (kappa.ts): per label 1 inside a span of
 * the label, else 0; overall the category of the shortest covering span, or none.
 */
import { checkSpanRow, type PerLabel, type SpanRow } from './spans.js';
import { sparseAlpha, sparseOf } from './sparse.js';
import { wordCoding, wordsOf, type DocWords, type WordCoding } from './words.js';

/** Running sums of α over units: see the file comment. */
class AlphaSums<V> {
  private disagree = 0;
  private readonly totals = new Map<V, number>();

  /** Adds one unit from its count per value (missing values left out). */
  addUnit(counts: Iterable<readonly [V, number]>): void {
    let m = 0;
    let squares = 0;
    for (const [, c] of counts) {
      m += c;
      squares += c * c;
    }
    if (m < 2) return;
    this.disagree += (m * m - squares) / (m - 1);
    for (const [v, c] of counts) this.totals.set(v, (this.totals.get(v) ?? 0) + c);
  }

  alpha(): number | null {
    let n = 0;
    let squares = 0;
    for (const c of this.totals.values()) {
      n += c;
      squares += c * c;
    }
    const expected = n * n - squares;
    return expected === 0 ? null : 1 - ((n - 1) * this.disagree) / expected;
  }
}

/**
 * Nominal α of `units`: each unit lists the values the observers gave it (missing values left out; values
 * compared with Map key equality, so null and strings may mix). Units with fewer than two values are not pairable
 * and do not count.
 * @example alphaNominal([['a','a'],['b','b'],['a','b']]) // 1 − 5·2 / (6² − 3² − 3²) = 0.444…
 */
export function alphaNominal<V>(units: Iterable<readonly V[]>): number | null {
  const sums = new AlphaSums<V>();
  for (const values of units) {
    const counts = new Map<V, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    sums.addUnit(counts);
  }
  return sums.alpha();
}

/**
 * Span α per label and overall over the word units of the documents annotated by at least two of `layers`
 * (annotator name → that annotator's spans). Labels listed are those any annotator uses in those documents,
 * sorted. `words` must hold every such document (wordUnitsByDoc).
 *
 * `annotated` (annotator name → documents): which documents each annotator annotated, when that is not simply
 * where their rows are — a report on some labels only still counts a document an annotator annotated with other
 * labels, the annotator coding every word of it 0 / none there. Rows outside an annotator's documents are ignored.
 * @throws RangeError on a malformed row; Error when a document in scope has no entry in `words`.
 */
export function spanAlpha(
  layers: ReadonlyMap<string, readonly SpanRow[]>,
  words: DocWords,
  annotated?: ReadonlyMap<string, ReadonlySet<number>>,
): PerLabel<number | null> {
  // Document → the spans of each annotator who annotated it.
  const byDoc = new Map<number, SpanRow[][]>();
  for (const [name, rows] of layers) {
    const mine = new Map<number, SpanRow[]>();
    const docs = annotated?.get(name);
    if (docs) for (const d of docs) mine.set(d, []);
    for (const s of rows) {
      checkSpanRow(s);
      const list = mine.get(s.doc);
      if (list) list.push(s);
      else if (!docs) mine.set(s.doc, [s]);
    }
    for (const [doc, spans] of mine) {
      const list = byDoc.get(doc);
      if (list) list.push(spans);
      else byDoc.set(doc, [spans]);
    }
  }
  const labels = new Set<string>();
  const docs = [...byDoc.keys()].filter((d) => byDoc.get(d)!.length >= 2).sort((x, y) => x - y);
  for (const d of docs) for (const spans of byDoc.get(d)!) for (const s of spans) labels.add(s.label);
  return alphaOfCodings(
    docs.map((doc) => {
      const w = wordsOf(words, doc);
      return byDoc.get(doc)!.map((spans) => wordCoding(w, spans));
    }),
    labels,
  );
}

/**
 * Span α from word codings already made (wordCoding): each item is one document's codings, one per annotator who
 * annotated it (the others missing); a document with fewer than two is not pairable. Per label for each of
 * `labels` (sorted in the result) and overall. For callers that code each annotator's document once
 * (services/agreement/report.ts).
 */
export function alphaOfCodings(docs: Iterable<readonly WordCoding[]>, labelNames: Iterable<string>): PerLabel<number | null> {
  const sparse = (function* () {
    for (const codings of docs) yield codings.map(sparseOf);
  })();
  return sparseAlpha(sparse, [...new Set(labelNames)].sort());
}

/**
 * Cohen's κ between two annotators over word units (issue 13, "Agreement").
 *
 * κ = (p_o − p_e) / (1 − p_e), with p_o the share of units both code alike and p_e = Σ_c (n_a,c / N)(n_b,c / N)
 * from each annotator's own marginals (Cohen 1960, "A coefficient of agreement for nominal scales"; the same
 * formula as sklearn.metrics.cohen_kappa_score). Computed as (N·agree − Σ n_a,c·n_b,c) / (N² − Σ n_a,c·n_b,c) on
 * integer counts, so it is exact and symmetric; null when the denominator is 0 (no units, or both annotators code
 * every unit with one and the same category: a constant coding).
 *
 * Units: the words (words.ts) of the documents annotated by both (at least one span each). Per label, a word is 1
 * when it lies wholly inside a span of that label, else 0; overall, its category is the label of the shortest span
 * wholly covering it (ties: earliest start, then label name), or none.
 */
import { documentsAnnotatedByBoth, rowsByDoc, type PerLabel, type SpanRow } from './spans.js';
import { KappaCounts, kappaFigures, sparseOf } from './sparse.js';
import { wordCoding, wordsOf, type DocWords, type WordCoding } from './words.js';

/** κ from its counts: units, units coded alike, and each side's count per category (categories as map keys). */
function kappaFromCounts<C>(n: number, agree: number, marginA: ReadonlyMap<C, number>, marginB: ReadonlyMap<C, number>): number | null {
  let chance = 0;
  for (const [c, na] of marginA) chance += na * (marginB.get(c) ?? 0);
  const denominator = n * n - chance;
  return denominator === 0 ? null : (n * agree - chance) / denominator;
}

function bump<C>(m: Map<C, number>, c: C, by = 1): void {
  m.set(c, (m.get(c) ?? 0) + by);
}

/**
 * Cohen's κ of two codings of the same units: `a[i]` and `b[i]` are the two annotators' categories of unit i
 * (compared with Map key equality, so null and strings may mix). Null on a constant coding or no units.
 * @throws Error when the lengths differ.
 * @example cohenKappa(['y','y','n','n'], ['y','n','n','n']) === 0.5
 */
export function cohenKappa<C>(a: readonly C[], b: readonly C[]): number | null {
  if (a.length !== b.length) throw new Error(`cohenKappa: the two codings have ${a.length} and ${b.length} units`);
  const marginA = new Map<C, number>();
  const marginB = new Map<C, number>();
  let agree = 0;
  for (let i = 0; i < a.length; i++) {
    bump(marginA, a[i]);
    bump(marginB, b[i]);
    if (a[i] === b[i]) agree++;
  }
  return kappaFromCounts(a.length, agree, marginA, marginB);
}

/**
 * Cohen's κ of annotators `a` and `b` over the word units of the documents both annotated, per label and overall
 * (see the file comment). `words` must hold every such document (wordUnitsByDoc makes it from the texts). Labels
 * listed are those either side uses in those documents, sorted. `scope`: the documents compared (default: those in
 * which both have rows); a document of `scope` where one side has no row codes every word of that side 0 / none.
 * @throws RangeError on a malformed row; Error when a document in scope has no entry in `words`.
 * @example spanKappa(rowsOfA, rowsOfB, wordUnitsByDoc(texts)).overall
 */
export function spanKappa(aRows: readonly SpanRow[], bRows: readonly SpanRow[], words: DocWords, scope?: ReadonlySet<number>): PerLabel<number | null> {
  const docs = scope ?? documentsAnnotatedByBoth(aRows, bRows);
  const byDocA = rowsByDoc(aRows, docs);
  const byDocB = rowsByDoc(bRows, docs);
  const labels = new Set<string>();
  for (const s of [...byDocA.values(), ...byDocB.values()].flat()) labels.add(s.label);
  const codings = [...docs].sort((x, y) => x - y).map((doc) => {
    const w = wordsOf(words, doc);
    return [wordCoding(w, byDocA.get(doc) ?? []), wordCoding(w, byDocB.get(doc) ?? [])] as const;
  });
  return kappaOfCodings(codings, labels);
}

/**
 * Cohen's κ from word codings already made (wordCoding): each item is one document's coding by a and by b (same
 * words). Per label for each of `labels` (sorted in the result; a label no word has on either side is a
 * constant coding, null) and overall. For callers that code each annotator's document once and compare it in
 * several pairs (services/agreement/report.ts).
 */
export function kappaOfCodings(docs: Iterable<readonly [WordCoding, WordCoding]>, labelNames: Iterable<string>): PerLabel<number | null> {
  const counts = new KappaCounts<string>();
  for (const [ca, cb] of docs) counts.add(sparseOf(ca), sparseOf(cb));
  const labels = new Set(labelNames);
  for (const label of [...counts.inA.keys(), ...counts.inB.keys()]) labels.add(label);
  return kappaFigures(counts, [...labels].sort());
}

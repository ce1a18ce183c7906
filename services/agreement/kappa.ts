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
import { wordCoding, wordsOf, type DocWords } from './words.js';

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
 * listed are those either side uses in those documents, sorted.
 * @throws RangeError on a malformed row; Error when a document in scope has no entry in `words`.
 * @example spanKappa(rowsOfA, rowsOfB, wordUnitsByDoc(texts)).overall
 */
export function spanKappa(aRows: readonly SpanRow[], bRows: readonly SpanRow[], words: DocWords): PerLabel<number | null> {
  const docs = documentsAnnotatedByBoth(aRows, bRows);
  const byDocA = rowsByDoc(aRows, docs);
  const byDocB = rowsByDoc(bRows, docs);
  let n = 0;
  // Overall: categories with null for none.
  let agree = 0;
  const marginA = new Map<string | null, number>();
  const marginB = new Map<string | null, number>();
  // Per label: words inside a span of the label on a's side, on b's side, on both.
  const perLabel = new Map<string, { a: number; b: number; both: number }>();
  const at = (label: string) => {
    let c = perLabel.get(label);
    if (!c) perLabel.set(label, (c = { a: 0, b: 0, both: 0 }));
    return c;
  };
  for (const s of [...byDocA.values(), ...byDocB.values()].flat()) at(s.label);
  for (const doc of [...docs].sort((x, y) => x - y)) {
    const w = wordsOf(words, doc);
    const ca = wordCoding(w, byDocA.get(doc)!);
    const cb = wordCoding(w, byDocB.get(doc)!);
    n += w.length;
    for (let i = 0; i < w.length; i++) {
      const x = ca.category[i];
      const y = cb.category[i];
      bump(marginA, x);
      bump(marginB, y);
      if (x === y) agree++;
      for (const label of ca.labels[i]) {
        const c = at(label);
        c.a++;
        if (cb.labels[i].includes(label)) c.both++;
      }
      for (const label of cb.labels[i]) at(label).b++;
    }
  }
  const labels = new Map<string, number | null>();
  for (const label of [...perLabel.keys()].sort()) {
    const c = perLabel.get(label)!;
    // Two categories, 1 (inside) and 0: agreement is both inside or both outside.
    const agreeLabel = c.both + (n - c.a - c.b + c.both);
    const mA = new Map([[1, c.a], [0, n - c.a]]);
    const mB = new Map([[1, c.b], [0, n - c.b]]);
    labels.set(label, kappaFromCounts(n, agreeLabel, mA, mB));
  }
  return { overall: kappaFromCounts(n, agree, marginA, marginB), labels };
}

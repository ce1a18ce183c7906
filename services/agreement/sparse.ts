/**
 * Word codings kept sparse (issue 13, "Agreement"; bench target: 1,000 documents × 3 annotators in ≤ 2 s): most
 * words of a document lie in no span, and each such word is "none" / 0 for every label on every side, so κ and α
 * are summed over the covered words only, with the uncovered ones added as counts. The figures are those of the
 * dense definitions (words.ts wordCoding, kappa.ts, alpha.ts): the same integer counts, and α's fractional terms
 * added in the same word order.
 *
 * Labels are any keys compared with `===` and ordered with `<`: label names, or indexes into a sorted name list
 * (the report's), whose order is then the names' order.
 */
import type { WordBounds, WordCoding } from './words.js';

/** A figure overall and per label key (spans.ts PerLabel, keyed by any label key). */
export interface PerKey<L, T> {
  readonly overall: T;
  readonly labels: ReadonlyMap<L, T>;
}

/** One annotator's coding of one document's words, listing only the words some span wholly covers. */
export interface SparseCoding<L> {
  /** Words in the document (covered or not). */
  readonly size: number;
  /** Indexes of the covered words, ascending. */
  readonly words: readonly number[];
  /** For each covered word: the labels of the spans covering it wholly, each once, ascending. */
  readonly labels: readonly (readonly L[])[];
  /** For each covered word: the label of the shortest covering span (ties: earliest start, then label). */
  readonly category: readonly L[];
}

/** A span as sparseCoding reads it: code-point offsets (end exclusive) and a label key. */
export interface CodedSpan<L> {
  readonly start: number;
  readonly end: number;
  readonly label: L;
}

const ascending = <L>(x: L, y: L) => (x < y ? -1 : x > y ? 1 : 0);

/** Shortest first, then earliest start, then label: the rule for a word's category (as words.ts). */
function isBetter<L>(s: CodedSpan<L>, best: CodedSpan<L>): boolean {
  const ls = s.end - s.start;
  const lb = best.end - best.start;
  if (ls !== lb) return ls < lb;
  if (s.start !== best.start) return s.start < best.start;
  return s.label < best.label;
}

/** Index of the first word starting at or after `cp`. */
function firstWordFrom(starts: Int32Array, cp: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] < cp) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * How `spans` (one annotator's, of one document) code the words `bounds` of that document: wordCoding's figures
 * for the covered words. A span covers a run of consecutive words (words are disjoint and ordered), found by
 * binary search, so the cost is spans × (log words + words per span).
 */
export function sparseCoding<L>(bounds: WordBounds, spans: readonly CodedSpan<L>[]): SparseCoding<L> {
  const { starts, ends } = bounds;
  const slots = new Map<number, { labels: L[]; best: CodedSpan<L> }>();
  for (const s of spans) {
    for (let i = firstWordFrom(starts, s.start); i < starts.length && ends[i] <= s.end; i++) {
      const slot = slots.get(i);
      if (!slot) slots.set(i, { labels: [s.label], best: s });
      else {
        if (!slot.labels.includes(s.label)) slot.labels.push(s.label);
        if (isBetter(s, slot.best)) slot.best = s;
      }
    }
  }
  const words = [...slots.keys()].sort((x, y) => x - y);
  return {
    size: starts.length,
    words,
    labels: words.map((i) => slots.get(i)!.labels.sort(ascending)),
    category: words.map((i) => slots.get(i)!.best.label),
  };
}

/** The sparse form of a dense coding (words.ts): the words with a category are the covered ones. */
export function sparseOf(c: WordCoding): SparseCoding<string> {
  const words: number[] = [];
  for (let i = 0; i < c.category.length; i++) if (c.category[i] !== null) words.push(i);
  return { size: c.category.length, words, labels: words.map((i) => c.labels[i]), category: words.map((i) => c.category[i] as string) };
}

/**
 * The counts κ needs from two codings of the same words, summable over documents: words `n`, words coded alike
 * `agree`, covered words per side, each side's words per category (`none` = n − covered), and per label the words
 * inside a span of it on a's side, on b's, on both.
 */
export class KappaCounts<L> {
  n = 0;
  agree = 0;
  coveredA = 0;
  coveredB = 0;
  readonly categoryA = new Map<L, number>();
  readonly categoryB = new Map<L, number>();
  readonly inA = new Map<L, number>();
  readonly inB = new Map<L, number>();
  readonly inBoth = new Map<L, number>();

  /** Adds one document's codings by a and by b (same words). */
  add(a: SparseCoding<L>, b: SparseCoding<L>): this {
    const size = a.size;
    this.n += size;
    this.coveredA += a.words.length;
    this.coveredB += b.words.length;
    let union = 0;
    let i = 0;
    let j = 0;
    while (i < a.words.length || j < b.words.length) {
      const wa = i < a.words.length ? a.words[i] : Infinity;
      const wb = j < b.words.length ? b.words[j] : Infinity;
      union++;
      if (wa === wb) {
        const x = a.category[i];
        if (x === b.category[j]) this.agree++;
        const lb = b.labels[j];
        for (const label of a.labels[i]) if (lb.includes(label)) bump(this.inBoth, label, 1);
      }
      if (wa <= wb) this.tallySide(this.categoryA, this.inA, a, i++);
      if (wb <= wa) this.tallySide(this.categoryB, this.inB, b, j++);
    }
    // Words neither side covers are none on both sides: coded alike.
    this.agree += size - union;
    return this;
  }

  private tallySide(categories: Map<L, number>, inside: Map<L, number>, c: SparseCoding<L>, k: number): void {
    bump(categories, c.category[k], 1);
    for (const label of c.labels[k]) bump(inside, label, 1);
  }

  /** Adds another document's (or set of documents') counts. */
  merge(o: KappaCounts<L>): this {
    this.n += o.n;
    this.agree += o.agree;
    this.coveredA += o.coveredA;
    this.coveredB += o.coveredB;
    for (const [mine, theirs] of [[this.categoryA, o.categoryA], [this.categoryB, o.categoryB], [this.inA, o.inA], [this.inB, o.inB], [this.inBoth, o.inBoth]] as const) {
      for (const [k, v] of theirs) bump(mine, k, v);
    }
    return this;
  }

  /** κ over all categories (none included); null on a constant coding or no words. */
  overall(): number | null {
    const n = this.n;
    let chance = (n - this.coveredA) * (n - this.coveredB);
    for (const [c, na] of this.categoryA) chance += na * (this.categoryB.get(c) ?? 0);
    return kappaOf(n, this.agree, chance);
  }

  /** κ of "inside a span of `label`" (1) against outside (0); null when constant (a label nobody uses). */
  label(label: L): number | null {
    const n = this.n;
    const a = this.inA.get(label) ?? 0;
    const b = this.inB.get(label) ?? 0;
    const both = this.inBoth.get(label) ?? 0;
    return kappaOf(n, both + (n - a - b + both), a * b + (n - a) * (n - b));
  }
}

/** κ = (N·agree − chance) / (N² − chance) on integer counts (kappa.ts); null when the denominator is 0. */
function kappaOf(n: number, agree: number, chance: number): number | null {
  const denominator = n * n - chance;
  return denominator === 0 ? null : (n * agree - chance) / denominator;
}

function bump<K>(m: Map<K, number>, k: K, by: number): void {
  m.set(k, (m.get(k) ?? 0) + by);
}

/** κ per label (each of `labels`, in their order) and overall from summed counts. */
export function kappaFigures<L>(counts: KappaCounts<L>, labels: Iterable<L>): PerKey<L, number | null> {
  const out = new Map<L, number | null>();
  for (const label of labels) out.set(label, counts.label(label));
  return { overall: counts.overall(), labels: out };
}

/**
 * Nominal α (alpha.ts, Krippendorff 2011) per label of `labels` (in their order) and overall, from each document's
 * codings by the annotators who annotated it (fewer than two: not pairable). Covered words are visited in document
 * then word order, as the dense sum visits them, so α's fractional terms add up in the same order; the uncovered
 * words of a pairable document add m values of none (no disagreement).
 */
export function sparseAlpha<L>(docs: Iterable<readonly SparseCoding<L>[]>, labels: readonly L[]): PerKey<L, number | null> {
  let disagree = 0;
  const totals = new Map<L | null, number>();
  const perLabel = new Map(labels.map((label) => [label, { disagree: 0, ones: 0 }]));
  let pairableValues = 0;
  const values: (L | null)[] = [];
  const inside = new Map<L, number>();
  for (const codings of docs) {
    const m = codings.length;
    if (m < 2) continue;
    const at = new Array<number>(m).fill(0);
    let uncovered = codings[0].size;
    for (;;) {
      let w = Infinity;
      for (let k = 0; k < m; k++) if (at[k] < codings[k].words.length && codings[k].words[at[k]] < w) w = codings[k].words[at[k]];
      if (w === Infinity) break;
      uncovered--;
      values.length = 0;
      inside.clear();
      for (let k = 0; k < m; k++) {
        const c = codings[k];
        if (at[k] < c.words.length && c.words[at[k]] === w) {
          values.push(c.category[at[k]]);
          for (const label of c.labels[at[k]]) inside.set(label, (inside.get(label) ?? 0) + 1);
          at[k]++;
        } else values.push(null);
      }
      let squares = 0;
      for (let x = 0; x < m; x++) {
        for (let y = 0; y < m; y++) if (values[x] === values[y]) squares++;
        bump(totals, values[x], 1);
      }
      disagree += (m * m - squares) / (m - 1);
      for (const [label, k] of inside) {
        const sums = perLabel.get(label);
        if (!sums) continue;
        sums.ones += k;
        sums.disagree += (m * m - k * k - (m - k) * (m - k)) / (m - 1);
      }
    }
    if (uncovered > 0) bump(totals, null, m * uncovered);
    pairableValues += m * codings[0].size;
  }
  let n = 0;
  let squares = 0;
  for (const c of totals.values()) {
    n += c;
    squares += c * c;
  }
  const out = new Map<L, number | null>();
  for (const [label, s] of perLabel) {
    const zeros = pairableValues - s.ones;
    const expected = pairableValues * pairableValues - s.ones * s.ones - zeros * zeros;
    out.set(label, expected === 0 ? null : 1 - ((pairableValues - 1) * s.disagree) / expected);
  }
  const expected = n * n - squares;
  return { overall: expected === 0 ? null : 1 - ((n - 1) * disagree) / expected, labels: out };
}

/**
 * Span agreement between two annotators, exact and overlapping (issue 13, "Agreement"). Pure: rows in, numbers out.
 *
 * Scope: a document is annotated by an annotator when that annotator has at least one span in it; pair measures
 * use only the documents annotated by both (documentsAnnotatedByBoth), pooled over them. For figures per
 * document, call with one document's rows.
 *
 * Recall and precision take `a` as the key (the reference): recall = matched / |a|, precision = matched / |b|,
 * F1 = 2·matched / (|a| + |b|), which is symmetric in a and b. A ratio that is 0/0 is null.
 */

/** One span of one annotator: document id, code-point offsets `start..end` (end exclusive), label. */
export interface SpanRow {
  readonly doc: number;
  readonly start: number;
  readonly end: number;
  readonly label: string;
}

/** Recall, precision and F1 (each in 0..1, null when 0/0). */
export interface Prf {
  readonly r: number | null;
  readonly p: number | null;
  readonly f1: number | null;
}

/** A measure per label (every label either side uses in the compared documents) and over all labels. */
export interface PerLabel<T> {
  readonly overall: T;
  readonly labels: ReadonlyMap<string, T>;
}

/**
 * Refuses a row that is not a span: a non-integer document or offset, a negative start, or end ≤ start (spans are
 * never empty in a project: db/annotations.ts refuses them).
 * @throws RangeError saying which row and why.
 */
export function checkSpanRow(s: SpanRow): void {
  const ok = Number.isInteger(s.doc) && Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end > s.start && typeof s.label === 'string';
  if (!ok) throw new RangeError(`agreement: not a span (doc, start < end as integer code points, label): ${JSON.stringify(s)}`);
}

/** The documents in which each of `a` and `b` has at least one span. */
export function documentsAnnotatedByBoth(a: readonly SpanRow[], b: readonly SpanRow[]): Set<number> {
  const inA = new Set(a.map((s) => s.doc));
  return new Set(b.map((s) => s.doc).filter((d) => inA.has(d)));
}

/** `rows` grouped by document, keeping only the documents in `docs`; every row is checked (checkSpanRow). */
export function rowsByDoc(rows: readonly SpanRow[], docs: ReadonlySet<number>): Map<number, SpanRow[]> {
  const out = new Map<number, SpanRow[]>();
  for (const s of rows) {
    checkSpanRow(s);
    if (!docs.has(s.doc)) continue;
    const list = out.get(s.doc);
    if (list) list.push(s);
    else out.set(s.doc, [s]);
  }
  return out;
}

/** a / b, or null when b is 0. */
const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

function prf(matched: number, nA: number, nB: number): Prf {
  return { r: ratio(matched, nA), p: ratio(matched, nB), f1: ratio(2 * matched, nA + nB) };
}

/** Counts per label of a and b and of matched pairs, summed into PerLabel<Prf>. */
function tally(a: readonly SpanRow[], b: readonly SpanRow[], matchedLabels: readonly string[]): PerLabel<Prf> {
  const counts = new Map<string, { a: number; b: number; m: number }>();
  const at = (label: string) => {
    let c = counts.get(label);
    if (!c) counts.set(label, (c = { a: 0, b: 0, m: 0 }));
    return c;
  };
  for (const s of a) at(s.label).a++;
  for (const s of b) at(s.label).b++;
  for (const label of matchedLabels) at(label).m++;
  const labels = new Map<string, Prf>();
  for (const label of [...counts.keys()].sort()) {
    const c = counts.get(label)!;
    labels.set(label, prf(c.m, c.a, c.b));
  }
  return { overall: prf(matchedLabels.length, a.length, b.length), labels };
}

/**
 * Only the rows of the documents in `scope`, or, without it, of the documents annotated by both. A caller that
 * compares some labels only passes the documents annotated by both with any label (issue 13: a document is
 * annotated by an annotator when that annotator has at least one span in it, whatever its label).
 */
function inScope(a: readonly SpanRow[], b: readonly SpanRow[], scope?: ReadonlySet<number>): { a: SpanRow[]; b: SpanRow[] } {
  const docs = scope ?? documentsAnnotatedByBoth(a, b);
  const keep = (rows: readonly SpanRow[]) => [...rowsByDoc(rows, docs).values()].flat();
  return { a: keep(a), b: keep(b) };
}

/**
 * Exact span match of `b` against `a` (the key): a match is the same document, start, end and label. Rows are a
 * multiset: a span `a` holds twice matches at most two equal spans of `b`. `scope`: the documents compared
 * (default: those in which both have rows).
 * @throws RangeError on a malformed row.
 * @example exactMatch([{doc:1,start:0,end:3,label:'x'}], [{doc:1,start:0,end:3,label:'x'}]).overall.f1 === 1
 */
export function exactMatch(aRows: readonly SpanRow[], bRows: readonly SpanRow[], scope?: ReadonlySet<number>): PerLabel<Prf> {
  const { a, b } = inScope(aRows, bRows, scope);
  const key = (s: SpanRow) => `${s.doc}\u0000${s.start}\u0000${s.end}\u0000${s.label}`;
  const waiting = new Map<string, number>();
  for (const s of a) waiting.set(key(s), (waiting.get(key(s)) ?? 0) + 1);
  const matched: string[] = [];
  for (const s of b) {
    const k = key(s);
    const n = waiting.get(k) ?? 0;
    if (n > 0) {
      waiting.set(k, n - 1);
      matched.push(s.label);
    }
  }
  return tally(a, b, matched);
}

/** Orders spans by (document, start, end, label): the tie rule of overlapMatch. */
export function compareSpans(x: SpanRow, y: SpanRow): number {
  return x.doc - y.doc || x.start - y.start || x.end - y.end || (x.label < y.label ? -1 : x.label > y.label ? 1 : 0);
}

/** One candidate pair of overlapMatch: indexes into a and b, and their overlap in code points. */
interface Candidate {
  readonly i: number;
  readonly j: number;
  readonly overlap: number;
}

/**
 * The one-to-one pairs of overlapMatch, as [index in a, index in b]: every pair of spans of the same document and
 * label that share at least one code point is a candidate; candidates are taken greedily, largest overlap (code
 * points) first, ties by a's span (document, start, end, label) then b's, each span in at most one pair. Spans
 * equal in all four fields are ordered by their position in the input.
 */
export function overlapPairs(a: readonly SpanRow[], b: readonly SpanRow[]): Array<[number, number]> {
  const group = (rows: readonly SpanRow[]) => {
    const g = new Map<string, number[]>();
    rows.forEach((s, i) => {
      const k = `${s.doc}\u0000${s.label}`;
      const list = g.get(k);
      if (list) list.push(i);
      else g.set(k, [i]);
    });
    return g;
  };
  const gb = group(b);
  const candidates: Candidate[] = [];
  for (const [k, ia] of group(a)) {
    const ib = gb.get(k);
    if (!ib) continue;
    ib.sort((x, y) => b[x].start - b[y].start);
    for (const i of ia) {
      const s = a[i];
      for (const j of ib) {
        const t = b[j];
        if (t.start >= s.end) break;
        const overlap = Math.min(s.end, t.end) - Math.max(s.start, t.start);
        if (overlap >= 1) candidates.push({ i, j, overlap });
      }
    }
  }
  candidates.sort((x, y) => y.overlap - x.overlap || compareSpans(a[x.i], a[y.i]) || x.i - y.i || compareSpans(b[x.j], b[y.j]) || x.j - y.j);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const pairs: Array<[number, number]> = [];
  for (const c of candidates) {
    if (usedA.has(c.i) || usedB.has(c.j)) continue;
    usedA.add(c.i);
    usedB.add(c.j);
    pairs.push([c.i, c.j]);
  }
  return pairs;
}

/**
 * Overlapping span match of `b` against `a` (the key): same document and label, sharing at least one code point,
 * matched one to one as overlapPairs says. `scope`: the documents compared (default: those in which both have rows).
 * @throws RangeError on a malformed row.
 * @example overlapMatch([{doc:1,start:0,end:5,label:'x'}], [{doc:1,start:4,end:9,label:'x'}]).overall.f1 === 1
 */
export function overlapMatch(aRows: readonly SpanRow[], bRows: readonly SpanRow[], scope?: ReadonlySet<number>): PerLabel<Prf> {
  const { a, b } = inScope(aRows, bRows, scope);
  return tally(a, b, overlapPairs(a, b).map(([i]) => a[i].label));
}

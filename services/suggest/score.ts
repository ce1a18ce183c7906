/**
 * How likely a candidate (another document's annotation or passage) states the same claim, names the same
 * speaker or gives the same figure as a source annotation — as a transparent weighted sum in 0..1, with short
 * reasons for the UI ("name ≈ 0.93", "figures agree: 60 ~ over 60", "shares 5 key words").
 *
 * Features, each in 0..1:
 * - name:     nameSimilarity(source, candidate)                                    (names.ts)
 * - figures:  figure agreement, match 1 / compatible 0.5 / conflict 0               (numbers.ts, matchFigures)
 * - overlap:  Jaccard of the two key-word sets                                      (terms.ts, keyTermSet)
 * - context:  the same Jaccard without numbers (the words around a figure)
 * - bm25:     the candidate document's BM25, normalised (normaliseBm25)
 * - annotated: 1 when the candidate is already a span with the same label
 *
 * Weights (see WEIGHTS): speaker 0.85 name + 0.15 annotated; figure 0.55 figures + 0.30 context + 0.15 annotated;
 * claim (and any other label) 0.40 bm25 + 0.20 figures + 0.30 overlap + 0.10 annotated. A feature the source
 * cannot provide does not count against candidates: for claims, a missing bm25 and a source without figures hand
 * their weight to overlap; for figures, a source without context words hands its weight to figures.
 *
 * Conflicting figures score 0 on the figures feature (so they lower a same-as score) but are always named in the
 * reasons, because a retelling with a different number is exactly what an analyst wants to see.
 */
import { matchFigures, extractFigures, type Figure, type FigurePair } from './numbers.js';
import { nameSimilarity } from './names.js';
import { keyTermSet } from './terms.js';

export interface CandidateInput {
  label: 'claim' | 'speaker' | 'figure' | string;
  /** The source annotation's text. */
  sourceText: string;
  /** The candidate's text: an annotated span, or a passage (sentence) not annotated yet. */
  candidateText: string;
  /**
   * FTS5 bm25() of the candidate's document, more negative is better. A value in 0..1 is taken as already
   * normalised (the output of normaliseBm25), since FTS5 itself never returns a positive score.
   */
  bm25?: number;
  /** The best (most negative) bm25 of the request, to normalise `bm25` against; without it a fixed curve is used. */
  bm25Best?: number;
  /** The candidate is an existing annotation with the source's label. */
  sameLabelAnnotated: boolean;
}

export interface CandidateScore {
  /** 0..1, higher is more likely the same claim / speaker / figure. */
  score: number;
  /** Short human strings for the UI: main signal, figures, shared words, annotation; conflicts always included. */
  reasons: string[];
}

/** The weights of each label's features; each row sums to 1. */
export const WEIGHTS = {
  speaker: { name: 0.85, annotated: 0.15 },
  figure: { figures: 0.55, context: 0.3, annotated: 0.15 },
  claim: { bm25: 0.4, figures: 0.2, overlap: 0.3, annotated: 0.1 },
} as const;

/** Without a best score, bm25 = −BM25_HALF maps to 0.5 (x / (x + BM25_HALF)); typical news matches are −2..−20. */
export const BM25_HALF = 5;

/**
 * A raw FTS5 bm25 score (negative, more negative is better) as 0..1 relative to the best of its result set:
 * raw / best, clamped. Without a usable best (0, positive, not a number) it falls back to the fixed curve
 * x / (x + 5) on x = −raw. Non-negative or non-finite raw scores give 0.
 *
 * @example
 * normaliseBm25(-4, -8)  // 0.5
 * normaliseBm25(-8, -8)  // 1
 * normaliseBm25(-5, 0)   // 0.5 (fixed curve)
 * normaliseBm25(0, -8)   // 0
 */
export function normaliseBm25(raw: number, best: number): number {
  if (!Number.isFinite(raw) || raw >= 0) return 0;
  if (Number.isFinite(best) && best < 0) return Math.min(1, raw / best);
  const x = -raw;
  return x / (x + BM25_HALF);
}

/** The bm25 feature of an input: already normalised (0..1), or raw and normalised here. */
function bm25Feature(bm25: number, best: number | undefined): number {
  if (bm25 >= 0 && bm25 <= 1) return bm25;
  return normaliseBm25(bm25, best ?? NaN);
}

// The same source is scored against thousands of candidates in a request: keep its side of the work.
let sourceMemo: { text: string; figures: Figure[]; terms: Set<string>; words: Set<string> } | null = null;

function sourceSide(text: string) {
  if (sourceMemo?.text !== text) {
    const terms = keyTermSet(text);
    sourceMemo = { text, figures: extractFigures(text), terms, words: withoutNumbers(terms) };
  }
  return sourceMemo;
}

const NUMBER = /^\p{N}+$/u;

function withoutNumbers(terms: Set<string>): Set<string> {
  const out = new Set<string>();
  for (const t of terms) if (!NUMBER.test(t)) out.add(t);
  return out;
}

function shared(a: Set<string>, b: Set<string>): number {
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  let n = 0;
  for (const t of small) if (big.has(t)) n++;
  return n;
}

function jaccard(common: number, a: Set<string>, b: Set<string>): number {
  const union = a.size + b.size - common;
  return union ? common / union : 0;
}

const round2 = (x: number) => (Math.round(x * 100) / 100).toFixed(2);
const show = (f: Figure) => f.raw.replace(/\s+/g, ' ').trim().toLowerCase();

function figureReasons(pairs: FigurePair[]): string[] {
  const by = (outcome: FigurePair['outcome']) =>
    pairs
      .filter((p) => p.outcome === outcome)
      .slice(0, 2)
      .map((p) => `${show(p.a)} ${outcome === 'conflict' ? 'vs' : '~'} ${show(p.b)}`)
      .join(', ');
  const out: string[] = [];
  const agree = by('match');
  const compatible = by('compatible');
  const conflict = by('conflict');
  if (agree) out.push(`figures agree: ${agree}`);
  if (compatible) out.push(`figures compatible: ${compatible}`);
  if (conflict) out.push(`figures conflict: ${conflict}`);
  return out;
}

const wordsReason = (n: number) => `shares ${n} key word${n === 1 ? '' : 's'}`;

/**
 * Scores one candidate against a source annotation; see the module comment for features and weights.
 *
 * @example
 * scoreCandidate({ label: 'speaker', sourceText: 'Sergey Rudskoy', candidateText: 'Gen. Sergey Rutskoy',
 *   sameLabelAnnotated: true })
 * // { score: ≈ 0.94, reasons: ['name ≈ 0.92', 'already annotated as speaker'] }
 * scoreCandidate({ label: 'claim', sourceText: '60 civilians killed, 200 injured',
 *   candidateText: 'Over 60 civilians have been killed and at least 200 injured', bm25: -9, bm25Best: -10,
 *   sameLabelAnnotated: false })
 * // { score: 0.86 (0.4 × 0.9 + 0.2 × 1 + 0.3 × 1), reasons: ['text match ≈ 0.90',
 * //   'figures agree: 60 ~ over 60, 200 ~ at least 200', 'shares 5 key words'] }
 * scoreCandidate({ label: 'figure', sourceText: '60 civilians', candidateText: '100 civilians', sameLabelAnnotated: false })
 * // { score: 0.3, reasons: ['figures conflict: 60 vs 100', 'shares 1 key word'] }
 */
export function scoreCandidate(input: CandidateInput): CandidateScore {
  const label = (input.label ?? '').toLowerCase();
  const reasons: string[] = [];
  let score = 0;

  if (label === 'speaker') {
    const w = WEIGHTS.speaker;
    const name = nameSimilarity(input.sourceText, input.candidateText);
    score += w.name * name;
    reasons.push(`name ≈ ${round2(name)}`);
    if (input.sameLabelAnnotated) {
      score += w.annotated;
      reasons.push('already annotated as speaker');
    }
    return { score: clamp(score), reasons };
  }

  const src = sourceSide(input.sourceText);
  const candidateFigures = extractFigures(input.candidateText);
  const figures = matchFigures(src.figures, candidateFigures);
  const candidateTerms = keyTermSet(input.candidateText);

  if (label === 'figure') {
    const w = WEIGHTS.figure;
    const candidateWords = withoutNumbers(candidateTerms);
    const common = shared(src.words, candidateWords);
    const context = jaccard(common, src.words, candidateWords);
    const hasContext = src.words.size > 0;
    score += (hasContext ? w.figures : w.figures + w.context) * figures.similarity;
    if (hasContext) score += w.context * context;
    reasons.push(...figureReasons(figures.pairs));
    if (common > 0) reasons.push(wordsReason(common));
    if (input.sameLabelAnnotated) {
      score += w.annotated;
      reasons.push('already annotated as figure');
    }
    return { score: clamp(score), reasons };
  }

  const w = WEIGHTS.claim;
  const common = shared(src.terms, candidateTerms);
  const overlap = jaccard(common, src.terms, candidateTerms);
  const hasBm25 = typeof input.bm25 === 'number' && !Number.isNaN(input.bm25);
  const hasFigures = src.figures.length > 0;
  let overlapWeight = w.overlap;
  if (hasBm25) {
    const bm25 = bm25Feature(input.bm25!, input.bm25Best);
    score += w.bm25 * bm25;
    reasons.push(`text match ≈ ${round2(bm25)}`);
  } else overlapWeight += w.bm25;
  if (hasFigures) score += w.figures * figures.similarity;
  else overlapWeight += w.figures;
  score += overlapWeight * overlap;
  reasons.push(...figureReasons(figures.pairs));
  if (common > 0) reasons.push(wordsReason(common));
  if (input.sameLabelAnnotated) {
    score += w.annotated;
    reasons.push(`already annotated as ${label || 'claim'}`);
  }
  return { score: clamp(score), reasons };
}

function clamp(x: number): number {
  return x < 0 || Number.isNaN(x) ? 0 : x > 1 ? 1 : x;
}

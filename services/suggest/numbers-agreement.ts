/**
 * Whether two texts agree on their figures (numbers-figures.ts finds them): each figure allows a range of
 * true values, two figures match, are compatible or conflict by how those ranges meet, and two lists of
 * figures are paired one to one and scored. The rule is spelled out on compareFigures and matchFigures.
 */
import { extractFigures, type Figure } from './numbers-figures.js';

export type FigureOutcome = 'match' | 'compatible' | 'conflict';

/** Relative tolerance of an 'about' figure: "about 200" covers 180..220. */
export const ABOUT_TOLERANCE = 0.1;
/** A vague plural covers value..value × VAGUE_SPAN: "hundreds" (200) is at most 1000. */
export const VAGUE_SPAN = 5;

const isPercent = (f: Figure) => /%|％|per\s*cent|pct|процент/i.test(f.raw);

/** The range of true values a figure allows. */
function interval(f: Figure): [number, number] {
  const v = f.value;
  switch (f.bound) {
    case 'about':
      return [v * (1 - ABOUT_TOLERANCE), v * (1 + ABOUT_TOLERANCE)];
    case 'atLeast':
      return [v, f.approx ? v * VAGUE_SPAN : Infinity];
    case 'atMost':
      return [Math.min(0, v), v];
    default:
      return [v, v];
  }
}

/**
 * Whether two figures can describe the same quantity.
 *
 * Rule: each figure allows a range of true values — exact: the value; 'about': ±10 %; 'atLeast': value..∞
 * ("over 60" is read as ≥ 60, as journalists use it); vague plurals: value..5 × value; 'atMost': 0..value.
 * - 'conflict' when the ranges do not overlap, or when one is a percentage and the other is not;
 * - 'match' when the ranges overlap and the stated values are equal (within ±10 % when either is approximate);
 * - 'compatible' when the ranges overlap but the stated values differ ("at least 60" and 70).
 *
 * @example
 * const [a, b] = [extractFigures('200')[0], extractFigures('about 200')[0]];
 * compareFigures(a, b)                                                       // 'match'
 * compareFigures(extractFigures('60')[0], extractFigures('over 60')[0])      // 'match'
 * compareFigures(extractFigures('about 200')[0], extractFigures('190')[0])   // 'match'
 * compareFigures(extractFigures('at least 60')[0], extractFigures('70')[0])  // 'compatible'
 * compareFigures(extractFigures('at most 50')[0], extractFigures('60')[0])   // 'conflict'
 * compareFigures(extractFigures('60')[0], extractFigures('100')[0])          // 'conflict'
 */
export function compareFigures(a: Figure, b: Figure): FigureOutcome {
  if (isPercent(a) !== isPercent(b)) return 'conflict';
  const [aLo, aHi] = interval(a);
  const [bLo, bHi] = interval(b);
  const scaleOf = Math.max(Math.abs(a.value), Math.abs(b.value));
  // A relative epsilon absorbs float noise ("1.2 million" vs "1,200,000").
  const eps = scaleOf * 1e-9;
  if (aLo > bHi + eps || bLo > aHi + eps) return 'conflict';
  const tolerance = a.approx || b.approx ? scaleOf * ABOUT_TOLERANCE + eps : eps;
  return Math.abs(a.value - b.value) <= tolerance ? 'match' : 'compatible';
}

export interface FigurePair {
  /** From the first list. */
  a: Figure;
  /** Its best counterpart in the second list. */
  b: Figure;
  outcome: FigureOutcome;
}

/** Figures of each side that matchFigures compares. */
const MAX_FIGURES = 64;

const OUTCOME_SCORE: Record<FigureOutcome, number> = { match: 1, compatible: 0.5, conflict: 0 };

/**
 * Pairs each figure of the shorter list with a counterpart in the other, one to one, and scores the agreement
 * as the mean over those figures of match = 1, compatible = 0.5, conflict = 0. Pairs are chosen greedily: best
 * outcome first, then the closest values, then the closest positions, so in "60 killed, 200 injured" against
 * "over 60 killed, 100 injured" the 200 meets the 100 (a conflict) and not the already matched "over 60".
 * Figures present only in the text with more of them are not held against it ("60 killed" is a fair retelling
 * of "60 killed over three days"). Empty lists score 0; only the first 64 figures of each list count.
 *
 * @example
 * matchFigures(extractFigures('60 killed, 200 injured'), extractFigures('over 60 killed, 100 injured')).similarity // 0.5
 */
export function matchFigures(a: readonly Figure[], b: readonly Figure[]): { similarity: number; pairs: FigurePair[] } {
  if (!a.length || !b.length) return { similarity: 0, pairs: [] };
  // Meant for spans and sentences; whole documents are cut short so the pairing (quadratic) stays cheap.
  if (a.length > MAX_FIGURES) a = a.slice(0, MAX_FIGURES);
  if (b.length > MAX_FIGURES) b = b.slice(0, MAX_FIGURES);
  const swap = b.length < a.length;
  const few = swap ? b : a;
  const many = swap ? a : b;
  const options: { i: number; j: number; outcome: FigureOutcome; score: number; gap: number; shift: number }[] = [];
  for (let i = 0; i < few.length; i++) {
    for (let j = 0; j < many.length; j++) {
      const outcome = compareFigures(few[i], many[j]);
      options.push({ i, j, outcome, score: OUTCOME_SCORE[outcome], gap: Math.abs(few[i].value - many[j].value), shift: Math.abs(i - j) });
    }
  }
  options.sort((x, y) => y.score - x.score || x.gap - y.gap || x.shift - y.shift);
  const chosen: (FigurePair | undefined)[] = new Array(few.length);
  const used = new Set<number>();
  let sum = 0;
  for (const o of options) {
    if (chosen[o.i] || used.has(o.j)) continue;
    used.add(o.j);
    sum += o.score;
    chosen[o.i] = swap
      ? { a: many[o.j], b: few[o.i], outcome: o.outcome }
      : { a: few[o.i], b: many[o.j], outcome: o.outcome };
  }
  return { similarity: sum / few.length, pairs: chosen as FigurePair[] };
}

/**
 * Agreement of the figures in two texts, 0..1, as a ranking feature: 1 when every figure of the text with fewer
 * figures matches one in the other, 0.5 per figure only compatible, 0 when there are no figures on either side
 * or they conflict. See {@link matchFigures}.
 *
 * @example
 * figureSimilarity('60 civilians killed, 200 injured',
 *   'At least 60 civilians were killed and another 200 injured') // 1
 * figureSimilarity('60 civilians killed', '100 civilians killed')  // 0
 * figureSimilarity('civilians killed', '60 civilians killed')      // 0
 */
export function figureSimilarity(aText: string, bText: string): number {
  return matchFigures(extractFigures(aText), extractFigures(bText)).similarity;
}

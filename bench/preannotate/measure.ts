/**
 * What the pre-annotation bench measures, apart from the bench table: the engine's predictions on a gold set,
 * their scores (score.ts), and the worst misses as text snippets for whoever tunes the rules.
 */
import { propose } from '../../services/preannotate/engine.js';
import { PROPOSAL_LABELS } from '../../common/proposals.js';
import type { GoldDoc } from './gold.js';
import { scoreDocument, scoreSet, type LabelScore, type ScoredSpan } from './score.js';

/** A prediction with the engine's rule and confidence, for the miss lists. */
export interface Predicted extends ScoredSpan {
  rule?: string;
  confidence?: number;
}

/** The engine's spans for each document of `docs`. */
export function predict(docs: readonly GoldDoc[]): Predicted[][] {
  return docs.map((d) => propose(d.text).spans.map((s) => ({ label: s.label, start: s.start, end: s.end, rule: s.rule, confidence: s.confidence })));
}

/** Per-label scores of predictions against gold (labels: figure, speaker, claim). */
export function scoreAgainst(docs: readonly GoldDoc[], preds: readonly ScoredSpan[][]): Record<string, LabelScore> {
  return scoreSet(docs.map((d, i) => ({ gold: d.spans, pred: preds[i] })), PROPOSAL_LABELS);
}

const flat = (s: string) => s.replace(/\s+/g, ' ');
/** A span's text on one line, its middle elided past `max` characters (both ends show: that is where boundaries differ). */
const shorten = (s: string, max = 110) => (s.length > max ? `${flat(s.slice(0, max / 2 - 2))} … ${flat(s.slice(-(max / 2 - 2)))}` : flat(s));

/** `text[start:end]` in code points with `context` code points either side, on one line, the span in ⟦ ⟧. */
export function snippet(cps: readonly string[], start: number, end: number, context = 30): string {
  return `${flat(cps.slice(Math.max(0, start - context), start).join(''))}⟦${shorten(cps.slice(start, end).join(''))}⟧${flat(cps.slice(end, end + context).join(''))}`;
}

/**
 * The misses of one label under overlap matching, as printable lines: false positives (highest confidence
 * first: the rules most sure of a wrong span), false negatives (gold spans nothing overlaps, in document order),
 * and boundary errors (overlap-matched but not exact: gold vs predicted), at most `n` of each.
 */
export function misses(docs: readonly GoldDoc[], preds: readonly Predicted[][], label: string, n = 10): { falsePositives: string[]; falseNegatives: string[]; boundaries: string[] } {
  const fps: { line: string; confidence: number }[] = [];
  const fns: string[] = [];
  const boundaries: string[] = [];
  docs.forEach((d, i) => {
    const cps = Array.from(d.text);
    const gold = d.spans.filter((s) => s.label === label);
    const pred = preds[i].filter((s) => s.label === label);
    const s = scoreDocument(gold, pred);
    for (const j of s.overlap.falsePositives) {
      const p = pred[j];
      fps.push({ confidence: p.confidence ?? 0, line: `${d.id} [${p.rule ?? '?'} ${p.confidence ?? ''}] ${snippet(cps, p.start, p.end)}` });
    }
    for (const j of s.overlap.falseNegatives) fns.push(`${d.id} ${snippet(cps, gold[j].start, gold[j].end)}`);
    // Boundary errors: exact misses whose gold span some prediction overlaps.
    const overlapMissed = new Set(s.overlap.falseNegatives);
    for (const j of s.exact.falseNegatives) {
      if (overlapMissed.has(j)) continue;
      const g = gold[j];
      const p = pred.find((x) => x.start < g.end && g.start < x.end);
      if (p) boundaries.push(`${d.id} gold ⟦${shorten(cps.slice(g.start, g.end).join(''))}⟧ got ⟦${shorten(cps.slice(p.start, p.end).join(''))}⟧ [${p.rule ?? '?'}]`);
    }
  });
  fps.sort((a, b) => b.confidence - a.confidence);
  return { falsePositives: fps.slice(0, n).map((f) => f.line), falseNegatives: fns.slice(0, n), boundaries: boundaries.slice(0, n) };
}

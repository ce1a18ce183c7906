/**
 * Test helper for the attribution tests: proposeAttributions' spans as the text they cover, and each claim's
 * said-by speaker as text. Not used by the engine.
 */
import { proposeAttributions } from './attribution.js';
import type { ProposedSpan } from './types.js';

/** `text[a:b]` in code points (Python slicing, as the gold set counts). */
export const py = (text: string, a: number, b: number) => Array.from(text).slice(a, b).join('');

/** Speakers and claims as text, and each claim's said-by speaker as text (claim text → speaker text). */
export function run(text: string, figures: ProposedSpan[] = []) {
  const { spans, links } = proposeAttributions(text, figures);
  const at = (i: number) => (i < figures.length ? figures[i] : spans[i - figures.length]);
  const str = (s: ProposedSpan) => py(text, s.start, s.end);
  const speakers = spans.filter((s) => s.label === 'speaker').map(str);
  const claims = spans.filter((s) => s.label === 'claim').map(str);
  const saidBy = new Map<string, string>();
  for (const l of links) if (l.type === 'said-by') saidBy.set(str(at(l.from)), str(at(l.to)));
  return { spans, links, speakers, claims, saidBy };
}

/**
 * The pre-annotation engine: one text in, proposed figures, speakers and claims out (types.ts), pure and offline.
 * Figures come from figures.ts; speakers and claims, with their links, from attribution.ts (which needs the
 * figures to link a claim `cites` the figures inside it). Offsets are code points.
 */
import type { ProposalLabel } from '../../common/proposals.js';
import { proposeFigures } from './figures.js';
import { proposeAttributions } from './attribution.js';
import type { Proposals } from './types.js';
import { RULE_CONFIDENCE } from './confidence.js';

/**
 * Proposals for `text`, limited to `labels` (all three by default). Spans sorted by start, then end.
 * Links index into the returned spans. Throws nothing on any string (empty text: no proposals). Each span's
 * `confidence` is its rule's precision on the dev set (confidence.ts), else the rule's own.
 */
export function propose(text: string, labels: readonly ProposalLabel[] = ['figure', 'speaker', 'claim']): Proposals {
  const want = new Set(labels);
  const figures = proposeFigures(text);
  const { spans: attributed, links: rawLinks } = want.has('speaker') || want.has('claim')
    ? proposeAttributions(text, figures)
    : { spans: [], links: [] };
  // attribution.ts indexes figures first (0..figures.length-1), then its own spans.
  const all = [...figures, ...attributed];
  const keep = all.map((s) => want.has(s.label));
  const order = all.map((_, i) => i).filter((i) => keep[i]).sort((a, b) => all[a].start - all[b].start || all[a].end - all[b].end);
  const newIndex = new Map(order.map((old, i) => [old, i]));
  const links = rawLinks
    .filter((l) => newIndex.has(l.from) && newIndex.has(l.to))
    .map((l) => ({ ...l, from: newIndex.get(l.from)!, to: newIndex.get(l.to)! }));
  // A rule's confidence is its calibrated dev precision where calibrate.ts measured it (confidence.ts).
  const spans = order.map((i) => {
    const c = Object.hasOwn(RULE_CONFIDENCE, all[i].rule) ? RULE_CONFIDENCE[all[i].rule] : undefined;
    return c === undefined ? all[i] : { ...all[i], confidence: c };
  });
  return { spans, links };
}

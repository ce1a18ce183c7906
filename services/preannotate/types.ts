/**
 * What the pre-annotation engine (services/preannotate/engine.ts) returns for one text: pure data, no database.
 * The runner (services/preannotate/run.ts) writes it into the `auto` layer. Offsets are Unicode code points into
 * the text given, half-open, as everywhere outside the renderer (common/offsets.ts converts).
 */
import type { ProposalLabel } from '../../common/proposals.js';

export interface ProposedSpan {
  label: ProposalLabel;
  /** Code points, half-open; never empty, never starting or ending in white space. */
  start: number;
  end: number;
  /**
   * Facts the analyst keeps when accepting: figures carry `value` (a decimal number as text, e.g. "60", "0.5",
   * "200000"), `bound` (`exact` | `at least` | `at most` | `about`) and `unit` (what it counts, e.g. "civilians",
   * "%", "USD"); speakers and claims may carry nothing.
   */
  attributes: Record<string, string>;
  /** Which rule or model made it, e.g. "figure/qualified-count", "speaker/said-after-name", "claim/quote". */
  rule: string;
  /** 0..1, how sure the rule is (ranked rules, not calibrated probabilities). */
  confidence: number;
}

export interface ProposedLink {
  type: 'said-by' | 'cites';
  /** Indexes into `Proposals.spans`: a claim (from) and its speaker or a figure inside it (to). */
  from: number;
  to: number;
}

export interface Proposals {
  spans: ProposedSpan[];
  links: ProposedLink[];
}

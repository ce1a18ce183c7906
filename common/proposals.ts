/**
 * Pre-annotation (issue 14): proposals the tool makes and the analyst decides on.
 *
 * A proposal is a span of the reserved `auto` layer (common/annotators.ts AUTO_LAYER). Pre-annotation
 * (services/preannotate/) writes figures, speakers and claims there, with `said-by` links from a claim to its
 * speaker and `cites` links from a claim to the figures inside it; "tag every occurrence" (propagation) writes
 * the occurrences of a tagged string there too. The `auto` layer is never edited afterwards: it stays what the
 * machine proposed, so that its JSONL export (`export --layer auto --include-proposals`) is what the CLI produced
 * and a reviewer can score it with any tool.
 *
 * Provenance travels as span attributes, as Label Studio's predictions do (`model_version`, `score`), so that
 * every export format carries it: `rule` (which rule or model made the proposal) and `confidence` (0..1, written
 * with at most three decimals). Figures also get `value` (a number as text), `bound` (`exact`, `at least`,
 * `at most`, `about`) and `unit` (what it counts, "civilians", "%", "USD", "km").
 *
 * Decisions are per analyst: accepting copies the proposal into the analyst's own layer (without the provenance
 * attributes, with the links whose other end the analyst has too); rejecting records the refusal. A proposal
 * decided by the analyst, or equal to a span already in their layer, is no longer shown to them, and a proposal
 * anyone decided is never made again. Offsets are code points, as everywhere outside the renderer.
 */
import type { Annotation, Link } from './model.js';

/** The labels pre-annotation proposes, in the order it runs them (claims need speakers and figures). */
export const PROPOSAL_LABELS = ['figure', 'speaker', 'claim'] as const;
export type ProposalLabel = (typeof PROPOSAL_LABELS)[number];

/** Attributes that record where a proposal came from; an accepted copy drops them (they describe the machine). */
export const PROVENANCE_ATTRIBUTES = ['rule', 'confidence', 'model_version', 'score'] as const;

/** The `rule` of a proposal made by "tag every occurrence". */
export const PROPAGATE_RULE = 'propagate';

/** An open proposal as the reader shows it: an `auto` span the current analyst has not decided on. */
export interface Proposal {
  /** The `auto` annotation's id. */
  id: number;
  docId: number;
  labelId: number;
  label: string;
  /** Code points, half-open. */
  start: number;
  end: number;
  text: string;
  attributes: Record<string, string>;
  /** The rule or model that made it (`attributes.rule`), '' when the span came from elsewhere (an import). */
  rule: string;
  /** 0..1; null when the proposal has none (an imported prediction without a score). */
  confidence: number | null;
}

/** What `preannotate.run` did: documents looked at, and proposals added per label (the CLI's `--json`). */
export interface PreannotateReport {
  documents: number;
  /** Every label asked for, 0 when none was added (or the project lacks it: a note says so). */
  proposals: Record<string, number>;
  /** Links added between proposals: `said-by` and `cites`, both always there (0 when none). */
  links: Record<string, number>;
  /** Proposals not added because they were already proposed, accepted, rejected or tagged, per label. */
  skipped: Record<string, number>;
  /** True when the run was cancelled; what it added before stopping stays (a second run goes on from there). */
  cancelled: boolean;
  /** Labels asked for that the project does not have (nothing proposed for them), and other notes. */
  notes: string[];
}

/** A decision as stored: where the proposal was, for whom, and what they decided. */
export interface ProposalDecision {
  docId: number;
  labelId: number;
  start: number;
  end: number;
  annotatorId: number;
  decision: 'accepted' | 'rejected';
}

/** What `proposals.decide` did, everything `proposals.undo` needs to take it back. */
export interface ProposalsDecided {
  /** Spans created in the analyst's layer (accepting). */
  created: Annotation[];
  /** Links created in the analyst's layer among accepted spans and spans they had. */
  links: Link[];
  /** Decisions recorded. */
  decisions: ProposalDecision[];
}

/** How many occurrences "tag every occurrence" would propose (the count shown before doing anything). */
export interface PropagateCount {
  /** The string looked for, as tagged. */
  text: string;
  /** Occurrences that would become proposals (not tagged already in the analyst's layer, not proposed or rejected). */
  occurrences: number;
  /** In how many documents. */
  documents: number;
  /** Occurrences left out because they are tagged, proposed or rejected already. */
  already: number;
}

/** What propagation added. */
export interface PropagateResult {
  proposals: number;
  documents: number;
}

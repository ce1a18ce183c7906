/**
 * Adjudication (issue 13): what the curation view compares and what accepting writes to the `gold` layer.
 * The grouping and classification rules are services/curation/diff.ts's; these are the shapes they return.
 * Offsets are code points, end exclusive.
 */
import type { Annotation, ClusterName, Link } from './model.js';

/** How the chosen layers differ on one item (see services/curation/diff.ts for the exact rules). */
export type CurationKind = 'agree' | 'missing' | 'boundary' | 'label';

/** One way the layers tagged an item: a label and offsets, and which layers tagged it so. */
export interface CurationVersion {
  labelId: number;
  start: number;
  end: number;
  text: string;
  /** The annotators (names) whose layer has exactly this span, in the order the diff was asked for. */
  annotators: string[];
  /** Their annotation ids, in the same order. */
  annotationIds: number[];
  /** The gold annotation with exactly this label and these offsets, if gold has it. */
  goldId: number | null;
}

/** A gold span, as the view shows the gold layer. */
export interface GoldSpan {
  annotationId: number;
  labelId: number;
  start: number;
  end: number;
  text: string;
  curatedBy: number | null;
}

/** One group of corresponding spans across the chosen layers (services/curation/diff.ts). */
export interface CurationItem {
  /** Stable while the layers do not change: `start:end:labelId` of its first version. */
  key: string;
  kind: CurationKind;
  /** The extent of the group: the first start and the last end of its spans. */
  start: number;
  end: number;
  /** The distinct versions, by start, then end, then label id. */
  versions: CurationVersion[];
  /** Chosen annotators with no span in the group ("missing" from them; "extra" in the others). */
  missingFrom: string[];
  /** Gold spans that join the group (overlap one of its spans with the same label, or have the same offsets). */
  gold: GoldSpan[];
}

/** A link of the chosen layers between spans of this document's items (or to a span elsewhere), grouped by meaning. */
export interface CurationLinkItem {
  /** `typeId:from:to`, ends as `docId:start:end:labelId` (ends in order for an undirected type). */
  key: string;
  kind: 'agree' | 'missing';
  typeId: number;
  from: { docId: number; labelId: number; start: number; end: number; text: string };
  to: { docId: number; labelId: number; start: number; end: number; text: string };
  annotators: string[];
  linkIds: number[];
  missingFrom: string[];
  /** The gold link with this meaning, if gold has it. */
  goldLinkId: number | null;
  /** Whether gold has both ends (a link can only be accepted then). */
  endsInGold: boolean;
}

export interface CurationDiff {
  docId: number;
  /** The compared layers, in the order asked. */
  annotators: { id: number; name: string }[];
  items: CurationItem[];
  links: CurationLinkItem[];
  /** Gold spans of the document that join no item (accepted from a layer not compared now, say). */
  goldOnly: GoldSpan[];
}

/** What one accept did, in the order it did it, with what undo needs (renderer/state/history.ts batch). */
export interface CurationAccepted {
  /** Gold links taken away first (`clusterNames`: what re-forms their clusters on undo). */
  unlinked: { links: Link[]; clusterNames: ClusterName[] };
  /** Gold spans taken away next, each with the links and cluster name it had (as annotations.delete returns). */
  removed: { deleted: Annotation; links: Link[]; clusterName: string | null }[];
  /** Gold spans made. */
  created: Annotation[];
  /** Gold links made last (between accepted spans, or the links asked for). */
  links: Link[];
}

/** What "merge all agreements" puts (or would put) into gold. */
export interface AgreementsMerged {
  documents: number;
  spans: number;
  links: number;
  /** Same-as links added so that gold's clusters hold every pair a majority linked. */
  clusterLinks: number;
  /** What was made (empty for a preview): undo deletes them. */
  created: Annotation[];
  createdLinks: Link[];
}

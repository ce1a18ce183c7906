/**
 * The nouns of Crosscheck. Plain data that crosses every boundary (IPC, HTTP, CLI, tests).
 *
 * Offsets (`start`, `end`, `length`) are Unicode code points into `Document.text`, half-open,
 * so that Python's `text[start:end]` equals the span text. Only the renderer ever converts them
 * (see renderer/editor/positions.ts).
 */

import type { EventMap } from './events.js';
import type { ProposalDecision } from './proposals.js';

export type Id = number;

export interface Label {
  id: Id;
  name: string;
  /** CSS colour, `#rrggbb`. */
  color: string;
  /** Single-key shortcut ('1'..'9' or a letter), or null. */
  key: string | null;
  position: number;
}

export interface DocumentSummary {
  id: Id;
  title: string;
  /** ISO date `yyyy-mm-dd`, or null when the import found none. */
  date: string | null;
  source: string | null;
  path: string | null;
  /** Length of the text in code points. */
  length: number;
  importedAt: string;
  /** The analyst marked the document finished (exports can take only those). */
  done: boolean;
  /** When it was last marked done (ISO 8601); null when not done, or done before this was recorded (schema 5). */
  doneAt: string | null;
  /** Where the article was published (`http(s)://…`), or null; set by the analyst (documents.update). */
  url: string | null;
  /** Annotation counts keyed by label id, every layer but the `auto` proposals (issue 14). */
  counts: Record<string, number>;
}

/**
 * Which documents a list shows (issue 12). Every field narrows; absent fields do not. Dates are ISO `yyyy-mm-dd`,
 * both ends inclusive; a document without a date is outside any date range. `source` matches the stored source
 * exactly; `source: null` keeps the documents without one (none stored, or empty). `labelId`: documents with at
 * least one span of that label (an `auto` proposal is not one).
 */
export interface DocumentFilter {
  done?: boolean;
  labelId?: Id;
  source?: string | null;
  from?: string;
  to?: string;
  /** Marked done on or after this UTC day (`yyyy-mm-dd`); documents done before schema 5 have no done day. */
  doneFrom?: string;
  /** Marked done on or before this UTC day, inclusive. */
  doneTo?: string;
}

/** The metadata an analyst edits on a document (documents.update); dates `yyyy-mm-dd`, URLs http(s). */
export interface DocumentMeta {
  id: Id;
  title: string;
  date: string | null;
  source: string | null;
  url: string | null;
}

/** A document row as stored, everything a restore needs to put it back as it was (documents.deleteMany). */
export interface StoredDocument extends DocumentMeta {
  path: string | null;
  origin: string | null;
  externalId: string | null;
  hash: string;
  text: string;
  length: number;
  importedAt: string;
  done: boolean;
  doneAt: string | null;
}

/**
 * What deleting documents took with them, so that undo (documents.restore) puts back exactly those rows: the
 * documents, their annotations (with cluster ids and external ids), every link touching those annotations (also
 * links to spans of other documents), the clusters they were in, the suggestions dismissed for them, and the
 * analysts' decisions about their proposals (issue 14; absent in undo records made before, which restore as before).
 */
export interface DeletedDocuments {
  documents: StoredDocument[];
  annotations: Annotation[];
  links: Link[];
  clusters: { id: Id; name: string; createdAt: string; annotatorId?: Id }[];
  dismissed: { annotationId: Id; target: string }[];
  decisions?: (ProposalDecision & { decidedAt: string })[];
}

/** What deleting a set of documents would take with it: what the confirmation says. */
export interface DeleteImpact {
  documents: number;
  annotations: number;
  links: number;
}

export interface Document extends DocumentSummary {
  text: string;
  hash: string;
}

export type Attributes = Record<string, string>;

export interface Annotation {
  id: Id;
  docId: Id;
  labelId: Id;
  start: number;
  end: number;
  /** The covered text, `text[start:end]` in code points. */
  text: string;
  note: string;
  attributes: Attributes;
  /** The same-as cluster this span belongs to, or null. */
  clusterId: Id | null;
  createdAt: string;
  updatedAt: string;
  /** Whose layer the span is in (common/annotators.ts). Absent only in undo records written before layers. */
  annotatorId: Id;
  /** In the gold layer: the annotator who accepted the span in curation. */
  curatedBy?: Id;
  /**
   * The id another tool's file gave this span (JSONL import, issue 11), kept with its JSON type ("s:h1-spk",
   * "n:17"), present only when there is one; undo carries it back so exports still write it.
   */
  externalId?: string;
}

export interface LinkType {
  id: Id;
  name: string;
  /** A directed type reads from → to (a claim said-by a speaker); others read both ways. */
  directed: boolean;
  /** Transitive types (same-as) join their ends into clusters. */
  transitive: boolean;
  color: string;
  position: number;
}

export interface Link {
  id: Id;
  fromId: Id;
  toId: Id;
  typeId: Id;
  createdAt: string;
  /** Whose layer the link is in: always the layer of both its ends. */
  annotatorId: Id;
  /** In the gold layer: the annotator who accepted the link in curation. */
  curatedBy?: Id;
  /** The id an imported file gave this link, as Annotation.externalId. */
  externalId?: string;
}

export interface Cluster {
  id: Id;
  /** Canonical name: a speaker's full name, a claim's short statement. Editable. */
  name: string;
  size: number;
}

/** An annotation with what is needed to show it outside its document: finders, link panels, boards. */
export interface AnnotationInContext {
  annotation: Annotation;
  label: string;
  docTitle: string;
  docDate: string | null;
  docSource: string | null;
  /** The sentence around the span, and where the span sits in it (code points into `context`). */
  context: string;
  contextStart: number;
  contextEnd: number;
  clusterName: string | null;
}

/**
 * The name of the cluster an annotation was in before a change, kept by undo: if the change dissolved the
 * cluster, putting the links back re-forms it under this name instead of a default one.
 */
export interface ClusterName {
  annotationId: Id;
  name: string;
}

/** What a change to links did to clusters, so a window can repaint its cluster markers. */
export interface ClusterEffect {
  /** Annotations whose cluster changed, with their new cluster (null: no longer in one). */
  moved: { id: Id; clusterId: Id | null }[];
}

export interface ImportReport {
  imported: { path: string; id: Id; title: string }[];
  /**
   * `of` is the id of the document already holding the identical text; `ofTitle` and `ofPath` name it (its title
   * and stored path) so a person can find it (filled in once the import has run; absent in a part's report).
   */
  duplicates: { path: string; of: Id; ofTitle?: string; ofPath?: string | null }[];
  skipped: { path: string; reason: string }[];
  /** Imports of annotated formats also say what they brought besides documents. */
  spans?: number;
  links?: number;
  clusters?: number;
  labelsAdded?: string[];
  linkTypesAdded?: string[];
  /** The annotator layers the import wrote spans into (issue 13). */
  layers?: string[];
  /**
   * Content a file's format allows but Crosscheck could not place or does not model, left out while the rest of
   * the file was imported (with `strict`, any entry refuses the file instead). Nothing an importer leaves out is
   * missing from this list.
   */
  dropped?: DroppedEntry[];
  /** Decisions the importer took that a person should know (the offset unit read, the encoding guessed). */
  notes?: string[];
}

/** One thing an importer left out: in which file, where in it (a line, a task), what it was and why. */
export interface DroppedEntry {
  path: string;
  /** "line 12", "task 3, region r7", "T4": as precise as the format allows. */
  where: string;
  /** What was left out, e.g. `span 0..0 "claim"`, `choices "sentiment"`. */
  what: string;
  why: string;
}

/** How far an import is (declared with the events, in common/events.ts). */
export type ImportProgress = EventMap['import.progress'];

export interface SearchHit {
  docId: Id;
  title: string;
  date: string | null;
  source: string | null;
  /**
   * A short excerpt. Matched terms are wrapped in SNIPPET_OPEN / SNIPPET_CLOSE so that the
   * renderer can mark them without ever parsing HTML.
   */
  snippet: string;
  rank: number;
}

export const SNIPPET_OPEN = '\u0002';
export const SNIPPET_CLOSE = '\u0003';

export interface Range {
  start: number;
  end: number;
}

export interface ProjectInfo {
  path: string;
  name: string;
  schemaVersion: number;
  readOnly: boolean;
  /** When readOnly: what the read-only banner says (the file read in place, or a private copy and why). */
  readOnlyNote?: string;
}

export interface Stats {
  documents: number;
  annotations: number;
  /** Annotation counts keyed by label name (every layer but the `auto` proposals; so are `annotations` and `links`). */
  byLabel: Record<string, number>;
  links: number;
  clusters: number;
}

export type DocumentSort = 'title' | 'date' | 'source' | 'imported' | 'annotations';


/** A passage of the corpus: where a search or a suggestion points into a document that has no span there yet. */
export interface Passage {
  docId: Id;
  docTitle: string;
  docDate: string | null;
  docSource: string | null;
  /** The matched words (code points into the document text). */
  start: number;
  end: number;
  /** The sentence around them and where they sit in it. */
  context: string;
  contextStart: number;
  contextEnd: number;
}

export type Suggestion = { score: number; reasons: string[]; key: string } & (
  | { kind: 'annotation'; target: AnnotationInContext }
  | { kind: 'passage'; passage: Passage }
);

/** A cluster as the boards show it: its mentions across documents, sources and time. */
export interface ClusterSummary {
  id: Id;
  name: string;
  label: string;
  mentions: {
    annotationId: Id;
    text: string;
    docId: Id;
    docTitle: string;
    date: string | null;
    source: string | null;
  }[];
  documents: number;
  sources: string[];
  firstDate: string | null;
  lastDate: string | null;
  /** Figures cited by the mentions (linked with a cites link, or tagged inside the claim span). */
  figures: { annotationId: Id; docId: Id; text: string; value: number | null; source: string | null }[];
  /** Pairs of figures that disagree (60 vs 100); about 200 vs 200 agree. */
  conflicts: { a: Id; b: Id; why: string }[];
  /** Distinct spellings of the mentions (speakers board). */
  spellings: string[];
}

/**
 * One page of the claims or speakers board (`boards.claims`, `boards.speakers`): the cards from `offset` in board
 * order (most documents first, then name), with what the board's header shows of the whole board.
 */
export interface BoardPage {
  /** Clusters on the whole board. */
  total: number;
  /** Where `clusters` starts in board order (the page asked for, or the one holding the cluster asked for). */
  offset: number;
  clusters: ClusterSummary[];
  /** Mentions of every cluster of the board. */
  mentions: number;
  /** Earliest and latest `yyyy-mm-dd` date among all the board's mentions: the time axis every card shares. */
  firstDate: string | null;
  lastDate: string | null;
  /** Every source the board's mentions come from, sorted: each gets its own colour across the board. */
  sources: string[];
}

/**
 * What `crosscheck merge` and the "Merge another analyst's work" command report (issue 13): another analyst's
 * spans, links and cluster names brought in as their layer(s), matched to the documents present by content hash.
 * The same shape whatever the source was (a `.crosscheck` project or a file in an import format).
 */

/** What one layer received from the merge; counts are of rows added (nothing is ever changed or removed). */
export interface MergeLayerReport {
  /** The layer's name in this project. */
  name: string;
  /** The layer's name in the source when `--as` gave it another one. */
  sourceName?: string;
  /** Whether this project had no layer of that name before the merge. */
  created: boolean;
  spans: number;
  links: number;
  /** Clusters (cross-document, same-as) the merge made in this layer; they carry the source's names. */
  clusters: number;
  /** Documents in which this layer has spans now and had none before. */
  documents: number;
}

/** Something of the source the merge left out, where it was in the source, and why. */
export interface NotMerged {
  /** `document 12`, `annotation 340`, `link 7`, or a file and its line for an import format. */
  where: string;
  what: string;
  why: string;
}

export interface MergeReport {
  /** The source as it was named. */
  source: string;
  /** `project`: a `.crosscheck` file; `file`: a file or folder in an import format. */
  kind: 'project' | 'file';
  documents: {
    /** Source documents whose text this project already held (same content hash; titles and paths may differ). */
    matched: number;
    /** Source documents this project did not hold, added as the source has them. */
    added: number;
  };
  /** Every layer the merge wrote into (or would have, on a second run: then all zero), by name. */
  layers: MergeLayerReport[];
  /** Spans and links of the source this project already had in the same layer (not doubled); project sources only. */
  alreadyPresent?: { spans: number; links: number };
  labelsAdded: string[];
  linkTypesAdded: string[];
  /** Everything of the source not merged, each with its reason: nothing is left out silently. */
  notMerged: NotMerged[];
  /** Decisions a person should know about (how `--as` was applied, the encoding of a file). */
  notes: string[];
  /** True when the merge added nothing at all: this source was merged before (merging is idempotent). */
  nothingNew: boolean;
}

/**
 * What to say when a source brought no spans or links at all: most often a project still open in Crosscheck, whose
 * latest work is in its `-wal` file beside it, copied or uploaded without it (a new user's case, issue 13).
 */
export const EMPTY_SOURCE_HINT =
  'the source holds no spans or links. If it is a project still open in Crosscheck, its latest work may be in the "-wal" file beside it: close that project (or its window) first, then merge or send the file again';

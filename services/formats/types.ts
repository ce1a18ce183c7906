/**
 * What every format works with. Exporters get documents one at a time (memory stays flat) in the shape
 * below; importers parse a file into ParsedDocs and hand them to ingest(), which writes them in one transaction.
 * All offsets are Unicode code points into `text`.
 */
import type { Db } from '../../db/open.js';
import type { ExportDocRow } from '../../db/export-stream.js';
import type { OffsetUnit } from '../../common/formats.js';
import type { ImportOptions } from '../../common/contract.js';
import type { DroppedEntry } from '../../common/model.js';

export type Split = 'train' | 'dev' | 'test';

export interface ExportSpan {
  id: number;
  start: number;
  end: number;
  label: string;
  text: string;
  note: string;
  attributes: Record<string, string>;
  cluster: { id: number; name: string } | null;
  /** The layer the span is in: its annotator's name (issue 13). */
  annotator: string;
}

export interface ExportLink {
  id: number;
  /** Span ids; `from` is always a span of the document the link is listed on, `to` may be in any document. */
  from: number;
  to: number;
  type: string;
  directed: boolean;
  /** The document of `to`, so formats that hold one document at a time can tell cross-document links apart. */
  toDocId: number;
  /** The layer the link is in: its annotator's name. */
  annotator: string;
}

/** A document as the export run reads it (id, title, date, source, path, text, done), with what it derived. */
export interface ExportDoc extends ExportDocRow {
  split: Split | null;
  /** Only spans whose label passed the export's label filter, sorted by start, then end, then id. */
  spans: ExportSpan[];
  /** Links starting in this document whose both ends passed the filters, by id. */
  links: ExportLink[];
}

export interface ExportContext {
  /** Labels included in this export, in project order, with their colours (brat's visual conf, Label Studio's config). */
  labels: { name: string; color: string }[];
  linkTypes: { name: string; directed: boolean; transitive: boolean }[];
  /** Read-only connection with a consistent snapshot, for formats that need more than one document (pairs). */
  db: Db;
  /** Which document ids and labels passed the filters (for queries through `db`). */
  docIds: ReadonlySet<number>;
  labelNames: ReadonlySet<string>;
  /**
   * The layers (annotator names) the export writes: the one `--layer` names, or, for `--layer all`, every layer
   * with spans in the exported documents, by name. Formats that hold one layer per file write one file per layer
   * when there are several (services/formats/layer-files.ts).
   */
  layers: readonly string[];
  /** The annotator id of `--layer NAME`; null for every layer (for formats that query through `db`). */
  layerId: number | null;
  /** With `layerId` null: the layer left out (`auto`, the proposals, unless the export includes them), or null. */
  exceptLayerId?: number | null;
  /** Options some formats take (common/formats.ts ExportOption). */
  options: { negatives?: number; seed: number; contextSentence: boolean; offsets?: OffsetUnit; sentences?: boolean; singletons?: boolean };
}

/** Where an exporter writes: files under the export folder (one folder per split when splitting). */
export interface Sink {
  /** Appends text to a file at a path relative to this sink's folder (folders are created as needed). */
  write(relPath: string, text: string): void;
}

export interface ExportNotes {
  /** Things a person should know about this export: what a format could not hold, what a rule dropped. */
  notes: string[];
}

export interface Exporter {
  format: string;
  /** Called once per sink (per split) before its documents, with nothing written yet. */
  begin?(ctx: ExportContext, sink: Sink): void;
  doc(d: ExportDoc, ctx: ExportContext, sink: Sink): void;
  /** After the last document of a sink; may write footers and side files, returns notes. */
  end?(ctx: ExportContext, sink: Sink): ExportNotes | void;
}

/** A document parsed from another tool's file, ready for ingest(). */
export interface ParsedDoc {
  title: string;
  text: string;
  /** Where the document came from, as the report shows it. */
  path: string | null;
  /** The path stored with the document (relative to the folder imported from), when not `path` (importers.ts sets it). */
  storedPath?: string | null;
  /** The absolute path it was read from, where known. */
  origin?: string | null;
  source?: string | null;
  date?: string | null;
  spans: ParsedSpan[];
  /** Links by span keys; a key may name a span of another ParsedDoc of the same import. */
  links: { from: string; to: string; type: string }[];
}

export interface ParsedSpan {
  /** Unique within one import (e.g. 'doc1:T3'), used by links. */
  key: string;
  start: number;
  end: number;
  label: string;
  note?: string;
  attributes?: Record<string, string>;
  /** The text the source file says the span covers; when given, ingest() checks it against text[start:end]. */
  text?: string;
  /** Where in the source file the span was declared, for error messages ("file.ann:12"). */
  at?: string;
  /**
   * Whose layer the span is in, where the file says (Label Studio's `completed_by`, doccano's `user`, JSONL's
   * `annotator`); absent: the import's default layer (`--annotator`, else the current annotator).
   */
  annotator?: string | null;
}

/**
 * What an importer is given besides the file's text: the path shown for it, the person's options, and where to
 * put what it leaves out. The import rule (README, "Import rule"): content that breaks the format's syntax throws
 * (AppError naming file and line) and nothing of the import is kept; content the format allows but Crosscheck
 * cannot place or does not model goes to `drop` and the rest imports; with `options.strict`, any drop refuses
 * the file (importers.ts enforces it after parsing, so parsers always just call `drop`).
 */
export interface ImportContext {
  /** The file as the person knows it (relative to an upload's folder, never the private folder). */
  readonly path: string;
  readonly options: ImportOptions;
  /**
   * Records one thing left out. `where`: "line 12", "task 3, region r7"…; `what`: what it was; `why`: the reason;
   * `path`: the file it is in when not `path` above (a brat folder's .ann files).
   */
  drop(where: string, what: string, why: string, path?: string): void;
  /** Records a decision the person should know (the offset unit read and why, an encoding guessed). */
  note(text: string): void;
}

/** An ImportContext that collects into arrays (tests, and importers.ts which copies them into the report). */
export function collectingContext(path: string, options: Partial<ImportOptions> = {}): ImportContext & { dropped: DroppedEntry[]; notes: string[] } {
  const dropped: DroppedEntry[] = [];
  const notes: string[] = [];
  return {
    path,
    options: { strict: false, ...options },
    dropped,
    notes,
    drop: (where, what, why, at = path) => void dropped.push({ path: at, where, what, why }),
    note: (text) => void notes.push(text),
  };
}

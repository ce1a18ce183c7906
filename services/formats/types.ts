/**
 * What every format works with. Exporters get documents one at a time (memory stays flat) in the shape
 * below; importers parse a file into ParsedDocs and hand them to ingest(), which writes them in one transaction.
 * All offsets are Unicode code points into `text`.
 */
import type { Db } from '../../db/open.js';
import type { ExportDocRow } from '../../db/export-stream.js';

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
  /** Options some formats take. */
  options: { negatives?: number; seed: number; contextSentence: boolean };
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
  path: string | null;
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
}

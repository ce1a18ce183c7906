/**
 * The nouns of Crosscheck. Plain data that crosses every boundary (IPC, HTTP, CLI, tests).
 *
 * Offsets (`start`, `end`, `length`) are Unicode code points into `Document.text`, half-open,
 * so that Python's `text[start:end]` equals the span text. Only the renderer ever converts them
 * (see renderer/editor/positions.ts).
 */

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
  /** Annotation counts keyed by label id. */
  counts: Record<string, number>;
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
  createdAt: string;
  updatedAt: string;
}

export interface ImportReport {
  imported: { path: string; id: Id; title: string }[];
  /** `of` is the id of the document already holding the identical text. */
  duplicates: { path: string; of: Id }[];
  skipped: { path: string; reason: string }[];
}

export interface ImportProgress {
  /** Files looked at so far and in all (total is known once the walk is done). */
  done: number;
  total: number;
  current: string;
}

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
}

export interface Stats {
  documents: number;
  annotations: number;
  /** Annotation counts keyed by label name. */
  byLabel: Record<string, number>;
}

export type DocumentSort = 'title' | 'date' | 'source' | 'imported' | 'annotations';

/** Events a host pushes to the renderer (`on(name, cb)`). */
export interface EventMap {
  'import.progress': ImportProgress;
  /** Something changed the project outside the current window (import, another window, CLI). */
  'project.changed': { reason: string };
  /**
   * A native menu item or the shell asks the renderer to act: 'undo', 'redo', 'label:<key>', 'import.done',
   * 'project.switched'. Only the desktop shell sends it; the browser host never does.
   */
  'menu.command': { command: string };
}
export type EventName = keyof EventMap;

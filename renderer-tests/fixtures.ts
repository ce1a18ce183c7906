/** Model records for the renderer's unit tests: plausible defaults, any field overridden. */
import type { Annotation, Document, DocumentSummary, Link } from '../common/model';
import type { Action, WorkbenchState } from '../renderer/app/workbench';

/** A 'hello' span at 0–5 of document 1, label 1, in no cluster. */
export const ann = (id: number, over: Partial<Annotation> = {}): Annotation => ({
  id,
  docId: 1,
  labelId: 1,
  start: 0,
  end: 5,
  text: 'hello',
  note: '',
  attributes: {},
  clusterId: null,
  createdAt: 't',
  updatedAt: 't',
  annotatorId: 1,
  ...over,
});

export const link = (id: number, fromId = 1, toId = 2): Link => ({ id, fromId, toId, typeId: 1, createdAt: 't', annotatorId: 1 });

/** A list row with the given per-label counts. */
export const summary = (id: number, counts: Record<string, number> = {}): DocumentSummary => ({
  id,
  title: `Doc ${id}`,
  date: null,
  source: null,
  path: null,
  length: 200,
  importedAt: 't',
  done: false,
  doneAt: null,
  url: null,
  counts,
});

/** An open document of 200 code points. */
export const doc = (id: number, over: Partial<Document> = {}): Document => ({ ...summary(id), text: 'x'.repeat(200), hash: `h${id}`, ...over });

/** The actions that show `rows` in the document list, in that order: their ids, then the rows themselves. */
export const listed = (...rows: DocumentSummary[]): Action[] => [
  { type: 'docIds', ids: rows.map((r) => r.id) },
  { type: 'docRows', rows, gen: 0, edits: 0 },
];

/** The list's row `id` as cached (undefined when it is not). */
export const rowOf = (s: WorkbenchState, id: number): DocumentSummary | undefined => s.docRows.get(id)?.row;

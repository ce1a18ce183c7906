/**
 * The workbench's state as a pure reducer: what is open, what is selected, what the lists show.
 * Effects (calls to the backend) live in the commands (./commands/); this file only decides what the next state
 * is, from the state and the action alone (no counters or clocks outside the state).
 */
import type { Annotation, Document, DocumentFilter, DocumentSort, DocumentSummary, ImportProgress, Label, LinkType, ProjectInfo, Range, SearchHit } from '../../common/model';
import type { ShownImportReport } from '../features/import/strict-refusal';
import type { DocsWork } from '../features/documents/DocumentList';
import { bumpCount, patchRow, withoutRows, withRows, type RowCache } from '../state/docRows';

export interface WorkbenchState {
  project: ProjectInfo | null;
  labels: Label[];
  linkTypes: LinkType[];
  /** Bumped whenever links or clusters change, so that link panels, suggestions and boards reload. */
  linkSeq: number;
  /**
   * Bumped when the project may have gained what no open view asked for (an import, a merge, another window's
   * commit): readers of project-wide facts such as the annotators reload on it, not on every list refresh.
   */
  projectSeq: number;
  view: 'documents' | 'claims' | 'speakers' | 'project' | 'agreement';
  /** A question waiting for the analyst (e.g. deleting a linked annotation). */
  confirm: { message: string; yes: string; onYes: () => void } | null;
  /**
   * Every document id the list shows, in its order (sort and filter are the backend's: `documents.ids`). Rows are
   * fetched for what is on screen only and cached in `docRows` (renderer/state/docRows.ts), so 100,000 documents
   * cost 100,000 numbers here, not 100,000 rows.
   */
  docIds: number[];
  /** The list rows fetched lately, by id (bounded). */
  docRows: RowCache;
  /** Rows cached in an earlier generation are refetched when shown (something outside the list changed them). */
  docRowsGen: number;
  /**
   * Bumped by each change the renderer makes to cached rows (a tag's count, done): rows fetched before it may be
   * older than the cache, so they fill gaps only.
   */
  docRowEdits: number;
  /** From a sort or filter change (or the first load) until the list's new ids arrive. */
  docsLoading: boolean;
  /**
   * Bumped when documents may have come, gone or changed their metadata (a project loaded, an import, a merge, a
   * delete or its undo, a metadata edit, another window's commit), never by a sort or a filter: what is drawn from
   * every document (the source filter's choices) reloads on it, not on each reorder of the list.
   */
  docsSeq: number;
  /** How many documents the list shows: `docIds.length`. */
  docsTotal: number;
  sort: { by: DocumentSort; dir: 'asc' | 'desc' };
  /** What the document list shows (server-side filter); `docsTotal` counts what it keeps. */
  docFilter: DocumentFilter;
  /** Documents ticked in the list (for delete and bulk edits), in the order they were ticked. */
  docSelection: number[];
  doc: Document | null;
  annotations: Annotation[];
  selectedId: number | null;
  /** Label ids hidden from the side list; empty shows all. */
  hiddenLabels: number[];
  /** The search box's query, its hits, and why it failed (a refusal such as "Query too broad …"), shown in place of hits. */
  search: { q: string; hits: SearchHit[]; busy: boolean; error?: string };
  /** Matches of the last opened search hit in the open document (code points). */
  matches: Range[];
  /** A request to scroll the reader to a code point; `seq` tells two requests for the same target apart. */
  reveal: { cp: number; seq: number } | null;
  /** How many reveals have been requested: the `seq` of the latest. */
  reveals: number;
  importing: ImportProgress | null;
  /** The export this window started last, with its progress in documents; null before the first. */
  exporting: ExportJob | null;
  report: ShownImportReport | null;
  /** The error toast's message. */
  error: string | null;
  /**
   * The operation the toast's error came from ('list', 'open', …; null: none named): that operation's next success
   * clears it (see `succeeded`), while an error from anything else stays up.
   */
  errorOf: string | null;
  /**
   * A delete or restore of documents in flight (from its start until the list has taken it in): the list says so
   * and dims the rows going; `ids` are those rows (empty for a restore, whose rows are not listed yet).
   */
  docsWork: DocsWork | null;
}

export interface ExportJob {
  jobId: string;
  done: number;
  total: number;
  running: boolean;
}

export const initialState: WorkbenchState = {
  project: null,
  labels: [],
  linkTypes: [],
  linkSeq: 0,
  projectSeq: 0,
  view: 'documents',
  confirm: null,
  docIds: [],
  docRows: new Map(),
  docRowsGen: 0,
  docRowEdits: 0,
  docsLoading: true,
  docsSeq: 0,
  docsTotal: 0,
  sort: { by: 'imported', dir: 'asc' },
  docFilter: {},
  docSelection: [],
  doc: null,
  annotations: [],
  selectedId: null,
  hiddenLabels: [],
  search: { q: '', hits: [], busy: false },
  matches: [],
  reveal: null,
  reveals: 0,
  importing: null,
  exporting: null,
  report: null,
  error: null,
  errorOf: null,
  docsWork: null,
};

export type Action =
  | { type: 'project'; project: ProjectInfo; labels: Label[]; linkTypes: LinkType[] }
  | { type: 'relinked'; annotations?: Annotation[] }
  | { type: 'view'; view: WorkbenchState['view'] }
  | { type: 'linkTypes'; linkTypes: LinkType[] }
  | { type: 'docDone'; id: number; done: boolean }
  | { type: 'confirm'; confirm: WorkbenchState['confirm'] }
  | { type: 'labels'; labels: Label[] }
  /**
   * The list's ids in order; `rowsChanged`: rows cached so far may be out of date (refetched as they show);
   * `docsChanged` (implied by `rowsChanged`): documents came, went or changed, not just their order.
   */
  | { type: 'docIds'; ids: number[]; rowsChanged?: boolean; docsChanged?: boolean }
  /** Rows fetched in generation `gen` (see `docRowsGen`), asked when `docRowEdits` was `edits`. */
  | { type: 'docRows'; rows: DocumentSummary[]; gen: number; edits: number }
  /** A list load failed: the list stops saying it is busy (the error toast says why). */
  | { type: 'docsFailed' }
  | { type: 'sort'; by: DocumentSort }
  | { type: 'docFilter'; filter: DocumentFilter }
  | { type: 'docSelection'; ids: number[] }
  /** Documents deleted: out of the list and the selection, and closed if open. */
  | { type: 'docsRemoved'; ids: number[] }
  /** Documents' rows as they are after a metadata edit: the list and the open document show them. */
  | { type: 'docsUpdated'; docs: DocumentSummary[] }
  | { type: 'opened'; doc: Document; annotations: Annotation[]; matches?: Range[]; reveal?: number }
  | { type: 'closed' }
  | { type: 'select'; id: number | null; reveal?: boolean }
  | { type: 'upsert'; annotation: Annotation; select?: boolean }
  | { type: 'removed'; id: number }
  | { type: 'toggleLabel'; labelId: number }
  | { type: 'searchQuery'; q: string }
  | { type: 'searchHits'; q: string; hits: SearchHit[]; error?: string }
  | { type: 'importing'; progress: ImportProgress | null }
  | { type: 'projectChanged' }
  | { type: 'exportStarted'; jobId: string }
  | { type: 'exportProgress'; jobId: string; done: number; total: number }
  /** `documents`: how many the finished export wrote; null when it failed or was cancelled. */
  | { type: 'exportEnded'; jobId: string; documents: number | null }
  | { type: 'report'; report: ShownImportReport | null }
  /** Shows `message` in the toast (null: hides it); `op` names the operation it came from, for `succeeded`. */
  | { type: 'error'; message: string | null; op?: string }
  /** Operation `op` succeeded: an error it left in the toast is out of date and goes. */
  | { type: 'succeeded'; op: string }
  | { type: 'docsWork'; work: WorkbenchState['docsWork'] }

const byPosition = (a: Annotation, b: Annotation) => a.start - b.start || b.end - a.end || a.id - b.id;

/**
 * `sorted` (in `byPosition` order) with `x` in its place, replacing the annotation of the same id: what sorting the
 * list again would give, for a copy and a bisection instead of a sort (a tag in a report with ten thousand spans).
 */
export function withAnnotation(sorted: readonly Annotation[], x: Annotation): Annotation[] {
  const out = sorted.filter((y) => y.id !== x.id);
  let lo = 0;
  let hi = out.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (byPosition(out[mid], x) < 0) lo = mid + 1;
    else hi = mid;
  }
  out.splice(lo, 0, x);
  return out;
}

/** Keeps the document list's per-label counts true as annotations come and go (rows not cached are fetched fresh). */
const bumpRow = (rows: RowCache, docId: number, labelId: number, by: number): RowCache => patchRow(rows, docId, (d) => bumpCount(d, labelId, by));

/** A new reveal request: the counter lives in the state, so the reducer stays pure. */
const revealAt = (s: WorkbenchState, cp: number) => ({ reveal: { cp, seq: s.reveals + 1 }, reveals: s.reveals + 1 });

export function reducer(s: WorkbenchState, a: Action): WorkbenchState {
  switch (a.type) {
    case 'project':
      // The view stays: a board chosen while a large project was still opening holds when it has opened.
      return { ...initialState, project: a.project, labels: a.labels, linkTypes: a.linkTypes, view: s.view, sort: s.sort, docFilter: s.docFilter, reveals: s.reveals, docsSeq: s.docsSeq + 1 };
    case 'relinked':
      return {
        ...s,
        linkSeq: s.linkSeq + 1,
        annotations: a.annotations ? [...a.annotations].sort(byPosition) : s.annotations,
      };
    case 'view':
      return { ...s, view: a.view };
    case 'docDone':
      return {
        ...s,
        docRows: patchRow(s.docRows, a.id, (d) => ({ ...d, done: a.done })),
        docRowEdits: s.docRowEdits + 1,
        doc: s.doc && s.doc.id === a.id ? { ...s.doc, done: a.done } : s.doc,
      };
    case 'linkTypes':
      return { ...s, linkTypes: a.linkTypes, linkSeq: s.linkSeq + 1 };
    case 'confirm':
      return { ...s, confirm: a.confirm };
    case 'labels':
      return { ...s, labels: a.labels };
    case 'docIds': {
      // Only what the list shows stays ticked: a delete must never reach a document filtered out of sight.
      const shown = s.docSelection.length ? new Set(a.ids) : null;
      return {
        ...s,
        docIds: a.ids,
        docsTotal: a.ids.length,
        docsLoading: false,
        docRowsGen: a.rowsChanged ? s.docRowsGen + 1 : s.docRowsGen,
        docsSeq: a.rowsChanged || a.docsChanged ? s.docsSeq + 1 : s.docsSeq,
        docSelection: shown ? s.docSelection.filter((id) => shown.has(id)) : s.docSelection,
      };
    }
    case 'docRows': {
      // A tag made while these rows were on their way counted in the cache, perhaps not in the answer.
      const rows = a.edits === s.docRowEdits ? a.rows : a.rows.filter((r) => !s.docRows.has(r.id));
      return rows.length ? { ...s, docRows: withRows(s.docRows, rows, a.gen) } : s;
    }
    case 'docsFailed':
      return { ...s, docsLoading: false };
    case 'docFilter':
      return { ...s, docFilter: a.filter, docsLoading: true };
    case 'docSelection':
      return { ...s, docSelection: [...new Set(a.ids)] };
    case 'docsRemoved': {
      const gone = new Set(a.ids);
      const open = s.doc && gone.has(s.doc.id);
      return {
        ...s,
        docIds: s.docIds.filter((id) => !gone.has(id)),
        docsSeq: s.docsSeq + 1,
        docRows: withoutRows(s.docRows, gone),
        docsTotal: s.docIds.reduce((n, id) => (gone.has(id) ? n : n + 1), 0),
        docSelection: s.docSelection.filter((id) => !gone.has(id)),
        ...(open ? { doc: null, annotations: [], selectedId: null, matches: [] } : {}),
      };
    }
    case 'docsUpdated': {
      const byId = new Map(a.docs.map((d) => [d.id, d]));
      const fresh = s.doc ? byId.get(s.doc.id) : undefined;
      return {
        ...s,
        docRows: withRows(s.docRows, a.docs, s.docRowsGen),
        doc: s.doc && fresh ? { ...s.doc, title: fresh.title, date: fresh.date, source: fresh.source, url: fresh.url } : s.doc,
      };
    }
    case 'sort':
      return {
        ...s,
        sort: { by: a.by, dir: s.sort.by === a.by && s.sort.dir === 'asc' ? 'desc' : 'asc' },
        docsLoading: true,
      };
    case 'opened':
      return {
        ...s,
        view: 'documents',
        doc: a.doc,
        annotations: [...a.annotations].sort(byPosition),
        selectedId: null,
        matches: a.matches ?? [],
        ...(a.reveal !== undefined ? revealAt(s, a.reveal) : { reveal: null }),
      };
    case 'closed':
      return { ...s, doc: null, annotations: [], selectedId: null, matches: [] };
    case 'select': {
      const target = a.id === null ? undefined : s.annotations.find((x) => x.id === a.id);
      return { ...s, selectedId: a.id, ...(a.reveal && target ? revealAt(s, target.start) : {}) };
    }
    case 'upsert': {
      const x = a.annotation;
      const old = s.annotations.find((y) => y.id === x.id);
      let docRows = s.docRows;
      if (!old) docRows = bumpRow(docRows, x.docId, x.labelId, +1);
      else if (old.labelId !== x.labelId) docRows = bumpRow(bumpRow(docRows, x.docId, old.labelId, -1), x.docId, x.labelId, +1);
      const docRowEdits = s.docRowEdits + 1;
      if (!s.doc || s.doc.id !== x.docId) return { ...s, docRows, docRowEdits };
      const annotations = withAnnotation(s.annotations, x);
      return { ...s, docRows, docRowEdits, annotations, selectedId: a.select ? x.id : s.selectedId };
    }
    case 'removed': {
      const old = s.annotations.find((y) => y.id === a.id);
      return {
        ...s,
        docRows: old ? bumpRow(s.docRows, old.docId, old.labelId, -1) : s.docRows,
        docRowEdits: s.docRowEdits + 1,
        annotations: s.annotations.filter((y) => y.id !== a.id),
        selectedId: s.selectedId === a.id ? null : s.selectedId,
      };
    }
    case 'toggleLabel':
      return {
        ...s,
        hiddenLabels: s.hiddenLabels.includes(a.labelId)
          ? s.hiddenLabels.filter((l) => l !== a.labelId)
          : [...s.hiddenLabels, a.labelId],
      };
    case 'searchQuery':
      return { ...s, search: { q: a.q, hits: a.q.trim() ? s.search.hits : [], busy: !!a.q.trim() } };
    case 'searchHits':
      // A slow answer to an older query must not replace the answer to what is typed now.
      return a.q === s.search.q ? { ...s, search: { q: a.q, hits: a.hits, busy: false, ...(a.error ? { error: a.error } : {}) } } : s;
    case 'importing':
      return { ...s, importing: a.progress };
    case 'exportStarted':
      return { ...s, exporting: { jobId: a.jobId, done: 0, total: 0, running: true } };
    case 'exportProgress':
      // Progress travels on the event channel and may trail the answer: once the job has ended, the answer stands.
      return s.exporting?.jobId === a.jobId && s.exporting.running ? { ...s, exporting: { ...s.exporting, done: a.done, total: a.total } } : s;
    case 'exportEnded':
      if (s.exporting?.jobId !== a.jobId) return s;
      return { ...s, exporting: a.documents === null ? null : { jobId: a.jobId, done: a.documents, total: a.documents, running: false } };
    case 'report':
      return { ...s, report: a.report, projectSeq: s.projectSeq + 1 };
    case 'projectChanged':
      return { ...s, projectSeq: s.projectSeq + 1 };
    case 'error':
      return { ...s, error: a.message, errorOf: a.message === null ? null : (a.op ?? null) };
    case 'succeeded':
      return s.error !== null && s.errorOf === a.op ? { ...s, error: null, errorOf: null } : s;
    case 'docsWork':
      return { ...s, docsWork: a.work };
  }
}

export const selectedAnnotation = (s: WorkbenchState) => s.annotations.find((a) => a.id === s.selectedId) ?? null;

/**
 * The workbench's state as a pure reducer: what is open, what is selected, what the lists show.
 * Effects (calls to the backend) live in the commands (./commands/); this file only decides what the next state
 * is, from the state and the action alone (no counters or clocks outside the state).
 */
import type { Annotation, Document, DocumentFilter, DocumentSort, DocumentSummary, ImportProgress, Label, LinkType, ProjectInfo, Range, SearchHit } from '../../common/model';
import type { ShownImportReport } from '../features/import/strict-refusal';

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
  docs: DocumentSummary[];
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
  search: { q: string; hits: SearchHit[]; busy: boolean };
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
  error: string | null;
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
  docs: [],
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
};

export type Action =
  | { type: 'project'; project: ProjectInfo; labels: Label[]; linkTypes: LinkType[] }
  | { type: 'relinked'; annotations?: Annotation[] }
  | { type: 'view'; view: WorkbenchState['view'] }
  | { type: 'linkTypes'; linkTypes: LinkType[] }
  | { type: 'docDone'; id: number; done: boolean }
  | { type: 'confirm'; confirm: WorkbenchState['confirm'] }
  | { type: 'labels'; labels: Label[] }
  | { type: 'docs'; docs: DocumentSummary[]; total: number }
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
  | { type: 'searchHits'; q: string; hits: SearchHit[] }
  | { type: 'importing'; progress: ImportProgress | null }
  | { type: 'projectChanged' }
  | { type: 'exportStarted'; jobId: string }
  | { type: 'exportProgress'; jobId: string; done: number; total: number }
  /** `documents`: how many the finished export wrote; null when it failed or was cancelled. */
  | { type: 'exportEnded'; jobId: string; documents: number | null }
  | { type: 'report'; report: ShownImportReport | null }
  | { type: 'error'; message: string | null };

const byPosition = (a: Annotation, b: Annotation) => a.start - b.start || b.end - a.end || a.id - b.id;

/** Keeps the document list's per-label counts true as annotations come and go. */
function bumpCount(docs: DocumentSummary[], docId: number, labelId: number, by: number): DocumentSummary[] {
  return docs.map((d) =>
    d.id === docId ? { ...d, counts: { ...d.counts, [labelId]: Math.max(0, (d.counts[labelId] ?? 0) + by) } } : d,
  );
}

/** A new reveal request: the counter lives in the state, so the reducer stays pure. */
const revealAt = (s: WorkbenchState, cp: number) => ({ reveal: { cp, seq: s.reveals + 1 }, reveals: s.reveals + 1 });

export function reducer(s: WorkbenchState, a: Action): WorkbenchState {
  switch (a.type) {
    case 'project':
      return { ...initialState, project: a.project, labels: a.labels, linkTypes: a.linkTypes, sort: s.sort, docFilter: s.docFilter, reveals: s.reveals };
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
        docs: s.docs.map((d) => (d.id === a.id ? { ...d, done: a.done } : d)),
        doc: s.doc && s.doc.id === a.id ? { ...s.doc, done: a.done } : s.doc,
      };
    case 'linkTypes':
      return { ...s, linkTypes: a.linkTypes, linkSeq: s.linkSeq + 1 };
    case 'confirm':
      return { ...s, confirm: a.confirm };
    case 'labels':
      return { ...s, labels: a.labels };
    case 'docs': {
      // Only what the list shows stays ticked: a delete must never reach a document filtered out of sight.
      const shown = new Set(a.docs.map((d) => d.id));
      return { ...s, docs: a.docs, docsTotal: a.total, docSelection: s.docSelection.filter((id) => shown.has(id)) };
    }
    case 'docFilter':
      return { ...s, docFilter: a.filter };
    case 'docSelection':
      return { ...s, docSelection: [...new Set(a.ids)] };
    case 'docsRemoved': {
      const gone = new Set(a.ids);
      const open = s.doc && gone.has(s.doc.id);
      return {
        ...s,
        docs: s.docs.filter((d) => !gone.has(d.id)),
        docsTotal: Math.max(0, s.docsTotal - s.docs.filter((d) => gone.has(d.id)).length),
        docSelection: s.docSelection.filter((id) => !gone.has(id)),
        ...(open ? { doc: null, annotations: [], selectedId: null, matches: [] } : {}),
      };
    }
    case 'docsUpdated': {
      const byId = new Map(a.docs.map((d) => [d.id, d]));
      const fresh = s.doc ? byId.get(s.doc.id) : undefined;
      return {
        ...s,
        docs: s.docs.map((d) => byId.get(d.id) ?? d),
        doc: s.doc && fresh ? { ...s.doc, title: fresh.title, date: fresh.date, source: fresh.source, url: fresh.url } : s.doc,
      };
    }
    case 'sort':
      return {
        ...s,
        sort: { by: a.by, dir: s.sort.by === a.by && s.sort.dir === 'asc' ? 'desc' : 'asc' },
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
      let docs = s.docs;
      if (!old) docs = bumpCount(docs, x.docId, x.labelId, +1);
      else if (old.labelId !== x.labelId) docs = bumpCount(bumpCount(docs, x.docId, old.labelId, -1), x.docId, x.labelId, +1);
      if (!s.doc || s.doc.id !== x.docId) return { ...s, docs };
      const annotations = [...s.annotations.filter((y) => y.id !== x.id), x].sort(byPosition);
      return { ...s, docs, annotations, selectedId: a.select ? x.id : s.selectedId };
    }
    case 'removed': {
      const old = s.annotations.find((y) => y.id === a.id);
      return {
        ...s,
        docs: old ? bumpCount(s.docs, old.docId, old.labelId, -1) : s.docs,
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
      return a.q === s.search.q ? { ...s, search: { q: a.q, hits: a.hits, busy: false } } : s;
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
      return { ...s, error: a.message };
  }
}

export const selectedAnnotation = (s: WorkbenchState) => s.annotations.find((a) => a.id === s.selectedId) ?? null;

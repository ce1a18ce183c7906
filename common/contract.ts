/**
 * The one API of Crosscheck: `'domain.verb' -> (args) => Promise<result>`, and every fact about each method.
 *
 * Every host (Electron IPC, the HTTP browser host), the CLI, the tests and the renderer's backend client are
 * typed against this map, and every host validates `args` with the schema here before a handler sees them.
 * Beside `args` and `result`, each entry declares (all required, so a missing one is a type error):
 * - `effect`: 'write' when the project changes (refused on a read-only project); 'read' otherwise, including
 *   `export.run` and `project.backup`, which write files but leave the project as it was;
 * - `paths`: which arguments are file-system paths and whether the call reads or writes there; every host checks
 *   them (`pathsIn`) against the folders it may use before the call runs;
 * - `queue`: 'serial' waits its turn in the backend's one-at-a-time queue; 'bypass' runs at once (an export reads
 *   its own snapshot for as long as it takes, and its cancel must reach it meanwhile); 'reader' (reads only) runs
 *   on the backend's read-only reader, a worker thread with its own connection, off the event loop and outside
 *   the queue, so that a long search never holds up the other calls; it sees the last committed state (never an
 *   import's open transaction) and sends no events;
 * - `tellsOthers`: whether, after it succeeds, the other windows and tabs on the project are told to refresh;
 * - `emits`: the events (common/events.ts) the call may emit while it runs.
 * The backend's queue, the read-only guard, the hosts' path checks and change notices are all derived from here.
 * A new feature is a new entry here plus its handler in services/handlers.ts; hosts never change for it.
 *
 * One file on purpose, past the usual 400 lines: the table is the single place to read what the API is.
 */
import { z } from 'zod';
import type { EventName } from './events.js';
import type { ClaimConflicts, Dashboard } from './dashboard.js';
import type { AgreementReport } from './agreement.js';
import type { MergeReport } from './merge.js';
import type { AgreementsMerged, CurationAccepted, CurationDiff } from './curation.js';
import { PROPOSAL_LABELS, type PreannotateReport, type PropagateCount, type PropagateResult, type Proposal, type ProposalsDecided } from './proposals.js';
import { exportFormats, importFormats, offsetUnits } from './formats.js';
import { MAX_UPLOAD_PATH } from './file-names.js';
import { annotatorNameProblem, type Annotator, type CurrentAnnotator } from './annotators.js';
import { dateProblem, MAX_DOCS_PER_CALL, META_LIMITS, sourceProblem, timestampProblem, titleProblem, urlProblem } from './document-meta.js';
import type {
  Annotation,
  AnnotationInContext,
  BoardPage,
  Cluster,
  ClusterEffect,
  ClusterName,
  Link,
  LinkType,
  Passage,
  Suggestion,
  Document,
  DocumentMeta,
  DocumentSummary,
  DeletedDocuments,
  DeleteImpact,
  ImportReport,
  Label,
  ProjectInfo,
  Range,
  SearchHit,
  Stats,
} from './model.js';

const id = z.number().int().positive();
const offset = z.number().int().nonnegative();
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'colour must look like #1f77b4');
const labelKey = z
  .string()
  .regex(/^[0-9a-z]$/, 'a shortcut key is one digit or lower-case letter')
  .nullable();
/**
 * Attributes are short facts about a span (stance, source, certainty), typed by a person in a key/value editor.
 * The caps sit far above that use and keep one call from storing megabytes per span (a million keys was 25 MB):
 * 200 keys, keys up to 200 characters (a field name), values up to 10,000 (a quoted paragraph); so at most about
 * two million characters per span. Notes, free text, may be longer.
 */
export const ATTRIBUTE_LIMITS = { keys: 200, keyLength: 200, valueLength: 10_000 } as const;
/** At most `max` own keys, counted no further than max + 1 (a million keys are refused at once, not walked). */
const atMostKeys = (v: unknown, max: number) => {
  if (typeof v !== 'object' || v === null) return true; // not an object: the record schema says so
  let n = 0;
  for (const k in v) if (Object.hasOwn(v, k) && ++n > max) return false;
  return true;
};
const attributes = z
  .custom<Record<string, string>>((v) => atMostKeys(v, ATTRIBUTE_LIMITS.keys), `an annotation has at most ${ATTRIBUTE_LIMITS.keys} attributes`)
  .pipe(
    z
      .record(z.string(), z.string().max(ATTRIBUTE_LIMITS.valueLength, `an attribute value is at most ${ATTRIBUTE_LIMITS.valueLength} characters`))
      .superRefine((a, ctx) => {
        // Checked here rather than as the record's key schema, whose failure reads only "Invalid key in record".
        const bad = Object.keys(a).find((k) => k.length === 0 || k.length > ATTRIBUTE_LIMITS.keyLength);
        if (bad === undefined) return;
        const message = bad
          ? `the attribute name ${JSON.stringify(bad.slice(0, 40) + '…')} is longer than ${ATTRIBUTE_LIMITS.keyLength} characters`
          : 'an attribute name is empty';
        ctx.addIssue({ code: 'custom', message });
      }),
  );
const note = z.string().max(100_000);
/** A path the call reads: any name a file can have, which never holds a NUL byte. */
const readPath = z.string().min(1).max(4096).refine((p) => !p.includes('\0'), 'a path cannot hold a NUL byte');
/** A path the call creates: no NUL byte, and no control characters a person could not see or type in a name. */
const newPath = z
  .string()
  .min(1)
  .max(4096)
  // eslint-disable-next-line no-control-regex
  .refine((p) => !/[\u0000-\u001f\u007f]/.test(p), 'a path to write cannot hold a NUL byte or other control characters');
/**
 * Whether an export may replace what is at its destination: only ever a Crosscheck export (a JSONL file whose
 * first line is ours, or a folder holding only files the new export writes too), never anything else (`--force`).
 */
const replace = z.boolean().optional();
/** An export's layer: an annotator's name or `all` (services/export/stream.ts layerIdOf checks it exists). */
const exportLayer = z.string().trim().min(1).max(60).optional();

/** A page of a board (`boards.claims`, `boards.speakers`): a layer, then `limit` cards from `offset`, or from the page holding cluster `at`. */
const boardPageArgs = z.object({
  annotatorId: id.optional(),
  offset: offset.default(0),
  limit: z.number().int().min(1).max(200).default(40),
  at: id.optional(),
});

/** An annotator's name as a file or a person gives it (common/annotators.ts; reserved names are checked where they matter). */
const annotatorName = z
  .string()
  .trim()
  .superRefine((v, ctx) => {
    const p = annotatorNameProblem(v, true);
    if (p) ctx.addIssue({ code: 'custom', message: p });
  });

/**
 * How an import reads what its files leave open. `strict`: any content the importer would drop (a report
 * `dropped` entry) refuses the file instead, nothing kept. `offsets`: the unit span offsets count in, for formats
 * whose files do not say (default: the format's own, or the only reading consistent with the data). `encoding`:
 * the text encoding of plain-text files (an iconv-lite name such as `windows-1250`), instead of a guess.
 * `labelNames`: label ids to names for files that store ids (doccano 1.x: `{"7": "claim"}`). `annotator`: the layer
 * spans go to when the file does not say whose they are (default: the current annotator).
 */
export const importOptions = z
  .object({
    strict: z.boolean().default(false),
    offsets: z.enum(offsetUnits).optional(),
    encoding: z.string().min(1).max(40).optional(),
    labelNames: z.record(z.string().max(40), z.string().min(1).max(60)).optional(),
    annotator: annotatorName.optional(),
  })
  .optional();
export type ImportOptions = NonNullable<z.output<typeof importOptions>>;

/** Phantom marker for a result type: zod validates what comes in; results are typed, not re-parsed. */
const returns = <T>() => undefined as unknown as T;

/** An imported file's id as stored (db/migrations/0004_interop.ts): its JSON type, a colon, the id. */
const externalId = z.string().max(1100).regex(/^[sn]:/s);

const annotationShape = z.object({
  id,
  docId: id,
  labelId: id,
  start: offset,
  end: offset,
  text: z.string(),
  note,
  attributes,
  clusterId: id.nullable().default(null),
  createdAt: z.string(),
  updatedAt: z.string(),
  externalId: externalId.optional(),
  annotatorId: id,
  curatedBy: id.optional(),
});

const linkShape = z.object({
  id,
  fromId: id,
  toId: id,
  typeId: id,
  createdAt: z.string(),
  externalId: externalId.optional(),
  annotatorId: id,
  curatedBy: id.optional(),
});

/** A proposal decision as stored (common/proposals.ts ProposalDecision): what undo forgets and redo records again. */
const proposalDecisionShape = z.object({ docId: id, labelId: id, start: offset, end: offset, annotatorId: id, decision: z.enum(['accepted', 'rejected']) });

/** A timestamp handed back for a restore or redo: ISO 8601 as Crosscheck writes them (common/document-meta.ts). */
const timestamp = z.string().superRefine((v, ctx) => {
  const p = timestampProblem(v);
  if (p) ctx.addIssue({ code: 'custom', message: p });
});
/** An annotation put back by undo or redo: as stored, with its timestamps checked (they are stored as given). */
const restoredAnnotation = annotationShape.extend({ createdAt: timestamp, updatedAt: timestamp });
/** A link put back by undo or redo, its timestamp checked. */
const restoredLink = linkShape.extend({ createdAt: timestamp });
/**
 * Most links one `proposals.decide` can make, so what `proposals.redo` takes back: every pair of accepted spans may
 * be linked (200 claims accepted with 100 figures each made 20,100), so far more than the 10,000 ids decide takes.
 */
export const MAX_DECIDED_LINKS = 1_000_000;

/** A string checked by one of common/document-meta.ts's rules, after trimming; the rule's words are the message. */
const checkedBy = (problem: (v: string) => string | null) =>
  z
    .string()
    .trim()
    .superRefine((v, ctx) => {
      const p = problem(v);
      if (p) ctx.addIssue({ code: 'custom', message: p });
    });
const isoDay = checkedBy(dateProblem);
/** Which documents a list shows (common/model.ts DocumentFilter). */
const documentFilter = z.object({
  done: z.boolean().optional(),
  labelId: id.optional(),
  /** null: documents without a source. */
  source: z.string().max(META_LIMITS.source).nullable().optional(),
  from: isoDay.optional(),
  to: isoDay.optional(),
  doneFrom: isoDay.optional(),
  doneTo: isoDay.optional(),
});
/** One document's metadata change: fields absent stay; null (or an empty source or URL) clears a field. */
const metaChange = z.object({
  id,
  title: checkedBy(titleProblem).optional(),
  date: isoDay.nullable().optional(),
  source: checkedBy(sourceProblem).transform((v) => v || null).nullable().optional(),
  url: checkedBy((v) => (v ? urlProblem(v) : null)).transform((v) => v || null).nullable().optional(),
});
const docIds = z.array(id).min(1).max(MAX_DOCS_PER_CALL);
const storedDocument = z.object({
  id,
  title: z.string(),
  date: z.string().nullable(),
  source: z.string().nullable(),
  url: z.string().nullable(),
  path: z.string().nullable(),
  origin: z.string().nullable(),
  externalId: z.string().nullable(),
  hash: z.string(),
  text: z.string(),
  length: offset,
  importedAt: z.string(),
  done: z.boolean(),
  doneAt: z.string().nullable(),
});
/** What documents.deleteMany returned (common/model.ts DeletedDocuments), handed back to put it all back. */
const deletedDocuments = z.object({
  documents: z.array(storedDocument).min(1).max(MAX_DOCS_PER_CALL),
  annotations: z.array(annotationShape).max(2_000_000),
  links: z.array(linkShape).max(2_000_000),
  clusters: z.array(z.object({ id, name: z.string(), createdAt: z.string() })).max(2_000_000),
  dismissed: z.array(z.object({ annotationId: id, target: z.string() })).max(2_000_000),
  /** Absent in undo records made before decisions were carried (they restore as before). */
  decisions: z.array(proposalDecisionShape.extend({ decidedAt: z.string() })).max(2_000_000).optional(),
});
const clusterNames = z.array(z.object({ annotationId: id, name: z.string().max(1000) })).max(10_000).default([]);

/** A file-system path argument: which argument holds it (a string or an array of strings) and what the call does there. */
export interface PathArg<K extends string = string> {
  arg: K;
  access: 'read' | 'write';
}

/** Where the backend runs a call (see the top of this file). */
export type Queue = 'serial' | 'bypass' | 'reader';

/** Everything declared about one method (see the top of this file). */
export interface MethodSpec<
  A extends z.ZodObject = z.ZodObject,
  R = unknown,
  E extends 'read' | 'write' = 'read' | 'write',
  Q extends Queue = Queue,
> {
  args: A;
  /** Phantom: the result's type (results are typed, not re-parsed). */
  result: R;
  effect: E;
  paths: readonly PathArg<keyof z.input<A> & string>[];
  /** 'reader' only for reads (see the top of this file; `method` checks it). */
  queue: Q;
  /** Always false for reads: nothing changed that another window shows. */
  tellsOthers: E extends 'read' ? false : boolean;
  emits: readonly EventName[];
  /**
   * The result names files on disk the host hands to the person (`{path, name, kind}`, see export.deliver): the
   * browser host also answers `GET /api/<method>?args=<JSON>` with their bytes as a download; the desktop host
   * shows `path` in the file manager after the call. Reads only.
   */
  delivers?: E extends 'read' ? true : never;
}

/** Declares one method; exists so that each entry is checked whole against MethodSpec (path args by name). */
function method<A extends z.ZodObject, R, const E extends 'read' | 'write', const Q extends Queue, const D extends true | undefined = undefined>(
  spec: MethodSpec<A, R, E, Q> & { queue: E extends 'read' ? Q : Exclude<Q, 'reader'>; delivers?: D },
): MethodSpec<A, R, E, Q> & { delivers?: D } {
  return spec;
}

export const contract = {
  'project.info': method({
    args: z.object({}), result: returns<ProjectInfo>(),
    effect: 'read', paths: [], queue: 'serial', tellsOthers: false, emits: [],
  }),
  /** A copy of the project beside it (`<name> backups/`), made with SQLite's online backup API. */
  'project.backup': method({
    args: z.object({}), result: returns<{ path: string; pages: number }>(),
    effect: 'read', paths: [], queue: 'serial', tellsOthers: false, emits: [],
  }),
  'project.backups': method({
    args: z.object({}), result: returns<{ path: string; size: number; modified: string }[]>(),
    effect: 'read', paths: [], queue: 'serial', tellsOthers: false, emits: [],
  }),
  /** Replaces the project with a backup, after backing up the current state (so a restore can be undone). */
  'project.restore': method({
    args: z.object({ path: readPath }),
    result: returns<{ restoredFrom: string; safetyBackup: string }>(),
    effect: 'write', paths: [{ arg: 'path', access: 'read' }], queue: 'serial', tellsOthers: false, emits: ['project.changed'],
  }),
  /** The Project view's counts (services/dashboard.ts): per label, per source, done over time, claim clusters, conflicts. */
  'project.dashboard': method({
    args: z.object({}), result: returns<Dashboard>(),
    effect: 'read', paths: [], queue: 'reader', tellsOthers: false, emits: [],
  }),
  'stats.get': method({
    args: z.object({}), result: returns<Stats>(),
    effect: 'read', paths: [], queue: 'serial', tellsOthers: false, emits: [],
  }),

  /** The project's annotators (layers), with how much each holds (common/annotators.ts). */
  'annotators.list': method({
    args: z.object({}), result: returns<Annotator[]>(),
    effect: 'read', paths: [], queue: 'serial', tellsOthers: false, emits: [],
  }),
  /** Who is annotating now: the layer new spans, links and cluster names go to. */
  'annotators.current': method({
    args: z.object({}), result: returns<CurrentAnnotator>(),
    effect: 'read', paths: [], queue: 'serial', tellsOthers: false, emits: [],
  }),
  /** The analyst says who they are (first run or switching): that annotator, created if new, becomes current. */
  'annotators.choose': method({
    args: z.object({ name: annotatorName }), result: returns<CurrentAnnotator>(),
    effect: 'write', paths: [], queue: 'serial', tellsOthers: true, emits: [],
  }),
  /** Renames a layer (not `auto` or `gold`). */
  'annotators.rename': method({
    args: z.object({ id, name: annotatorName }), result: returns<Annotator>(),
    effect: 'write', paths: [], queue: 'serial', tellsOthers: true, emits: [],
  }),

  'labels.list': method({
    args: z.object({}), result: returns<Label[]>(),
    effect: 'read', paths: [], queue: 'serial', tellsOthers: false, emits: [],
  }),
  'labels.create': method({
    args: z.object({ name: z.string().trim().min(1).max(60), color, key: labelKey.optional() }),
    result: returns<Label>(),
    effect: 'write', paths: [], queue: 'serial', tellsOthers: true, emits: [],
  }),
  'labels.update': method({
    args: z.object({
      id,
      name: z.string().trim().min(1).max(60).optional(),
      color: color.optional(),
      key: labelKey.optional(),
    }),
    result: returns<Label>(),
    effect: 'write', paths: [], queue: 'serial', tellsOthers: true, emits: [],
  }),
  'labels.delete': method({
    args: z.object({ id }), result: returns<{ ok: true }>(),
    effect: 'write', paths: [], queue: 'serial', tellsOthers: true, emits: [],
  }),

  'documents.list': method({
    args: z.object({
      sort: z.enum(['title', 'date', 'source', 'imported', 'annotations']).default('imported'),
      dir: z.enum(['asc', 'desc']).default('asc'),
      offset: offset.default(0),
      limit: z.number().int().min(1).max(5000).default(1000),
      /** Narrows the list (and `total`); see DocumentFilter. */
      filter: documentFilter.default({}),
    }),
    result: returns<{ total: number; items: DocumentSummary[] }>(),
    effect: 'read', paths: [], queue: 'serial', tellsOthers: false, emits: [],
  }),
  /**
   * Every document id the filter keeps, in the list's order (the same as `documents.list` pages): the document
   * list holds these and asks `documents.summaries` for the rows on screen, so a 100,000-document list never loads
   * 100,000 rows to sort, filter or scroll (issue 15). `packed` is the ids in the format of common/packed-ids.ts
   * (`unpackIds` gives the array): a third to a sixth of the bytes of a JSON array at 100,000 documents; `count`
   * is how many there are.
   */
  'documents.ids': method({
    args: z.object({
      sort: z.enum(['title', 'date', 'source', 'imported', 'annotations']).default('imported'),
      dir: z.enum(['asc', 'desc']).default('asc'),
      filter: documentFilter.default({}),
    }),
    result: returns<{ count: number; packed: string }>(),
    effect: 'read', paths: [], queue: 'serial', tellsOthers: false, emits: [],
  }),
  /** The list rows (no text) of these documents, in the order asked; ids of documents that no longer exist are left out. */
  'documents.summaries': method({
    args: z.object({ ids: z.array(id).max(1000) }),
    result: returns<DocumentSummary[]>(),
    effect: 'read', paths: [], queue: 'serial', tellsOthers: false, emits: [],
  }),
  'documents.get': method({
    args: z.object({ id }), result: returns<Document>(),
    effect: 'read', paths: [], queue: 'serial', tellsOthers: false, emits: [],
  }),
  'documents.delete': method({
    args: z.object({ id }), result: returns<{ ok: true }>(),
    effect: 'write', paths: [], queue: 'serial', tellsOthers: true, emits: ['project.changed'],
  }),
  /** What deleting these documents would take with it (the confirmation); ids that are no document count nothing. */
  'documents.deleteImpact': method({
    args: z.object({ ids: docIds }), result: returns<DeleteImpact>(),
    effect: 'read', paths: [], queue: 'serial', tellsOthers: false, emits: [],
  }),
  /**
   * Deletes documents with their annotations, links, search entries and dismissed suggestions, as one step; returns
   * all of it for documents.restore (undo). An id that is no document refuses the call (NotFound), deleting nothing.
   */
  'documents.deleteMany': method({
    args: z.object({ ids: docIds }), result: returns<{ deleted: DeletedDocuments }>(),
    effect: 'write', paths: [], queue: 'serial', tellsOthers: true, emits: ['project.changed'],
  }),
  /** Puts back what documents.deleteMany returned, under the same ids (Conflict when one is taken again). */
  'documents.restore': method({
    args: z.object({ deleted: deletedDocuments }), result: returns<{ ids: number[] }>(),
    effect: 'write', paths: [], queue: 'serial', tellsOthers: true, emits: ['project.changed'],
  }),
  /**
   * Changes documents' title, date (`yyyy-mm-dd`), source or URL (http/https), each change naming its document:
   * one edit in the reader, or one source for a selection. Returns the metadata as it was (for undo) and the rows now.
   */
  'documents.update': method({
    args: z.object({ changes: z.array(metaChange).min(1).max(MAX_DOCS_PER_CALL) }),
    result: returns<{ before: DocumentMeta[]; documents: DocumentSummary[] }>(),
    effect: 'write', paths: [], queue: 'serial', tellsOthers: true, emits: [],
  }),
  /**
   * The sources the documents name, with how many documents each, most documents first (then by name ignoring
   * case): at most `limit` (default 50, at most 500), only those containing `query` when given (case-insensitive).
   * `total`: how many distinct sources match, so the list's source filter can say how many it does not show
   * (db/document-sources.ts; a plain file's name is its source, so there may be as many sources as documents).
   * `none`: how many documents have no source (the filter's "(no source)", `filter.source: null`).
   */
  'documents.sources': method({
    args: z.object({ query: z.string().max(META_LIMITS.source).optional(), limit: z.number().int().min(1).max(500).default(50) }),
    result: returns<{ sources: { source: string; documents: number }[]; total: number; none: number }>(),
    effect: 'read', paths: [], queue: 'serial', tellsOthers: false, emits: [],
  }),

  'search.query': method({
    args: z.object({ q: z.string().max(1000), limit: z.number().int().min(1).max(500).default(50) }),
    result: returns<{ hits: SearchHit[]; query: string }>(),
    effect: 'read', paths: [], queue: 'reader', tellsOthers: false, emits: [],
  }),
  /** Where a search matches inside one document, in code points, to open the hit in place. */
  'search.locate': method({
    args: z.object({ docId: id, q: z.string().max(1000) }),
    result: returns<{ ranges: Range[] }>(),
    effect: 'read', paths: [], queue: 'reader', tellsOthers: false, emits: [],
  }),

  'annotations.listForDocument': method({
    args: z.object({ docId: id }), result: returns<Annotation[]>(),
    effect: 'read', paths: [], queue: 'serial', tellsOthers: false, emits: [],
  }),
  'annotations.create': method({
    args: z.object({
      docId: id,
      labelId: id,
      start: offset,
      end: offset,
      note: note.optional(),
      attributes: attributes.optional(),
    }),
    result: returns<Annotation>(),
    effect: 'write', paths: [], queue: 'serial', tellsOthers: true, emits: [],
  }),
  'annotations.update': method({
    args: z.object({
      id,
      labelId: id.optional(),
      start: offset.optional(),
      end: offset.optional(),
      note: note.optional(),
      attributes: attributes.optional(),
    }),
    result: returns<Annotation>(),
    effect: 'write', paths: [], queue: 'serial', tellsOthers: true, emits: [],
  }),
  /** Deletes an annotation with its links; returns all of it so that undo can put it back. */
  'annotations.delete': method({
    args: z.object({ id }),
    result: returns<{ deleted: Annotation; links: Link[]; clusterName: string | null; effect: ClusterEffect }>(),
    effect: 'write', paths: [], queue: 'serial', tellsOthers: true, emits: [],
  }),
  /** Puts back an annotation exactly as it was (same id), with its links: the inverse of delete, used by undo. */
  'annotations.restore': method({
    args: z.object({
      annotation: restoredAnnotation,
      links: z.array(restoredLink).max(10_000).default([]),
      clusterName: z.string().max(1000).nullable().default(null),
    }),
    result: returns<{ annotation: Annotation; effect: ClusterEffect }>(),
    effect: 'write', paths: [], queue: 'serial', tellsOthers: true, emits: [],
  }),
  /** Every annotation of the project matching a text, label, document title or cluster name (the link finder). */
  'annotations.find': method({
    args: z.object({
      q: z.string().max(500).default(''),
      labelId: id.optional(),
      excludeId: id.optional(),
      /** The layer searched (issue 13: linking stays in one layer); default: the current annotator's. */
      annotatorId: id.optional(),
      limit: z.number().int().min(1).max(200).default(50),
    }),
    result: returns<AnnotationInContext[]>(),
    effect: 'read', paths: [], queue: 'reader', tellsOthers: false, emits: [],
  }),
  'annotations.inContext': method({
    args: z.object({ ids: z.array(id).max(500) }), result: returns<AnnotationInContext[]>(),
    effect: 'read', paths: [], queue: 'serial', tellsOthers: false, emits: [],
  }),

  'linkTypes.list': method({
    args: z.object({}), result: returns<LinkType[]>(),
    effect: 'read', paths: [], queue: 'serial', tellsOthers: false, emits: [],
  }),
  'linkTypes.create': method({
    args: z.object({ name: z.string().trim().min(1).max(60), directed: z.boolean().default(false), color }),
    result: returns<LinkType>(),
    effect: 'write', paths: [], queue: 'serial', tellsOthers: true, emits: [],
  }),
  'linkTypes.update': method({
    args: z.object({ id, name: z.string().trim().min(1).max(60).optional(), directed: z.boolean().optional(), color: color.optional() }),
    result: returns<LinkType>(),
    effect: 'write', paths: [], queue: 'serial', tellsOthers: true, emits: [],
  }),
  'links.create': method({
    args: z.object({ fromId: id, toId: id, typeId: id }),
    result: returns<{ link: Link; effect: ClusterEffect }>(),
    effect: 'write', paths: [], queue: 'serial', tellsOthers: true, emits: [],
  }),
  /** Tags a passage and links it in one step: the finder's and the suggestions' "link to text not yet tagged". */
  'links.createWithSpan': method({
    args: z.object({ fromId: id, typeId: id, docId: id, labelId: id, start: offset, end: offset }),
    result: returns<{ annotation: Annotation; link: Link; effect: ClusterEffect }>(),
    effect: 'write', paths: [], queue: 'serial', tellsOthers: true, emits: [],
  }),
  'links.delete': method({
    args: z.object({ id }), result: returns<{ deleted: Link; clusterNames: ClusterName[]; effect: ClusterEffect }>(),
    effect: 'write', paths: [], queue: 'serial', tellsOthers: true, emits: [],
  }),
  /** Puts deleted links back (undo); `clusterNames` re-forms dissolved clusters under their old names. */
  'links.restore': method({
    args: z.object({ links: z.array(restoredLink).min(1).max(10_000), clusterNames }),
    result: returns<{ links: Link[]; effect: ClusterEffect }>(),
    effect: 'write', paths: [], queue: 'serial', tellsOthers: true, emits: [],
  }),
  /** The links of an annotation, each with the annotation at its other end in context. */
  'links.forAnnotation': method({
    args: z.object({ id }),
    result: returns<{ links: { link: Link; other: AnnotationInContext }[]; cluster: (Cluster & { members: AnnotationInContext[] }) | null }>(),
    effect: 'read', paths: [], queue: 'serial', tellsOthers: false, emits: [],
  }),

  'clusters.rename': method({
    args: z.object({ id, name: z.string().trim().min(1).max(1000) }), result: returns<Cluster>(),
    effect: 'write', paths: [], queue: 'serial', tellsOthers: true, emits: [],
  }),
  'clusters.merge': method({
    args: z.object({ a: id, b: id }), result: returns<{ link: Link; effect: ClusterEffect }>(),
    effect: 'write', paths: [], queue: 'serial', tellsOthers: true, emits: [],
  }),
  /** Takes a mention out of its cluster; the rest stays one cluster. */
  'clusters.detach': method({
    args: z.object({ annotationId: id }),
    result: returns<{ removed: Link[]; added: Link[]; clusterNames: ClusterName[]; effect: ClusterEffect }>(),
    effect: 'write', paths: [], queue: 'serial', tellsOthers: true, emits: [],
  }),

  /**
   * Adjudication (issue 13): one document's spans across annotators' layers, grouped into items and classified
   * (agree, missing, boundary, label; services/curation/diff.ts), with the layers' links and what gold holds.
   * `annotators` by name (default: every non-reserved layer with a span in the document).
   */
  'curation.diff': method({
    args: z.object({ docId: id, annotators: z.array(annotatorName).min(1).max(50).optional() }),
    result: returns<CurationDiff>(),
    effect: 'read', paths: [], queue: 'serial', tellsOthers: false, emits: [],
  }),
  /**
   * One curation decision into the `gold` layer (services/curation/accept.ts): gold links and spans to take away,
   * layer spans and links to copy (with the links among accepted spans); records the curator in `curatedBy`.
   * Returns what it did, for undo.
   */
  'curation.accept': method({
    args: z.object({
      docId: id,
      annotationIds: z.array(id).max(1000).default([]),
      linkIds: z.array(id).max(1000).default([]),
      remove: z.array(id).max(1000).default([]),
      unlink: z.array(id).max(1000).default([]),
    }),
    result: returns<CurationAccepted>(),
    effect: 'write', paths: [], queue: 'serial', tellsOthers: true, emits: [],
  }),
  /** How much "merge all agreements" would put into gold (counts only; services/curation/agreements.ts). */
  'curation.previewAgreements': method({
    args: z.object({ annotators: z.array(annotatorName).min(2).max(50), docIds: z.array(id).min(1).max(MAX_DOCS_PER_CALL).optional() }),
    result: returns<AgreementsMerged>(),
    effect: 'read', paths: [], queue: 'serial', tellsOthers: false, emits: [],
  }),
  /**
   * Fills gold with everything a strict majority of the annotators agree on (exact for two), in `docIds` or
   * every document one of them annotated; clusters by majority per mention pair. Idempotent. Returns what it made.
   */
  'curation.mergeAgreements': method({
    args: z.object({ annotators: z.array(annotatorName).min(2).max(50), docIds: z.array(id).min(1).max(MAX_DOCS_PER_CALL).optional() }),
    result: returns<AgreementsMerged>(),
    effect: 'write', paths: [], queue: 'serial', tellsOthers: true, emits: [],
  }),

  /**
   * Pre-annotation (issue 14, services/preannotate/, common/proposals.ts): figures, speakers and claims proposed
   * into the reserved `auto` layer with their provenance, `said-by` and `cites` links among them. `docs` picks the
   * documents (default: all); `labels` the kinds (default: all three). Nothing already proposed, accepted, rejected
   * or tagged in the current annotator's layer is added again. Progress as 'preannotate.progress' events;
   * 'preannotate.cancel' stops it between documents, keeping what it added (a second run goes on from there).
   */
  'preannotate.run': method({
    args: z.object({
      labels: z.array(z.enum(PROPOSAL_LABELS)).min(1).max(PROPOSAL_LABELS.length).optional(),
      docs: z
        .discriminatedUnion('kind', [
          z.object({ kind: z.literal('all') }),
          z.object({ kind: z.literal('ids'), ids: docIds }),
          z.object({ kind: z.literal('query'), q: z.string().min(1).max(1000) }),
          z.object({ kind: z.literal('done') }),
        ])
        .default({ kind: 'all' }),
      jobId: z.string().min(1).max(100).optional(),
    }),
    result: returns<PreannotateReport>(),
    effect: 'write', paths: [], queue: 'serial', tellsOthers: true, emits: ['preannotate.progress'],
  }),
  'preannotate.cancel': method({
    args: z.object({ jobId: z.string().min(1).max(100) }), result: returns<{ cancelled: boolean }>(),
    effect: 'read', paths: [], queue: 'bypass', tellsOthers: false, emits: [],
  }),
  /** The document's proposals the current annotator has not decided on and has no equal span of, in text order. */
  'proposals.forDocument': method({
    args: z.object({ docId: id }), result: returns<Proposal[]>(),
    effect: 'read', paths: [], queue: 'serial', tellsOthers: false, emits: [],
  }),
  /**
   * Accepts proposals (`auto` annotation ids) into the current annotator's layer (provenance attributes dropped;
   * links whose other end the layer has too are copied), or rejects them (never shown to this analyst or proposed
   * again). Returns what it did, for `proposals.undo`. Ids that are not `auto` spans are InvalidInput.
   */
  'proposals.decide': method({
    args: z.object({ ids: z.array(id).min(1).max(10_000), decision: z.enum(['accept', 'reject']) }),
    result: returns<ProposalsDecided>(),
    effect: 'write', paths: [], queue: 'serial', tellsOthers: true, emits: [],
  }),
  /** Takes a `proposals.decide` back: deletes the spans it created (with their links) and forgets its decisions. */
  'proposals.undo': method({
    args: z.object({
      created: z.array(id).max(10_000).default([]),
      decisions: z.array(proposalDecisionShape).max(10_000).default([]),
    }),
    result: returns<{ ok: true }>(),
    effect: 'write', paths: [], queue: 'serial', tellsOthers: true, emits: [],
  }),
  /**
   * Redoes a `proposals.decide` that `proposals.undo` took back (the args are what decide returned): puts its spans
   * and links back under their old ids, so that later history naming them (an edit of an accepted span) still
   * applies, and records its decisions again, in one transaction. The current annotator's layer only (Conflict
   * otherwise); a span whose place is taken since is Conflict. Returns the spans and links as stored.
   */
  'proposals.redo': method({
    args: z.object({
      created: z.array(restoredAnnotation).max(10_000).default([]),
      links: z.array(restoredLink).max(MAX_DECIDED_LINKS).default([]),
      decisions: z.array(proposalDecisionShape).max(10_000).default([]),
    }),
    result: returns<ProposalsDecided>(),
    effect: 'write', paths: [], queue: 'serial', tellsOthers: true, emits: [],
  }),
  /**
   * "Tag every occurrence": how many places in the corpus hold the annotation's text (case and whitespace folded,
   * whole words) that are not tagged with its label in its layer, proposed or rejected already. Counts only.
   */
  'proposals.propagateCount': method({
    args: z.object({ annotationId: id }), result: returns<PropagateCount>(),
    effect: 'read', paths: [], queue: 'serial', tellsOthers: false, emits: [],
  }),
  /** Proposes every occurrence `proposals.propagateCount` counted, in the `auto` layer (rule `propagate`). */
  'proposals.propagate': method({
    args: z.object({ annotationId: id }), result: returns<PropagateResult>(),
    effect: 'write', paths: [], queue: 'serial', tellsOthers: true, emits: [],
  }),

  /**
   * Inter-annotator agreement (issue 13): span F1 (exact, overlap), Cohen's κ and Krippendorff's α over word
   * units, cross-document cluster scores (MUC, B³, CEAF-e, BLANC, CoNLL) and link F1 (common/agreement.ts).
   */
  'agreement.report': method({
    args: z.object({
      annotators: z.array(annotatorName).max(100).optional(),
      labels: z.array(z.string().trim().min(1).max(60)).max(200).optional(),
      query: z.string().max(1000).optional(),
      done: z.boolean().optional(),
      perDocument: z.boolean().optional(),
    }),
    result: returns<AgreementReport>(),
    effect: 'read', paths: [], queue: 'reader', tellsOthers: false, emits: [],
  }),

  /** Likely matches of an annotation in other documents: tagged spans and untagged passages, best first. */
  'suggest.forAnnotation': method({
    args: z.object({ id, limit: z.number().int().min(1).max(50).default(10) }),
    result: returns<Suggestion[]>(),
    effect: 'read', paths: [], queue: 'reader', tellsOthers: false, emits: [],
  }),
  'suggest.dismiss': method({
    args: z.object({ id, key: z.string().min(1).max(200) }), result: returns<{ ok: true }>(),
    effect: 'write', paths: [], queue: 'serial', tellsOthers: true, emits: [],
  }),
  'suggest.undismiss': method({
    args: z.object({ id, key: z.string().min(1).max(200) }), result: returns<{ ok: true }>(),
    effect: 'write', paths: [], queue: 'serial', tellsOthers: true, emits: [],
  }),

  /** Passages of the corpus matching a search, as sentences with offsets (the finder's untagged text). */
  'search.passages': method({
    args: z.object({ q: z.string().max(1000), limit: z.number().int().min(1).max(100).default(20), excludeDocId: id.optional() }),
    result: returns<Passage[]>(),
    effect: 'read', paths: [], queue: 'reader', tellsOthers: false, emits: [],
  }),

  /**
   * A page of the claims board of one layer (`annotatorId`, default: the current annotator's): `limit` cards from
   * `offset` in board order (most documents first, then name ignoring case, then id), or the page holding cluster
   * `at`, with the whole board's totals (services/boards.ts).
   */
  'boards.claims': method({
    args: boardPageArgs, result: returns<BoardPage>(),
    effect: 'read', paths: [], queue: 'reader', tellsOthers: false, emits: [],
  }),
  /** A page of the speakers board, as `boards.claims`. */
  'boards.speakers': method({
    args: boardPageArgs, result: returns<BoardPage>(),
    effect: 'read', paths: [], queue: 'reader', tellsOthers: false, emits: [],
  }),
  /**
   * The claim clusters of one layer whose figures disagree, most disagreeing first (at most `limit`), and how many,
   * among the claims board's clusters `offset` to `offset + count` (default: the whole board).
   */
  'boards.conflicts': method({
    args: z.object({
      annotatorId: id.optional(),
      limit: z.number().int().min(0).max(1000).default(20),
      offset: offset.default(0),
      count: z.number().int().min(1).optional(),
    }),
    result: returns<ClaimConflicts>(),
    effect: 'read', paths: [], queue: 'reader', tellsOthers: false, emits: [],
  }),

  /** Import files and folders from the host's file system (desktop dialog, CLI, `--db` browser host). */
  'import.paths': method({
    args: z.object({
      paths: z.array(readPath).min(1).max(10_000),
      /** 'auto' tells formats apart by extension and content. */
      format: z.enum(importFormats).default('auto'),
      options: importOptions,
    }),
    result: returns<ImportReport>(),
    effect: 'write', paths: [{ arg: 'paths', access: 'read' }], queue: 'serial', tellsOthers: true, emits: ['import.progress', 'project.changed'],
  }),
  /**
   * Brings another analyst's work in as their layer(s) (issue 13, services/merge/): a `.crosscheck` project or a
   * file or folder in an import format. Spans, links and cluster names attach to the documents present (matched by
   * content hash); documents only in the source are added; nothing here changes; merging again adds nothing.
   * `as` names the layer of a source with no annotator or one.
   */
  'project.merge': method({
    args: z.object({ path: readPath, as: annotatorName.optional() }),
    result: returns<MergeReport>(),
    effect: 'write', paths: [{ arg: 'path', access: 'read' }], queue: 'serial', tellsOthers: true, emits: ['import.progress', 'project.changed'],
  }),
  /** `project.merge` of one file whose bytes the renderer read (the browser never names a path on the server). */
  'project.mergeFile': method({
    args: z.object({
      /** The file's name as the person picked it (`bob.crosscheck`, `bob.jsonl`): it tells the source kind apart. */
      name: z.string().min(1).max(255),
      /** File bytes, base64. */
      data: z.string(),
      as: annotatorName.optional(),
    }),
    result: returns<MergeReport>(),
    effect: 'write', paths: [], queue: 'serial', tellsOthers: true, emits: ['import.progress', 'project.changed'],
  }),
  /** Import files whose bytes the renderer read (drag and drop, browser file picker). */
  'import.files': method({
    args: z.object({
      files: z
        .array(
          z.object({
            /**
             * Path as the user sees it, `/` between folders, e.g. `corpus/000.txt` for a dropped folder. The renderer
             * refuses a longer one itself, file by file (common/file-names.ts uploadPathRefusal).
             */
            path: z.string().min(1).max(MAX_UPLOAD_PATH),
            /** File bytes, base64. */
            data: z.string(),
          }),
        )
        .min(1)
        .max(2000),
      /**
       * One import sent in several calls (a brat folder's .txt and .ann may fall in different ones): each call is a
       * part, counted from 0; parts before the last are kept aside (their report holds only files refused on the
       * way in) and the last imports them all as one. Absent: this call's files are the whole import.
       */
      upload: z.object({ id: z.string().min(1).max(100), part: z.number().int().min(0), last: z.boolean() }).optional(),
      format: z.enum(importFormats).optional(),
      options: importOptions,
    }),
    result: returns<ImportReport>(),
    effect: 'write', paths: [], queue: 'serial', tellsOthers: true, emits: ['import.progress', 'project.changed'],
  }),

  /**
   * Writes an export into a new folder (one sub-folder per split when splitting). Runs on its own snapshot of
   * the project and reports progress as 'export.progress' events; 'export.cancel' stops it, leaving nothing.
   */
  'export.run': method({
    args: z.object({
      format: z.enum(exportFormats),
      /** A new folder (or an empty one); an existing file or non-empty folder is refused unless `replace` applies. */
      dest: newPath,
      replace,
      labels: z.array(z.string().min(1).max(60)).max(200).default([]),
      docs: z
        .discriminatedUnion('kind', [
          z.object({ kind: z.literal('all') }),
          z.object({ kind: z.literal('query'), q: z.string().min(1).max(1000) }),
          z.object({ kind: z.literal('done') }),
        ])
        .default({ kind: 'all' }),
      split: z
        .object({
          train: z.number().min(0).max(100),
          dev: z.number().min(0).max(100),
          test: z.number().min(0).max(100),
          seed: z.number().int().default(1),
        })
        .refine((s) => s.train + s.dev + s.test > 0, 'the split ratios add up to nothing')
        .optional(),
      negatives: z.number().int().min(0).max(100).optional(),
      seed: z.number().int().optional(),
      /** Formats that take `offsets` (common/formats.ts): the unit offsets are written in; absent, the format's own. */
      offsets: z.enum(offsetUnits).optional(),
      /** Formats that take `sentences`: one row per sentence instead of one per document. */
      sentences: z.boolean().optional(),
      /** Formats that take `singletons`: clusters of one mention are written too. */
      singletons: z.boolean().optional(),
      /** Documents' paths as stored at import (absolute, where known) instead of relative to the folder imported from. */
      absolutePaths: z.boolean().optional(),
      /** One annotator's layer (`gold`: the adjudicated one) or `all` (absent: all); an unknown name is InvalidInput. */
      layer: exportLayer,
      /** Keep the `auto` layer's proposals (left out by default; `layer: 'auto'` needs it). */
      includeProposals: z.boolean().optional(),
      jobId: z.string().min(1).max(100).optional(),
    }),
    /** `emptySplits`: splits asked for that no document went to (their folders are there, empty); a note says so too. */
    result: returns<{ dest: string; files: string[]; documents: number; spans: number; links: number; notes: string[]; emptySplits: ('train' | 'dev' | 'test')[] }>(),
    effect: 'read', paths: [{ arg: 'dest', access: 'write' }], queue: 'bypass', tellsOthers: false, emits: ['export.progress'],
  }),
  'export.cancel': method({
    args: z.object({ jobId: z.string().min(1).max(100) }), result: returns<{ cancelled: boolean }>(),
    effect: 'read', paths: [], queue: 'bypass', tellsOthers: false, emits: [],
  }),
  /**
   * A folder that does not exist yet to export into: `<project> exports/<format> <date time>`, or, given `dest`,
   * `dest` itself when nothing is there (or an empty folder), else the first free `dest (2)`, `dest (3)`, ….
   */
  'export.suggestDest': method({
    args: z.object({ format: z.enum(exportFormats), dest: newPath.optional() }),
    result: returns<{ dest: string }>(),
    effect: 'read', paths: [{ arg: 'dest', access: 'write' }], queue: 'serial', tellsOthers: false, emits: [],
  }),
  'documents.setDone': method({
    args: z.object({ id, done: z.boolean() }), result: returns<{ ok: true }>(),
    effect: 'write', paths: [], queue: 'serial', tellsOthers: true, emits: [],
  }),

  /**
   * Hands an export (`dest`: what export.run or export.toFile wrote) to the person; declared `delivers`, so each
   * host does what handing over means there: the browser host streams it as a download (one file as it is,
   * a folder as a zip), the desktop shows it in the file manager. Answers what would be handed over; refuses
   * anything but an export this project wrote (in its exports folder, or written by this process).
   */
  'export.deliver': method({
    args: z.object({ dest: readPath }),
    result: returns<{ path: string; name: string; kind: 'file' | 'zip'; files: number; bytes: number }>(),
    effect: 'read', paths: [{ arg: 'dest', access: 'read' }], queue: 'serial', tellsOthers: false, emits: [], delivers: true,
  }),
  'export.toFile': method({
    /** `path`: a new .jsonl file; an existing one is replaced only with `replace` and only if it is a Crosscheck JSONL export. */
    args: z.object({ format: z.enum(['jsonl']), path: newPath, replace, absolutePaths: z.boolean().optional(), layer: exportLayer, includeProposals: z.boolean().optional() }),
    result: returns<{ path: string; documents: number; spans: number }>(),
    effect: 'read', paths: [{ arg: 'path', access: 'write' }], queue: 'serial', tellsOthers: false, emits: [],
  }),
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type ArgsIn<M extends Method> = z.input<Contract[M]['args']>;
export type Args<M extends Method> = z.output<Contract[M]['args']>;
export type Result<M extends Method> = Contract[M]['result'];

/** What a backend implements: one async function per method, taking validated args. */
export type Handlers = { [M in Method]: (args: Args<M>) => Promise<Result<M>> };

/** What a caller holds: the renderer's backend client, the CLI, e2e helpers. */
export type Call = <M extends Method>(method: M, args: ArgsIn<M>) => Promise<Result<M>>;

/** Methods that leave the project as it was (they may still write files elsewhere: exports, backups). */
export type ReadMethod = { [M in Method]: Contract[M]['effect'] extends 'read' ? M : never }[Method];
/** Methods that change the project. */
export type WriteMethod = Exclude<Method, ReadMethod>;
/** A `Call` that can only make read calls: what the renderer's views hold; writes go through the workbench. */
export type ReadCall = <M extends ReadMethod>(method: M, args: ArgsIn<M>) => Promise<Result<M>>;

export const methods = Object.keys(contract) as Method[];

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** Whether `method` leaves the project unchanged (allowed on a project opened read-only). */
export function isReadMethod(method: Method): method is ReadMethod {
  return contract[method].effect === 'read';
}

/** Whether `method` skips the backend's one-at-a-time queue. */
export function bypassesQueue(method: Method): boolean {
  return contract[method].queue === 'bypass';
}

/** Methods declared `queue: 'reader'`: run on the backend's read-only reader, off the event loop. */
export type ReaderMethod = { [M in Method]: Contract[M]['queue'] extends 'reader' ? M : never }[Method];

/** Whether `method` runs on the backend's read-only reader (a worker thread) rather than in its queue. */
export function runsOnReader(method: Method): method is ReaderMethod {
  return contract[method].queue === 'reader';
}

/** Methods declared `delivers` (see MethodSpec): their result is handed to the person by the host. */
export type DeliveryMethod = { [M in Method]: Contract[M] extends { delivers?: infer D } ? (true extends D ? M : never) : never }[Method];

/** Whether `method` is declared `delivers`: hosts hand its result's files to the person. */
export function delivers(method: Method): method is DeliveryMethod {
  return (contract[method] as MethodSpec).delivers === true;
}

// The download address of a `delivers` method's result, in a module of its own that the renderer bundles.
export { deliveryUrl } from './delivery-url.js';

/** Whether the other windows and tabs on the project are told to refresh after `method` succeeds. */
export function tellsOthers(method: Method): boolean {
  return contract[method].tellsOthers;
}

/**
 * The file-system paths in a call's (validated) arguments, as the method declares them: what a host checks
 * before the call runs. Non-string values are skipped (validation refuses them anyway).
 * @returns `[{path, access}]`, in declaration order, array arguments flattened.
 */
export function pathsIn<M extends Method>(method: M, args: Args<M>): { path: string; access: 'read' | 'write' }[] {
  const a = args as Record<string, unknown>;
  return contract[method].paths.flatMap(({ arg, access }) => {
    const v = a[arg];
    const list = Array.isArray(v) ? v : [v];
    return list.filter((x): x is string => typeof x === 'string').map((path) => ({ path, access }));
  });
}

/** Validates `args` for `method`; throws AppError('InvalidInput') naming the field at fault. */
export function parseArgs<M extends Method>(method: M, args: unknown): Args<M> {
  const schema = contract[method].args as unknown as z.ZodType<Args<M>>;
  const parsed = schema.safeParse(args ?? {});
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first.path.length ? first.path.join('.') : 'arguments';
    throw new InvalidArgs(`${method}: ${where}: ${first.message}`);
  }
  return parsed.data;
}

class InvalidArgs extends Error {
  override name = 'InvalidInput';
}

/**
 * Dispatches a call from any transport: checks the method name and the payload, then runs the handler.
 * Hosts wrap this and turn a throw into `{name, message}`.
 */
export async function dispatch(handlers: Handlers, method: unknown, args: unknown): Promise<unknown> {
  if (!isMethod(method)) {
    const e = new Error(`unknown method ${JSON.stringify(method)}`);
    e.name = 'InvalidInput';
    throw e;
  }
  const valid = parseArgs(method, args);
  return (handlers[method] as (a: unknown) => Promise<unknown>)(valid);
}

/**
 * The one API of Crosscheck: `'domain.verb' -> (args) => Promise<result>`.
 *
 * Every host (Electron IPC, the HTTP browser host), the CLI, the tests and the renderer's backend client are
 * typed against this map, and every host validates `args` with the schema here before a handler sees them.
 * A new feature is a new entry here plus its handler in services/handlers.ts; hosts never change for it.
 */
import { z } from 'zod';
import type {
  Annotation,
  AnnotationInContext,
  Cluster,
  ClusterEffect,
  ClusterName,
  ClusterSummary,
  Link,
  LinkType,
  Passage,
  Suggestion,
  Document,
  DocumentSummary,
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
const attributes = z.record(z.string().min(1).max(200), z.string().max(10_000));
const note = z.string().max(100_000);

/** Phantom marker for a result type: zod validates what comes in; results are typed, not re-parsed. */
const returns = <T>() => undefined as unknown as T;

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
});

const linkShape = z.object({ id, fromId: id, toId: id, typeId: id, createdAt: z.string() });
const clusterNames = z.array(z.object({ annotationId: id, name: z.string().max(1000) })).max(10_000).default([]);

export const contract = {
  'project.info': { args: z.object({}), result: returns<ProjectInfo>() },
  /** A copy of the project beside it (`<name> backups/`), made with SQLite's online backup API. */
  'project.backup': { args: z.object({}), result: returns<{ path: string; pages: number }>() },
  'project.backups': { args: z.object({}), result: returns<{ path: string; size: number; modified: string }[]>() },
  /** Replaces the project with a backup, after backing up the current state (so a restore can be undone). */
  'project.restore': {
    args: z.object({ path: z.string().min(1).max(4096) }),
    result: returns<{ restoredFrom: string; safetyBackup: string }>(),
  },
  'stats.get': { args: z.object({}), result: returns<Stats>() },

  'labels.list': { args: z.object({}), result: returns<Label[]>() },
  'labels.create': {
    args: z.object({ name: z.string().trim().min(1).max(60), color, key: labelKey.optional() }),
    result: returns<Label>(),
  },
  'labels.update': {
    args: z.object({
      id,
      name: z.string().trim().min(1).max(60).optional(),
      color: color.optional(),
      key: labelKey.optional(),
    }),
    result: returns<Label>(),
  },
  'labels.delete': { args: z.object({ id }), result: returns<{ ok: true }>() },

  'documents.list': {
    args: z.object({
      sort: z.enum(['title', 'date', 'source', 'imported', 'annotations']).default('imported'),
      dir: z.enum(['asc', 'desc']).default('asc'),
      offset: offset.default(0),
      limit: z.number().int().min(1).max(5000).default(1000),
    }),
    result: returns<{ total: number; items: DocumentSummary[] }>(),
  },
  'documents.get': { args: z.object({ id }), result: returns<Document>() },
  'documents.delete': { args: z.object({ id }), result: returns<{ ok: true }>() },

  'search.query': {
    args: z.object({ q: z.string().max(1000), limit: z.number().int().min(1).max(500).default(50) }),
    result: returns<{ hits: SearchHit[]; query: string }>(),
  },
  /** Where a search matches inside one document, in code points, to open the hit in place. */
  'search.locate': {
    args: z.object({ docId: id, q: z.string().max(1000) }),
    result: returns<{ ranges: Range[] }>(),
  },

  'annotations.listForDocument': { args: z.object({ docId: id }), result: returns<Annotation[]>() },
  'annotations.create': {
    args: z.object({
      docId: id,
      labelId: id,
      start: offset,
      end: offset,
      note: note.optional(),
      attributes: attributes.optional(),
    }),
    result: returns<Annotation>(),
  },
  'annotations.update': {
    args: z.object({
      id,
      labelId: id.optional(),
      start: offset.optional(),
      end: offset.optional(),
      note: note.optional(),
      attributes: attributes.optional(),
    }),
    result: returns<Annotation>(),
  },
  /** Deletes an annotation with its links; returns all of it so that undo can put it back. */
  'annotations.delete': {
    args: z.object({ id }),
    result: returns<{ deleted: Annotation; links: Link[]; clusterName: string | null; effect: ClusterEffect }>(),
  },
  /** Puts back an annotation exactly as it was (same id), with its links: the inverse of delete, used by undo. */
  'annotations.restore': {
    args: z.object({
      annotation: annotationShape,
      links: z.array(linkShape).max(10_000).default([]),
      clusterName: z.string().max(1000).nullable().default(null),
    }),
    result: returns<{ annotation: Annotation; effect: ClusterEffect }>(),
  },
  /** Every annotation of the project matching a text, label, document title or cluster name (the link finder). */
  'annotations.find': {
    args: z.object({
      q: z.string().max(500).default(''),
      labelId: id.optional(),
      excludeId: id.optional(),
      limit: z.number().int().min(1).max(200).default(50),
    }),
    result: returns<AnnotationInContext[]>(),
  },
  'annotations.inContext': { args: z.object({ ids: z.array(id).max(500) }), result: returns<AnnotationInContext[]>() },

  'linkTypes.list': { args: z.object({}), result: returns<LinkType[]>() },
  'linkTypes.create': {
    args: z.object({ name: z.string().trim().min(1).max(60), directed: z.boolean().default(false), color }),
    result: returns<LinkType>(),
  },
  'linkTypes.update': {
    args: z.object({ id, name: z.string().trim().min(1).max(60).optional(), directed: z.boolean().optional(), color: color.optional() }),
    result: returns<LinkType>(),
  },
  'links.create': {
    args: z.object({ fromId: id, toId: id, typeId: id }),
    result: returns<{ link: Link; effect: ClusterEffect }>(),
  },
  /** Tags a passage and links it in one step: the finder's and the suggestions' "link to text not yet tagged". */
  'links.createWithSpan': {
    args: z.object({ fromId: id, typeId: id, docId: id, labelId: id, start: offset, end: offset }),
    result: returns<{ annotation: Annotation; link: Link; effect: ClusterEffect }>(),
  },
  'links.delete': { args: z.object({ id }), result: returns<{ deleted: Link; clusterNames: ClusterName[]; effect: ClusterEffect }>() },
  /** Puts deleted links back (undo); `clusterNames` re-forms dissolved clusters under their old names. */
  'links.restore': {
    args: z.object({ links: z.array(linkShape).min(1).max(10_000), clusterNames }),
    result: returns<{ links: Link[]; effect: ClusterEffect }>(),
  },
  /** The links of an annotation, each with the annotation at its other end in context. */
  'links.forAnnotation': {
    args: z.object({ id }),
    result: returns<{ links: { link: Link; other: AnnotationInContext }[]; cluster: (Cluster & { members: AnnotationInContext[] }) | null }>(),
  },

  'clusters.rename': { args: z.object({ id, name: z.string().trim().min(1).max(1000) }), result: returns<Cluster>() },
  'clusters.merge': { args: z.object({ a: id, b: id }), result: returns<{ link: Link; effect: ClusterEffect }>() },
  /** Takes a mention out of its cluster; the rest stays one cluster. */
  'clusters.detach': {
    args: z.object({ annotationId: id }),
    result: returns<{ removed: Link[]; added: Link[]; clusterNames: ClusterName[]; effect: ClusterEffect }>(),
  },

  /** Likely matches of an annotation in other documents: tagged spans and untagged passages, best first. */
  'suggest.forAnnotation': {
    args: z.object({ id, limit: z.number().int().min(1).max(50).default(10) }),
    result: returns<Suggestion[]>(),
  },
  'suggest.dismiss': { args: z.object({ id, key: z.string().min(1).max(200) }), result: returns<{ ok: true }>() },
  'suggest.undismiss': { args: z.object({ id, key: z.string().min(1).max(200) }), result: returns<{ ok: true }>() },

  /** Passages of the corpus matching a search, as sentences with offsets (the finder's untagged text). */
  'search.passages': {
    args: z.object({ q: z.string().max(1000), limit: z.number().int().min(1).max(100).default(20), excludeDocId: id.optional() }),
    result: returns<Passage[]>(),
  },

  'boards.claims': { args: z.object({}), result: returns<ClusterSummary[]>() },
  'boards.speakers': { args: z.object({}), result: returns<ClusterSummary[]>() },

  /** Import files and folders from the host's file system (desktop dialog, CLI, `--db` browser host). */
  'import.paths': {
    args: z.object({
      paths: z.array(z.string().min(1)).min(1).max(10_000),
      /** 'auto' tells formats apart by extension and content. */
      format: z.enum(['auto', 'text', 'jsonl', 'brat', 'doccano', 'labelstudio', 'w3c', 'webanno']).default('auto'),
    }),
    result: returns<ImportReport>(),
  },
  /** Import files whose bytes the renderer read (drag and drop, browser file picker). */
  'import.files': {
    args: z.object({
      files: z
        .array(
          z.object({
            /** Path as the user sees it, e.g. `corpus/000.txt` for a dropped folder. */
            path: z.string().min(1).max(4096),
            /** File bytes, base64. */
            data: z.string(),
          }),
        )
        .min(1)
        .max(2000),
    }),
    result: returns<ImportReport>(),
  },

  /**
   * Writes an export into a new folder (one sub-folder per split when splitting). Runs on its own snapshot of
   * the project and reports progress as 'export.progress' events; 'export.cancel' stops it, leaving nothing.
   */
  'export.run': {
    args: z.object({
      format: z.enum(['jsonl', 'csv', 'brat', 'conll', 'w3c', 'doccano', 'labelstudio', 'pairs', 'clusters']),
      dest: z.string().min(1).max(4096),
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
      jobId: z.string().min(1).max(100).optional(),
    }),
    result: returns<{ dest: string; files: string[]; documents: number; spans: number; links: number; notes: string[] }>(),
  },
  'export.cancel': { args: z.object({ jobId: z.string().min(1).max(100) }), result: returns<{ cancelled: boolean }>() },
  /** A new folder beside the project to export into: `<project> exports/<format> <date time>`. */
  'export.suggestDest': {
    args: z.object({ format: z.string().min(1).max(40) }),
    result: returns<{ dest: string }>(),
  },
  'documents.setDone': { args: z.object({ id, done: z.boolean() }), result: returns<{ ok: true }>() },

  'export.toFile': {
    args: z.object({ format: z.enum(['jsonl']), path: z.string().min(1) }),
    result: returns<{ path: string; documents: number; spans: number }>(),
  },
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

export const methods = Object.keys(contract) as Method[];

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
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

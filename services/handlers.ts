import { methods, type Handlers, type Method } from '../common/contract.js';
import type { EventMap, EventName, Stats } from '../common/model.js';
import { AppError } from '../common/errors.js';
import type { Project } from './project.js';
import { importSources, sourcesFromPaths, sourcesFromUploads } from './import/importer.js';
import { jsonlLines } from './export/jsonl.js';
import { writeLinesAtomically } from './export/to-file.js';

export type Emit = <E extends EventName>(event: E, payload: EventMap[E]) => void;

/** Methods that change nothing; every other method is refused on a project opened read-only. */
export const readMethods: ReadonlySet<Method> = new Set<Method>([
  'project.info',
  'stats.get',
  'labels.list',
  'documents.list',
  'documents.get',
  'search.query',
  'search.locate',
  'annotations.listForDocument',
  'export.toFile',
]);

/** The whole contract, implemented once. Every host and the CLI call these, after validating args. */
export function createHandlers(p: Project, emit: Emit): Handlers {
  const handlers = implement(p, emit);
  if (!p.readOnly) return handlers;
  const guarded = { ...handlers } as Record<Method, (a: unknown) => Promise<unknown>>;
  for (const m of methods) {
    if (readMethods.has(m)) continue;
    guarded[m] = async () => {
      throw new AppError('ReadOnly', 'This project is open read-only; changes cannot be saved.');
    };
  }
  return guarded as Handlers;
}

function implement(p: Project, emit: Emit): Handlers {
  const annotationCounts = p.db.prepare(
    'SELECT l.name AS name, COUNT(a.id) AS n FROM labels l LEFT JOIN annotations a ON a.label_id = l.id GROUP BY l.id ORDER BY l.position',
  );

  return {
    'project.info': async () => ({ path: p.path, name: p.name, schemaVersion: p.schemaVersion, readOnly: p.readOnly }),

    'stats.get': async (): Promise<Stats> => {
      const byLabel: Record<string, number> = {};
      let annotations = 0;
      for (const r of annotationCounts.all() as { name: string; n: number }[]) {
        byLabel[r.name] = r.n;
        annotations += r.n;
      }
      return { documents: p.documents.count(), annotations, byLabel };
    },

    'labels.list': async () => p.labels.list(),
    'labels.create': async ({ name, color, key }) => p.labels.create(name, color, key ?? null),
    'labels.update': async ({ id, ...patch }) => p.labels.update(id, patch),
    'labels.delete': async ({ id }) => (p.labels.delete(id), { ok: true as const }),

    'documents.list': async ({ sort, dir, offset, limit }) => p.documents.list(sort, dir, offset, limit),
    'documents.get': async ({ id }) => p.documents.get(id),
    'documents.delete': async ({ id }) => {
      p.documents.delete(id);
      emit('project.changed', { reason: 'document deleted' });
      return { ok: true as const };
    },

    'search.query': async ({ q, limit }) => p.search.search(q, limit),
    'search.locate': async ({ docId, q }) => ({ ranges: p.search.locate(docId, q) }),

    'annotations.listForDocument': async ({ docId }) => p.annotations.listForDocument(docId),
    'annotations.create': async (a) => p.annotations.create(a),
    'annotations.update': async ({ id, ...patch }) => p.annotations.update(id, patch),
    'annotations.delete': async ({ id }) => ({ deleted: p.annotations.delete(id) }),
    'annotations.restore': async ({ annotation }) => p.annotations.restore(annotation),

    'import.paths': async ({ paths }) => {
      const { sources, report } = sourcesFromPaths(paths);
      const out = await importSources(p.db, p.documents, sources, report, {
        onProgress: (pr) => emit('import.progress', pr),
      });
      emit('project.changed', { reason: 'import' });
      return out;
    },
    'import.files': async ({ files }) => {
      const { sources, report } = sourcesFromUploads(files);
      const out = await importSources(p.db, p.documents, sources, report, {
        onProgress: (pr) => emit('import.progress', pr),
      });
      emit('project.changed', { reason: 'import' });
      return out;
    },

    'export.toFile': async ({ path }) => {
      let spans = 0;
      const documents = writeLinesAtomically(
        path,
        (function* () {
          for (const line of jsonlLines(p.db)) {
            spans += (JSON.parse(line) as { spans: unknown[] }).spans.length;
            yield line;
          }
        })(),
      );
      return { path, documents, spans };
    },
  };
}

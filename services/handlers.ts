import { isReadMethod, methods, type Handlers, type Method } from '../common/contract.js';
import type { EventMap, EventName } from '../common/events.js';
import type { Stats } from '../common/model.js';
import { packIds } from '../common/packed-ids.js';
import { AppError } from '../common/errors.js';
import { layerGuard } from './layer-guard.js';
import type { Project } from './project.js';
import { importPaths } from './import/run.js';
import { merge } from './merge/index.js';
import { mergeUploaded } from './merge/upload.js';
import { uploadStaging } from './import/uploads.js';
import { pathChecker, type PathCheck } from './path-policy.js';
import { writeJsonlFile } from './export/jsonl.js';
import { finder } from './finder.js';
import { boards } from './boards.js';
import { documentService } from './documents.js';
import { dashboard } from './dashboard.js';
import { agreementReport } from './agreement/report.js';
import { suggester } from './suggestions.js';
import { exporters } from './formats/index.js';
import { runExport } from './export/run.js';
import { freshDest, suggestExportDest } from './export/dest.js';
import { describeDelivery } from './export/deliver.js';
import { listBackups } from './backups.js';
import { backupDatabase, backupPath } from '../db/backup.js';
import { statsRepo } from '../db/stats.js';
import { curation } from './curation/index.js';
import { runPreannotate } from './preannotate/run.js';
import { jobRegistry } from './jobs.js';
import { proposalDecisions } from './preannotate/decide.js';
import { propagation } from './preannotate/propagate.js';

export type Emit = <E extends EventName>(event: E, payload: EventMap[E]) => void;

/** What only the owner of the open project can do: copy it, and swap it for a backup. */
export interface ProjectHooks {
  restore(from: string): Promise<{ restoredFrom: string; safetyBackup: string }>;
  /**
   * The host's check of paths (services/path-policy.ts), applied to what a call reaches beyond the paths it names:
   * symbolic links met while walking a folder. None: the CLI (the person typed the path) follows every link.
   */
  pathCheck?: PathCheck;
  /**
   * Read the index vocabulary for spelling variants in the background while this says the thread is idle
   * (services/suggest/vocabulary.ts): given by the reader thread, which serves suggestions, so that the main
   * thread spends nothing on it.
   */
  warmVocabulary?: () => boolean;
}

export const noHooks: ProjectHooks = {
  restore: async () => {
    throw new AppError('Unsupported', 'Restoring needs the project to be reopened, which only a backend (openBackend) can do.');
  },
};

/** The whole contract, implemented once. Every host and the CLI call these, after validating args. */
export function createHandlers(p: Project, emit: Emit, hooks: ProjectHooks = noHooks): Handlers {
  const handlers = implement(p, emit, hooks);
  if (!p.readOnly) return handlers;
  const guarded = { ...handlers } as Record<Method, (a: unknown) => Promise<unknown>>;
  // Whatever the contract declares a write is refused here, in one place, whichever host carries the call.
  for (const m of methods) {
    if (isReadMethod(m)) continue;
    guarded[m] = async () => {
      throw new AppError('ReadOnly', 'This project is open read-only; changes cannot be saved.');
    };
  }
  return guarded as Handlers;
}

function implement(p: Project, emit: Emit, hooks: ProjectHooks): Handlers {
  const find = finder(p.db, p.context, p.search);
  // One registry per kind of job: a cancel names a job of its own kind only (services/jobs.ts).
  const preannotateJobs = jobRegistry();
  const exportJobs = jobRegistry();
  let jobSeq = 0;
  const board = boards(p.db);
  const stats = statsRepo(p.db);
  /** The layer a read asks for: the annotator named (NotFound when there is none: an empty board would hide the typo), else the current one. */
  const layer = (annotatorId: number | undefined): number => (annotatorId === undefined ? p.annotators.currentId() : (p.annotators.name(annotatorId), annotatorId));
  const suggest = suggester(p, { warmVocabulary: hooks.warmVocabulary });
  const guard = layerGuard(p);
  const uploads = uploadStaging();
  const docs = documentService(p);
  const curate = curation(p);
  const proposals = proposalDecisions(p);
  const propagate = propagation(p);

  return {
    'project.info': async () => ({
      path: p.path,
      name: p.name,
      schemaVersion: p.schemaVersion,
      readOnly: p.readOnly,
      ...(p.readOnlyNote ? { readOnlyNote: p.readOnlyNote } : {}),
    }),

    'stats.get': async (): Promise<Stats> => stats.get(),

    'annotators.list': async () => p.annotators.list(),
    'annotators.current': async () => p.annotators.current(),
    'annotators.choose': async ({ name }) => p.annotators.choose(name),
    'annotators.rename': async ({ id, name }) => p.annotators.rename(id, name),
    'labels.list': async () => p.labels.list(),
    'labels.create': async ({ name, color, key }) => p.labels.create(name, color, key ?? null),
    'labels.update': async ({ id, ...patch }) => p.labels.update(id, patch),
    'labels.delete': async ({ id }) => (p.labels.delete(id), { ok: true as const }),

    'documents.list': async ({ sort, dir, offset, limit, filter }) => p.documents.list(sort, dir, offset, limit, filter),
    'documents.ids': async ({ sort, dir, filter }) => {
      const ids = p.documents.ids(sort, dir, filter);
      return { count: ids.length, packed: packIds(ids) };
    },
    'documents.summaries': async ({ ids }) => p.documents.summaries(ids),
    'documents.get': async ({ id }) => p.documents.get(id),
    'documents.delete': async ({ id }) => {
      docs.deleteMany([id]);
      emit('project.changed', { reason: 'document deleted' });
      return { ok: true as const };
    },
    'documents.deleteImpact': async ({ ids }) => docs.impact(ids),
    'documents.deleteMany': async ({ ids }) => {
      const deleted = docs.deleteMany(ids);
      emit('project.changed', { reason: ids.length === 1 ? 'document deleted' : 'documents deleted' });
      return { deleted };
    },
    'documents.restore': async ({ deleted }) => {
      const ids = docs.restore(deleted);
      emit('project.changed', { reason: ids.length === 1 ? 'document restored' : 'documents restored' });
      return { ids };
    },
    'documents.update': async ({ changes }) => docs.update(changes),
    'documents.sources': async ({ query, limit }) => p.documents.sources(query, limit),

    'search.query': async ({ q, limit }) => p.search.search(q, limit),
    'search.locate': async ({ docId, q }) => ({ ranges: p.search.locate(docId, q) }),

    'annotations.listForDocument': async ({ docId }) => p.annotations.listForDocument(docId),
    'annotations.create': async (a) => p.annotations.create(a),
    'annotations.update': async ({ id, ...patch }) => (guard.annotation(id), p.annotations.update(id, patch)),
    'annotations.delete': async ({ id }) => {
      guard.annotation(id);
      const d = p.annotations.delete(id);
      return { deleted: d.annotation, links: d.links, clusterName: d.clusterName, effect: d.effect };
    },
    'annotations.restore': async ({ annotation, links, clusterName }) => (guard.layer(annotation.annotatorId), p.annotations.restore(annotation, links, clusterName)),
    'annotations.find': async ({ q, labelId, excludeId, annotatorId, limit }) =>
      find.annotations(q, { labelId, excludeId, annotatorId: layer(annotatorId), limit }),
    // Each annotation once, however often it is asked for (500 copies of one huge span held the host for 100 s).
    'annotations.inContext': async ({ ids }) => p.context.annotations([...new Set(ids)]),

    'linkTypes.list': async () => p.links.types(),
    'linkTypes.create': async ({ name, directed, color }) => p.links.createType(name, directed, false, color),
    'linkTypes.update': async ({ id, ...patch }) => p.links.updateType(id, patch),
    'links.create': async ({ fromId, toId, typeId }) => (guard.annotation(fromId), p.links.create(fromId, toId, typeId)),
    'links.createWithSpan': async ({ fromId, typeId, docId, labelId, start, end }) =>
      p.transaction(() => {
        guard.annotation(fromId);
        const annotation = p.annotations.create({ docId, labelId, start, end });
        const { link, effect } = p.links.create(fromId, annotation.id, typeId);
        return { annotation: p.annotations.get(annotation.id), link, effect };
      }),
    'links.delete': async ({ id }) => (guard.link(id), p.links.delete(id)),
    'links.restore': async ({ links, clusterNames }) => (links.forEach((l) => guard.annotation(l.fromId)), p.links.restore(links, clusterNames)),
    'links.forAnnotation': async ({ id }) => {
      const self = p.annotations.get(id);
      const links = p.links.forAnnotation(id);
      const others = p.context.annotations(links.map((l) => (l.fromId === id ? l.toId : l.fromId)));
      const byId = new Map(others.map((o) => [o.annotation.id, o]));
      const cluster =
        self.clusterId === null
          ? null
          : { ...p.links.clusters.get(self.clusterId), members: p.context.annotations(p.links.clusters.members(self.clusterId)) };
      return {
        links: links.map((link) => ({ link, other: byId.get(link.fromId === id ? link.toId : link.fromId)! })),
        cluster,
      };
    },

    'clusters.rename': async ({ id, name }) => (guard.cluster(id), p.links.clusters.rename(id, name)),
    'clusters.merge': async ({ a, b }) => (guard.cluster(a), guard.cluster(b), p.links.merge(a, b)),
    'clusters.detach': async ({ annotationId }) => (guard.annotation(annotationId), p.links.detach(annotationId)),

    'suggest.forAnnotation': async ({ id, limit }) => suggest.forAnnotation(id, limit),
    'suggest.dismiss': async ({ id, key }) => (guard.annotation(id), suggest.dismiss(id, key), { ok: true as const }),
    'suggest.undismiss': async ({ id, key }) => (guard.annotation(id), suggest.undismiss(id, key), { ok: true as const }),
    'search.passages': async ({ q, limit, excludeDocId }) => find.passages(q, limit, excludeDocId),

    'boards.claims': async ({ annotatorId, ...page }) => board.page('claim', layer(annotatorId), page),
    'boards.speakers': async ({ annotatorId, ...page }) => board.page('speaker', layer(annotatorId), page),
    'boards.conflicts': async ({ annotatorId, limit, offset, count }) => board.conflicts(layer(annotatorId), limit, offset, count),
    'project.dashboard': async () => dashboard(p.db, board).get(),
    'agreement.report': async (query) => agreementReport(p, query),

    'preannotate.run': async ({ labels, docs, jobId }) => {
      const id = jobId ?? `preannotate-${++jobSeq}`;
      return preannotateJobs.run(id, (signal) => runPreannotate(p, { labels, docs, signal, onProgress: (pr) => emit('preannotate.progress', { jobId: id, ...pr }) }));
    },
    'preannotate.cancel': async ({ jobId }) => preannotateJobs.cancel(jobId),
    'proposals.forDocument': async ({ docId }) => proposals.forDocument(docId),
    'proposals.decide': async ({ ids, decision }) => proposals.decide(ids, decision),
    'proposals.undo': async ({ created, decisions }) => proposals.undo(created, decisions),
    'proposals.redo': async (decided) => proposals.redo(decided),
    'proposals.propagateCount': async ({ annotationId }) => propagate.count(annotationId),
    'proposals.propagate': async ({ annotationId }) => propagate.propagate(annotationId),

    'curation.diff': async ({ docId, annotators }) => curate.diff(docId, annotators),
    'curation.accept': async (a) => curate.accept(a),
    'curation.previewAgreements': async ({ annotators, docIds }) => curate.mergeAgreements(annotators, docIds, true),
    'curation.mergeAgreements': async ({ annotators, docIds }) => curate.mergeAgreements(annotators, docIds, false),

    'import.paths': async ({ paths, format, options }) => {
      // Annotated formats (ours, brat, doccano, Label Studio, W3C, WebAnno) are told apart from plain text by
      // extension and content; links met inside folders are followed only where the host's path check allows.
      const report = await importPaths(p, paths, format, { options, check: hooks.pathCheck, onProgress: (pr) => emit('import.progress', pr) });
      emit('project.changed', { reason: 'import' });
      return report;
    },
    'project.merge': async ({ path, as }) => {
      const report = await merge(p, path, { as, check: hooks.pathCheck, onProgress: (pr) => emit('import.progress', pr) });
      emit('project.changed', { reason: 'merge' });
      return report;
    },
    'project.mergeFile': async ({ name, data, as }) => {
      const report = await mergeUploaded(p, name, data, { as, onProgress: (pr) => emit('import.progress', pr) });
      emit('project.changed', { reason: 'merge' });
      return report;
    },
    'import.files': async ({ files, upload, format, options }) => {
      // Uploaded bytes are written into a private folder and imported from there like any path, formats included.
      let imported = false;
      const report = await uploads.receive(files, upload, (dir, names) => {
        imported = true;
        return importPaths(p, names, format ?? 'auto', { options, base: dir, check: pathChecker([dir]), onProgress: (pr) => emit('import.progress', pr) });
      });
      if (imported) emit('project.changed', { reason: 'import' });
      return report;
    },

    'export.run': async ({ jobId, replace, ...o }) => {
      const id = jobId ?? `export-${++jobSeq}`;
      return exportJobs.run(id, (signal) => runExport(p, exporters, o, { signal, replace, onProgress: (pr) => emit('export.progress', { jobId: id, ...pr }) }));
    },
    'export.cancel': async ({ jobId }) => exportJobs.cancel(jobId),
    'export.suggestDest': async ({ format, dest }) => ({ dest: dest ? freshDest(dest) : suggestExportDest(p.path, p.name, format) }),
    'project.backup': async () => backupDatabase(p.db, backupPath(p.path)),
    'project.backups': async () => listBackups(p.path),
    'project.restore': async ({ path }) => hooks.restore(path),
    'documents.setDone': async ({ id, done }) => (p.documents.setDone(id, done), { ok: true as const }),

    'export.toFile': async ({ path, replace, absolutePaths, layer, includeProposals }) =>
      writeJsonlFile(p.db, path, replace, absolutePaths, layer, includeProposals),
    'export.deliver': async ({ dest }) => describeDelivery(dest, p),
  };
}

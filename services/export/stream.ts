import type { Db } from '../../db/open.js';
import { exportStreamRepo, type DocumentSet, type ExportDocRow, type ExportLinkRow, type ExportSpanRow } from '../../db/export-stream.js';
import { AppError } from '../../common/errors.js';
import type { OffsetUnit } from '../../common/formats.js';
import { AUTO_LAYER } from '../../common/annotators.js';
import type { ExportContext, ExportDoc } from '../formats/types.js';
import { assignSplits, type SplitRatios } from './split.js';

export type { DocumentSet };

export interface ExportOptions {
  format: string;
  /** The folder to create (it must not exist, or be empty). */
  dest: string;
  /** Label names to include; all labels when absent or empty. */
  labels?: string[];
  docs: DocumentSet;
  split?: SplitRatios;
  /** Pairs: sampled negatives per positive pair. */
  negatives?: number;
  seed?: number;
  /** Formats that take them (common/formats.ts ExportOption): offset unit, rows per sentence, singleton clusters. */
  offsets?: OffsetUnit;
  sentences?: boolean;
  singletons?: boolean;
  /** Documents' paths as stored at import (absolute where known) instead of relative to the folder imported from. */
  absolutePaths?: boolean;
  /** One annotator's layer (`gold`: the adjudicated one), or `all` (the default): which spans and links are written. */
  layer?: string;
  /**
   * Keep the `auto` layer's proposals (common/proposals.ts): left out of every export unless asked for, so that
   * unaccepted machine output never passes for annotation; `layer: 'auto'` needs it.
   */
  includeProposals?: boolean;
}

/** `--layer all`: every layer (the default). */
export const ALL_LAYERS = 'all';

/**
 * The annotator id of the layer an export takes: null for `all` (or none given), else the annotator named so
 * (any case). @throws AppError('InvalidInput') naming the known layers when there is no such annotator.
 */
export function layerIdOf(annotators: readonly { id: number; name: string }[], layer: string | undefined): number | null {
  const wanted = layer?.trim();
  if (!wanted || wanted.toLowerCase() === ALL_LAYERS) return null;
  const hit = annotators.find((a) => a.name.toLowerCase() === wanted.toLowerCase());
  if (!hit) {
    const known = [ALL_LAYERS, ...annotators.map((a) => a.name)].map((n) => `"${n}"`).join(', ');
    throw new AppError('InvalidInput', `No layer named "${wanted}" in this project; the layers are ${known}.`);
  }
  return hit.id;
}

/**
 * The documents of an export as every format sees them: which ids, the shared context, and a reader that
 * builds one ExportDoc (filtered spans and links, split) at a time. Callers own the transaction on `db`.
 */
export function openExportStream(db: Db, o: Omit<ExportOptions, 'format' | 'dest'>) {
  const reads = exportStreamRepo(db);
  const allLabels = reads.labels();
  const wanted = o.labels?.length ? new Set(o.labels.map((l) => l.toLowerCase())) : null;
  if (wanted) {
    const unknown = [...wanted].filter((w) => !allLabels.some((l) => l.name.toLowerCase() === w));
    if (unknown.length) throw new AppError('InvalidInput', `No label named ${unknown.map((u) => `"${u}"`).join(', ')} in this project.`);
  }
  const labels = allLabels.filter((l) => !wanted || wanted.has(l.name.toLowerCase()));
  const labelName = new Map(labels.map((l) => [l.id, l.name]));
  const docIds = reads.docIds(o.docs);
  const docSet = new Set(docIds);
  /** Each document's split, decided for the whole set at once (services/export/split.ts). */
  const splits = o.split ? assignSplits(docIds, o.split) : null;
  const linkTypes = reads.linkTypes();
  const typeById = new Map(linkTypes.map((t) => [t.id, t]));
  const clusters = new Map(reads.clusters().map((c) => [c.id, c]));
  const annotators = reads.annotators();
  const annotatorName = new Map(annotators.map((a) => [a.id, a.name]));
  const layerId = layerIdOf(annotators, o.layer);
  const autoId = annotators.find((a) => a.name.toLowerCase() === AUTO_LAYER)?.id ?? null;
  if (layerId !== null && layerId === autoId && !o.includeProposals) {
    throw new AppError('InvalidInput', 'The auto layer holds proposals: add --include-proposals (includeProposals) to export it.');
  }
  // Every layer but `auto` unless the proposals are asked for.
  const exceptLayerId = o.includeProposals ? null : autoId;
  // The layers the export writes: the one asked for, or every layer with spans in the documents exported.
  const present = layerId !== null ? null : new Set((o.docs.kind === 'all' ? reads.layersInProject() : reads.layersIn(docIds)).filter((id) => id !== exceptLayerId));
  const layers = layerId !== null ? [annotatorName.get(layerId)!] : annotators.filter((a) => present!.has(a.id)).map((a) => a.name);

  const ctx: ExportContext = {
    labels: labels.map((l) => ({ name: l.name, color: l.color })),
    linkTypes: linkTypes.map(({ name, directed, transitive }) => ({ name, directed, transitive })),
    db,
    docIds: docSet,
    labelNames: new Set(labels.map((l) => l.name)),
    layers,
    layerId,
    exceptLayerId,
    options: {
      negatives: o.negatives,
      seed: o.seed ?? o.split?.seed ?? 1,
      contextSentence: true,
      offsets: o.offsets,
      sentences: o.sentences,
      singletons: o.singletons,
    },
  };

  /** The ExportDoc of a document's row, its spans (every label, offset order) and the links starting in it. */
  function build(d: ExportDocRow, spans: readonly ExportSpanRow[], links: readonly ExportLinkRow[]): ExportDoc {
    const own = wanted ? spans.filter((a) => labelName.has(a.labelId)) : spans;
    const doc: ExportDoc = {
      ...d,
      path: o.absolutePaths ? (d.origin ?? d.path) : publishedPath(d.path),
      split: splits?.get(d.id) ?? null,
      spans: own.map((a) => ({
        id: a.id,
        start: a.start,
        end: a.end,
        label: labelName.get(a.labelId)!,
        text: a.text,
        note: a.note,
        attributes: a.attributes,
        cluster: a.clusterId === null ? null : (clusters.get(a.clusterId) ?? null),
        annotator: annotatorName.get(a.annotatorId)!,
      })),
      links: [],
    };
    const ownIds = links.length ? new Set(own.map((a) => a.id)) : null;
    for (const l of links) {
      if (!ownIds!.has(l.fromId) || !labelName.has(l.toLabelId) || !docSet.has(l.toDocId)) continue;
      const t = typeById.get(l.typeId)!;
      doc.links.push({ id: l.id, from: l.fromId, to: l.toId, type: t.name, directed: t.directed, toDocId: l.toDocId, annotator: annotatorName.get(l.annotatorId)! });
    }
    return doc;
  }

  /** One document of the set, by its own three queries (any order, any time). */
  function read(id: number): ExportDoc {
    return build(reads.doc(id)!, reads.spans(id, () => true, layerId, exceptLayerId), reads.linksFrom(id, layerId, exceptLayerId));
  }

  /**
   * Every document of the set in `docIds` order. A whole-project set on a connection nothing writes through until
   * the generator is done (`cursors`: an export's own snapshot connection, or a synchronous export) is read by one
   * scan (db/export-stream.ts `scan`), several times faster than a document at a time; any other set, or a shared
   * connection, by `read`. End the loop (or call return) before the connection writes or its transaction ends.
   */
  function* docs(cursors: boolean): Generator<ExportDoc> {
    if (!cursors || o.docs.kind !== 'all') {
      for (const id of docIds) yield read(id);
      return;
    }
    for (const s of reads.scan(layerId, exceptLayerId)) yield build(s.doc, s.spans, s.links);
  }

  return { ctx, docIds, read, docs, splits };
}

/**
 * The path an export publishes for a document: as stored (relative to the folder it was imported from), or, for
 * documents imported before paths were stored so (an absolute path), only its file name — the analyst's folders
 * never reach a published dataset unless `absolutePaths` asks for them.
 */
export function publishedPath(path: string | null): string | null {
  if (path === null || !(path.startsWith('/') || path.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(path))) return path;
  return path.split(/[\\/]/).filter(Boolean).pop() ?? null;
}

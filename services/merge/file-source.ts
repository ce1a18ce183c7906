/**
 * Merge of a file or folder in an import format (JSONL, brat, doccano, Label Studio, W3C, WebAnno, CoNLL): the
 * import path (services/formats/importers.ts), which already attaches spans to a document present by content hash
 * and never doubles a span, with `--as` as the layer of the spans the file does not attribute
 * (ImportOptions.annotator). Spans the file attributes keep their annotators' names. Reported as a merge.
 */
import type { ImportReport } from '../../common/model.js';
import type { MergeReport } from '../../common/merge.js';
import { importAnnotatedPaths, mergeReport } from '../formats/importers.js';
import { importPaths } from '../import/run.js';
import type { Project } from '../project.js';
import { intoOwnLayer } from './layer-plan.js';
import { addedNothing, dropEmptyNewLayers, grownLayers, layerReports, layerSnapshot } from './layers.js';
import type { MergeOptions } from './options.js';

/**
 * Merges the import-format file or folder at `path` (relative to `o.base` when given) into `p`: its annotated
 * files in one transaction, plain-text files after (they bring documents only).
 * @throws AppError as the import does (naming the file and line), or InvalidInput when spans would go into the
 *   current analyst's layer without `--as` naming it; nothing of the annotated part is written then.
 */
export async function mergeImportFile(p: Project, path: string, o: MergeOptions = {}): Promise<MergeReport> {
  const shown = o.shownAs ?? path;
  const before = layerSnapshot(p);
  const current = p.annotators.current();
  const options = { strict: false, ...(o.as !== undefined ? { annotator: o.as } : {}) };
  const { report, textPaths } = p.transaction(() => {
    const done = importAnnotatedPaths(p, [path], 'auto', { check: o.check, base: o.base, options });
    // Without --as, spans that do not say whose they are would land in the current analyst's layer.
    const mine = p.annotators.list().find((a) => a.id === current.id);
    if (o.as === undefined && (mine?.spans ?? 0) + (mine?.links ?? 0) > (before.layers.get(current.name.toLowerCase())?.spans ?? 0) + (before.layers.get(current.name.toLowerCase())?.links ?? 0)) {
      throw intoOwnLayer(shown, current.name);
    }
    // The import names its default layer (--as) before it knows whether a span needs it: not left behind empty.
    const unused = dropEmptyNewLayers(p, before);
    if (done.report.layers) done.report.layers = done.report.layers.filter((n) => !unused.includes(n));
    return done;
  });
  if (textPaths.length) mergeReport(report, await importPaths(p, textPaths, 'text', { base: o.base, check: o.check, onProgress: o.onProgress }));
  return asMergeReport(p, shown, report, before, o.as);
}

/** An import's report in the words of a merge: documents matched (already present) and added, per-layer numbers. */
function asMergeReport(p: Project, shown: string, r: ImportReport, before: ReturnType<typeof layerSnapshot>, as: string | undefined): MergeReport {
  // The layers the import says it used (spans already present included), and any that grew.
  const names = [...new Set([...(r.layers ?? []), ...grownLayers(p, before)])];
  const layers = layerReports(p, names, before);
  const notes = [...(r.notes ?? [])];
  const attributed = names.filter((n) => as === undefined || n.toLowerCase() !== as.trim().toLowerCase());
  if (as !== undefined && attributed.length) {
    notes.push(`The file names whose spans it holds (${attributed.join(', ')}): those keep their annotators' names; --as ${as} named the spans it does not attribute.`);
  }
  const labelsAdded = r.labelsAdded ?? [];
  const linkTypesAdded = r.linkTypesAdded ?? [];
  return {
    source: shown,
    kind: 'file',
    documents: { matched: r.duplicates.length, added: r.imported.length },
    layers,
    labelsAdded,
    linkTypesAdded,
    notMerged: [
      ...r.skipped.map((s) => ({ where: s.path, what: 'the file', why: s.reason })),
      ...(r.dropped ?? []).map((d) => ({ where: `${d.path}: ${d.where}`, what: d.what, why: d.why })),
    ],
    notes,
    nothingNew: addedNothing(r.imported.length, layers, labelsAdded, linkTypesAdded),
  };
}

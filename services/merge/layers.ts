/**
 * The per-layer figures of a merge, the same whatever the source: what each layer held before and after (the
 * annotators repository's counts) and the clusters made since, so "merged" numbers mean one thing for a project
 * source and for an import-format file.
 */
import type { MergeLayerReport } from '../../common/merge.js';
import { mergeTargetWrites } from '../../db/merge-source.js';
import type { Project } from '../project.js';

/** The layers of a project by lower-cased name, with their sizes; and the highest cluster id. */
export interface LayerSnapshot {
  layers: Map<string, { id: number; name: string; spans: number; links: number; documents: number }>;
  maxClusterId: number;
}

export function layerSnapshot(p: Project): LayerSnapshot {
  return {
    layers: new Map(p.annotators.list().map((a) => [a.name.toLowerCase(), a])),
    maxClusterId: mergeTargetWrites(p.db).maxClusterId(),
  };
}

/**
 * The report rows of `names` (layers the merge wrote into), as the difference between two snapshots: a merge only
 * adds, so every difference is what it brought. `sourceNames` maps a layer's name to the source's name for it
 * when `--as` renamed it.
 */
export function layerReports(p: Project, names: string[], before: LayerSnapshot, sourceNames: Map<string, string> = new Map()): MergeLayerReport[] {
  const after = layerSnapshot(p);
  const clusters = mergeTargetWrites(p.db).clustersAfter(before.maxClusterId);
  const seen = new Set<string>();
  const rows: MergeLayerReport[] = [];
  for (const raw of names) {
    const key = raw.toLowerCase();
    const now = after.layers.get(key);
    if (!now || seen.has(key)) continue;
    seen.add(key);
    const was = before.layers.get(key);
    const from = sourceNames.get(key);
    rows.push({
      name: now.name,
      ...(from !== undefined && from.toLowerCase() !== key ? { sourceName: from } : {}),
      created: !was,
      spans: now.spans - (was?.spans ?? 0),
      links: now.links - (was?.links ?? 0),
      clusters: clusters.get(now.id) ?? 0,
      documents: now.documents - (was?.documents ?? 0),
    });
  }
  return rows.sort((a, b) => a.name.localeCompare(b.name));
}

/** The names of the layers that grew since `before` (a merge only adds). */
export function grownLayers(p: Project, before: LayerSnapshot): string[] {
  return p.annotators
    .list()
    .filter((a) => {
      const was = before.layers.get(a.name.toLowerCase());
      return a.spans > (was?.spans ?? 0) || a.links > (was?.links ?? 0);
    })
    .map((a) => a.name);
}

/** Removes the annotators made since `before` that hold nothing; @returns their names. */
export function dropEmptyNewLayers(p: Project, before: LayerSnapshot): string[] {
  const writes = mergeTargetWrites(p.db);
  return p.annotators
    .list()
    .filter((a) => !before.layers.has(a.name.toLowerCase()) && a.spans === 0 && a.links === 0 && writes.dropEmptyAnnotator(a.id))
    .map((a) => a.name);
}

/** Whether a merge with these figures added nothing at all (a second merge of the same source). */
export const addedNothing = (documentsAdded: number, layers: MergeLayerReport[], labelsAdded: string[], linkTypesAdded: string[]) =>
  documentsAdded === 0 && labelsAdded.length === 0 && linkTypesAdded.length === 0 && layers.every((l) => l.spans === 0 && l.links === 0 && l.clusters === 0);

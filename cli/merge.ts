/**
 * `crosscheck merge <source> --db P [--as NAME] [--json]`: another analyst's work brought in as their layer(s)
 * (issue 13; services/merge/). JSON is the MergeReport of common/merge.ts; for a person, the documents matched and
 * added, one line per layer, and everything not merged with its reason.
 */
import type { Call } from '../common/contract.js';
import { EMPTY_SOURCE_HINT, type MergeReport } from '../common/merge.js';
import { UsageError } from './args.js';

type Out = { log(s: string): void; error(s: string): void };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The report as a person reads it on a terminal. */
export function formatMergeReport(r: MergeReport): string {
  const lines = [
    r.nothingNew && !r.layers.length
      ? `Nothing to merge in ${r.source}: ${plural(r.documents.matched, 'document')} matched.`
      : r.nothingNew
      ? `Merged ${r.source}: nothing new (it was merged before); ${plural(r.documents.matched, 'document')} matched.`
      : `Merged ${r.source}: ${plural(r.documents.matched, 'document')} matched, ${r.documents.added} added.`,
  ];
  for (const l of r.layers) {
    const from = l.sourceName ? ` (${l.sourceName} in the source)` : '';
    lines.push(`  layer      ${l.name}${from}${l.created ? ', new' : ''}: ${plural(l.spans, 'span')}, ${plural(l.links, 'link')}, ${plural(l.clusters, 'cluster')} added, in ${plural(l.documents, 'more document')}`);
  }
  if (!r.layers.length) lines.push(`  layers     none: ${EMPTY_SOURCE_HINT}`);
  if (r.alreadyPresent && (r.alreadyPresent.spans || r.alreadyPresent.links)) {
    lines.push(`  present    ${plural(r.alreadyPresent.spans, 'span')} and ${plural(r.alreadyPresent.links, 'link')} were in their layer already (not doubled)`);
  }
  if (r.labelsAdded.length) lines.push(`  new labels ${r.labelsAdded.join(', ')}`);
  if (r.linkTypesAdded.length) lines.push(`  new link types ${r.linkTypesAdded.join(', ')}`);
  for (const m of r.notMerged) lines.push(`  not merged ${m.where}: ${m.what}: ${m.why}`);
  for (const n of r.notes) lines.push(`  note       ${n}`);
  return lines.join('\n');
}

/** Runs the command on an open backend; returns the exit code. @throws UsageError without exactly one source. */
export async function mergeCommand(call: Call, a: { paths: string[]; as?: string; json: boolean }, out: Out): Promise<number> {
  if (a.paths.length !== 1) throw new UsageError(`merge takes one source (a .crosscheck project, or a file or folder in an import format), not ${a.paths.length}`);
  const report = await call('project.merge', { path: a.paths[0], ...(a.as !== undefined ? { as: a.as } : {}) });
  out.log(a.json ? JSON.stringify(report) : formatMergeReport(report));
  return 0;
}

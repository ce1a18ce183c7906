import type { Project } from '../project.js';
import type { ImportReport } from '../../common/model.js';
import { AppError } from '../../common/errors.js';
import { cpLength, buildOffsetIndex, graphemeSplit, hasLoneSurrogate, sliceCp } from '../../common/offsets.js';
import { ingestWriter } from '../../db/ingest.js';
import { textHash } from '../import/hash.js';
import { jsonlLineSchema } from './jsonl.js';
import { readRegularFile } from '../import/files.js';

/**
 * Imports Crosscheck's own JSONL (what `export --format jsonl` writes): documents, spans, links, cluster names.
 * Ids in the file are kept where the project does not use them yet (always, in a new project), so that an
 * export → import → export round trip gives the same file. One transaction: a bad line leaves the project as it was.
 */
export function importJsonl(p: Project, file: string, shownPath = file): ImportReport {
  let raw: string;
  try {
    raw = readRegularFile(file).toString('utf8');
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('InvalidInput', `${shownPath}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const lines = raw.split('\n');
  const report: ImportReport = { imported: [], duplicates: [], skipped: [], spans: 0, links: 0, clusters: 0, labelsAdded: [], linkTypesAdded: [] };
  const now = new Date().toISOString();

  const fail = (n: number, reason: string): never => {
    throw new AppError('InvalidInput', `${shownPath}:${n}: ${reason}`);
  };

  p.transaction(() => {
    const w = ingestWriter(p);
    const spanIds = new Map<number, number>();
    const pendingLinks: { n: number; from: number; to: number; type: string }[] = [];
    const clusterNames = new Map<number, { id: number; name: string }>();
    /** Ids of spans left out because they cut a character (an older version could store them), and so their links. */
    const left = new Set<number>();

    lines.forEach((text, i) => {
      const n = i + 1;
      if (!text.trim()) return;
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (e) {
        fail(n, `not JSON (${(e as Error).message})`);
      }
      const parsed = jsonlLineSchema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        fail(n, `${issue.path.join('.') || 'line'}: ${issue.message}`);
      }
      const d = parsed.data!;
      // SQLite stores UTF-8, where a lone surrogate cannot exist: it would be replaced and the offsets shift.
      if (hasLoneSurrogate(d.text)) fail(n, 'the text holds an unpaired UTF-16 surrogate; it cannot be stored exactly');
      const hash = textHash(d.text);
      let docId = p.documents.idByHash(hash);
      if (docId !== undefined) report.duplicates.push({ path: `${shownPath}:${n}`, of: docId });
      else {
        docId = p.documents.insert({ title: d.title, date: d.date, source: d.source, path: d.path, hash, text: d.text, length: cpLength(d.text) }, now, d.id);
        report.imported.push({ path: `${shownPath}:${n}`, id: docId, title: d.title });
      }
      const index = buildOffsetIndex(d.text);
      const length = index.length;
      for (const s of d.spans) {
        if (s.end <= s.start || s.end > length) fail(n, `span ${s.id}: ${s.start}..${s.end} is outside the text (0..${length} code points)`);
        const actual = sliceCp(d.text, s.start, s.end, index);
        if (actual !== s.text) fail(n, `span ${s.id}: text[${s.start}:${s.end}] is ${JSON.stringify(actual)}, not ${JSON.stringify(s.text)}`);
        const split = graphemeSplit(d.text, s.start, s.end, index);
        if (split) {
          left.add(s.id);
          report.skipped.push({ path: `${shownPath}:${n}`, reason: `span ${s.id}: ${split}; the span was not imported` });
          continue;
        }
        const labelId = w.labelId(s.label);
        const { id, added } = w.span({ docId, labelId, start: s.start, end: s.end, text: actual, note: s.note, attributes: s.attributes, at: now, preferredId: s.id });
        spanIds.set(s.id, id);
        if (!added) continue;
        report.spans!++;
        if (s.cluster) clusterNames.set(id, s.cluster);
      }
      for (const l of d.links) pendingLinks.push({ n, ...l });
    });

    for (const l of pendingLinks) {
      if (left.has(l.from) || left.has(l.to)) {
        const gone = left.has(l.from) ? l.from : l.to;
        report.skipped.push({ path: `${shownPath}:${l.n}`, reason: `link ${l.from} → ${l.to}: span ${gone} was not imported (it cuts a character)` });
        continue;
      }
      const from = spanIds.get(l.from);
      const to = spanIds.get(l.to);
      if (from === undefined || to === undefined) fail(l.n, `link ${l.from} → ${l.to}: span ${from === undefined ? l.from : l.to} is not in the file`);
      if (w.link(from!, to!, w.linkTypeId(l.type))) report.links!++;
    }
    w.recluster();
    report.clusters = p.links.clusters.adopt(clusterNames);
    report.labelsAdded!.push(...w.labelsAdded);
    report.linkTypesAdded!.push(...w.linkTypesAdded);
  });
  return report;
}

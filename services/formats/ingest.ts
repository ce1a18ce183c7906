import type { Project } from '../project.js';
import type { ImportReport } from '../../common/model.js';
import { AppError } from '../../common/errors.js';
import { buildOffsetIndex, graphemeSplit, hasLoneSurrogate, sliceCp } from '../../common/offsets.js';
import type { ParsedDoc } from './types.js';
import { textHash } from '../import/hash.js';
import { ingestWriter } from '../../db/ingest.js';

/**
 * Writes documents parsed from another tool's files into the project, in ONE transaction: any bad span or
 * link throws (naming where it was declared) and nothing of the import remains. Labels and link types the
 * project does not know are added and reported. A document whose text is already in the project gets the
 * new spans on the existing copy (identical spans are not doubled). A span whose edge cuts a character (half a
 * flag, an accent without its letter: see graphemeSplit) is not stored but listed in `skipped` with the reason,
 * as are the links that name it; the rest of the file is imported.
 */
export function ingest(p: Project, docs: ParsedDoc[], shownPath: string): ImportReport {
  const report: ImportReport = { imported: [], duplicates: [], skipped: [], spans: 0, links: 0, clusters: 0, labelsAdded: [], linkTypesAdded: [] };
  const now = new Date().toISOString();
  /** Names as the project keeps them: trimmed, at most 60 characters, never empty. */
  const clean = (name: string, fallback: string) => name.trim().slice(0, 60) || fallback;

  p.transaction(() => {
    const w = ingestWriter(p);
    const keys = new Map<string, number>();
    /** Keys of spans left out (they cut a character), so that links naming them are left out too, not refused. */
    const left = new Set<string>();
    for (const d of docs) {
      const hash = textHash(d.text);
      let docId = p.documents.idByHash(hash);
      const where = d.path ?? shownPath;
      if (docId !== undefined) report.duplicates.push({ path: where, of: docId });
      else {
        if (!d.text.trim()) throw new AppError('InvalidInput', `${where}: the document text is empty`);
        // SQLite stores UTF-8, where a lone surrogate cannot exist: it would be replaced and every offset after
        // it would point at the wrong character.
        if (hasLoneSurrogate(d.text)) throw new AppError('InvalidInput', `${where}: the document text holds an unpaired UTF-16 surrogate; it cannot be stored exactly`);
        docId = p.documents.insert(
          { title: d.title || where, date: d.date ?? null, source: d.source ?? null, path: d.path, hash, text: d.text, length: buildOffsetIndex(d.text).length },
          now,
        );
        report.imported.push({ path: where, id: docId, title: d.title || where });
      }
      const index = buildOffsetIndex(d.text);
      for (const s of d.spans) {
        const at = s.at ?? where;
        if (!Number.isInteger(s.start) || !Number.isInteger(s.end) || s.start < 0 || s.end <= s.start || s.end > index.length) {
          throw new AppError('InvalidInput', `${at}: span ${s.start}..${s.end} is outside the text (0..${index.length} code points)`);
        }
        const text = sliceCp(d.text, s.start, s.end, index);
        if (s.text !== undefined && s.text !== text) {
          throw new AppError('InvalidInput', `${at}: the text at ${s.start}..${s.end} is ${JSON.stringify(text)}, but the file says ${JSON.stringify(s.text)}`);
        }
        if (keys.has(s.key) || left.has(s.key)) throw new AppError('InvalidInput', `${at}: span ${s.key} is declared twice`);
        const split = graphemeSplit(d.text, s.start, s.end, index);
        if (split) {
          left.add(s.key);
          report.skipped.push({ path: at, reason: `${split}; the span was not imported` });
          continue;
        }
        const labelId = w.labelId(clean(s.label, 'unlabelled'));
        const { id, added } = w.span({ docId, labelId, start: s.start, end: s.end, text, note: s.note ?? '', attributes: s.attributes ?? {}, at: now });
        keys.set(s.key, id);
        if (added) report.spans!++;
      }
    }
    for (const d of docs) {
      for (const l of d.links) {
        const from = keys.get(l.from);
        const to = keys.get(l.to);
        if (left.has(l.from) || left.has(l.to)) {
          const gone = left.has(l.from) ? l.from : l.to;
          report.skipped.push({ path: d.path ?? shownPath, reason: `a ${l.type} link names span ${gone}, which was not imported (it cuts a character)` });
          continue;
        }
        if (from === undefined || to === undefined) {
          throw new AppError('InvalidInput', `${d.path ?? shownPath}: a ${l.type} link names span ${from === undefined ? l.from : l.to}, which the file does not define`);
        }
        if (from !== to && w.link(from, to, w.linkTypeId(clean(l.type, 'related')))) report.links!++;
      }
    }
    const before = p.links.clusters.count();
    w.recluster();
    report.clusters = Math.max(0, p.links.clusters.count() - before);
    report.labelsAdded!.push(...w.labelsAdded);
    report.linkTypesAdded!.push(...w.linkTypesAdded);
  });
  return report;
}

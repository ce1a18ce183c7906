import type { Project } from '../project.js';
import type { ImportReport } from '../../common/model.js';
import { AppError } from '../../common/errors.js';
import { buildOffsetIndex, hasLoneSurrogate, sliceCp } from '../../common/offsets.js';
import type { ParsedDoc } from './types.js';
import { textHash } from '../import/hash.js';

const PALETTE = ['#8b5cf6', '#db2777', '#0891b2', '#65a30d', '#c2410c', '#475569', '#b45309', '#0f766e'];

/**
 * Writes documents parsed from another tool's files into the project, in ONE transaction: any bad span or
 * link throws (naming where it was declared) and nothing of the import remains. Labels and link types the
 * project does not know are added and reported. A document whose text is already in the project gets the
 * new spans on the existing copy (identical spans are not doubled).
 */
export function ingest(p: Project, docs: ParsedDoc[], shownPath: string): ImportReport {
  const report: ImportReport = { imported: [], duplicates: [], skipped: [], spans: 0, links: 0, clusters: 0, labelsAdded: [], linkTypesAdded: [] };
  const db = p.db;
  const insertSpan = db.prepare(`INSERT INTO annotations (doc_id, label_id, start, end, text, note, attributes, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const sameSpan = db.prepare('SELECT id FROM annotations WHERE doc_id = ? AND label_id = ? AND start = ? AND end = ?').pluck();
  const now = new Date().toISOString();

  db.transaction(() => {
    const labels = new Map(p.labels.list().map((l) => [l.name.toLowerCase(), l.id]));
    const labelId = (name: string) => {
      const clean = name.trim().slice(0, 60) || 'unlabelled';
      let id = labels.get(clean.toLowerCase());
      if (id === undefined) {
        id = p.labels.create(clean, PALETTE[labels.size % PALETTE.length], null).id;
        labels.set(clean.toLowerCase(), id);
        report.labelsAdded!.push(clean);
      }
      return id;
    };
    const types = new Map(p.links.types().map((t) => [t.name.toLowerCase(), t.id]));
    const typeId = (name: string) => {
      const clean = name.trim().slice(0, 60) || 'related';
      let id = types.get(clean.toLowerCase());
      if (id === undefined) {
        id = p.links.createType(clean, false, false, PALETTE[types.size % PALETTE.length]).id;
        types.set(clean.toLowerCase(), id);
        report.linkTypesAdded!.push(clean);
      }
      return id;
    };

    const keys = new Map<string, number>();
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
        if (keys.has(s.key)) throw new AppError('InvalidInput', `${at}: span ${s.key} is declared twice`);
        const label = labelId(s.label);
        const existing = sameSpan.get(docId, label, s.start, s.end) as number | undefined;
        if (existing !== undefined) {
          keys.set(s.key, existing);
          continue;
        }
        const id = Number(insertSpan.run(docId, label, s.start, s.end, text, s.note ?? '', JSON.stringify(s.attributes ?? {}), now, now).lastInsertRowid);
        keys.set(s.key, id);
        report.spans!++;
      }
    }
    const touched: number[] = [];
    for (const d of docs) {
      for (const l of d.links) {
        const from = keys.get(l.from);
        const to = keys.get(l.to);
        if (from === undefined || to === undefined) {
          throw new AppError('InvalidInput', `${d.path ?? shownPath}: a ${l.type} link names span ${from === undefined ? l.from : l.to}, which the file does not define`);
        }
        if (from === to) continue;
        try {
          p.links.insertRaw(from, to, typeId(l.type));
        } catch (e) {
          if ((e as AppError).name === 'Conflict') continue;
          throw e;
        }
        report.links!++;
        touched.push(from, to);
      }
    }
    const before = p.links.clusters.count();
    p.links.clusters.recluster(touched);
    report.clusters = Math.max(0, p.links.clusters.count() - before);
  })();
  return report;
}

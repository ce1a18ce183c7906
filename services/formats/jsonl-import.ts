import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Project } from '../project.js';
import type { ImportReport } from '../../common/model.js';
import { AppError } from '../../common/errors.js';
import { cpLength, buildOffsetIndex, hasLoneSurrogate, sliceCp } from '../../common/offsets.js';
import { textHash } from '../import/hash.js';

const span = z.object({
  id: z.number().int().positive(),
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
  label: z.string().min(1).max(60),
  text: z.string(),
  note: z.string().default(''),
  attributes: z.record(z.string(), z.string()).default({}),
  cluster: z.object({ id: z.number().int().positive(), name: z.string() }).optional(),
});
const line = z.object({
  id: z.number().int().positive(),
  title: z.string(),
  date: z.string().nullable().default(null),
  source: z.string().nullable().default(null),
  path: z.string().nullable().default(null),
  text: z.string().min(1),
  spans: z.array(span).default([]),
  links: z.array(z.object({ from: z.number().int().positive(), to: z.number().int().positive(), type: z.string().min(1) })).default([]),
});

const PALETTE = ['#8b5cf6', '#db2777', '#0891b2', '#65a30d', '#c2410c', '#475569'];

/**
 * Imports Crosscheck's own JSONL (what `export --format jsonl` writes): documents, spans, links, cluster names.
 * Ids in the file are kept where the project does not use them yet (always, in a new project), so that an
 * export → import → export round trip gives the same file. One transaction: a bad line leaves the project as it was.
 */
export function importJsonl(p: Project, file: string, shownPath = file): ImportReport {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (e) {
    throw new AppError('InvalidInput', `${shownPath}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const lines = raw.split('\n');
  const report: ImportReport = { imported: [], duplicates: [], skipped: [], spans: 0, links: 0, clusters: 0, labelsAdded: [], linkTypesAdded: [] };
  const db = p.db;
  const docFree = db.prepare('SELECT 1 FROM documents WHERE id = ?').pluck();
  const annFree = db.prepare('SELECT 1 FROM annotations WHERE id = ?').pluck();
  const insertDoc = db.prepare(`INSERT INTO documents (id, title, date, source, path, hash, text, length, imported_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertFts = db.prepare('INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)');
  const insertSpan = db.prepare(`INSERT INTO annotations (id, doc_id, label_id, start, end, text, note, attributes, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const existingSpan = db.prepare('SELECT id FROM annotations WHERE doc_id = ? AND label_id = ? AND start = ? AND end = ?').pluck();
  const now = new Date().toISOString();

  const fail = (n: number, reason: string): never => {
    throw new AppError('InvalidInput', `${shownPath}:${n}: ${reason}`);
  };

  db.transaction(() => {
    const labelIds = new Map(p.labels.list().map((l) => [l.name.toLowerCase(), l.id]));
    const labelId = (name: string) => {
      const known = labelIds.get(name.toLowerCase());
      if (known !== undefined) return known;
      const created = p.labels.create(name, PALETTE[labelIds.size % PALETTE.length], null);
      labelIds.set(name.toLowerCase(), created.id);
      report.labelsAdded!.push(name);
      return created.id;
    };
    const spanIds = new Map<number, number>();
    const pendingLinks: { n: number; from: number; to: number; type: string }[] = [];
    const clusterNames = new Map<number, { id: number; name: string }>();

    lines.forEach((text, i) => {
      const n = i + 1;
      if (!text.trim()) return;
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (e) {
        fail(n, `not JSON (${(e as Error).message})`);
      }
      const parsed = line.safeParse(json);
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
        docId = docFree.get(d.id) ? undefined : d.id;
        const info = insertDoc.run(docId ?? null, d.title, d.date, d.source, d.path, hash, d.text, cpLength(d.text), now);
        docId = Number(info.lastInsertRowid);
        insertFts.run(docId, d.title, d.text);
        report.imported.push({ path: `${shownPath}:${n}`, id: docId, title: d.title });
      }
      const index = buildOffsetIndex(d.text);
      const length = index.length;
      for (const s of d.spans) {
        if (s.end <= s.start || s.end > length) fail(n, `span ${s.id}: ${s.start}..${s.end} is outside the text (0..${length} code points)`);
        const actual = sliceCp(d.text, s.start, s.end, index);
        if (actual !== s.text) fail(n, `span ${s.id}: text[${s.start}:${s.end}] is ${JSON.stringify(actual)}, not ${JSON.stringify(s.text)}`);
        const label = labelId(s.label);
        const same = existingSpan.get(docId, label, s.start, s.end) as number | undefined;
        if (same !== undefined) {
          spanIds.set(s.id, same);
          continue;
        }
        const id = annFree.get(s.id) ? null : s.id;
        const info = insertSpan.run(id, docId, label, s.start, s.end, actual, s.note, JSON.stringify(s.attributes), now, now);
        spanIds.set(s.id, Number(info.lastInsertRowid));
        report.spans!++;
        if (s.cluster) clusterNames.set(Number(info.lastInsertRowid), s.cluster);
      }
      for (const l of d.links) pendingLinks.push({ n, ...l });
    });

    const types = new Map(p.links.types().map((t) => [t.name.toLowerCase(), t.id]));
    const touched: number[] = [];
    for (const l of pendingLinks) {
      const from = spanIds.get(l.from);
      const to = spanIds.get(l.to);
      if (from === undefined || to === undefined) fail(l.n, `link ${l.from} → ${l.to}: span ${from === undefined ? l.from : l.to} is not in the file`);
      let typeId = types.get(l.type.toLowerCase());
      if (typeId === undefined) {
        typeId = p.links.createType(l.type, false, false, PALETTE[types.size % PALETTE.length]).id;
        types.set(l.type.toLowerCase(), typeId);
        report.linkTypesAdded!.push(l.type);
      }
      try {
        p.links.insertRaw(from!, to!, typeId);
      } catch (e) {
        if ((e as AppError).name === 'Conflict') continue;
        throw e;
      }
      report.links!++;
      touched.push(from!, to!);
    }
    p.links.clusters.recluster(touched);
    report.clusters = p.links.clusters.adopt(clusterNames);
  })();
  return report;
}

import { toAnnotation, type AnnotationRow } from '../../db/annotations.js';
import type { Db } from '../../db/open.js';
import { toFtsQuery } from '../../db/fts-query.js';
import { AppError } from '../../common/errors.js';
import type { ExportContext, ExportDoc } from '../formats/types.js';
import { splitOf, type SplitRatios } from './split.js';

export type DocumentSet = { kind: 'all' } | { kind: 'query'; q: string } | { kind: 'done' };

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
}

/**
 * The documents of an export as every format sees them: which ids, the shared context, and a reader that
 * builds one ExportDoc (filtered spans and links, split) at a time. Callers own the transaction on `db`.
 */
export function openExportStream(db: Db, o: Omit<ExportOptions, 'format' | 'dest'>) {
  const allLabels = db.prepare('SELECT id, name, color FROM labels ORDER BY position, id').all() as { id: number; name: string; color: string }[];
  const wanted = o.labels?.length ? new Set(o.labels.map((l) => l.toLowerCase())) : null;
  if (wanted) {
    const unknown = [...wanted].filter((w) => !allLabels.some((l) => l.name.toLowerCase() === w));
    if (unknown.length) throw new AppError('InvalidInput', `No label named ${unknown.map((u) => `"${u}"`).join(', ')} in this project.`);
  }
  const labels = allLabels.filter((l) => !wanted || wanted.has(l.name.toLowerCase()));
  const labelName = new Map(labels.map((l) => [l.id, l.name]));
  const docIds = selectDocs(db, o.docs);
  const docSet = new Set(docIds);
  const linkTypes = (db.prepare('SELECT id, name, directed, transitive FROM link_types ORDER BY position, id').all() as {
    id: number;
    name: string;
    directed: number;
    transitive: number;
  }[]).map((t) => ({ ...t, directed: !!t.directed, transitive: !!t.transitive }));
  const typeById = new Map(linkTypes.map((t) => [t.id, t]));
  const clusters = new Map((db.prepare('SELECT id, name FROM clusters').all() as { id: number; name: string }[]).map((c) => [c.id, c]));

  const ctx: ExportContext = {
    labels: labels.map((l) => ({ name: l.name, color: l.color })),
    linkTypes: linkTypes.map(({ name, directed, transitive }) => ({ name, directed, transitive })),
    db,
    docIds: docSet,
    labelNames: new Set(labels.map((l) => l.name)),
    options: { negatives: o.negatives, seed: o.seed ?? o.split?.seed ?? 1, contextSentence: true },
  };


  const docRow = db.prepare('SELECT id, title, date, source, path, text, done FROM documents WHERE id = ?');
  const spanRows = db.prepare(`SELECT id, doc_id, label_id, start, end, text, note, attributes, cluster_id, created_at, updated_at
    FROM annotations WHERE doc_id = ? ORDER BY start, end, id`);
  const linkRows = db.prepare(`SELECT l.id, l.from_id, l.to_id, l.type_id, t.doc_id AS to_doc, t.label_id AS to_label
    FROM links l JOIN annotations f ON f.id = l.from_id JOIN annotations t ON t.id = l.to_id
    WHERE f.doc_id = ? ORDER BY l.id`);

  function read(id: number): ExportDoc {
    const d = docRow.get(id) as { id: number; title: string; date: string | null; source: string | null; path: string | null; text: string; done: number };
    const own = (spanRows.all(id) as AnnotationRow[]).filter((r) => labelName.has(r.label_id)).map(toAnnotation);
    const doc: ExportDoc = {
      id: d.id,
      title: d.title,
      date: d.date,
      source: d.source,
      path: d.path,
      text: d.text,
      done: !!d.done,
      split: o.split ? splitOf(d.id, o.split) : null,
      spans: own.map((a) => ({
        id: a.id,
        start: a.start,
        end: a.end,
        label: labelName.get(a.labelId)!,
        text: a.text,
        note: a.note,
        attributes: a.attributes,
        cluster: a.clusterId === null ? null : (clusters.get(a.clusterId) ?? null),
      })),
      links: [],
    };
    const ownIds = new Set(own.map((a) => a.id));
    for (const l of linkRows.all(id) as { id: number; from_id: number; to_id: number; type_id: number; to_doc: number; to_label: number }[]) {
      if (!ownIds.has(l.from_id) || !labelName.has(l.to_label) || !docSet.has(l.to_doc)) continue;
      const t = typeById.get(l.type_id)!;
      doc.links.push({ id: l.id, from: l.from_id, to: l.to_id, type: t.name, directed: t.directed, toDocId: l.to_doc });
    }
    return doc;
  }

  return { ctx, docIds, read };
}

function selectDocs(db: Db, set: DocumentSet): number[] {
  if (set.kind === 'done') return db.prepare('SELECT id FROM documents WHERE done = 1 ORDER BY id').pluck().all() as number[];
  if (set.kind === 'query') {
    const q = toFtsQuery(set.q);
    if (!q) throw new AppError('InvalidInput', 'The search for the documents to export is empty.');
    try {
      return (db.prepare('SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?').pluck().all(q) as number[]).sort((a, b) => a - b);
    } catch (e) {
      throw new AppError('InvalidInput', `Cannot search for ${q}: ${(e as Error).message}`);
    }
  }
  return db.prepare('SELECT id FROM documents ORDER BY id').pluck().all() as number[];
}

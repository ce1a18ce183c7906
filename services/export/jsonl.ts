import type { Db } from '../../db/open.js';
import { toAnnotation, type AnnotationRow } from '../../db/annotations.js';

/** One span of the canonical JSONL export (code-point offsets). */
export interface JsonlSpan {
  id: number;
  start: number;
  end: number;
  label: string;
  text: string;
  note: string;
  attributes: Record<string, string>;
  /** Present when the span belongs to a same-as cluster. */
  cluster?: { id: number; name: string };
}

/** One line of the canonical JSONL export: a document with its spans and the links that start in it. */
export interface JsonlDocument {
  id: number;
  title: string;
  date: string | null;
  source: string | null;
  path: string | null;
  text: string;
  spans: JsonlSpan[];
  /** Links whose `from` span is in this document; `to` may be a span of any document. */
  links: { from: number; to: number; type: string }[];
}

/**
 * Yields one export line per document, reading a document and its spans at a time so memory stays flat
 * whatever the project's size. Keys come in a fixed order so that the same project exports byte for byte the same.
 */
export function* jsonlLines(db: Db): Generator<string> {
  const labels = new Map(
    (db.prepare('SELECT id, name FROM labels').all() as { id: number; name: string }[]).map((l) => [l.id, l.name]),
  );
  const clusters = new Map(
    (db.prepare('SELECT id, name FROM clusters').all() as { id: number; name: string }[]).map((c) => [c.id, c.name]),
  );
  const ids = db.prepare('SELECT id FROM documents ORDER BY id').pluck().all() as number[];
  const doc = db.prepare('SELECT id, title, date, source, path, text FROM documents WHERE id = ?');
  const spans = db.prepare(
    'SELECT id, doc_id, label_id, start, end, text, note, attributes, cluster_id, created_at, updated_at FROM annotations WHERE doc_id = ? ORDER BY start, end, id',
  );
  const links = db.prepare(`SELECT l.from_id AS "from", l.to_id AS "to", t.name AS type FROM links l
    JOIN annotations a ON a.id = l.from_id JOIN link_types t ON t.id = l.type_id
    WHERE a.doc_id = ? ORDER BY l.id`);
  for (const id of ids) {
    const d = doc.get(id) as Omit<JsonlDocument, 'spans' | 'links'> | undefined;
    if (!d) continue;
    const line: JsonlDocument = {
      id: d.id,
      title: d.title,
      date: d.date,
      source: d.source,
      path: d.path,
      text: d.text,
      spans: (spans.all(id) as AnnotationRow[]).map(toAnnotation).map((a) => ({
        id: a.id,
        start: a.start,
        end: a.end,
        label: labels.get(a.labelId) ?? String(a.labelId),
        text: a.text,
        note: a.note,
        attributes: a.attributes,
        ...(a.clusterId !== null ? { cluster: { id: a.clusterId, name: clusters.get(a.clusterId) ?? '' } } : {}),
      })),
      links: links.all(id) as JsonlDocument['links'],
    };
    yield JSON.stringify(line) + '\n';
  }
}

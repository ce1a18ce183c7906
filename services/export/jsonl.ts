import type { Db } from '../../db/open.js';
import { toAnnotation } from '../../db/annotations.js';

/** One line of the canonical JSONL export: a document with its spans (code-point offsets). */
export interface JsonlDocument {
  id: number;
  title: string;
  date: string | null;
  source: string | null;
  path: string | null;
  text: string;
  spans: {
    id: number;
    start: number;
    end: number;
    label: string;
    text: string;
    note: string;
    attributes: Record<string, string>;
  }[];
}

/**
 * Yields one export line per document, reading a document and its spans at a time so memory stays flat
 * whatever the project's size.
 */
export function* jsonlLines(db: Db): Generator<string> {
  const labels = new Map(
    (db.prepare('SELECT id, name FROM labels').all() as { id: number; name: string }[]).map((l) => [l.id, l.name]),
  );
  const ids = db.prepare('SELECT id FROM documents ORDER BY id').pluck().all() as number[];
  const doc = db.prepare('SELECT id, title, date, source, path, text FROM documents WHERE id = ?');
  const spans = db.prepare(
    'SELECT id, doc_id, label_id, start, end, text, note, attributes, created_at, updated_at FROM annotations WHERE doc_id = ? ORDER BY start, end, id',
  );
  for (const id of ids) {
    const d = doc.get(id) as Omit<JsonlDocument, 'spans'> | undefined;
    if (!d) continue;
    const line: JsonlDocument = {
      id: d.id,
      title: d.title,
      date: d.date,
      source: d.source,
      path: d.path,
      text: d.text,
      spans: (spans.all(id) as Parameters<typeof toAnnotation>[0][]).map(toAnnotation).map((a) => ({
        id: a.id,
        start: a.start,
        end: a.end,
        label: labels.get(a.labelId) ?? String(a.labelId),
        text: a.text,
        note: a.note,
        attributes: a.attributes,
      })),
    };
    yield JSON.stringify(line) + '\n';
  }
}

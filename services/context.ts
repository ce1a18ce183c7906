import type { Db } from '../db/open.js';
import { toAnnotation, type AnnotationRow } from '../db/annotations.js';
import type { AnnotationInContext, Passage } from '../common/model.js';
import { sentenceAround } from './suggest/sentences.js';

/** Code points of text read on each side of a span to find its sentence; SQLite's substr counts code points too. */
const WINDOW = 400;

type Row = AnnotationRow & {
  label: string;
  title: string;
  date: string | null;
  source: string | null;
  cluster_name: string | null;
  window_start: number;
  window: string;
};

/**
 * Annotations with their document's title, date, source and the sentence around them. Reads only a window of
 * each document, so a finder listing fifty spans of megabyte documents stays cheap.
 */
export function contextReader(db: Db) {
  const select = db.prepare(`
    SELECT a.id, a.doc_id, a.label_id, a.start, a.end, a.text, a.note, a.attributes, a.cluster_id, a.created_at, a.updated_at,
           l.name AS label, d.title, d.date, d.source, c.name AS cluster_name,
           MAX(a.start - ${WINDOW}, 0) AS window_start,
           substr(d.text, MAX(a.start - ${WINDOW}, 0) + 1, (a.end - MAX(a.start - ${WINDOW}, 0)) + ${WINDOW}) AS window
    FROM annotations a
    JOIN documents d ON d.id = a.doc_id
    JOIN labels l ON l.id = a.label_id
    LEFT JOIN clusters c ON c.id = a.cluster_id
    WHERE a.id IN (SELECT value FROM json_each(?))`);
  const passageWindow = db.prepare(`
    SELECT title, date, source, MAX(? - ${WINDOW}, 0) AS window_start,
           substr(text, MAX(? - ${WINDOW}, 0) + 1, (? - MAX(? - ${WINDOW}, 0)) + ${WINDOW}) AS window
    FROM documents WHERE id = ?`);

  function toContext(r: Row): AnnotationInContext {
    const annotation = toAnnotation(r);
    const local = sentenceAround(r.window, r.start - r.window_start, r.end - r.window_start);
    return {
      annotation,
      label: r.label,
      docTitle: r.title,
      docDate: r.date,
      docSource: r.source,
      context: local.text,
      contextStart: r.start - r.window_start - local.start,
      contextEnd: r.end - r.window_start - local.start,
      clusterName: r.cluster_name,
    };
  }

  return {
    /** In the order of `ids`; ids that do not exist are left out. */
    annotations(ids: number[]): AnnotationInContext[] {
      if (!ids.length) return [];
      const byId = new Map((select.all(JSON.stringify(ids)) as Row[]).map((r) => [r.id, toContext(r)]));
      return ids.map((id) => byId.get(id)).filter((x): x is AnnotationInContext => !!x);
    },

    passage(docId: number, start: number, end: number): Passage | null {
      const r = passageWindow.get(start, start, end, start, docId) as
        | { title: string; date: string | null; source: string | null; window_start: number; window: string }
        | undefined;
      if (!r) return null;
      const local = sentenceAround(r.window, start - r.window_start, end - r.window_start);
      return {
        docId,
        docTitle: r.title,
        docDate: r.date,
        docSource: r.source,
        start,
        end,
        context: local.text,
        contextStart: start - r.window_start - local.start,
        contextEnd: end - r.window_start - local.start,
      };
    },
  };
}

export type ContextReader = ReturnType<typeof contextReader>;

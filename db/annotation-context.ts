import type { Db } from './open.js';
import type { Annotation } from '../common/model.js';
import { toAnnotation, type AnnotationRow } from './annotations.js';

/** Code points of text read on each side of a span to find its sentence; SQLite's substr counts code points too. */
export const CONTEXT_WINDOW = 400;

/** A piece of a document around a span: `text` starts at code point `start` of the document. */
export interface TextWindow {
  start: number;
  text: string;
}

/** An annotation with what a list of spans shows beside it, and the text around it. */
export interface AnnotationWithWindow {
  annotation: Annotation;
  label: string;
  docTitle: string;
  docDate: string | null;
  docSource: string | null;
  clusterName: string | null;
  window: TextWindow;
}

type Row = AnnotationRow & {
  label: string;
  title: string;
  date: string | null;
  source: string | null;
  cluster_name: string | null;
  window_start: number;
  window: string;
};

/** What a row says besides its window. */
const about = (r: Omit<Row, 'window' | 'window_start'>): Omit<AnnotationWithWindow, 'window'> => ({
  annotation: toAnnotation(r),
  label: r.label,
  docTitle: r.title,
  docDate: r.date,
  docSource: r.source,
  clusterName: r.cluster_name,
});

/**
 * Annotations with their label, document title, date, source and cluster name, and up to CONTEXT_WINDOW code
 * points of text on each side. Reads only that window of each document, so a finder listing fifty spans of
 * megabyte documents stays cheap.
 */
export function annotationContextRepo(db: Db) {
  const select = db.prepare(`
    SELECT a.id, a.doc_id, a.label_id, a.start, a.end, a.text, a.note, a.attributes, a.cluster_id, a.created_at, a.updated_at,
           a.annotator_id, a.curated_by,
           l.name AS label, d.title, d.date, d.source, c.name AS cluster_name,
           MAX(a.start - ${CONTEXT_WINDOW}, 0) AS window_start,
           substr(d.text, MAX(a.start - ${CONTEXT_WINDOW}, 0) + 1, (a.end - MAX(a.start - ${CONTEXT_WINDOW}, 0)) + ${CONTEXT_WINDOW}) AS window
    FROM annotations a
    JOIN documents d ON d.id = a.doc_id
    JOIN labels l ON l.id = a.label_id
    LEFT JOIN clusters c ON c.id = a.cluster_id
    WHERE a.id IN (SELECT value FROM json_each(?))`);
  // The same rows without the window, for readers that cut windows from a document text they hold (exports).
  const selectBare = db.prepare(`
    SELECT a.id, a.doc_id, a.label_id, a.start, a.end, a.text, a.note, a.attributes, a.cluster_id, a.created_at, a.updated_at,
           a.annotator_id, a.curated_by,
           l.name AS label, d.title, d.date, d.source, c.name AS cluster_name
    FROM annotations a
    JOIN documents d ON d.id = a.doc_id
    JOIN labels l ON l.id = a.label_id
    LEFT JOIN clusters c ON c.id = a.cluster_id
    WHERE a.id IN (SELECT value FROM json_each(?))`);
  const documentText = db.prepare('SELECT text FROM documents WHERE id = ?').pluck();
  const passageWindow = db.prepare(`
    SELECT title, date, source, MAX(? - ${CONTEXT_WINDOW}, 0) AS window_start,
           substr(text, MAX(? - ${CONTEXT_WINDOW}, 0) + 1, (? - MAX(? - ${CONTEXT_WINDOW}, 0)) + ${CONTEXT_WINDOW}) AS window
    FROM documents WHERE id = ?`);

  return {
    /** The annotations of `ids` that exist, in no particular order. */
    annotations(ids: number[]): AnnotationWithWindow[] {
      if (!ids.length) return [];
      return (select.all(JSON.stringify(ids)) as Row[]).map((r) => ({ ...about(r), window: { start: r.window_start, text: r.window } }));
    },

    /**
     * As `annotations`, without the windows, for a reader that cuts them from the document text itself: SQLite's
     * substr walks a document's UTF-8 from its start for every span, which costs spans × length on one long
     * document with thousands of mentions (the pairs export).
     */
    annotationsBare(ids: number[]): Omit<AnnotationWithWindow, 'window'>[] {
      if (!ids.length) return [];
      return (selectBare.all(JSON.stringify(ids)) as Omit<Row, 'window' | 'window_start'>[]).map(about);
    },

    /** A document's whole text, or undefined. */
    documentText: (docId: number) => documentText.get(docId) as string | undefined,

    /** A document's title, date and source with the text around start..end (code points); null if no such document. */
    passage(docId: number, start: number, end: number) {
      const r = passageWindow.get(start, start, end, start, docId) as
        | { title: string; date: string | null; source: string | null; window_start: number; window: string }
        | undefined;
      if (!r) return null;
      return { docTitle: r.title, docDate: r.date, docSource: r.source, window: { start: r.window_start, text: r.window } };
    },
  };
}

import type { Db } from '../db/open.js';
import { annotationContextRepo, CONTEXT_WINDOW, type TextWindow } from '../db/annotation-context.js';
import { buildOffsetIndex, sliceCp, type OffsetIndex } from '../common/offsets.js';
import type { AnnotationInContext, Passage } from '../common/model.js';
import { sentenceAround } from './suggest/sentences.js';

/** The sentence of `window` around start..end (document code points), with start..end relative to it. */
function sentenceOf(window: TextWindow, start: number, end: number) {
  const local = sentenceAround(window.text, start - window.start, end - window.start);
  return { context: local.text, contextStart: start - window.start - local.start, contextEnd: end - window.start - local.start };
}

/**
 * Annotations with their document's title, date, source and the sentence around them (found in the window of
 * text the repository reads around each span).
 */
export function contextReader(db: Db) {
  const repo = annotationContextRepo(db);
  return {
    /** In the order of `ids`; ids that do not exist are left out. */
    annotations(ids: number[]): AnnotationInContext[] {
      const byId = new Map(
        repo.annotations(ids).map(({ window, annotation, clusterName, ...about }) => [
          annotation.id,
          { annotation, ...about, ...sentenceOf(window, annotation.start, annotation.end), clusterName },
        ]),
      );
      return ids.map((id) => byId.get(id)).filter((x): x is AnnotationInContext => !!x);
    },

    passage(docId: number, start: number, end: number): Passage | null {
      const r = repo.passage(docId, start, end);
      if (!r) return null;
      return { docId, docTitle: r.docTitle, docDate: r.docDate, docSource: r.docSource, start, end, ...sentenceOf(r.window, start, end) };
    },
  };
}

export type ContextReader = ReturnType<typeof contextReader>;

/**
 * A context reader for exports, which read the mentions of a few documents many times over: each document's text
 * is read once while its mentions come (the last few documents are kept, with their offset index) and the windows
 * are cut in JS, so one long document with thousands of mentions costs its length once, not once per mention.
 * Same results as contextReader(db).annotations.
 */
export function documentContextReader(db: Db, keep = 4) {
  const repo = annotationContextRepo(db);
  const texts = new Map<number, { text: string; index: OffsetIndex }>();
  const textOf = (docId: number) => {
    let t = texts.get(docId);
    if (t) {
      texts.delete(docId);
      texts.set(docId, t);
      return t;
    }
    const text = repo.documentText(docId) ?? '';
    t = { text, index: buildOffsetIndex(text) };
    texts.set(docId, t);
    if (texts.size > keep) texts.delete(texts.keys().next().value!);
    return t;
  };
  return {
    /** In the order of `ids`; ids that do not exist are left out. */
    annotations(ids: number[]): AnnotationInContext[] {
      const byId = new Map(
        repo.annotationsBare(ids).map(({ annotation, clusterName, ...about }) => {
          const { text, index } = textOf(annotation.docId);
          const start = Math.max(annotation.start - CONTEXT_WINDOW, 0);
          const end = Math.min(annotation.end + CONTEXT_WINDOW, index.length);
          const window = { start, text: sliceCp(text, start, end, index) };
          return [annotation.id, { annotation, ...about, ...sentenceOf(window, annotation.start, annotation.end), clusterName }] as const;
        }),
      );
      return ids.map((id) => byId.get(id)).filter((x): x is AnnotationInContext => !!x);
    },
  };
}

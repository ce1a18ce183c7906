import type { Db } from '../db/open.js';
import { annotationContextRepo, type TextWindow } from '../db/annotation-context.js';
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

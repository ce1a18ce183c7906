/**
 * The reader's painted spans for the open document's annotations, rebuilt cheaply when one annotation of ten
 * thousand comes or goes (issue 15: a tag in the 1 MB report).
 */
import type { Annotation } from '../../../common/model';
import type { HighlightSpan } from '../../editor/highlightSpecs';

/** The painted spans of a list of annotations, and what they were made from and with. */
export interface OwnSpans {
  annotations: readonly Annotation[];
  spans: HighlightSpan[];
  cache: WeakMap<Annotation, HighlightSpan>;
}

/**
 * The span of each annotation, the same object as last time for an annotation object seen before (from `cache`,
 * which is new whenever labels or layers change, or `make`). A tag or a delete inserts or removes one annotation of
 * a sorted list: walking the last list beside the new one finds each unchanged annotation's span at the same or the
 * next position, with no lookup, so ten thousand spans cost a comparison each (issue 15); anything else falls back
 * to the cache.
 */
export function ownSpans(annotations: readonly Annotation[], last: OwnSpans | null, cache: WeakMap<Annotation, HighlightSpan>, make: (a: Annotation) => HighlightSpan): OwnSpans {
  const prev = last && last.cache === cache ? last : null;
  const spans = new Array<HighlightSpan>(annotations.length);
  let j = 0;
  for (let i = 0; i < annotations.length; i++) {
    const a = annotations[i];
    if (prev && prev.annotations[j] !== a && prev.annotations[j + 1] === a) j++;
    if (prev && prev.annotations[j] === a) {
      spans[i] = prev.spans[j++];
      continue;
    }
    let span = cache.get(a);
    if (!span) cache.set(a, (span = make(a)));
    spans[i] = span;
  }
  return { annotations, spans, cache };
}

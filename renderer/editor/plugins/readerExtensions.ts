/**
 * The reader's editor: the stored text as `doc > paragraph*` (see positions.ts) and the three plugins that
 * paint over it — search matches underneath, cluster markers, annotation highlights on top — each driven
 * through its typed commands (setSearchMatches, setClusterMarks, setAnnotationSpans / selectAnnotation).
 */
import type { Extensions } from '@tiptap/core';
import Document from '@tiptap/extension-document';
import Paragraph from '@tiptap/extension-paragraph';
import Text from '@tiptap/extension-text';
import { ClusterMarks } from './clusterMarks';
import { AnnotationHighlights, type AnnotationHighlightsOptions } from './highlights';
import { SearchMatches } from './searchMatches';

/**
 * The reader's extensions; `onClickSpans` hears every click with the span ids under it, outermost first, and
 * the code point of the shown text that was clicked.
 * @example useEditor({ editable: false, extensions: readerExtensions((ids, cp) => onClick(ids, cp)) })
 */
export function readerExtensions(onClickSpans: AnnotationHighlightsOptions['onClickSpans']): Extensions {
  return [Document, Paragraph, Text, SearchMatches, ClusterMarks, AnnotationHighlights.configure({ onClickSpans })];
}

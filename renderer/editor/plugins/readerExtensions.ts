/**
 * The reader's editor: the stored text as `doc > paragraph*` (see positions.ts; paragraphs from readerParagraph.ts)
 * and the four plugins that paint over it — dimmed header lines and search matches underneath, cluster markers,
 * annotation highlights on top — each driven through its typed commands (setMetadataRanges, setSearchMatches,
 * setClusterMarks, setAnnotationSpans / selectAnnotation).
 */
import type { Extensions } from '@tiptap/core';
import Document from '@tiptap/extension-document';
import Text from '@tiptap/extension-text';
import { ClusterMarks } from './clusterMarks';
import { AnnotationHighlights, type AnnotationHighlightsOptions } from './highlights';
import { MetadataDim } from './metadataDim';
import { ReaderParagraph } from './readerParagraph';
import { SearchMatches } from './searchMatches';

/**
 * The reader's extensions; `onClickSpans` hears every click with the span ids under it, outermost first, and
 * the code point of the shown text that was clicked.
 * @example useEditor({ editable: false, extensions: readerExtensions((ids, cp) => onClick(ids, cp)) })
 */
export function readerExtensions(onClickSpans: AnnotationHighlightsOptions['onClickSpans']): Extensions {
  return [Document, ReaderParagraph, Text, MetadataDim, SearchMatches, ClusterMarks, AnnotationHighlights.configure({ onClickSpans })];
}

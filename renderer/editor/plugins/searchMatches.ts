/**
 * The `searchMatches` TipTap extension: marks where the last opened search hit matched, underneath the
 * annotation highlights. The reader sends the ranges anew whenever it moves its window.
 */
import { rangeDecorations, type PmRange } from './meta';

/** A matched range in ProseMirror positions of the shown document, `from` < `to`. */
export type MatchRange = PmRange;

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    searchMatches: {
      /**
       * Replaces the marked matches; positions are ProseMirror positions of the document shown now.
       * @example editor.commands.setSearchMatches([{ from: 5, to: 16 }])
       */
      setSearchMatches: (ranges: readonly MatchRange[]) => ReturnType;
    };
  }
}

/**
 * Marks the ranges that setSearchMatches sets (class `cc-match`).
 * @example useEditor({ extensions: [Document, Paragraph, Text, SearchMatches] }); editor.commands.setSearchMatches(ranges)
 */
export const SearchMatches = rangeDecorations('searchMatches', 'setSearchMatches', { class: 'cc-match' });

/**
 * The `searchMatches` TipTap extension: marks where the last opened search hit matched, underneath the
 * annotation highlights. The reader sends the ranges anew whenever it moves its window.
 */
import { Extension } from '@tiptap/core';
import { PluginKey } from '@tiptap/pm/state';
import { Decoration, type DecorationSet } from '@tiptap/pm/view';
import { decorationsFromMeta, metaCommand } from './meta';

const searchMatchesKey = new PluginKey<DecorationSet>('searchMatches');

/** A matched range in ProseMirror positions of the shown document, `from` < `to`. */
export interface MatchRange {
  from: number;
  to: number;
}

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
export const SearchMatches = Extension.create({
  name: 'searchMatches',
  addCommands() {
    return { setSearchMatches: (ranges) => metaCommand(searchMatchesKey, ranges) };
  },
  addProseMirrorPlugins() {
    return [
      decorationsFromMeta<readonly MatchRange[]>(searchMatchesKey, (ranges) =>
        ranges.map((r) => Decoration.inline(r.from, r.to, { class: 'cc-match' })),
      ),
    ];
  },
});

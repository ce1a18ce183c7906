import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

export const searchMatchesKey = new PluginKey<DecorationSet>('searchMatches');

/**
 * Marks where the last opened search hit matched, underneath the annotation highlights. Ranges arrive as
 * ProseMirror positions through transaction meta; when the reader moves its window it sends them anew.
 * @example editor.view.dispatch(editor.state.tr.setMeta(searchMatchesKey, [{from: 5, to: 16}]))
 */
export const SearchMatches = Extension.create({
  name: 'searchMatches',
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key: searchMatchesKey,
        state: {
          init: () => DecorationSet.empty,
          apply(tr, set) {
            const ranges = tr.getMeta(searchMatchesKey) as { from: number; to: number }[] | undefined;
            if (!ranges) return tr.docChanged ? set.map(tr.mapping, tr.doc) : set;
            return DecorationSet.create(
              tr.doc,
              ranges.map((r) => Decoration.inline(r.from, r.to, { class: 'cc-match' })),
            );
          },
        },
        props: { decorations: (state) => searchMatchesKey.getState(state) },
      }),
    ];
  },
});

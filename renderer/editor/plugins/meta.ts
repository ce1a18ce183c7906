/**
 * What the reader's plugins have in common: each keeps its state in plugin state, set only through
 * transaction meta that one of its TipTap commands attaches, so the document is never touched and the state
 * is a pure function of (previous state, meta, doc).
 */
import { Extension, type Command, type RawCommands } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type DecorationAttrs } from '@tiptap/pm/view';

/** A range in ProseMirror positions of the shown document, `from` < `to`. */
export interface PmRange {
  from: number;
  to: number;
}

/**
 * A command that hands `meta` to the plugin of `key` in the command's transaction, kept out of the undo
 * history (painting is not an edit). Chained commands share one transaction, so a chain paints at once.
 * @example addCommands() { return { setSearchMatches: (ranges) => metaCommand(searchMatchesKey, ranges) }; }
 */
export function metaCommand(key: PluginKey, meta: unknown): Command {
  return ({ tr, dispatch }) => {
    if (dispatch) tr.setMeta(key, meta).setMeta('addToHistory', false);
    return true;
  };
}

/**
 * A plugin whose decorations are rebuilt from scratch from each meta it receives (`paint` turns the meta into
 * decorations, in positions of the transaction's document); other transactions map them through their
 * changes.
 * @example decorationsFromMeta(searchMatchesKey, (ranges) => ranges.map((r) => Decoration.inline(r.from, r.to, { class: 'cc-match' })))
 */
export function decorationsFromMeta<M>(key: PluginKey<DecorationSet>, paint: (meta: M) => Decoration[]): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key,
    state: {
      init: () => DecorationSet.empty,
      apply(tr, set) {
        const meta = tr.getMeta(key) as M | undefined;
        if (meta === undefined) return tr.docChanged ? set.map(tr.mapping, tr.doc) : set;
        return DecorationSet.create(tr.doc, paint(meta));
      },
    },
    props: { decorations: (state) => key.getState(state) },
  });
}

/**
 * An extension named `name` whose one command, `command`, replaces a set of ranges (ProseMirror positions of the
 * shown document) painted as inline decorations with `attrs`. The command's typing is declared where it is used
 * (a `declare module '@tiptap/core'` block), as for any TipTap command.
 * @example export const SearchMatches = rangeDecorations('searchMatches', 'setSearchMatches', { class: 'cc-match' })
 */
export function rangeDecorations(name: string, command: keyof RawCommands, attrs: DecorationAttrs): Extension {
  const key = new PluginKey<DecorationSet>(name);
  return Extension.create({
    name,
    addCommands() {
      return { [command]: (ranges: readonly PmRange[]) => metaCommand(key, ranges) } as Partial<RawCommands>;
    },
    addProseMirrorPlugins() {
      return [decorationsFromMeta<readonly PmRange[]>(key, (ranges) => ranges.map((r) => Decoration.inline(r.from, r.to, attrs)))];
    },
  });
}

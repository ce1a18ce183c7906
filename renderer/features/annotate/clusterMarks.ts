import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

export const clusterMarksKey = new PluginKey<DecorationSet>('clusterMarks');

/** Where a clustered span ends (a ProseMirror position) and what its cluster is called. */
export interface ClusterMark {
  pos: number;
  annotationId: number;
  title: string;
}

/**
 * A small ◆ after every span that belongs to a cluster. The glyph is CSS generated content on an empty
 * widget, so the document's text (and every offset computed from the DOM) stays exactly the stored text.
 * @example editor.view.dispatch(editor.state.tr.setMeta(clusterMarksKey, [{pos: 42, annotationId: 7, title: 'In a cluster'}]))
 */
export const ClusterMarks = Extension.create({
  name: 'clusterMarks',
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key: clusterMarksKey,
        state: {
          init: () => DecorationSet.empty,
          apply(tr, set) {
            const marks = tr.getMeta(clusterMarksKey) as ClusterMark[] | undefined;
            if (!marks) return tr.docChanged ? set.map(tr.mapping, tr.doc) : set;
            return DecorationSet.create(
              tr.doc,
              marks.map((m) =>
                Decoration.widget(
                  m.pos,
                  () => {
                    const el = document.createElement('span');
                    el.className = 'cc-cluster-mark';
                    el.title = m.title;
                    el.dataset.annId = String(m.annotationId);
                    return el;
                  },
                  { side: -1, key: `c${m.annotationId}:${m.title}` },
                ),
              ),
            );
          },
        },
        props: { decorations: (state) => clusterMarksKey.getState(state) },
      }),
    ];
  },
});

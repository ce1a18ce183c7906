/**
 * The `clusterMarks` TipTap extension: a small ◆ after every span that belongs to a cluster. The glyph is CSS
 * generated content on an empty widget, so the document's text (and every offset computed from the DOM)
 * stays exactly the stored text.
 */
import { Extension } from '@tiptap/core';
import { PluginKey } from '@tiptap/pm/state';
import { Decoration, type DecorationSet } from '@tiptap/pm/view';
import { decorationsFromMeta, metaCommand } from './meta';

const clusterMarksKey = new PluginKey<DecorationSet>('clusterMarks');

/** Where a clustered span ends (a ProseMirror position of the shown document) and what its cluster is called. */
export interface ClusterMark {
  pos: number;
  annotationId: number;
  title: string;
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    clusterMarks: {
      /**
       * Replaces every cluster marker; positions are ProseMirror positions of the document shown now.
       * @example editor.commands.setClusterMarks([{ pos: 42, annotationId: 7, title: 'In a cluster (claim)' }])
       */
      setClusterMarks: (marks: readonly ClusterMark[]) => ReturnType;
    };
  }
}

function widget(m: ClusterMark): Decoration {
  return Decoration.widget(
    m.pos,
    () => {
      const el = document.createElement('span');
      el.className = 'cc-cluster-mark';
      el.title = m.title;
      el.dataset.annId = String(m.annotationId);
      return el;
    },
    // The key lets ProseMirror keep the DOM of an unchanged marker across repaints.
    { side: -1, key: `c${m.annotationId}:${m.title}` },
  );
}

/**
 * Draws the cluster markers that setClusterMarks sets.
 * @example useEditor({ extensions: [Document, Paragraph, Text, ClusterMarks] }); editor.commands.setClusterMarks(marks)
 */
export const ClusterMarks = Extension.create({
  name: 'clusterMarks',
  addCommands() {
    return { setClusterMarks: (marks) => metaCommand(clusterMarksKey, marks) };
  },
  addProseMirrorPlugins() {
    return [decorationsFromMeta<readonly ClusterMark[]>(clusterMarksKey, (marks) => marks.map(widget))];
  },
});

/**
 * The `metadataDim` TipTap extension: shows the header lines an import left in the text (metadataLines.ts)
 * dimmed, as inline decorations, so the stored text stays as it is.
 */
import { rangeDecorations, type PmRange } from './meta';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    metadataDim: {
      /**
       * Replaces the dimmed stretches; positions are ProseMirror positions of the document shown now.
       * @example editor.commands.setMetadataRanges([{ from: 1, to: 17 }])
       */
      setMetadataRanges: (ranges: readonly PmRange[]) => ReturnType;
    };
  }
}

/**
 * Dims the ranges that setMetadataRanges sets (class `cc-meta`).
 * @example useEditor({ extensions: [Document, Paragraph, Text, MetadataDim] }); editor.commands.setMetadataRanges(ranges)
 */
export const MetadataDim = rangeDecorations('metadataDim', 'setMetadataRanges', {
  class: 'cc-meta',
  title: 'Header line of the import (shown dimmed; the text is unchanged)',
});

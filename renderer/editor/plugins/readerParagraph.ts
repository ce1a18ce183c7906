/**
 * The reader's paragraph: one line of the stored text (or a piece of a long one), laid out in the direction
 * its own content gives (`dir="auto"`: an Arabic or Hebrew line reads right to left, its full stop at the left
 * end), and carrying two display-only attributes that ReaderWindow sets from the whole text:
 * - `cont`: the paragraph continues the line before it (a soft break, see chunks.ts), so no gap is drawn;
 * - `blank`: 'more' for a blank line that follows another blank line, hidden so that a run of blank lines
 *   shows as one gap. The paragraph stays in the document, so every offset stays exact.
 */
import { mergeAttributes } from '@tiptap/core';
import Paragraph from '@tiptap/extension-paragraph';

/** Node attributes of a reader paragraph; absent ones take the defaults (false, null). */
export interface ReaderParagraphAttrs {
  cont?: boolean;
  blank?: 'more' | null;
}

/**
 * Paragraph with `dir="auto"` and the `cont` / `blank` attributes (classes `cc-cont`, `cc-blank-more`).
 * @example readerExtensions(...) // uses ReaderParagraph in place of Paragraph
 */
export const ReaderParagraph = Paragraph.extend({
  addAttributes() {
    return {
      cont: { default: false, rendered: false },
      blank: { default: null, rendered: false },
    };
  },
  renderHTML({ node, HTMLAttributes }) {
    const classes = [node.attrs.cont ? 'cc-cont' : '', node.attrs.blank === 'more' ? 'cc-blank-more' : ''].filter(Boolean).join(' ');
    return ['p', mergeAttributes(this.options.HTMLAttributes, HTMLAttributes, classes ? { dir: 'auto', class: classes } : { dir: 'auto' }), 0];
  },
});

/**
 * A screen for ReaderWindow without a browser. The article scrolls in a viewport `height` px tall whose top
 * edge is at y = 0; inside it, a header, the top spacer, the editor's paragraphs one under another, and the
 * bottom spacer. A paragraph of n UTF-16 units wraps every `wrap` units into rows of `lineHeight` px (an empty
 * one still takes a row), and the browser clamps scrolling to the content, as a real one does.
 */
import type { Editor } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { TextSelection } from '@tiptap/pm/state';
import type { TextWindow } from '../../renderer/editor/chunks';
import type { ReaderSurface } from '../../renderer/features/annotate/readerWindow';

export interface FakeScreen {
  width: number;
  fontSize: number;
  lineHeight: number;
  height: number;
  header: number;
  /** Units per wrapped row; by default what ReaderWindow estimates from width and font size. */
  wrap?: number;
}

/** The per-row estimate ReaderWindow makes (CHAR_EM = 0.47): with it, estimated heights are exact. */
export const estimatedWrap = (s: FakeScreen) => Math.max(20, Math.floor(s.width / (s.fontSize * 0.47)));

interface Layout {
  doc: PMNode;
  wrap: number;
  /** Paragraph start position -> its top (px below the editor's top) and height. */
  lines: Map<number, { top: number; height: number; start: number }>;
  height: number;
}

export class FakeSurface implements ReaderSurface {
  scrollTop = 0;
  above = 0;
  below = 0;
  /** Every window ReaderWindow rendered, in order. */
  readonly labels: { first: number; last: number; base: number }[] = [];
  private cache: Layout | null = null;

  constructor(
    private readonly editor: Editor,
    readonly screen: FakeScreen,
  ) {}

  get wrap(): number {
    return this.screen.wrap ?? estimatedWrap(this.screen);
  }

  private layout(): Layout {
    const doc = this.editor.state.doc;
    if (this.cache?.doc === doc && this.cache.wrap === this.wrap) return this.cache;
    const lines = new Map<number, { top: number; height: number; start: number }>();
    let y = 0;
    doc.forEach((node, offset) => {
      const height = Math.max(1, Math.ceil(node.textContent.length / this.wrap)) * this.screen.lineHeight;
      lines.set(offset, { top: y, height, start: offset + 1 });
      y += height;
    });
    this.cache = { doc, wrap: this.wrap, lines, height: y };
    return this.cache;
  }

  /** Height of everything the scroller holds. */
  scrollHeight(): number {
    return this.screen.header + this.above + this.layout().height + this.below;
  }

  /** Scrolls as the analyst would, clamped to the content. */
  scrollTo(y: number): void {
    this.scrollTop = Math.max(0, Math.min(y, this.scrollHeight() - this.screen.height));
  }

  /** Top on screen of the row holding editor position `pos`. */
  posTop(pos: number): number {
    let best: { top: number; start: number } | null = null;
    for (const line of this.layout().lines.values()) if (line.start <= pos && (!best || line.start > best.start)) best = line;
    if (!best) throw new RangeError(`no paragraph holds ${pos}`);
    const row = Math.floor((pos - best.start) / this.wrap);
    return this.textTop() + this.above + best.top + row * this.screen.lineHeight;
  }

  alive(): boolean {
    return true;
  }
  textWidth(): number {
    return this.screen.width;
  }
  fontSize(): number {
    return this.screen.fontSize;
  }
  lineHeight(): number {
    return this.screen.lineHeight;
  }
  viewport(): { top: number; height: number } {
    return { top: 0, height: this.screen.height };
  }
  textTop(): number {
    return this.screen.header - this.scrollTop;
  }
  lineBox(pos: number): { top: number; bottom: number } | null {
    const line = this.layout().lines.get(pos);
    if (!line) return null;
    const top = this.textTop() + this.above + line.top;
    return { top, bottom: top + line.height };
  }
  textBottom(): number {
    return this.textTop() + this.above + this.layout().height;
  }
  scrollBy(dy: number): void {
    this.scrollTo(this.scrollTop + dy);
  }
  revealPos(pos: number): void {
    this.scrollBy(this.posTop(pos) - this.screen.height / 3);
  }
  setSpacers(above: number, below: number): void {
    this.above = above;
    this.below = below;
  }
  /** A read-only view turns the DOM selection into the state's selection and back: here they are one. */
  selection(): { anchor: number; head: number } | null {
    const { anchor, head } = this.editor.state.selection;
    return { anchor, head };
  }
  setSelection(anchor: number, head: number): void {
    const { state } = this.editor;
    this.editor.view.dispatch(state.tr.setSelection(TextSelection.create(state.doc, anchor, head)));
  }
  collapseSelection(): void {
    const { state } = this.editor;
    this.editor.view.dispatch(state.tr.setSelection(TextSelection.create(state.doc, state.selection.to)));
  }
  label(win: TextWindow): void {
    this.labels.push({ first: win.first, last: win.last, base: win.base });
  }
}

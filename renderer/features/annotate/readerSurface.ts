/**
 * The browser's side of a ReaderWindow: the scrolling article, the two spacers around the editor, and the
 * editor's own DOM. Only measuring and scrolling live here; which chunks to show is ReaderWindow's.
 */
import type { Editor } from '@tiptap/core';
import type { TextWindow } from '../../editor/chunks';
import type { ReaderSurface } from './readerWindow';

/** Fallbacks when the computed style gives nothing usable (detached or not yet styled). */
const FONT_PX = 17;
const LINE_PX = 28;

/**
 * A ReaderSurface over the real DOM.
 * @example new ReaderWindow(editor, new DomSurface(editor, article, topSpacer, bottomSpacer), doc.text)
 */
export class DomSurface implements ReaderSurface {
  constructor(
    private readonly editor: Editor,
    private readonly scroller: HTMLElement,
    private readonly topSpacer: HTMLElement,
    private readonly bottomSpacer: HTMLElement,
  ) {}

  private get dom(): HTMLElement {
    return this.editor.view.dom as HTMLElement;
  }

  alive(): boolean {
    return !this.editor.isDestroyed;
  }

  textWidth(): number {
    return this.dom.clientWidth;
  }

  fontSize(): number {
    return parseFloat(getComputedStyle(this.dom).fontSize) || FONT_PX;
  }

  lineHeight(): number {
    const px = parseFloat(getComputedStyle(this.dom).lineHeight);
    return Number.isFinite(px) && px > 0 ? px : LINE_PX;
  }

  viewport(): { top: number; height: number } {
    return { top: this.scroller.getBoundingClientRect().top, height: this.scroller.clientHeight };
  }

  textTop(): number {
    return this.topSpacer.getBoundingClientRect().top;
  }

  lineBox(pos: number): { top: number; bottom: number } | null {
    const el = this.editor.view.nodeDOM(pos) as HTMLElement | null;
    if (!el) return null;
    const { top, bottom } = el.getBoundingClientRect();
    return { top, bottom };
  }

  textBottom(): number {
    return this.dom.getBoundingClientRect().bottom;
  }

  scrollBy(dy: number): void {
    this.scroller.scrollTop += dy;
  }

  revealPos(pos: number): void {
    try {
      const box = this.scroller.getBoundingClientRect();
      const at = this.editor.view.coordsAtPos(pos);
      this.scroller.scrollTop += at.top - box.top - box.height / 3;
    } catch {
      /* position not rendered (empty document) */
    }
  }

  setSpacers(above: number, below: number): void {
    this.topSpacer.style.height = `${above}px`;
    this.bottomSpacer.style.height = `${below}px`;
  }

  selection(): { anchor: number; head: number } | null {
    const sel = window.getSelection();
    if (this.editor.isDestroyed || !sel || sel.rangeCount === 0 || !sel.anchorNode || !sel.focusNode) return null;
    const { view } = this.editor;
    if (!view.dom.contains(sel.anchorNode) || !view.dom.contains(sel.focusNode)) return null;
    try {
      return { anchor: view.posAtDOM(sel.anchorNode, sel.anchorOffset), head: view.posAtDOM(sel.focusNode, sel.focusOffset) };
    } catch {
      return null; // inside a widget (a cluster marker) that maps to no position
    }
  }

  setSelection(anchor: number, head: number): void {
    const { view } = this.editor;
    try {
      const a = view.domAtPos(anchor);
      const h = view.domAtPos(head);
      window.getSelection()?.setBaseAndExtent(a.node, a.offset, h.node, h.offset);
    } catch {
      /* a position the view no longer shows: nothing to put back */
    }
  }

  collapseSelection(): void {
    const sel = window.getSelection();
    const { dom } = this.editor.view;
    if (!sel || sel.rangeCount === 0 || !dom.contains(sel.focusNode)) return;
    // The keyboard's caret stays where the selection ended; after a mouse selection nothing is left.
    if (document.activeElement === dom) sel.collapseToEnd();
    else sel.removeAllRanges();
  }

  label(win: TextWindow, chunkCount: number): void {
    const { dataset } = this.dom;
    dataset.windowFirst = String(win.first);
    dataset.windowLast = String(win.last);
    dataset.windowBase = String(win.base);
    dataset.windowChunks = String(chunkCount);
  }
}

/**
 * Keeps only the chunks of the text near the viewport in the editor, with spacers of the right height above
 * and below, so a book-length report costs what a few screens of it cost: layout, decorations and memory
 * stay small, and tagging stays fast however long the document is.
 *
 * Everything outside this module speaks code points of the whole stored text; this is the one place that
 * knows the editor holds a window of it starting at `base`.
 */
import type { Editor } from '@tiptap/core';
import { Fragment, type Node as PMNode } from '@tiptap/pm/model';
import { TextSelection, type Transaction } from '@tiptap/pm/state';
import type { Range } from '../../../common/model';
import { buildOffsetIndex } from '../../../common/offsets';
import { buildChunks, chunkOfCp, clipToWindow, toWindow, windowText, type Chunk, type TextWindow } from '../../editor/chunks';
import { ChunkHeights, chunkRows, nextWindow, type ChunkSpan } from '../../editor/heights';
import { annotationHighlightsKey, type HighlightMeta, type HighlightSpan } from '../../editor/highlights';
import { buildPositionMap, cpToPm, pmRangeToCp, type PositionMap } from '../../editor/positions';
import { clusterMarksKey, type ClusterMark } from './clusterMarks';
import { searchMatchesKey } from './searchMatches';

/** A cluster marker at the end of a span, in code points of the whole text. */
export interface ClusterMarkAt {
  cp: number;
  annotationId: number;
  title: string;
}

interface Painted {
  spans: readonly HighlightSpan[];
  selectedId: number | null;
  marks: readonly ClusterMarkAt[];
  matches: readonly Range[];
}

/** Rough width of an average character of the reading font, in em; measurements correct the rest. */
const CHAR_EM = 0.47;

export class ReaderWindow {
  private readonly chunks: Chunk[];
  private readonly heights: ChunkHeights;
  private win: TextWindow | null = null;
  private map: PositionMap = buildPositionMap('');
  private painted: Painted = { spans: [], selectedId: null, marks: [], matches: [] };
  private width = 0;
  private destroyed = false;

  constructor(
    private readonly editor: Editor,
    private readonly scroller: HTMLElement,
    private readonly topSpacer: HTMLElement,
    private readonly bottomSpacer: HTMLElement,
    private readonly text: string,
  ) {
    this.chunks = buildChunks(text, buildOffsetIndex(text));
    this.width = this.textWidth();
    this.heights = new ChunkHeights(chunkRows(text, this.chunks, this.charsPerRow()), this.lineHeight());
  }

  destroy(): void {
    this.destroyed = true;
  }

  /** Chunks rendered now; tests and the bench read them from the editor's data-window-* attributes. */
  private get rendered(): ChunkSpan | null {
    return this.win && { first: this.win.first, last: this.win.last };
  }

  /** Code point of the whole text where the rendered window starts. */
  get base(): number {
    return this.win?.base ?? 0;
  }

  /** Editor position of a code point of the whole text, or null when it is not rendered. */
  private toPm(cp: number): number | null {
    if (!this.win) return null;
    const local = cp - this.win.base;
    return local < 0 || local > this.win.length ? null : cpToPm(this.map, local);
  }

  /** The analyst's text selection in code points of the whole text, or null. */
  selection(): Range | null {
    const dom = this.domSelection();
    if (!dom) return null;
    const range = pmRangeToCp(this.map, dom.from, dom.to);
    return range.end > range.start ? { start: this.base + range.start, end: this.base + range.end } : null;
  }

  /** New spans (code points of the whole text); only the rendered ones reach the editor. */
  setSpans(spans: readonly HighlightSpan[], selectedId: number | null): void {
    this.painted = { ...this.painted, spans, selectedId };
    this.dispatchMeta(this.tr().setMeta(annotationHighlightsKey, this.highlightMeta()));
  }

  /** Only the selected span changed: the cheapest repaint there is. */
  select(selectedId: number | null): void {
    if (selectedId === this.painted.selectedId) return;
    this.painted = { ...this.painted, selectedId };
    this.dispatchMeta(this.tr().setMeta(annotationHighlightsKey, { selectedId } satisfies HighlightMeta));
  }

  setMarks(marks: readonly ClusterMarkAt[]): void {
    this.painted = { ...this.painted, marks };
    this.dispatchMeta(this.tr().setMeta(clusterMarksKey, this.localMarks()));
  }

  setMatches(matches: readonly Range[]): void {
    this.painted = { ...this.painted, matches };
    this.dispatchMeta(this.tr().setMeta(searchMatchesKey, this.localMatches()));
  }

  /**
   * Renders what the viewport needs if that changed (after a scroll, a resize, or at first). Cheap when
   * nothing has to change: a few bisections.
   */
  sync(): void {
    if (this.destroyed || this.editor.isDestroyed) return;
    const width = this.textWidth();
    if (width > 0 && Math.abs(width - this.width) > 1) {
      this.width = width;
      const anchor = this.anchor();
      this.heights.reset(chunkRows(this.text, this.chunks, this.charsPerRow()));
      this.measureRendered();
      this.restore(anchor);
    }
    // A jump far past the estimate may need a second pass once the new chunks are measured.
    for (let pass = 0; pass < 3; pass++) {
      const next = nextWindow(this.heights, this.viewport(), this.rendered, this.selectionChunks());
      if (!next) return;
      this.show(next);
    }
  }

  /** Scrolls code point `cp` of the whole text to a third of the way down the viewport. */
  reveal(cp: number): void {
    if (this.destroyed || this.editor.isDestroyed) return;
    const c = chunkOfCp(this.chunks, Math.max(0, cp));
    if (!this.win || c < this.win.first || c > this.win.last) {
      this.show({ first: Math.max(0, c - 1), last: Math.min(this.chunks.length - 1, c + 1) }, false);
    }
    const pos = this.toPm(cp);
    if (pos === null) return;
    try {
      const box = this.scroller.getBoundingClientRect();
      const at = this.editor.view.coordsAtPos(Math.min(pos, this.editor.state.doc.content.size));
      this.scroller.scrollTop += at.top - box.top - box.height / 3;
    } catch {
      /* position not rendered (empty document) */
    }
    this.sync();
  }

  // ----- rendering a window

  /**
   * Moves the editor to chunks `next`, one step per edge so that ProseMirror can keep the DOM of every
   * paragraph that stays (it matches unchanged paragraphs from the start or from the end, not both), and
   * keeps what the analyst was looking at where it was.
   */
  private show(next: ChunkSpan, keepPlace = true): void {
    const anchor = keepPlace ? this.anchor() : null;
    const cur = this.win;
    const overlap = cur && next.first <= cur.last && next.last >= cur.first;
    if (!cur || !overlap) {
      this.commit(next.first, next.last, this.paragraphs(next.first, next.last));
    } else {
      let { first, last } = cur;
      if (next.first > first) this.commit((first = next.first), last, this.kept(first, last));
      if (next.last < last) this.commit(first, (last = next.last), this.kept(first, last));
      if (next.last > last) {
        const grown = this.kept(first, last).append(this.paragraphs(last + 1, next.last));
        this.commit(first, (last = next.last), grown);
      }
      if (next.first < first) this.commit(next.first, last, this.paragraphs(next.first, first - 1).append(this.kept(first, last)));
    }
    this.measureRendered();
    this.restore(anchor);
  }

  /** New paragraph nodes for chunks `first..last`. */
  private paragraphs(first: number, last: number): Fragment {
    const { schema } = this.editor;
    const lines = windowText(this.text, this.chunks, first, last).text.split('\n');
    return Fragment.from(lines.map((line) => schema.nodes.paragraph.create(null, line ? schema.text(line) : null)));
  }

  /** The paragraph nodes of rendered chunks `first..last`, the very same objects, so their DOM stays. */
  private kept(first: number, last: number): Fragment {
    const win = this.win!;
    const from = this.chunks[first].firstLine - this.chunks[win.first].firstLine;
    const to = this.chunks[last].firstLine + this.chunks[last].lines - this.chunks[win.first].firstLine;
    const nodes: PMNode[] = [];
    for (let i = from; i < to; i++) nodes.push(this.editor.state.doc.child(i));
    return Fragment.from(nodes);
  }

  private commit(first: number, last: number, content: Fragment): void {
    const selection = this.selection();
    this.win = windowText(this.text, this.chunks, first, last);
    this.map = buildPositionMap(this.win.text);
    const tr = this.editor.state.tr.replaceWith(0, this.editor.state.doc.content.size, content);
    tr.setMeta(annotationHighlightsKey, this.highlightMeta())
      .setMeta(clusterMarksKey, this.localMarks())
      .setMeta(searchMatchesKey, this.localMatches())
      .setMeta('addToHistory', false);
    const local = selection && toWindow(selection, this.win);
    if (local && local.end > local.start) {
      tr.setSelection(TextSelection.create(tr.doc, cpToPm(this.map, local.start), cpToPm(this.map, local.end)));
    }
    this.editor.view.dispatch(tr);
    const dom = this.editor.view.dom as HTMLElement;
    dom.dataset.windowFirst = String(first);
    dom.dataset.windowLast = String(last);
    dom.dataset.windowBase = String(this.win.base);
    dom.dataset.windowChunks = String(this.chunks.length);
  }

  private highlightMeta(): HighlightMeta {
    const spans = this.win ? clipToWindow(this.painted.spans, this.win) : [];
    return { spans, selectedId: this.painted.selectedId };
  }

  private localMarks(): ClusterMark[] {
    if (!this.win) return [];
    const out: ClusterMark[] = [];
    for (const m of this.painted.marks) {
      const pos = this.toPm(m.cp);
      if (pos !== null) out.push({ pos, annotationId: m.annotationId, title: m.title });
    }
    return out;
  }

  private localMatches(): { from: number; to: number }[] {
    if (!this.win) return [];
    return clipToWindow(this.painted.matches, this.win).map((r) => ({ from: cpToPm(this.map, r.start), to: cpToPm(this.map, r.end) }));
  }

  private tr(): Transaction {
    return this.editor.state.tr;
  }

  /**
   * A read-only ProseMirror view writes its own selection back to the DOM after every transaction, which
   * would wipe the text the analyst has selected whenever highlights repaint; so every transaction carries
   * the DOM selection along.
   */
  private dispatchMeta(tr: Transaction): void {
    if (this.destroyed || this.editor.isDestroyed || !this.win) return;
    const dom = this.domSelection();
    if (dom) tr.setSelection(TextSelection.create(tr.doc, dom.from, dom.to));
    this.editor.view.dispatch(tr.setMeta('addToHistory', false));
  }

  /** The DOM selection as editor positions, when it lies inside the editor and is not collapsed. */
  private domSelection(): { from: number; to: number } | null {
    const sel = window.getSelection();
    if (this.editor.isDestroyed || !sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    const r = sel.getRangeAt(0);
    const dom = this.editor.view.dom;
    if (!dom.contains(r.startContainer) || !dom.contains(r.endContainer)) return null;
    const a = this.editor.view.posAtDOM(r.startContainer, r.startOffset);
    const b = this.editor.view.posAtDOM(r.endContainer, r.endOffset);
    return { from: Math.min(a, b), to: Math.max(a, b) };
  }

  /** The chunks a selection in progress touches: they stay rendered, or the selection would be lost. */
  private selectionChunks(): ChunkSpan | null {
    const sel = this.selection();
    if (!sel) return null;
    return { first: chunkOfCp(this.chunks, sel.start), last: chunkOfCp(this.chunks, sel.end) };
  }

  // ----- geometry

  private textWidth(): number {
    return (this.editor.view.dom as HTMLElement).clientWidth;
  }

  private lineHeight(): number {
    const px = parseFloat(getComputedStyle(this.editor.view.dom).lineHeight);
    return Number.isFinite(px) && px > 0 ? px : 28;
  }

  private charsPerRow(): number {
    const size = parseFloat(getComputedStyle(this.editor.view.dom).fontSize) || 17;
    return Math.max(20, Math.floor((this.width || 720) / (size * CHAR_EM)));
  }

  /** The viewport in pixels from the top of the text (the top spacer's top). */
  private viewport(): { top: number; bottom: number } {
    const box = this.scroller.getBoundingClientRect();
    const origin = this.topSpacer.getBoundingClientRect().top;
    const top = box.top - origin;
    return { top, bottom: top + this.scroller.clientHeight };
  }

  /** DOM element of line `i` of the rendered window. */
  private lineElement(i: number): HTMLElement | null {
    if (i < 0 || i >= this.map.pmLineStarts.length) return null;
    return this.editor.view.nodeDOM(this.map.pmLineStarts[i]) as HTMLElement | null;
  }

  /** Lays the spacers out for the rendered window, measuring its chunks first. */
  private measureRendered(): void {
    const win = this.win;
    if (!win) return;
    const base = this.chunks[win.first].firstLine;
    const tops: number[] = [];
    for (let c = win.first; c <= win.last; c++) {
      const el = this.lineElement(this.chunks[c].firstLine - base);
      tops.push(el ? el.getBoundingClientRect().top : Number.NaN);
    }
    const end = this.editor.view.dom.getBoundingClientRect().bottom;
    const entries: [number, number][] = [];
    for (let c = win.first; c <= win.last; c++) {
      const top = tops[c - win.first];
      const bottom = c === win.last ? end : tops[c - win.first + 1];
      if (Number.isFinite(top) && Number.isFinite(bottom)) entries.push([c, bottom - top]);
    }
    this.heights.measure(entries);
    this.topSpacer.style.height = `${this.heights.top(win.first)}px`;
    this.bottomSpacer.style.height = `${this.heights.total() - this.heights.top(win.last + 1)}px`;
  }

  /** The first rendered line at or below the viewport's top edge, and where it is on screen. */
  private anchor(): { line: number; y: number } | null {
    const win = this.win;
    if (!win) return null;
    const top = this.scroller.getBoundingClientRect().top;
    const lines = this.map.pmLineStarts.length;
    let lo = 0;
    let hi = lines - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const el = this.lineElement(mid);
      if (el && el.getBoundingClientRect().bottom <= top) lo = mid + 1;
      else hi = mid;
    }
    const el = this.lineElement(lo);
    if (!el) return null;
    const y = el.getBoundingClientRect().top;
    // An anchor far off screen (a jump) says nothing about where the analyst wants to be.
    if (Math.abs(y - top) > this.scroller.clientHeight) return null;
    return { line: this.chunks[win.first].firstLine + lo, y };
  }

  /** Scrolls so that the anchor line is back where it was on screen. */
  private restore(anchor: { line: number; y: number } | null): void {
    if (!anchor || !this.win) return;
    const el = this.lineElement(anchor.line - this.chunks[this.win.first].firstLine);
    if (!el) return;
    const delta = el.getBoundingClientRect().top - anchor.y;
    if (Math.abs(delta) >= 0.5) this.scroller.scrollTop += delta;
  }
}

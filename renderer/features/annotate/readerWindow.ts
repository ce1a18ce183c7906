/**
 * Keeps only the chunks of the text near the viewport in the editor, with spacers of the right height above
 * and below, so a book-length report costs what a few screens of it cost: layout, decorations and memory
 * stay small, and tagging stays fast however long the document is.
 *
 * Everything outside this module speaks code points of the whole stored text; this is the one place that
 * knows the editor holds a window of it starting at `base`. It reads and moves the screen only through a
 * ReaderSurface (readerSurface.ts is the DOM one), and paints through the reader plugins' commands, so it
 * runs as is on a headless editor.
 */
import type { ChainedCommands, Editor } from '@tiptap/core';
import { Fragment, type Node as PMNode } from '@tiptap/pm/model';
import { Selection, TextSelection } from '@tiptap/pm/state';
import type { Range } from '../../../common/model';
import { buildOffsetIndex, utf16ToCp } from '../../../common/offsets';
import { buildChunks, chunkOfCp, clipToWindow, toWindow, windowText, type Chunk, type TextWindow } from '../../editor/chunks';
import { ChunkHeights, chunkRows, nextWindow, type ChunkSpan } from '../../editor/heights';
import type { HighlightSpan } from '../../editor/highlightSpecs';
import type { ClusterMark } from '../../editor/plugins/clusterMarks';
import { metadataRanges } from '../../editor/metadataLines';
import type { ReaderParagraphAttrs } from '../../editor/plugins/readerParagraph';
import type { MatchRange } from '../../editor/plugins/searchMatches';
import { buildPositionMap, cpToPm, pmRangeToCp, rangeToPm, textToDoc, type PositionMap } from '../../editor/positions';

/** A cluster marker at the end of a span, in code points of the whole text. */
export interface ClusterMarkAt {
  cp: number;
  annotationId: number;
  title: string;
}

/**
 * The screen a ReaderWindow reads and moves. Every figure is a CSS pixel in viewport coordinates (what
 * getBoundingClientRect gives), growing downwards; positions are ProseMirror positions of the shown doc.
 */
export interface ReaderSurface {
  /** False once the editor's view is gone (React may destroy the editor before the window). */
  alive(): boolean;
  /** Width of the text column; 0 before layout. */
  textWidth(): number;
  /** Font size and line height of the reading font. */
  fontSize(): number;
  lineHeight(): number;
  /** The scrolling box: its top edge on screen and the height it shows. */
  viewport(): { top: number; height: number };
  /** Where the text starts on screen: the top of the spacer above the editor. */
  textTop(): number;
  /** Top and bottom on screen of the paragraph that opens at `pos`, or null when it is not laid out. */
  lineBox(pos: number): { top: number; bottom: number } | null;
  /** Bottom of the editor's text on screen. */
  textBottom(): number;
  /** Scrolls the text by `dy` (positive: the text moves up). */
  scrollBy(dy: number): void;
  /** Scrolls position `pos` to a third of the way down the viewport; nothing when it has no box. */
  revealPos(pos: number): void;
  /** Heights of the spacers standing in for the chunks above and below the rendered ones. */
  setSpacers(above: number, below: number): void;
  /**
   * The analyst's selection as positions when it lies in the editor, collapsed (a caret) or not; `anchor` is
   * where it started, `head` where it was extended to.
   */
  selection(): { anchor: number; head: number } | null;
  /** Collapses the selection in the editor, if any, to its end (the caret stays there). */
  collapseSelection(): void;
  /** Selects positions `anchor..head` of the shown doc in the page (the analyst's selection, put back). */
  setSelection(anchor: number, head: number): void;
  /** Says which chunks are rendered (the e2e tests and the bench read it), after each window change. */
  label(win: TextWindow, chunkCount: number): void;
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
  /** Header lines to show dimmed, in code points of the whole text (metadataLines.ts). */
  private readonly meta: Range[];
  private readonly heights: ChunkHeights;
  private win: TextWindow | null = null;
  private map: PositionMap = buildPositionMap('');
  private painted: Painted = { spans: [], selectedId: null, marks: [], matches: [] };
  private width = 0;
  private destroyed = false;

  /** `text` is the whole stored text; `editor` must have the reader's extensions (readerExtensions). */
  constructor(
    private readonly editor: Editor,
    private readonly surface: ReaderSurface,
    private readonly text: string,
  ) {
    const offsets = buildOffsetIndex(text);
    this.chunks = buildChunks(text, offsets);
    this.meta = metadataRanges(text).map((r) => ({ start: utf16ToCp(offsets, r.start), end: utf16ToCp(offsets, r.end) }));
    this.width = surface.textWidth();
    this.heights = new ChunkHeights(chunkRows(text, this.chunks, this.charsPerRow()), surface.lineHeight());
  }

  destroy(): void {
    this.destroyed = true;
  }

  /** Chunks rendered now. */
  private get rendered(): ChunkSpan | null {
    return this.win && { first: this.win.first, last: this.win.last };
  }

  /** Code point of the whole text where the rendered window starts. */
  get base(): number {
    return this.win?.base ?? 0;
  }

  private live(): boolean {
    return !this.destroyed && this.surface.alive();
  }

  /** Editor position of a code point of the whole text, or null when it is not rendered. */
  private toPm(cp: number): number | null {
    if (!this.win) return null;
    const local = cp - this.win.base;
    return local < 0 || local > this.win.length ? null : cpToPm(this.map, local);
  }

  /** The analyst's text selection in code points of the whole text, or null when there is none or only a caret. */
  selection(): Range | null {
    const dom = this.surface.selection();
    if (!dom) return null;
    const range = pmRangeToCp(this.map, dom.anchor, dom.head);
    return range.end > range.start ? { start: this.base + range.start, end: this.base + range.end } : null;
  }

  /**
   * Clears the text selection after a tag, in the DOM and in the editor's own state alike: a read-only
   * ProseMirror view writes its state's selection back to the DOM on the next transaction (a click on a
   * highlight repaints), which would bring the tagged text back as selected and let the next label key tag
   * it again. A caret stays at the end, for the analyst who selects with the keyboard.
   */
  clearSelection(): void {
    if (!this.live()) return;
    const dom = this.surface.selection();
    this.surface.collapseSelection();
    this.editor
      .chain()
      .command(({ tr }) => {
        tr.setSelection(dom ? TextSelection.create(tr.doc, Math.max(dom.anchor, dom.head)) : Selection.atStart(tr.doc));
        tr.setMeta('addToHistory', false);
        return true;
      })
      .run();
  }

  /** Where the caret (the head of the selection) is, in code points of the whole text; null when not in the text. */
  caret(): number | null {
    const r = this.caretRange();
    return r ? (r.backward ? r.start : r.end) : null;
  }

  /** New spans (code points of the whole text); only the rendered ones reach the editor. */
  setSpans(spans: readonly HighlightSpan[], selectedId: number | null): void {
    this.painted = { ...this.painted, spans, selectedId };
    this.paint((chain) => chain.setAnnotationSpans(this.localSpans(), selectedId));
  }

  /** Only the selected span changed: the cheapest repaint there is. */
  select(selectedId: number | null): void {
    if (selectedId === this.painted.selectedId) return;
    this.painted = { ...this.painted, selectedId };
    this.paint((chain) => chain.selectAnnotation(selectedId));
  }

  /**
   * New cluster markers (code points of the whole text). The host recomputes them on every change of the
   * document's annotations; when they are the same (a tag outside any cluster) nothing is repainted, which spares a
   * transaction and the markers' widgets being drawn anew on every tag.
   */
  setMarks(marks: readonly ClusterMarkAt[]): void {
    if (sameMarks(marks, this.painted.marks)) return;
    this.painted = { ...this.painted, marks };
    this.paint((chain) => chain.setClusterMarks(this.localMarks()));
  }

  /** New search matches (code points of the whole text). */
  setMatches(matches: readonly Range[]): void {
    this.painted = { ...this.painted, matches };
    this.paint((chain) => chain.setSearchMatches(this.localMatches()));
  }

  /**
   * Renders what the viewport needs if that changed (after a scroll, a resize, or at first). Cheap when
   * nothing has to change: a few bisections.
   */
  sync(): void {
    if (!this.live()) return;
    const width = this.surface.textWidth();
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
    if (!this.live()) return;
    const c = chunkOfCp(this.chunks, Math.max(0, cp));
    if (!this.win || c < this.win.first || c > this.win.last) {
      this.show({ first: Math.max(0, c - 1), last: Math.min(this.chunks.length - 1, c + 1) }, false);
    }
    const pos = this.toPm(cp);
    if (pos === null) return;
    this.surface.revealPos(Math.min(pos, this.editor.state.doc.content.size));
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
    const { text, soft } = windowText(this.text, this.chunks, first, last);
    const at = this.chunks[first].startU16;
    return Fragment.fromJSON(this.editor.schema, textToDoc(text, soft, (_, start, end) => this.paragraphAttrs(at + start, at + end)).content);
  }

  /**
   * Display attributes of the paragraph holding UTF-16 units `start..end` of the whole text: whether it continues
   * a long line, and whether it is a blank line after a blank line (hidden, so a run shows as one gap).
   */
  private paragraphAttrs(start: number, end: number): ReaderParagraphAttrs | undefined {
    const t = this.text;
    if (start > 0 && t.charCodeAt(start - 1) !== 10) return { cont: true };
    if (start < 2 || !isBlank(t, start, end)) return undefined;
    let u = start - 2;
    while (u >= 0 && t.charCodeAt(u) !== 10 && isBlank(t, u, u + 1)) u--;
    return u < 0 || t.charCodeAt(u) === 10 ? { blank: 'more' } : undefined;
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

  /** Shows chunks `first..last` as `content`, with the selection and everything painted, in one transaction. */
  private commit(first: number, last: number, content: Fragment): void {
    const selection = this.caretRange();
    this.win = windowText(this.text, this.chunks, first, last);
    const map = (this.map = buildPositionMap(this.win.text, this.win.soft));
    const local = selection && toWindow(selection, this.win);
    this.editor
      .chain()
      .command(({ tr }) => {
        tr.replaceWith(0, tr.doc.content.size, content);
        if (local) {
          const [a, b] = [cpToPm(map, local.start), cpToPm(map, local.end)];
          tr.setSelection(TextSelection.create(tr.doc, selection.backward ? b : a, selection.backward ? a : b));
        } else tr.setSelection(Selection.atStart(tr.doc)); // not wherever the old one maps to
        return true;
      })
      .setMetadataRanges(clipToWindow(this.meta, this.win).map((r) => rangeToPm(map, r)))
      .setAnnotationSpans(this.localSpans(), this.painted.selectedId)
      .setClusterMarks(this.localMarks())
      .setSearchMatches(this.localMatches())
      .run();
    this.surface.label(this.win, this.chunks.length);
  }

  private localSpans(): HighlightSpan[] {
    return this.win ? clipToWindow(this.painted.spans, this.win) : [];
  }

  private localMarks(): ClusterMark[] {
    const out: ClusterMark[] = [];
    for (const m of this.painted.marks) {
      const pos = this.toPm(m.cp);
      if (pos !== null) out.push({ pos, annotationId: m.annotationId, title: m.title });
    }
    return out;
  }

  private localMatches(): MatchRange[] {
    return this.win ? clipToWindow(this.painted.matches, this.win).map((r) => rangeToPm(this.map, r)) : [];
  }

  /**
   * Runs paint commands in one transaction. A read-only ProseMirror view writes its own selection back to
   * the DOM after every transaction, so every repaint sets the editor's selection to exactly what the DOM
   * shows: the text the analyst has selected stays, and a selection the analyst has since clicked away (or
   * that a tag cleared) never comes back. With no selection in the editor, its own collapses.
   */
  private paint(commands: (chain: ChainedCommands) => ChainedCommands): void {
    if (!this.live() || !this.win) return;
    const dom = this.surface.selection();
    const chain = this.editor.chain().command(({ tr }) => {
      if (dom) tr.setSelection(TextSelection.create(tr.doc, dom.anchor, dom.head));
      else if (!tr.selection.empty) tr.setSelection(TextSelection.create(tr.doc, tr.selection.head));
      return true;
    });
    commands(chain).run();
    // Redrawing a highlight replaces the text nodes under a selection, and the view does not always put it back
    // (it only writes selections it owns): the analyst's selection must outlive any repaint.
    if (dom && dom.anchor !== dom.head) {
      const now = this.surface.selection();
      if (!now || now.anchor !== dom.anchor || now.head !== dom.head) this.surface.setSelection(dom.anchor, dom.head);
    }
  }

  /** The selection in code points of the whole text, a caret included, and whether it was made backwards. */
  private caretRange(): (Range & { backward: boolean }) | null {
    const dom = this.surface.selection();
    if (!dom) return null;
    const r = pmRangeToCp(this.map, dom.anchor, dom.head);
    return { start: this.base + r.start, end: this.base + r.end, backward: dom.head < dom.anchor };
  }

  /** The chunks a selection in progress touches: they stay rendered, or the selection would be lost. */
  private selectionChunks(): ChunkSpan | null {
    const sel = this.selection();
    if (!sel) return null;
    return { first: chunkOfCp(this.chunks, sel.start), last: chunkOfCp(this.chunks, sel.end) };
  }

  // ----- geometry

  private charsPerRow(): number {
    return Math.max(20, Math.floor((this.width || 720) / (this.surface.fontSize() * CHAR_EM)));
  }

  /** The viewport in pixels from the top of the text (the top spacer's top). */
  private viewport(): { top: number; bottom: number } {
    const box = this.surface.viewport();
    const top = box.top - this.surface.textTop();
    return { top, bottom: top + box.height };
  }

  /** Box of line `i` of the rendered window. */
  private lineBox(i: number): { top: number; bottom: number } | null {
    if (i < 0 || i >= this.map.pmLineStarts.length) return null;
    return this.surface.lineBox(this.map.pmLineStarts[i]);
  }

  /** Lays the spacers out for the rendered window, measuring its chunks first. */
  private measureRendered(): void {
    const win = this.win;
    if (!win) return;
    const base = this.chunks[win.first].firstLine;
    const tops: number[] = [];
    for (let c = win.first; c <= win.last; c++) tops.push(this.lineBox(this.chunks[c].firstLine - base)?.top ?? Number.NaN);
    const end = this.surface.textBottom();
    const entries: [number, number][] = [];
    for (let c = win.first; c <= win.last; c++) {
      const top = tops[c - win.first];
      const bottom = c === win.last ? end : tops[c - win.first + 1];
      if (Number.isFinite(top) && Number.isFinite(bottom)) entries.push([c, bottom - top]);
    }
    this.heights.measure(entries);
    this.surface.setSpacers(this.heights.top(win.first), this.heights.total() - this.heights.top(win.last + 1));
  }

  /** The first rendered line at or below the viewport's top edge, and where it is on screen. */
  private anchor(): { line: number; y: number } | null {
    const win = this.win;
    if (!win) return null;
    const { top, height } = this.surface.viewport();
    let lo = 0;
    let hi = this.map.pmLineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const box = this.lineBox(mid);
      if (box && box.bottom <= top) lo = mid + 1;
      else hi = mid;
    }
    const box = this.lineBox(lo);
    if (!box) return null;
    // An anchor far off screen (a jump) says nothing about where the analyst wants to be.
    if (Math.abs(box.top - top) > height) return null;
    return { line: this.chunks[win.first].firstLine + lo, y: box.top };
  }

  /** Scrolls so that the anchor line is back where it was on screen. */
  private restore(anchor: { line: number; y: number } | null): void {
    if (!anchor || !this.win) return;
    const box = this.lineBox(anchor.line - this.chunks[this.win.first].firstLine);
    if (!box) return;
    const delta = box.top - anchor.y;
    if (Math.abs(delta) >= 0.5) this.surface.scrollBy(delta);
  }
}

/** Whether two lists of cluster markers draw the same. */
function sameMarks(a: readonly ClusterMarkAt[], b: readonly ClusterMarkAt[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].cp !== b[i].cp || a[i].annotationId !== b[i].annotationId || a[i].title !== b[i].title) return false;
  return true;
}

/** True when UTF-16 units `start..end` of `text` are all whitespace (or none). */
function isBlank(text: string, start: number, end: number): boolean {
  for (let u = start; u < end; u++) {
    const c = text.charCodeAt(u);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 0xa0 && c !== 0x3000 && !(c >= 0x2000 && c <= 0x200b)) return false;
  }
  return true;
}

/**
 * Browse mode for the read-only reader: a caret the analyst moves with the arrow keys and extends with Shift,
 * so a span can be selected, and then tagged with a label key, without a mouse.
 *
 * The reader stays non-editable (nothing can type into the stored text); the caret is the document's own
 * selection, moved with `Selection.modify`, which follows the browser's bidi rules (in a right-to-left
 * paragraph ArrowLeft moves on towards the end of the sentence, as it does in an editable field), and is
 * drawn by a small element of our own, since browsers draw no caret in non-editable text.
 */

/** What a key does to the selection: `Selection.modify`'s three arguments. */
export interface CaretMove {
  alter: 'move' | 'extend';
  direction: 'left' | 'right' | 'forward' | 'backward';
  granularity: 'character' | 'word' | 'line' | 'lineboundary' | 'documentboundary';
}

/**
 * The caret move for a key press, or null when the key is not a caret key (or has modifiers the reader
 * leaves to others: Meta, and Ctrl/Alt on Up/Down). Ctrl (Alt on a Mac) moves by words, Shift extends.
 * @example caretMoveFor({ key: 'ArrowRight', shiftKey: true, ctrlKey: true, altKey: false, metaKey: false })
 * // { alter: 'extend', direction: 'right', granularity: 'word' }
 */
export function caretMoveFor(e: { key: string; shiftKey: boolean; ctrlKey: boolean; altKey: boolean; metaKey: boolean }): CaretMove | null {
  if (e.metaKey) return null;
  const alter = e.shiftKey ? 'extend' : 'move';
  const word = e.ctrlKey || e.altKey;
  switch (e.key) {
    case 'ArrowLeft':
      return { alter, direction: 'left', granularity: word ? 'word' : 'character' };
    case 'ArrowRight':
      return { alter, direction: 'right', granularity: word ? 'word' : 'character' };
    case 'ArrowUp':
      return word ? null : { alter, direction: 'backward', granularity: 'line' };
    case 'ArrowDown':
      return word ? null : { alter, direction: 'forward', granularity: 'line' };
    case 'Home':
      return { alter, direction: 'backward', granularity: e.ctrlKey ? 'documentboundary' : 'lineboundary' };
    case 'End':
      return { alter, direction: 'forward', granularity: e.ctrlKey ? 'documentboundary' : 'lineboundary' };
    default:
      return null;
  }
}

/**
 * The caret keys as the help sheet lists them; each `probe` is a key press caretMoveFor must answer (unit-tested,
 * so the sheet cannot promise a key the reader ignores).
 */
export const caretKeys: { keys: string[]; does: string; probe?: { key: string; shiftKey?: boolean; ctrlKey?: boolean } }[] = [
  { keys: ['Tab'], does: 'Reach the document text: a caret appears' },
  { keys: ['←', '→', '↑', '↓'], does: 'Move the caret (in the direction of the script)', probe: { key: 'ArrowLeft' } },
  { keys: ['Shift+Arrow'], does: 'Select from the caret', probe: { key: 'ArrowRight', shiftKey: true } },
  { keys: ['Ctrl+←', 'Ctrl+→'], does: 'By words (add Shift to select)', probe: { key: 'ArrowRight', ctrlKey: true } },
  { keys: ['Home', 'End'], does: 'Start or end of the line', probe: { key: 'Home' } },
  { keys: ['Ctrl+Home', 'Ctrl+End'], does: 'Start or end of the document', probe: { key: 'End', ctrlKey: true } },
];

/** The first text position at or below the top of `scroller`'s visible area inside `root`, or root's start. */
function firstVisiblePosition(root: HTMLElement, scroller: HTMLElement): { node: Node; offset: number } {
  const top = scroller.getBoundingClientRect().top;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let first: Node | null = null;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    first ??= n;
    const r = document.createRange();
    r.selectNodeContents(n);
    if (r.getBoundingClientRect().bottom > top) return { node: n, offset: 0 };
  }
  return first ? { node: first, offset: 0 } : { node: root, offset: 0 };
}

/** The first (or last) text position inside `root`. */
function textEnd(root: HTMLElement, last: boolean): [Node, number] {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let found: Text | null = null;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    found = n as Text;
    if (!last) break;
  }
  if (!found) return [root, last ? root.childNodes.length : 0];
  return [found, last ? found.data.length : 0];
}

/** Where the selection's focus is drawn, in viewport pixels, or null when it has no box. */
function focusBox(sel: Selection): DOMRect | null {
  if (!sel.focusNode) return null;
  const r = document.createRange();
  r.setStart(sel.focusNode, sel.focusOffset);
  r.collapse(true);
  const rects = r.getClientRects();
  const box = rects.length ? rects[0] : r.getBoundingClientRect();
  if (box.height > 0) return box;
  // At a paragraph's edge (an empty line) the collapsed range has no box: use its element's.
  const el = sel.focusNode.nodeType === 1 ? (sel.focusNode as Element) : sel.focusNode.parentElement;
  const b = el?.getBoundingClientRect();
  return b && b.height > 0 ? new DOMRect(b.left, b.top, 0, Math.min(b.height, 28)) : null;
}

/**
 * Makes `root` (the editor's DOM, focusable) keep a caret in browse mode: the arrow keys move it, Shift
 * extends the selection, Ctrl by words; `caret` (an absolutely positioned element inside `scroller`) is drawn
 * at the selection's focus while `root` has focus; the scroller follows the caret. Returns the cleanup.
 * @example const stop = attachCaret(editor.view.dom, article, caretEl)
 */
export function attachCaret(root: HTMLElement, scroller: HTMLElement, caret: HTMLElement): () => void {
  const selectionIn = (): Selection | null => {
    const sel = window.getSelection();
    return sel && sel.rangeCount > 0 && sel.focusNode && root.contains(sel.focusNode) ? sel : null;
  };
  const draw = () => {
    const sel = selectionIn();
    const box = document.activeElement === root && sel ? focusBox(sel) : null;
    caret.hidden = !box;
    if (!box) return;
    const frame = scroller.getBoundingClientRect();
    caret.style.left = `${box.left - frame.left + scroller.scrollLeft}px`;
    caret.style.top = `${box.top - frame.top + scroller.scrollTop}px`;
    caret.style.height = `${box.height}px`;
    // Restart the blink, so the caret is on right after it moved.
    caret.style.animation = 'none';
    void caret.offsetWidth;
    caret.style.animation = '';
  };
  const follow = () => {
    const sel = selectionIn();
    const box = sel && focusBox(sel);
    if (!box) return;
    const frame = scroller.getBoundingClientRect();
    const margin = Math.min(80, frame.height / 4);
    if (box.top < frame.top + margin) scroller.scrollTop -= frame.top + margin - box.top;
    else if (box.bottom > frame.bottom - margin) scroller.scrollTop += box.bottom - (frame.bottom - margin);
  };
  // On focus, and on the first key without a caret: a selection the analyst made stays; a bare caret stays
  // where it is on screen; otherwise the caret starts at the first visible character.
  const place = () => {
    const sel = selectionIn();
    if (sel && !sel.isCollapsed) return;
    const box = sel && focusBox(sel);
    const frame = scroller.getBoundingClientRect();
    if (box && box.bottom > frame.top && box.top < frame.bottom) return;
    const at = firstVisiblePosition(root, scroller);
    window.getSelection()?.collapse(at.node, at.offset);
  };
  const onKey = (e: KeyboardEvent) => {
    const move = caretMoveFor(e);
    if (!move) return;
    e.preventDefault();
    const sel = selectionIn();
    if (!sel) return place();
    const before = [sel.anchorNode!, sel.anchorOffset, sel.focusNode!, sel.focusOffset] as const;
    if (move.granularity === 'documentboundary') {
      // The text's own ends, not the page's.
      const [node, offset] = textEnd(root, move.direction === 'forward');
      if (move.alter === 'extend') sel.setBaseAndExtent(before[0], before[1], node, offset);
      else sel.collapse(node, offset);
    } else sel.modify(move.alter, move.direction, move.granularity);
    // Selection.modify walks the whole page: at the first or last line it would leave the text. It stays.
    if (!sel.focusNode || !root.contains(sel.focusNode)) sel.setBaseAndExtent(...before);
    follow();
    draw();
  };
  let frame = 0;
  const later = () => {
    if (!frame)
      frame = requestAnimationFrame(() => {
        frame = 0;
        draw();
      });
  };
  root.addEventListener('keydown', onKey);
  root.addEventListener('focus', place);
  root.addEventListener('focus', later);
  root.addEventListener('blur', later);
  document.addEventListener('selectionchange', later);
  scroller.addEventListener('scroll', later, { passive: true });
  draw();
  return () => {
    root.removeEventListener('keydown', onKey);
    root.removeEventListener('focus', place);
    root.removeEventListener('focus', later);
    root.removeEventListener('blur', later);
    document.removeEventListener('selectionchange', later);
    scroller.removeEventListener('scroll', later);
    if (frame) cancelAnimationFrame(frame);
  };
}

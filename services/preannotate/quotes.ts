/**
 * Quotations in a text: where each outermost quotation opens and closes, for claims ("the content inside the
 * quotation marks, without the marks", bench/preannotate/GUIDELINES.md). UTF-16 offsets (the caller converts).
 *
 * Typographic marks pair by depth (“ … “smart bombs” … ” is one quotation with a nested one), as do « »;
 * straight double quotes open after white space, an opening bracket or dash, or the start, and close otherwise.
 * A quotation left open at a paragraph end goes on only when the next paragraph opens with a quotation mark
 * (the news convention for a quote spanning paragraphs); otherwise it is dropped as unbalanced. A quotation still
 * open after MAX_QUOTE units is dropped too (a stray mark, not a quotation), so that no claim is longer.
 */

/** Longest quotation, UTF-16 units from mark to mark (a few paragraphs; the dev set's longest claim is 331). */
export const MAX_QUOTE = 2000;

export interface Quote {
  /** The opening and closing marks (UTF-16 index of each mark). */
  open: number;
  close: number;
  /** The content, marks excluded, white space trimmed: [start, end). */
  start: number;
  end: number;
}

const OPENERS = new Map([['“', '”'], ['«', '»'], ['„', '“']]);
const CLOSERS = new Set(['”', '»']);
const MARKS = new Set(['“', '”', '«', '»', '„', '"', '\n']);

/** Outermost quotations of `text`, in order, never overlapping. */
export function findQuotes(text: string): Quote[] {
  const out: Quote[] = [];
  // Stack of expected closing marks; `first` is where the outermost quotation opened.
  let stack: string[] = [];
  let first = -1;
  let pendingBreak = false; // a paragraph ended while a quotation was open
  const finish = (close: number) => {
    let s = first + 1;
    let e = close;
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e > s) out.push({ open: first, close, start: s, end: e });
    stack = [];
    first = -1;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (first >= 0 && i - first > MAX_QUOTE) {
      stack = [];
      first = -1;
      pendingBreak = false;
    }
    // Only marks, line breaks and the first character of a paragraph after one matter.
    if (!pendingBreak && !MARKS.has(c)) continue;
    if (c === '\n') {
      if (stack.length) pendingBreak = true;
      continue;
    }
    if (pendingBreak && !/\s/.test(c)) {
      pendingBreak = false;
      // Continues only if the new paragraph opens with a quotation mark, which then adds no depth.
      if (OPENERS.has(c) || c === '"') continue;
      stack = [];
      first = -1;
    }
    if (c === '"') {
      if (stack.at(-1) === '"') {
        stack.pop();
        if (!stack.length) finish(i);
      } else if (i === 0 || /[\s([{—–-]/.test(text[i - 1])) {
        if (!stack.length) first = i;
        stack.push('"');
      }
      continue;
    }
    const closer = OPENERS.get(c);
    // „ opens (German); “ opens unless a „ is waiting for it.
    if (closer && !(c === '“' && stack.at(-1) === '“')) {
      if (!stack.length) first = i;
      stack.push(closer);
      continue;
    }
    if (CLOSERS.has(c) || c === '“') {
      if (stack.length && stack.at(-1) === c) {
        stack.pop();
        if (!stack.length) finish(i);
      }
    }
  }
  return out;
}

/**
 * The .txt of a brat document, for the import (brat-import.ts): read as strict UTF-8, and the readings its
 * offsets may refer to. brat counts code points of the .txt; when the file has CRLF line ends or a byte order
 * mark, tools disagree on whether those count, so each reading maps its code points to the stored text (LF, no
 * BOM). A T line's text column tells the readings apart.
 */
import { AppError } from '../../common/errors.js';
import { buildOffsetIndex, sliceCp, type OffsetIndex } from '../../common/offsets.js';
import type { TRec } from './brat-ann.js';
import { readBytes } from './read-text.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A brat file (.txt, .ann, .conf, .tsv) as text; unreadable or not UTF-8 throws InvalidInput naming the path. */
export function readUtf8(path: string): string {
  const bytes = readBytes(path);
  try {
    return utf8.decode(bytes);
  } catch {
    throw new AppError('InvalidInput', `${path}: not UTF-8 (brat files are UTF-8)`);
  }
}

/** A reading of the .txt that offsets may refer to, and how its code points map to the stored (LF, no BOM) text. */
export interface TextView {
  text: string;
  index: OffsetIndex;
  /** Code point positions (ascending) of characters the stored text does not have. */
  removed: number[];
}

/** A code point of the reading `view` as a code point of the stored text. */
export function toStored(view: TextView, cp: number): number {
  let lo = 0;
  let hi = view.removed.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (view.removed[mid] < cp) lo = mid + 1;
    else hi = mid;
  }
  return cp - lo;
}

/**
 * The readings of a .txt that offsets may refer to, most literal first: the file as it is; with CRLF/CR read as LF
 * (what Python's universal newlines give); and, when it starts with a byte order mark, both without it.
 */
export function textViews(raw: string): { stored: string; views: TextView[] } {
  const bom = raw.startsWith('\uFEFF');
  const stored = (bom ? raw.slice(1) : raw).replace(/\r\n?/g, '\n');
  const view = (text: string, bomAt0: boolean, crlfRemoved: boolean): TextView => {
    const removed: number[] = bomAt0 ? [0] : [];
    if (crlfRemoved) {
      let cp = 0;
      for (let i = 0; i < text.length; i++, cp++) {
        const c = text.charCodeAt(i);
        if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) removed.push(cp);
        else if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
      }
    }
    return { text, index: buildOffsetIndex(text), removed };
  };
  const views: TextView[] = [];
  for (const withBom of bom ? [true, false] : [false]) {
    const text = withBom ? raw : raw.slice(bom ? 1 : 0);
    views.push(view(text, withBom, text.includes('\r')));
    if (text.includes('\r')) views.push(view(text.replace(/\r\n?/g, '\n'), withBom, false));
  }
  return { stored, views };
}

/** Why a T's text column does not match the text under `view`, or null when it does (brat's rule). */
export function textMismatch(t: TRec, view: TextView, rawBytes: () => Buffer): string | null {
  const length = view.index.length;
  for (const [, e] of t.frags) {
    if (e > length) return `${t.id} ends at ${e}, after the end of the text (${length} characters)`;
  }
  if (t.text === null || t.text.trim() === '') return null;
  const pieces = t.frags.map(([s, e]) => sliceCp(view.text, s, e, view.index));
  const expected = pieces.join(' ');
  const ok = (want: string) => t.text === want || (t.text!.startsWith(want) && /^\s/.test(t.text!.slice(want.length)));
  if (ok(expected) || (pieces.length > 1 && ok(pieces.join('')))) return null;
  let hint = '';
  const units = t.frags.map(([s, e]) => view.text.slice(s, e)).join(' ');
  if (units === t.text) hint = ' (the offsets look like UTF-16 units, as JavaScript counts; brat counts characters)';
  else {
    const b = rawBytes();
    const bytes = t.frags.map(([s, e]) => b.subarray(s, e).toString('utf8')).join(' ');
    if (bytes === t.text) hint = ' (the offsets look like UTF-8 bytes; brat counts characters)';
  }
  const where = t.frags.map(([s, e]) => `${s}..${e}`).join(';');
  return `${t.id} says its text is ${JSON.stringify(t.text)}, but the text at ${where} is ${JSON.stringify(expected)}${hint}`;
}

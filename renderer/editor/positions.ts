/**
 * Stored code-point offsets <-> ProseMirror positions.
 *
 * The editor shows the stored text as `doc > paragraph*`, one paragraph per "\n"-separated line (a line too
 * long to lay out at once may be cut into several paragraphs at soft breaks, see chunks.ts), so a
 * PM position differs from a UTF-16 index by one opening token per paragraph up to and including the
 * current one plus one closing token per paragraph before it. Line `i` (0-based) starting at UTF-16
 * index `u` therefore has its content at PM position `u + 1 + i`; the "\n" that ends it has no token of
 * its own and sits where that paragraph's close token is; a soft break adds the two tokens and no character
 * (PositionMap.pmLineStarts accounts for both). Everything here is a bisection over
 * precomputed arrays because documents reach a megabyte and the highlighter converts ~10^4 spans.
 */
import type { Range } from '../../common/model';
import { buildOffsetIndex, cpToUtf16, utf16ToCp, type OffsetIndex } from '../../common/offsets';

/** Structurally a TipTap `JSONContent`; kept local so this module stays free of editor imports. */
interface TextNodeJSON {
  type: 'text';
  text: string;
}
interface ParagraphJSON {
  type: 'paragraph';
  attrs?: object;
  content?: TextNodeJSON[];
}
interface DocJSON {
  type: 'doc';
  content: ParagraphJSON[];
}

export interface PositionMap {
  readonly offsets: OffsetIndex;
  /** UTF-16 index where each paragraph starts; `lineStarts[0] === 0`, one entry per paragraph. */
  readonly lineStarts: Uint32Array;
  /** PM position just before each paragraph's opening token. */
  readonly pmLineStarts: Uint32Array;
  /** 1 where a paragraph follows a "\n" of the text, 0 where it continues the line before (a soft break) or is the first. */
  readonly hard: Uint8Array;
  /** `doc.content.size` of the document `textToDoc` builds from the same text and soft breaks. */
  readonly docSize: number;
}

/**
 * Where the paragraphs of `text` start, in UTF-16 units: after every "\n", and at each soft break (a long line
 * cut for windowing, no character of its own). Soft breaks at 0, at or right after a "\n", past the end or out of
 * order are ignored, so the result is always strictly ascending.
 * @example paragraphStarts('ab\ncdef', [5]) // { starts: [0, 3, 5], hard: [0, 1, 0] }
 */
function paragraphStarts(text: string, soft: readonly number[]): { starts: number[]; hard: number[] } {
  const starts = [0];
  const hard = [0];
  let k = 0;
  const pushSoftBelow = (limit: number) => {
    for (; k < soft.length && soft[k] < limit; k++) {
      const s = soft[k];
      if (s > starts[starts.length - 1] && s < text.length && text.charCodeAt(s - 1) !== 10 && text.charCodeAt(s) !== 10) {
        starts.push(s);
        hard.push(0);
      }
    }
  };
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    pushSoftBelow(i + 1);
    starts.push(i + 1);
    hard.push(1);
  }
  pushSoftBelow(Infinity);
  return { starts, hard };
}

/**
 * The editor document for a stored text. Empty lines become empty paragraphs (ProseMirror rejects
 * empty text nodes), so a text ending in "\n" ends with an empty paragraph and round-trips exactly.
 * `soft` (UTF-16 indices, ascending) cuts long lines into more paragraphs without a character between
 * them; `attrs` gives paragraph `i` its node attributes (omitted when it returns undefined).
 * Pass it to TipTap as JSON, never as an HTML string: HTML parsing would collapse whitespace.
 * @example textToDoc('a\n\nb') // {type:'doc', content:[{type:'paragraph', content:[{type:'text', text:'a'}]}, {type:'paragraph'}, {type:'paragraph', content:[{type:'text', text:'b'}]}]}
 */
export function textToDoc(
  text: string,
  soft: readonly number[] = [],
  attrs?: (index: number, start: number, end: number) => object | undefined,
): DocJSON {
  const { starts, hard } = paragraphStarts(text, soft);
  return {
    type: 'doc',
    content: starts.map((start, i): ParagraphJSON => {
      const end = i + 1 < starts.length ? starts[i + 1] - hard[i + 1] : text.length;
      const line = text.slice(start, end);
      const a = attrs?.(i, start, end);
      const node: ParagraphJSON = { type: 'paragraph' };
      if (a) node.attrs = a;
      if (line) node.content = [{ type: 'text', text: line }];
      return node;
    }),
  };
}

/**
 * Precomputes everything the conversions need; O(n) once per document. `soft` as for textToDoc.
 * @example const map = buildPositionMap(doc.text); cpToPm(map, annotation.start)
 */
export function buildPositionMap(text: string, soft: readonly number[] = []): PositionMap {
  const { starts, hard } = paragraphStarts(text, soft);
  const lineStarts = Uint32Array.from(starts);
  let hardSoFar = 0;
  // Each paragraph before adds two tokens; each "\n" before is not a character in the doc.
  const pmLineStarts = Uint32Array.from(starts, (u, i) => u - (hardSoFar += hard[i]) + 2 * i);
  const docSize = text.length - hardSoFar + 2 * starts.length;
  return { offsets: buildOffsetIndex(text), lineStarts, pmLineStarts, hard: Uint8Array.from(hard), docSize };
}

/** Index of the last entry <= value (entries ascending, first entry <= value). */
function lastAtOrBelow(arr: Uint32Array, value: number): number {
  let lo = 0;
  let hi = arr.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (arr[mid] <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Paragraph holding UTF-16 index `u`; a "\n" belongs to the line it ends, a soft break to the paragraph it opens.
 * @example lineOfUtf16(buildPositionMap('ab\ncd'), 2) === 0
 */
function lineOfUtf16(map: PositionMap, u: number): number {
  return lastAtOrBelow(map.lineStarts, u);
}

/**
 * UTF-16 index just past the last character of `line` (where its "\n" is, or the text end).
 * @example lineEndUtf16(buildPositionMap('ab\ncd'), 0) === 2
 */
function lineEndUtf16(map: PositionMap, line: number): number {
  return line + 1 < map.lineStarts.length ? map.lineStarts[line + 1] - map.hard[line + 1] : map.offsets.utf16Length;
}

/**
 * PM position of a UTF-16 index of the text (DOM offsets, String#indexOf results).
 * @example utf16ToPm(buildPositionMap('ab\ncd'), 3) === 5
 */
function utf16ToPm(map: PositionMap, u: number): number {
  const line = lineOfUtf16(map, u);
  return map.pmLineStarts[line] + 1 + (u - map.lineStarts[line]);
}

/**
 * PM position of code point offset `cp` (0..length). The offset of a "\n" maps to the end of the
 * paragraph it closes, so a span ending just before a line break ends inside its paragraph.
 * @throws RangeError when `cp` is not an integer in 0..length.
 * @example cpToPm(buildPositionMap('a\nb'), 2) === 4 // 'b' starts the second paragraph
 */
export function cpToPm(map: PositionMap, cp: number): number {
  return utf16ToPm(map, cpToUtf16(map.offsets, cp));
}

/** UTF-16 index of PM position `pos` (see pmToCp; a position inside a surrogate pair stays there). */
function pmToUtf16(map: PositionMap, pos: number, bias: 1 | -1): number {
  if (!(pos > 0)) return 0; // also catches NaN
  if (pos >= map.docSize) return map.offsets.utf16Length;
  const p = Math.floor(pos);
  const line = lastAtOrBelow(map.pmLineStarts, p);
  const open = map.pmLineStarts[line];
  if (p === open) {
    // Before this paragraph's opening token: between paragraphs (line > 0, since pos > 0). A soft break has
    // no character of its own, so both sides of it are the same offset.
    return bias === 1 || !map.hard[line] ? map.lineStarts[line] : map.lineStarts[line] - 1;
  }
  return Math.min(map.lineStarts[line] + (p - 1 - open), lineEndUtf16(map, line));
}

/**
 * Code point offset of PM position `pos`. Inside a paragraph it is exact (a position between the
 * halves of a surrogate pair rounds down). The position between two paragraphs has no character of its
 * own: `bias` 1 (default) gives the start of the next line, -1 the "\n" ending the previous one, which
 * is what the start and end of a range want respectively (a soft break gives the same offset either way).
 * Out-of-range positions clamp to 0..length.
 * @example pmToCp(buildPositionMap('a\nb'), 2) === 1 // end of first paragraph = the "\n"
 */
export function pmToCp(map: PositionMap, pos: number, bias: 1 | -1 = 1): number {
  return utf16ToCp(map.offsets, pmToUtf16(map, pos, bias));
}

/**
 * PM range of a code-point range, e.g. for `TextSelection.create(doc, from, to)` or scrolling.
 * @example rangeToPm(map, annotation) // {from, to}
 */
export function rangeToPm(map: PositionMap, range: Range): { from: number; to: number } {
  return { from: cpToPm(map, range.start), to: cpToPm(map, range.end) };
}

/**
 * Code-point range of a PM range (either order), e.g. the editor selection. Never inverted: a collapsed
 * position between paragraphs yields an empty range at the next line start. A range edge between the
 * halves of a surrogate pair (a scripted selection can put it there) takes the whole character: the start
 * rounds down, the end up, so a selection ending inside 👍 keeps the 👍 (a collapsed range stays collapsed).
 * @example const { from, to } = editor.state.selection; pmRangeToCp(map, from, to)
 */
export function pmRangeToCp(map: PositionMap, from: number, to: number): Range {
  const start = pmToCp(map, Math.min(from, to), 1);
  if (from === to) return { start, end: start };
  const u = pmToUtf16(map, Math.max(from, to), -1);
  const down = utf16ToCp(map.offsets, u);
  const end = cpToUtf16(map.offsets, down) < u ? down + 1 : down;
  return { start, end: Math.max(start, end) };
}

/**
 * PM ranges of a code-point range cut at line breaks, one per paragraph it touches and none empty:
 * what inline decorations need, since the "\n" itself is not a character in the editor.
 * @example rangeToPmLines(buildPositionMap('ab\ncd'), 1, 4) // [{from:2,to:3},{from:5,to:6}]
 */
export function rangeToPmLines(map: PositionMap, start: number, end: number): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  const u0 = cpToUtf16(map.offsets, start);
  const u1 = cpToUtf16(map.offsets, end);
  for (let line = lineOfUtf16(map, u0); line < map.lineStarts.length && map.lineStarts[line] < u1; line++) {
    const a = Math.max(u0, map.lineStarts[line]);
    const b = Math.min(u1, lineEndUtf16(map, line));
    const at = map.pmLineStarts[line] + 1 - map.lineStarts[line];
    if (a < b) out.push({ from: a + at, to: b + at });
  }
  return out;
}

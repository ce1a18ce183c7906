import type { Db } from './open.js';
import { AppError } from '../common/errors.js';
import { buildOffsetIndex, cpToUtf16, graphemeSplit, sliceCp, utf16ToCp } from '../common/offsets.js';

/**
 * Code points read on each side of a span to find the line it sits on. Most lines of news text are far shorter;
 * a span on a longer line is checked against the whole text, as before.
 */
const MARGIN = 1024;

/**
 * The span-text reader of db/annotations.ts: a span's text, checked against the stored document, without reading
 * the document whole. Tagging a megabyte report used to read and index its whole text per tag (5 ms to fetch the
 * megabyte out of SQLite, 5 more to index its astral characters); now SQLite cuts a few kilobytes around the span
 * (`substr` counts characters, which for TEXT are code points, as our offsets are) and only those are looked at.
 *
 * The whole-character check (graphemeSplit) looks only at the span's own lines: a line feed always ends an extended
 * grapheme cluster (UAX #29 GB4/GB5) and the check's windows stop at one (common/offsets.ts windowStart/windowEnd),
 * so the text from just after the line feed before the span to just after the line feed after it gives the check
 * exactly the answer the whole text gives. When no line feed lies within MARGIN of an edge, the whole text is read.
 */
export function spanTextReader(db: Db) {
  const docLength = db.prepare('SELECT length FROM documents WHERE id = ?').pluck();
  const docText = db.prepare('SELECT text FROM documents WHERE id = ?').pluck();
  // substr's start is 1-based; both arguments count characters (code points for TEXT).
  const piece = db.prepare('SELECT substr(text, ?, ?) FROM documents WHERE id = ?').pluck();
  const labelName = db.prepare('SELECT name FROM labels WHERE id = ?').pluck();

  /** The reason the span cuts a character in two, worded with the document's own offsets (read whole: rare). */
  function wholeTextSplit(docId: number, start: number, end: number): string | null {
    return graphemeSplit(docText.get(docId) as string, start, end);
  }

  /**
   * The lines holding code points `start..end` of document `docId` whose length is `length`: the text from just
   * after the line feed before `start` (or the document's start) to just after the line feed at or after `end` (or
   * the document's end), with `at`, the code point where it starts. Null when an edge has no line feed within MARGIN.
   */
  function linesAround(docId: number, length: number, start: number, end: number): { text: string; at: number } | null {
    const from = Math.max(0, start - MARGIN);
    const to = Math.min(length, end + MARGIN);
    const text = piece.get(from + 1, to - from, docId) as string;
    const index = buildOffsetIndex(text);
    // from > 0 leaves MARGIN code points before start: the search never looks at index -1.
    const a = from === 0 ? 0 : text.lastIndexOf('\n', cpToUtf16(index, start - from) - 1) + 1;
    if (from > 0 && a === 0) return null;
    const nl = text.indexOf('\n', cpToUtf16(index, end - from));
    if (nl < 0 && to < length) return null;
    const b = nl < 0 ? text.length : nl + 1;
    return { text: text.slice(a, b), at: from + utf16ToCp(index, a) };
  }

  /**
   * The span text, after checking the offsets against the stored document (code points). With `wholeCharacters`,
   * an edge inside an extended grapheme cluster (half a flag, a ZWJ family or an accent cut off its letter) is
   * refused too: every new or moved span passes here, whoever calls (the contract cannot see the text). Undo
   * puts spans back as they were, so a span stored before this rule can still be deleted and restored.
   * @throws AppError NotFound (document, label), InvalidInput (offsets).
   */
  return function spanText(docId: number, labelId: number, start: number, end: number, wholeCharacters: boolean): string {
    const length = docLength.get(docId) as number | undefined;
    if (length === undefined) throw new AppError('NotFound', `Document ${docId} does not exist.`);
    if (labelName.get(labelId) === undefined) throw new AppError('NotFound', `Label ${labelId} does not exist.`);
    if (!(start < end) || end > length) {
      throw new AppError('InvalidInput', `Span ${start}..${end} is not inside document ${docId} (0..${length} code points, start before end).`);
    }
    if (!wholeCharacters) return piece.get(start + 1, end - start, docId) as string;
    const lines = linesAround(docId, length, start, end);
    if (!lines) {
      const text = docText.get(docId) as string;
      const index = buildOffsetIndex(text);
      const split = graphemeSplit(text, start, end, index);
      if (split) throw new AppError('InvalidInput', `Document ${docId}: ${split}.`);
      return sliceCp(text, start, end, index);
    }
    const index = buildOffsetIndex(lines.text);
    if (graphemeSplit(lines.text, start - lines.at, end - lines.at, index)) {
      throw new AppError('InvalidInput', `Document ${docId}: ${wholeTextSplit(docId, start, end)}.`);
    }
    return sliceCp(lines.text, start - lines.at, end - lines.at, index);
  };
}

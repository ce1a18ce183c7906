// Reading FTS5 highlight() output back as code-point ranges: the marker characters and the reader.
import { AppError } from '../common/errors.js';
import { SNIPPET_CLOSE, SNIPPET_OPEN, type Range } from '../common/model.js';

/**
 * Two marker characters that the text does not contain, so highlight() output can be read back exactly even
 * for a document that holds the usual control-character markers itself.
 */
export function markersAbsentFrom(text: string): [string, string] {
  const candidates: [string, string][] = [
    [SNIPPET_OPEN, SNIPPET_CLOSE],
    ['\uFDD0', '\uFDD1'],
    ['\uE000', '\uE001'],
  ];
  for (const pair of candidates) if (!text.includes(pair[0]) && !text.includes(pair[1])) return pair;
  for (let c = 0xe002; c < 0xf8ff; c += 2) {
    const pair: [string, string] = [String.fromCharCode(c), String.fromCharCode(c + 1)];
    if (!text.includes(pair[0]) && !text.includes(pair[1])) return pair;
  }
  throw new AppError('Internal', 'This document uses every private-use character; its matches cannot be located.');
}

/** Reads the marker-delimited ranges out of FTS5 highlight() output, counting code points of the text only. */
export function rangesFromMarked(marked: string, openMark = SNIPPET_OPEN, closeMark = SNIPPET_CLOSE): Range[] {
  const ranges: Range[] = [];
  let cp = 0;
  let open = -1;
  for (const ch of marked) {
    if (ch === openMark) open = cp;
    else if (ch === closeMark) {
      if (open >= 0 && cp > open) ranges.push({ start: open, end: cp });
      open = -1;
    } else cp++;
  }
  return ranges;
}

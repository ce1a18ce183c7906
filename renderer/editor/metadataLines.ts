/**
 * The header lines an import leaves at the top of an article ("date 2016-10-25", "Source: Reuters", a bare
 * "25/10/2016"), found so the reader can show them dimmed. The stored text is never changed: this only says
 * which stretches of it are headers.
 *
 * It reads the same places with the same rules as the importer (common/article-metadata.ts: the first
 * HEADER_LINES non-empty lines, its header keys and its dates), so what the reader dims is what the import read.
 */
import { HEADER_LINES, headerExtent } from '../../common/article-metadata';

/** Header lines are short; a longer line is body text (and is not scanned whole). */
const MAX_HEADER_LINE = 300;

/**
 * The stretches of `text` to show as metadata, as UTF-16 ranges, ascending: a whole `key: value` line or
 * date line, or just the `date 2016-10-25` head of a line whose headline follows it.
 * @example metadataRanges(' date 2016-10-25 The Russian military…\n\nAt least 60…') // [{ start: 1, end: 16 }]
 * @example metadataRanges('Headline\n\n25/10/2016\n\nBody') // [{ start: 10, end: 20 }]
 */
export function metadataRanges(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let seen = 0;
  for (let pos = 0; seen < HEADER_LINES && pos < text.length; ) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const line = text.slice(pos, Math.min(nl, pos + MAX_HEADER_LINE + 1));
    if (line.trim()) {
      seen++;
      const head = headerExtent(line);
      // A long line is body text unless only its head is the header (a headline glued to its date).
      if (head && (line.length <= MAX_HEADER_LINE || head.end < line.length)) out.push({ start: pos + head.start, end: pos + head.end });
    }
    pos = nl + 1;
  }
  return out;
}

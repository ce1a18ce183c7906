/**
 * brat standoff rules that the export (brat-export.ts) and the import (brat-import.ts, brat-folder.ts) share:
 * where brat breaks lines, the side files a Crosscheck export writes, the storage form of names, the encoding
 * of attribute values and the `fragments` attribute ("5-7;9-10", code points) of discontinuous spans.
 */

/** Where Python's str.splitlines() breaks a line (brat reads .ann files through codecs, which uses it). */
export const BREAK_CODES = new Set([0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x85, 0x2028, 0x2029]);
/** The same breaks as a pattern (CRLF as one), to split a note into .ann lines. */
export const LINE_BREAKS = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;

/** Links between documents (brat holds links within one document only), one row a link. */
export const CROSS_DOCUMENT_FILE = 'cross-document-links.tsv';
export const CROSS_DOCUMENT_HEADER = ['from_doc', 'from_T', 'to_doc', 'to_T', 'type'] as const;
/** Title, date and source of each document (brat has no place for them). */
export const DOCUMENTS_FILE = 'documents.tsv';
export const DOCUMENTS_HEADER = ['doc', 'title', 'date', 'source'] as const;

/**
 * brat's storage form of a name: only [A-Za-z0-9_-] (other characters become `_`, accents are dropped first).
 * @example bratStorageName('claim type') === 'claim_type'
 */
export function bratStorageName(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[^A-Za-z0-9_-]/g, '_');
}

/** Percent-encodes what a brat attribute value cannot hold; the empty string becomes a lone `%`. */
export function encodeBratValue(value: string): string {
  if (value === '') return '%';
  return value.replace(/[%|,\s\p{Cc}]/gu, (c) => encodeURIComponent(c));
}

/** Reverses encodeBratValue; a value that is not valid percent-encoding is kept as it is. */
export function decodeBratValue(raw: string): string {
  if (raw === '%') return '';
  if (!/%[0-9A-Fa-f]{2}/.test(raw)) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** "5-7;9-10" → [[5, 7], [9, 10]] when well formed (ascending, non-empty, not overlapping), else null. */
export function parseFragments(value: string): [number, number][] | null {
  if (!/^\d+-\d+(?:;\d+-\d+)*$/.test(value)) return null;
  const out = value.split(';').map((p) => p.split('-').map(Number) as [number, number]);
  for (let i = 0; i < out.length; i++) {
    if (!(out[i][0] < out[i][1])) return null;
    if (i > 0 && out[i][0] < out[i - 1][1]) return null;
  }
  return out;
}

/**
 * File signatures ("magic numbers") of formats analysts are likely to drop by mistake: a `.txt` that is
 * really a scan, a PDF or a Word file. Checked before decoding so that the import report can say what
 * the file is instead of a vague "cannot decode", and so that chardet never wastes time on them.
 */

interface Signature {
  /** What the analyst reads in the import report. */
  reason: string;
  /** Byte values; `null` matches any byte. A string is compared as Latin-1 bytes. */
  bytes: string | readonly (number | null)[];
  offset?: number;
  /** Extra check for signatures short or textual enough to begin a real text. */
  also?: (b: Uint8Array) => boolean;
}

const bin = (what: string) => `binary file (${what})`;

const SIGNATURES: readonly Signature[] = [
  { reason: bin('PNG image'), bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { reason: bin('JPEG image'), bytes: [0xff, 0xd8, 0xff] },
  { reason: bin('GIF image'), bytes: 'GIF87a' },
  { reason: bin('GIF image'), bytes: 'GIF89a' },
  { reason: bin('TIFF image'), bytes: 'II*\0' },
  { reason: bin('TIFF image'), bytes: 'MM\0*' },
  { reason: bin('WebP image'), bytes: 'WEBP', offset: 8, also: (b) => startsWith(b, 'RIFF') },
  { reason: bin('WAV audio'), bytes: 'WAVE', offset: 8, also: (b) => startsWith(b, 'RIFF') },
  { reason: bin('AVI video'), bytes: 'AVI ', offset: 8, also: (b) => startsWith(b, 'RIFF') },
  { reason: bin('MP4/MOV media'), bytes: 'ftyp', offset: 4 },
  { reason: bin('Matroska/WebM video'), bytes: [0x1a, 0x45, 0xdf, 0xa3] },
  { reason: bin('MP3 audio'), bytes: 'ID3', also: (b) => b[3] >= 2 && b[3] <= 4 && b[4] === 0 },
  { reason: bin('Ogg media'), bytes: 'OggS\0' },
  { reason: bin('PDF document'), bytes: '%PDF-' },
  // .docx, .xlsx, .pptx, .odt and .epub are all ZIP containers.
  { reason: bin('ZIP archive or Office document'), bytes: 'PK\x03\x04' },
  { reason: bin('ZIP archive or Office document'), bytes: 'PK\x05\x06' },
  { reason: bin('ZIP archive or Office document'), bytes: 'PK\x07\x08' },
  { reason: bin('Microsoft Office document (.doc, .xls, .ppt)'), bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { reason: 'not plain text (RTF document; save it as plain text)', bytes: '{\\rtf' },
  { reason: bin('gzip archive'), bytes: [0x1f, 0x8b] },
  { reason: bin('bzip2 archive'), bytes: 'BZh', also: (b) => b[3] >= 0x31 && b[3] <= 0x39 && startsWith(b, '1AY&SY', 4) },
  { reason: bin('xz archive'), bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] },
  { reason: bin('7-Zip archive'), bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { reason: bin('RAR archive'), bytes: 'Rar!\x1a\x07' },
  { reason: bin('SQLite database'), bytes: 'SQLite format 3\0' },
  { reason: bin('ELF executable'), bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { reason: bin('Mach-O executable'), bytes: [0xfe, 0xed, 0xfa, null] },
  { reason: bin('Mach-O executable'), bytes: [null, 0xfa, 0xed, 0xfe] },
  // "MZ" can begin an English sentence; a real executable has NUL bytes in its header.
  { reason: bin('Windows executable'), bytes: 'MZ', also: (b) => b.subarray(0, 64).includes(0) },
  { reason: bin('font'), bytes: 'wOFF' },
  { reason: bin('font'), bytes: 'wOF2' },
];

function startsWith(b: Uint8Array, sig: string | readonly (number | null)[], offset = 0): boolean {
  if (b.length < offset + sig.length) return false;
  for (let i = 0; i < sig.length; i++) {
    const want = typeof sig === 'string' ? sig.charCodeAt(i) : sig[i];
    if (want !== null && b[offset + i] !== want) return false;
  }
  return true;
}

/**
 * The import-report reason for a known binary format, or null when the bytes start like nothing known.
 *
 * @example
 * sniffSignature(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d])) // 'binary file (PDF document)'
 */
export function sniffSignature(bytes: Uint8Array): string | null {
  for (const s of SIGNATURES) {
    if (startsWith(bytes, s.bytes, s.offset) && (!s.also || s.also(bytes))) return s.reason;
  }
  return null;
}

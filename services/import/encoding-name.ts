/**
 * The encoding a person names for an import (`--encoding`, the import dialog's Encoding field): checked once before
 * anything is imported, then applied to each file by services/import/decode.ts. Names are iconv-lite's (which
 * knows the WHATWG labels and the usual aliases: "cp1250", "latin2", "ISO-8859-2", "KOI8-R", "Shift_JIS", …).
 */
import iconv from 'iconv-lite';
import { AppError } from '../../common/errors.js';

/**
 * `name` trimmed, when iconv-lite can decode it; "detect" (any case) and "" mean no name (undefined).
 * @throws AppError 'InvalidInput' naming the unknown encoding and some known ones.
 * @example encodingName(' cp1250 ') // 'cp1250'; encodingName('detect') // undefined
 */
export function encodingName(name: string | undefined): string | undefined {
  const n = name?.trim();
  if (!n || n.toLowerCase() === 'detect') return undefined;
  if (!iconv.encodingExists(n)) {
    throw new AppError('InvalidInput', `Unknown encoding "${n}"; use a name such as windows-1250, ISO-8859-2, windows-1251, KOI8-R, windows-1252 or Shift_JIS.`);
  }
  return n;
}

/** Whether `name` (known to iconv-lite) is one of the Unicode encodings: UTF-8, UTF-16 or UTF-32 of either order. */
export function isUnicodeName(name: string): 'utf8' | 'wide' | null {
  const n = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (n === 'utf8') return 'utf8';
  return /^(utf|ucs)(16|32|2|4)(le|be)?$/.test(n) ? 'wide' : null;
}

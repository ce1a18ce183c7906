/**
 * An annotated file (JSON, JSONL, CoNLL, TSV, a W3C source text) as text. Such files are UTF-8 (every tool we read
 * writes UTF-8); a byte that is not UTF-8 is never replaced by U+FFFD (that would change the text and shift every
 * span after it): the file is refused naming where, unless the person named its encoding (`--encoding`). A UTF-16
 * byte order mark is honoured. A UTF-8 BOM is kept as the file has it: formats that count it decide (JSONL strips it).
 */
import iconv from 'iconv-lite';
import { AppError } from '../../common/errors.js';
import { readRegularFile } from '../import/files.js';
import { encodingName } from '../import/encoding-name.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Index of the first byte of `bytes` that does not start or continue valid UTF-8 (for the refusal). */
function firstBadByte(bytes: Uint8Array): number {
  let lo = 0;
  let hi = bytes.length;
  // The longest valid prefix, by bisection on whole-prefix validity (a cut inside a character also fails: step back).
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
}

/**
 * Reads `path` as text. @param encoding the person's `--encoding` (an iconv-lite name), used when the bytes are not
 * UTF-8. @throws AppError('InvalidInput') naming the path: unreadable, or not UTF-8 and no encoding named.
 */
export function readAnnotatedText(path: string, encoding?: string): string {
  const bytes = readBytes(path);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return iconv.decode(bytes.subarray(2), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return iconv.decode(bytes.subarray(2), 'utf-16be');
  try {
    return utf8.decode(bytes);
  } catch {
    const named = encodingName(encoding);
    if (named) return iconv.decode(bytes, named);
    throw new AppError('InvalidInput', `${path}: not UTF-8 (byte ${firstBadByte(bytes) + 1} is not); annotated files are read as UTF-8 — name another encoding with --encoding`);
  }
}

/** A file's bytes, opened only as a regular file. @throws AppError('InvalidInput') `path: cannot read: CODE`. */
export function readBytes(path: string): Buffer {
  try {
    return readRegularFile(path);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('InvalidInput', `${path}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/**
 * Turns a file's bytes into the text Crosscheck stores forever. Annotation offsets point into this text,
 * so decoding is exact: no normalisation beyond the BOM and line endings, and a refusal with a reason
 * the analyst can act on is always preferred over a guess that would store mojibake.
 */
import { Buffer, isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { decodeLegacy, invalidUtf8At } from './legacy.js';
import { sniffSignature } from './magic.js';
import { encodingName, isUnicodeName } from './encoding-name.js';
import { isBlankText } from '../formats/text-rules.js';

export type DecodeResult = { ok: true; text: string; encoding: string } | { ok: false; reason: string };

export interface DecodeOptions {
  /**
   * The encoding the person named (`--encoding`, the import dialog), instead of a guess: applied to files without
   * a byte order mark that are not valid UTF-8 (a BOM is the file's own statement, and valid UTF-8 with non-ASCII
   * characters is never legacy text by accident). UTF-16/32 names apply to every file without a BOM.
   */
  encoding?: string;
}

/** Share of control characters above which "text" is really binary data (random bytes give ~12 %). */
export const MAX_CONTROL_RATIO = 0.02;

// ignoreBOM: true so that the decoder never drops a U+FEFF on its own; BOMs are handled explicitly below.
const utf8Fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf16leFatal = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true });
const utf16beFatal = new TextDecoder('utf-16be', { fatal: true, ignoreBOM: true });

const fail = (reason: string): DecodeResult => ({ ok: false, reason });

/**
 * Decodes a text file: UTF-8 (with or without BOM), UTF-16/32 with BOM, the encoding named in `opts`, or a legacy
 * encoding that the bytes support beyond doubt (services/import/legacy.ts). Strips the BOM and turns CRLF and lone
 * CR into LF. Refuses empty, binary and undecodable files, and files whose encoding is in doubt (naming the
 * candidates), with a short reason meant for the import report.
 * @throws AppError 'InvalidInput' when `opts.encoding` is not an encoding name iconv-lite knows.
 *
 * @example
 * decodeBytes(new TextEncoder().encode('\uFEFFHello\r\nworld'))
 * // { ok: true, text: 'Hello\nworld', encoding: 'UTF-8' }
 * decodeBytes(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
 * // { ok: false, reason: 'binary file (PNG image)' }
 */
export function decodeBytes(bytes: Uint8Array, opts: DecodeOptions = {}): DecodeResult {
  const named = encodingName(opts.encoding);
  if (bytes.length === 0) return fail('empty file');
  const decoded = decodeWithBom(bytes) ?? (named ? decodeNamed(bytes, named) : null) ?? decodeWithoutBom(bytes);
  return decoded.ok ? finish(decoded.text, decoded.encoding) : decoded;
}

/** `b` (no BOM) in the named encoding, or null to let valid UTF-8 decode as such (see DecodeOptions). */
function decodeNamed(b: Uint8Array, name: string): DecodeResult | null {
  const known = sniffSignature(b);
  if (known) return fail(known);
  const unicode = isUnicodeName(name);
  if (unicode !== 'wide') {
    if (b.includes(0)) return fail('binary file (contains NUL bytes)');
    if (isUtf8(b)) return null;
    if (unicode === 'utf8') return fail(`cannot decode text (${invalidUtf8At(b, 0)})`);
  }
  const text = iconv.decode(Buffer.from(b.buffer, b.byteOffset, b.byteLength), name, { stripBOM: false });
  // U+FFFD: a byte (or sequence) the encoding does not define; C1 controls: bytes ISO-8859 pages leave unassigned.
  const bad = /[\uFFFD\u0080-\u009F]/.exec(text);
  if (bad) {
    const what = bad[0] === '\uFFFD' ? 'a byte it does not define' : 'a byte it leaves unassigned';
    return fail(`cannot decode text (not valid ${name}: ${what} at character ${[...text.slice(0, bad.index)].length + 1})`);
  }
  return { ok: true, text, encoding: name };
}

function decodeWithBom(b: Uint8Array): DecodeResult | null {
  // UTF-32LE first: its BOM begins with the UTF-16LE one.
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return utf32(b, true);
  if (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return utf32(b, false);
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
    const rest = b.subarray(3);
    const text = tryDecode(utf8Fatal, rest);
    if (text === null) {
      return fail(`cannot decode text (UTF-8 byte order mark, but ${invalidUtf8At(rest, 3)})`);
    }
    return { ok: true, text, encoding: 'UTF-8' };
  }
  const le = b[0] === 0xff && b[1] === 0xfe;
  if (le || (b[0] === 0xfe && b[1] === 0xff)) {
    // An odd length or an unpaired surrogate both make the fatal decoder throw.
    const text = tryDecode(le ? utf16leFatal : utf16beFatal, b.subarray(2));
    if (text === null) return fail('cannot decode text (invalid UTF-16)');
    return { ok: true, text, encoding: le ? 'UTF-16LE' : 'UTF-16BE' };
  }
  return null;
}

function decodeWithoutBom(b: Uint8Array): DecodeResult {
  const known = sniffSignature(b);
  if (known) return fail(known);
  // Text without a UTF-16/32 BOM never contains NUL; BOM-less UTF-16 lands here too, knowingly.
  if (b.includes(0)) return fail('binary file (contains NUL bytes)');
  // The common case on big imports: isUtf8 (SIMD validation) plus Buffer's decoder is several times faster
  // than a fatal TextDecoder, and the bytes are known valid, so nothing is replaced.
  if (isUtf8(b)) return { ok: true, text: Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8'), encoding: 'UTF-8' };
  return decodeLegacy(b);
}

function utf32(b: Uint8Array, littleEndian: boolean): DecodeResult {
  const bad = fail('cannot decode text (invalid UTF-32)');
  if (b.length % 4 !== 0) return bad;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const parts: string[] = [];
  let chunk: number[] = [];
  for (let i = 4; i < b.length; i += 4) {
    const cp = view.getUint32(i, littleEndian);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return bad;
    chunk.push(cp);
    // fromCodePoint(...chunk) would overflow the call stack on a big file.
    if (chunk.length === 8192) {
      parts.push(String.fromCodePoint(...chunk));
      chunk = [];
    }
  }
  parts.push(String.fromCodePoint(...chunk));
  return { ok: true, text: parts.join(''), encoding: littleEndian ? 'UTF-32LE' : 'UTF-32BE' };
}

function tryDecode(decoder: { decode(b: Uint8Array): string }, b: Uint8Array): string | null {
  try {
    return decoder.decode(b);
  } catch {
    return null;
  }
}

/** Line endings, then the checks that only make sense on decoded text. */
function finish(raw: string, encoding: string): DecodeResult {
  const text = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  if (text.length === 0) return fail('empty file');
  // Zero-width spaces, joiners and other format characters show nothing either (issue 11, item 14).
  if (isBlankText(text)) return fail(/^\s*$/.test(text) ? 'empty file (only whitespace)' : 'empty file (only whitespace and invisible characters)');
  // Only reachable for UTF-16/32 (other NULs were refused as bytes), where U+0000 is just as un-textlike.
  if (text.includes('\0')) return fail('binary file (contains NUL characters)');
  // The floor keeps a tiny file with one stray control (a DOS end-of-file ^Z) from counting as binary.
  if (ANY_CONTROL.test(text) && controlCount(text) > Math.max(2, text.length * MAX_CONTROL_RATIO)) {
    return fail('binary file (too many control characters)');
  }
  return { ok: true, text, encoding };
}

// The same set as controlCount, as a regex: a native scan that lets clean text skip the counting loop.
const ANY_CONTROL = /[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]/;

/** C0 controls other than tab, LF, CR and form feed (page breaks from pdftotext), plus DEL and C1. */
function controlCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 ? c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c : c >= 0x7f && c <= 0x9f) n++;
  }
  return n;
}

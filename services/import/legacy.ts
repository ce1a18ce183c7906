/**
 * Decoding of files that are not valid UTF-8: chardet's guess, checked, plus one correction for the
 * Russian files this project sees most. Only reached for the rare legacy file; UTF-8 never comes here.
 */
// Called as chardet.analyse (not a named import) so that tests can count calls on the shared CJS exports.
import chardet from 'chardet';
import iconv from 'iconv-lite';
import type { DecodeResult } from './decode.js';

/** chardet reads every byte of what it is given (~0.3 s per MB); the start of a file is enough to guess. */
export const DETECT_SAMPLE_BYTES = 64 * 1024;
/**
 * Below this chardet is guessing: random bytes score ~4 and a lone Cyrillic word ~10 (as Shift_JIS),
 * while a sentence of real Russian or French scores 30 or more.
 */
export const MIN_CONFIDENCE = 20;

const utf8Lossy = new TextDecoder('utf-8', { ignoreBOM: true });

/** chardet names that are not legacy encodings: when the bytes are not UTF-8 these are wrong by definition. */
const NOT_LEGACY = new Set(['UTF-8', 'ASCII', 'UTF-16LE', 'UTF-16BE', 'UTF-32LE', 'UTF-32BE']);
/**
 * chardet says ISO-8859-1/9 when its sample has no bytes 0x80-0x9F; the Windows supersets decode the
 * same text identically and still make sense if such bytes turn up later (as browsers do, per WHATWG).
 */
const SUPERSET: Record<string, string> = { 'ISO-8859-1': 'windows-1252', 'ISO-8859-9': 'windows-1254' };
const LATIN = new Set(['windows-1252', 'windows-1250', 'ISO-8859-2', 'windows-1254', 'windows-1257', 'windows-1258']);

const fail = (reason: string): DecodeResult => ({ ok: false, reason });

/**
 * Decodes bytes that are not valid UTF-8 (and have no BOM) with the most likely legacy encoding, or
 * refuses them when no encoding fits cleanly.
 *
 * @example
 * decodeLegacy(iconv.encode('Министерство обороны России заявило…', 'windows-1251'))
 * // { ok: true, text: 'Министерство обороны России заявило…', encoding: 'windows-1251' }
 */
export function decodeLegacy(b: Uint8Array): DecodeResult {
  const damaged = damagedUtf8(b);
  if (damaged) return fail(`cannot decode text (${damaged})`);
  const sample = b.subarray(0, DETECT_SAMPLE_BYTES);
  let encoding = chardet
    .analyse(sample)
    .filter((m) => m.confidence >= MIN_CONFIDENCE && !NOT_LEGACY.has(m.name))
    .map((m) => SUPERSET[m.name] ?? m.name)
    .find((name) => iconv.encodingExists(name));
  // chardet reads Russian with English mixed in, or only a few Russian words, as Latin-1 or nothing.
  if (!encoding || LATIN.has(encoding)) encoding = cyrillicCodePage(sample) ?? encoding;
  if (!encoding) return fail('cannot decode text (not UTF-8, and the encoding could not be recognised)');
  const text = iconv.decode(b, encoding, { stripBOM: false });
  // U+FFFD is a byte the code page does not define, a C1 control a byte it leaves unassigned (ISO-8859):
  // the guess is wrong or the file is damaged. The runner-up guess would only be worse, so refuse.
  if (/[\uFFFD\u0080-\u009F]/.test(text)) return fail(`cannot decode text (not UTF-8, and not valid ${encoding} either)`);
  return { ok: true, text, encoding };
}

/**
 * windows-1251 or KOI8-R when the bytes look like Cyrillic words, else null. Both code pages put the
 * alphabet in 0xC0-0xFF, so Cyrillic words are runs of such bytes; in Latin code pages those bytes are
 * accented letters, which never come four in a row in real text. windows-1251 has lower case in the upper
 * half of that range, KOI8-R in the lower half, and running text is mostly lower case.
 */
function cyrillicCodePage(b: Uint8Array): string | null {
  let high = 0;
  let upperHalf = 0; // 0xE0-0xFF
  let lowerHalf = 0; // 0xC0-0xDF
  let run = 0;
  let longRuns = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c >= 0x80) high++;
    if (c >= 0xc0) {
      if (c >= 0xe0) upperHalf++;
      else lowerHalf++;
      if (++run === 4) longRuns++;
    } else run = 0;
  }
  const letters = upperHalf + lowerHalf;
  if (longRuns === 0 || letters < high * 0.8) return null;
  return upperHalf >= lowerHalf ? 'windows-1251' : 'KOI8-R';
}

/**
 * A file whose non-ASCII bytes mostly form valid UTF-8 is damaged UTF-8 (truncated, or two files pasted
 * together), not a legacy encoding; decoding it as windows-125x would store mojibake like "â€œ".
 * Returns the reason, or null when the file looks legacy.
 */
function damagedUtf8(b: Uint8Array): string | null {
  const lossy = utf8Lossy.decode(b);
  let good = 0;
  let bad = 0;
  for (let i = 0; i < lossy.length; i++) {
    const c = lossy.charCodeAt(i);
    if (c < 0x80 || (c >= 0xdc00 && c <= 0xdfff)) continue; // count a surrogate pair once
    if (c === 0xfffd) bad++;
    else good++;
  }
  return good >= bad ? firstInvalid(lossy, 0) : null;
}

/**
 * "invalid UTF-8 at byte N" for bytes that are not valid UTF-8 and start `offset` bytes into the file.
 *
 * @example
 * invalidUtf8At(new Uint8Array([0x61, 0x80]), 3) // 'invalid UTF-8 at byte 4'
 */
export function invalidUtf8At(b: Uint8Array, offset: number): string {
  return firstInvalid(utf8Lossy.decode(b), offset);
}

function firstInvalid(lossy: string, offset: number): string {
  // Everything before the first U+FFFD decoded cleanly, so re-encoding it gives its exact byte length.
  const at = Buffer.byteLength(lossy.slice(0, Math.max(0, lossy.indexOf('\uFFFD'))), 'utf8');
  return `invalid UTF-8 at byte ${offset + at}`;
}

/**
 * Decoding of files that are not valid UTF-8 (and have no BOM): the 8-bit code page whose reading is plausible
 * text and clearly more plausible than any other reading (services/import/encoding-score.ts), or a CJK multi-byte
 * encoding that chardet recognises; otherwise a refusal that names the candidates. Only reached for the rare legacy
 * file; UTF-8 never comes here.
 */
// Called as chardet.analyse (not a named import) so that tests can count calls on the shared CJS exports.
import chardet from 'chardet';
import iconv from 'iconv-lite';
import type { DecodeResult } from './decode.js';
import { chooseCodePage, countBytes, firstDifference, type Choice } from './encoding-score.js';

/** chardet reads every byte of what it is given (~0.3 s per MB); the start of a file is enough to guess. */
export const DETECT_SAMPLE_BYTES = 64 * 1024;
/**
 * Below this chardet is guessing: random bytes score ~4 and a lone Cyrillic word ~10 (as Shift_JIS),
 * while a sentence of real Russian or French scores 30 or more.
 */
export const MIN_CONFIDENCE = 20;

const utf8Lossy = new TextDecoder('utf-8', { ignoreBOM: true });

/** Multi-byte encodings chardet can recognise; 8-bit code pages are chosen by services/import/encoding-score.ts. */
const MULTIBYTE = ['Shift_JIS', 'EUC-JP', 'GB18030', 'Big5', 'EUC-KR'];
/**
 * chardet says ISO-8859-1/9 when its sample has no bytes 0x80-0x9F; the Windows supersets decode the
 * same text identically and still make sense if such bytes turn up later (as browsers do, per WHATWG).
 */
const SUPERSET: Record<string, string> = { 'ISO-8859-1': 'windows-1252', 'ISO-8859-9': 'windows-1254' };
/**
 * Characters other than those CJK text is made of (ideographs, kana, hangul, CJK and full-width punctuation) or
 * ASCII. Half-width katakana (U+FF61-FF9F) count as other: Shift_JIS reads every byte 0xA1-0xDF as one, so any
 * 8-bit text has such a reading, and they are rare in real Japanese.
 */
const NOT_CJK = /[\uff61-\uff9f]|[^\x00-\x7f\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff01-\uff60\uffe0-\uffe6\u30fc]/gu;
/** Share of other characters (see NOT_CJK) a CJK reading may hold: a Greek letter, a circled number, a degree sign. */
const MAX_NOT_CJK_SHARE = 0.02;
const CJK_TOUCHES_LATIN = /[A-Za-z][^\x00-\x7f]|[^\x00-\x7f][A-Za-z]/;
/** Chinese and Japanese put no spaces between words: two CJK characters with a space between are a misreading. */
const SPACED_HAN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}] +[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HANGUL = /\p{Script=Hangul}/gu;
const HAN = /\p{Script=Han}/gu;
const INVALID = /[\uFFFD\u0080-\u009F]/;

const fail = (reason: string): DecodeResult => ({ ok: false, reason });

/**
 * Decodes bytes that are not valid UTF-8 (and have no BOM) with the one legacy encoding that reads them as
 * plausible text, or refuses them with a reason naming what was considered. Never stores a reading that another
 * candidate could just as well explain: then the reason names both and asks for `--encoding`.
 *
 * @example
 * decodeLegacy(iconv.encode('Министерство обороны России заявило…', 'windows-1251'))
 * // { ok: true, text: 'Министерство обороны России заявило…', encoding: 'windows-1251' }
 * decodeLegacy(iconv.encode('Москва', 'windows-1251'))
 * // { ok: false, reason: 'cannot decode text (not UTF-8; could be windows-1251 ("Москва") or maccyrillic ("ћосква"); name one with --encoding)' }
 */
export function decodeLegacy(b: Uint8Array): DecodeResult {
  const damaged = damagedUtf8(b);
  if (damaged) return fail(`cannot decode text (${damaged})`);
  const sample = b.subarray(0, DETECT_SAMPLE_BYTES);
  const proposals = chardet.analyse(sample);
  const named = proposals.map((m) => ({ name: SUPERSET[m.name] ?? m.name, confidence: m.confidence }));
  const choice = chooseCodePage(countBytes(b), named.map((m) => m.name));
  if (choice.ok) {
    const page = choice.reading.page.name;
    // A CJK reading made only of CJK characters competes with the 8-bit one: a short Korean word is also six
    // Cyrillic letters.
    const cjk = MULTIBYTE.find((name) => cleanCjk(sample, name, sample.length < b.length));
    if (cjk) return fail(ambiguous([page, cjk], readings(b, page, cjk)));
    return { ok: true, text: iconv.decode(b, page, { stripBOM: false }), encoding: page };
  }
  if (choice.why !== 'ambiguous') {
    // No 8-bit page fits: a multi-byte encoding chardet is confident about, checked on the whole file.
    const multi = named.find((m) => m.confidence >= MIN_CONFIDENCE && MULTIBYTE.includes(m.name));
    const text = multi ? decodeValid(b, multi.name) : null;
    if (multi && text !== null && notCjk(text) <= MAX_NOT_CJK_SHARE * text.length) return { ok: true, text, encoding: multi.name };
  }
  return fail(refusal(b, choice));
}

/** The import report's reason for a file no single reading explains. */
function refusal(b: Uint8Array, choice: Exclude<Choice, { ok: true }>): string {
  if (choice.why === 'ambiguous') {
    const pages = [choice.reading, ...choice.rivals.slice(0, MAX_NAMED - 1)].map((r) => r.page);
    const more = choice.rivals.length > MAX_NAMED - 1;
    return ambiguous(pages.map((p) => p.name), firstDifference(b, pages), more);
  }
  if (choice.why === 'undefined') return `cannot decode text (not UTF-8, and not valid ${choice.reading.page.name} either)`;
  return 'cannot decode text (not UTF-8, and the encoding could not be recognised)';
}

/** Encodings a refusal names at most (the most plausible readings first). */
const MAX_NAMED = 4;

/**
 * "could be A ("word"), B ("w0rd") or C ("wörd")": the candidates and the first word they read differently;
 * `more` when other readings are as plausible as the last one named.
 */
function ambiguous(names: string[], words: string[], more = false): string {
  const each = names.map((n, i) => `${n} ("${words[i]}")`);
  const list = more ? `${each.join(', ')} or others` : `${each.slice(0, -1).join(', ')} or ${each[each.length - 1]}`;
  return `cannot decode text (not UTF-8; could be ${list}; name one with --encoding)`;
}

/** The first ~40 characters of the file in each of two encodings, for a refusal between an 8-bit page and CJK. */
function readings(b: Uint8Array, a: string, c: string): string[] {
  const head = b.subarray(0, 48);
  const cut = (s: string) => s.split('\n')[0].slice(0, 40);
  return [cut(iconv.decode(head, a)), cut(iconv.decode(head, c))];
}

/**
 * Whether `sample` reads in CJK encoding `name` as CJK text only (a cut last character forgiven when `truncated`),
 * spaced as the language is: Korean (EUC-KR) in Hangul words, which may be spaced, rather than in Hanja; Chinese
 * and Japanese without spaces between characters.
 */
function cleanCjk(sample: Uint8Array, name: string, truncated: boolean): boolean {
  // A character cut at the end of the sample is no evidence against the encoding: the decoder is not ended then.
  const text = decodeValid(sample, name, !truncated);
  if (text === null || notCjk(text) > 0 || CJK_TOUCHES_LATIN.test(text)) return false;
  if (name === 'EUC-KR') return (text.match(HANGUL)?.length ?? 0) > (text.match(HAN)?.length ?? 0);
  return !SPACED_HAN.test(text);
}

/** Bytes decoded at a time by decodeValid: a few first (a wrong encoding usually fails at once), then more. */
const FIRST_CHUNK_BYTES = 16;
const MAX_CHUNK_BYTES = 4096;

/**
 * `b` in multi-byte encoding `name`, or null at the first byte sequence it does not define (a sequence cut at the
 * end counts only when `complete`). Decoded chunk by chunk so that bytes in the wrong encoding are given up on
 * early: iconv-lite does extra work for each undefined one.
 */
function decodeValid(b: Uint8Array, name: string, complete = true): string | null {
  const decoder = iconv.getDecoder(name, { stripBOM: false });
  const parts: string[] = [];
  for (let at = 0, size = FIRST_CHUNK_BYTES; at < b.length; at += size, size = Math.min(2 * size, MAX_CHUNK_BYTES)) {
    const part = decoder.write(Buffer.from(b.buffer, b.byteOffset + at, Math.min(size, b.length - at)));
    if (INVALID.test(part)) return null;
    parts.push(part);
  }
  const rest = complete ? (decoder.end() ?? '') : '';
  if (INVALID.test(rest)) return null;
  parts.push(rest);
  return parts.join('');
}

/** How many characters of `text` are neither ASCII nor CJK (see NOT_CJK). */
function notCjk(text: string): number {
  return text.match(NOT_CJK)?.length ?? 0;
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

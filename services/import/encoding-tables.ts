/**
 * The 8-bit code pages a legacy file may be in, and what each of their 256 bytes is: the character and its kind
 * (letter of which script and case, space, punctuation, symbol, undefined). Built once per code page from
 * iconv-lite's own tables, so that scoring a file under every candidate reads bytes, not decoded strings.
 *
 * The candidates are the near neighbours that map (almost) every byte to some letter and so cannot be told apart
 * by validity alone: windows-125x, their ISO-8859 counterparts, KOI8, DOS and Mac code pages. ISO-8859-1 and
 * ISO-8859-9 are not candidates: they differ from windows-1252/1254 only where they leave bytes 0x80-0x9F
 * unassigned (C1 controls), so their text is always reported under the Windows superset (as WHATWG browsers do).
 */
import iconv from 'iconv-lite';

/**
 * Candidate code pages, in the order that names a reading when several give the same text: the Windows page of
 * each script first (the commonest on the files analysts receive), then ISO-8859, KOI8, DOS and Mac. The names
 * are iconv-lite's (also what the import report shows).
 */
export const CANDIDATE_PAGES = [
  'windows-1252',
  'windows-1250',
  'windows-1251',
  'KOI8-R',
  'windows-1253',
  'windows-1254',
  'windows-1255',
  'windows-1256',
  'windows-1257',
  'ISO-8859-2',
  'ISO-8859-15',
  'ISO-8859-5',
  'KOI8-U',
  'ISO-8859-7',
  'ISO-8859-8',
  'ISO-8859-6',
  'ISO-8859-13',
  'IBM866',
  'macintosh',
  'maccenteuro',
  'maccyrillic',
] as const;

/** What a byte is under one code page. */
export const enum Kind {
  /** Not defined by the code page, or a C1 control: a reading that needs it is wrong or the file is damaged. */
  Undefined,
  Letter,
  /** A combining mark (Hebrew points in windows-1255, Arabic harakat in windows-1256): after a letter of its script. */
  Mark,
  Space,
  Digit,
  /** May stand inside a word: apostrophes, hyphens, the Catalan middle dot, the soft hyphen. */
  InWord,
  /** Other punctuation: quotes, dashes, brackets, ellipsis. Fine next to a word, not inside one. */
  Punct,
  /** Signs that follow a word in real text (©, ®, ™, ², ³, °): not glued before one. */
  AfterWord,
  /** Signs that go with numbers (€, £, ¥, §, ‰): not glued to a word. */
  Sign,
  /** Other symbols (±, ¹, ¶, ˇ): not next to a letter. */
  Symbol,
  /** Characters that running text practically never holds (¤, ¦, ¨, box drawing): odd anywhere. */
  Rare,
  Other,
}

/** Unicode scripts that letters are sorted into; a word whose letters mix two of them is a wrong reading. */
export const enum Script {
  None,
  Latin,
  Cyrillic,
  Greek,
  Hebrew,
  Arabic,
  Thai,
  Other,
}

export const enum Case {
  None,
  Lower,
  Upper,
}

/** One code page: the character of each byte and its kind, script and case (arrays indexed by byte value). */
export interface PageTable {
  name: string;
  chars: readonly string[];
  kind: Uint8Array;
  script: Uint8Array;
  letterCase: Uint8Array;
}

const IN_WORD = new Set(['\u2019', '\u02bc', '\u2010', '\u2011', '\u00b7', '\u00ad', "'", '-']);
const AFTER_WORD = new Set([...'©®™²³°']);
const SIGNS = new Set([...'€£¥¢§‰%$&#@*+=/\\_~^|<>`']);
// µ is a letter in Unicode, but a unit prefix in text; ƒ (windows-125x 0x83) is the florin sign.
const SYMBOL_LETTERS = new Set(['\u00b5', '\u0192']);
const RARE = /^[\u00a4\u00a6\u00a8\u00af\u00b4\u00b8\u00ac\u02c6\u02dc\u2020\u2021\u02c7\u02d8\u02d9\u02db\u02dd\u2500-\u259f\u25a0-\u25ff\u2200-\u22ff\u2310\u2320\u2321\u00b6\ue000-\uf8ff]$/u;

const SCRIPTS: [RegExp, Script][] = [
  [/^\p{Script=Latin}$/u, Script.Latin],
  [/^\p{Script=Cyrillic}$/u, Script.Cyrillic],
  [/^\p{Script=Greek}$/u, Script.Greek],
  [/^\p{Script=Hebrew}$/u, Script.Hebrew],
  [/^\p{Script=Arabic}$/u, Script.Arabic],
  [/^\p{Script=Thai}$/u, Script.Thai],
];

/** Sorts one character (a byte's reading) into a Kind. */
function kindOf(ch: string): Kind {
  if (ch === '\ufffd' || /^[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]$/.test(ch)) return Kind.Undefined;
  if (SYMBOL_LETTERS.has(ch)) return Kind.Symbol;
  if (/^\p{L}$/u.test(ch)) return Kind.Letter;
  if (/^\p{M}$/u.test(ch)) return Kind.Mark;
  if (/^\s$/.test(ch)) return Kind.Space;
  if (/^\p{Nd}$/u.test(ch)) return Kind.Digit;
  if (IN_WORD.has(ch)) return Kind.InWord;
  if (AFTER_WORD.has(ch)) return Kind.AfterWord;
  if (SIGNS.has(ch)) return Kind.Sign;
  if (RARE.test(ch)) return Kind.Rare;
  if (/^\p{P}$/u.test(ch)) return Kind.Punct;
  if (/^[\p{S}\p{No}]$/u.test(ch)) return Kind.Symbol;
  return Kind.Other;
}

function scriptOf(ch: string): Script {
  for (const [re, s] of SCRIPTS) if (re.test(ch)) return s;
  return Script.Other;
}

/** The script a combining mark belongs to (Hebrew points, Arabic harakat), or None for marks any script uses. */
function markScript(ch: string): Script {
  if (/^[\u0591-\u05c7]$/.test(ch)) return Script.Hebrew;
  if (/^[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]$/.test(ch)) return Script.Arabic;
  return Script.None;
}

function caseOf(ch: string): Case {
  const lower = ch.toLowerCase();
  const upper = ch.toUpperCase();
  if (lower === upper) return Case.None;
  return ch === lower ? Case.Lower : Case.Upper;
}

const cache = new Map<string, PageTable>();

/**
 * The table of code page `name` (an iconv-lite name of a single-byte encoding), built on first use.
 * @throws Error when iconv-lite does not know `name`.
 */
export function pageTable(name: string): PageTable {
  let t = cache.get(name);
  if (t) return t;
  const all = Uint8Array.from({ length: 256 }, (_, i) => i);
  // Array.from splits by code point; every byte of a single-byte page decodes to one BMP character.
  const chars = Array.from(iconv.decode(Buffer.from(all), name, { stripBOM: false }));
  if (chars.length !== 256) throw new Error(`${name} is not a single-byte code page`);
  const kind = new Uint8Array(256);
  const script = new Uint8Array(256);
  const letterCase = new Uint8Array(256);
  chars.forEach((ch, b) => {
    kind[b] = kindOf(ch);
    if (kind[b] === Kind.Letter) {
      script[b] = scriptOf(ch);
      letterCase[b] = caseOf(ch);
    } else if (kind[b] === Kind.Mark) script[b] = markScript(ch);
  });
  t = { name, chars, kind, script, letterCase };
  cache.set(name, t);
  return t;
}

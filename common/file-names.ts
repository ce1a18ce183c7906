/**
 * How a file name or path is shown on one line. A POSIX name may hold any character but `/` and NUL, a line
 * break or a tab included, and such files import (services/import/walk.ts importNameRefusal): what the person
 * then sees of the name must neither break a report's one-file-per-line layout nor hide the character.
 */

// C0 controls, DEL and C1 controls (U+0080–U+009F): invisible, and a line break among them; and the invisible
// format characters that move or hide what follows: bidi marks, embeddings, overrides and isolates (U+061C,
// U+200E–F, U+202A–E, U+2066–9: a U+202E shows the rest of a name reversed), the zero-width space, word joiner and
// invisible operators (U+200B, U+2060–4), the line and paragraph separators (U+2028–9) and the BOM (U+FEFF).
// Zero-width (non-)joiners (U+200C–D) are left: scripts and emoji sequences need them.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
// The invisible format characters of CONTROLS that are no space: dropped from a one-line name.
const INVISIBLE = /[\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A path for a report line (the CLI's import report, the import report dialog): each control character and each
 * invisible format character that would reorder or hide the name (see CONTROLS) shown escaped as in JSON (`\n`,
 * `\r`, `\t`, else `\u0007`, `\u202e`), everything else as it is. A backslash is left alone (a
 * Windows path separator), so the escaping is for reading, not for parsing back.
 *
 * @example escapedPath('nl/new\nline.txt') // 'nl/new\\nline.txt'
 * @example escapedPath('bell\u0007.md') // 'bell\\u0007.md'
 */
export function escapedPath(path: string): string {
  return path.replace(CONTROLS, (c) => SHORT[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A file name as a one-line label (the title or source a document falls back on, common/article-metadata.ts):
 * invisible format characters (bidi controls, zero-width space, BOM) dropped, then each run of control characters
 * and whitespace (line and paragraph separators included) one space, trimmed.
 *
 * @example oneLineName('RT\nnews  2016.txt') // 'RT news 2016.txt'
 * @example oneLineName('rtl\u202Ename.txt') // 'rtlname.txt'
 */
export function oneLineName(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(INVISIBLE, '').replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
}

/** The title a document falls back on when neither its text nor its file name gives one. */
export const UNTITLED = 'Untitled';

/**
 * The title and source a document falls back on when its text names neither (common/article-metadata.ts): the
 * file name as one line (oneLineName) for the title, and without its extension for the source. A name that is
 * nothing but spaces, dots and invisible characters before its extension ("   .txt", ". .md", "\u200b.txt") names
 * nothing: the title is UNTITLED and there is no source, never ".txt" or a blank.
 *
 * `name` is a file name, not a path: a `\` is part of it (Linux allows "a\b.txt"); the caller takes the name
 * from a path with its platform's rules (node:path basename).
 *
 * @example nameFallbacks('RT\nnews 2016.txt') // { title: 'RT news 2016.txt', source: 'RT news 2016' }
 * @example nameFallbacks('   .txt') // { title: 'Untitled', source: null }
 */
export function nameFallbacks(name: string): { title: string; source: string | null } {
  const line = oneLineName(name);
  const stem = line.replace(/\.[^.]*$/, '').trimEnd();
  if (!/[^\s.]/u.test(stem)) return { title: UNTITLED, source: null };
  return { title: line, source: stem };
}

/** Bytes of UTF-8 in one file or folder name: the limit of ext4, APFS, NTFS (255 UTF-16 units) and most others. */
export const MAX_NAME_BYTES = 255;
/** Characters in an uploaded path (`corpus/sub/000.txt`) that `import.files` takes (common/contract.ts): Linux's PATH_MAX. */
export const MAX_UPLOAD_PATH = 4096;

const utf8 = new TextEncoder();
const count = (n: number) => n.toLocaleString('en');

/**
 * Why a file or folder name is too long to be a file name on any common file system (over MAX_NAME_BYTES bytes of
 * UTF-8), or null. Part of the import's name rule (services/import/walk.ts importNameRefusal).
 *
 * @example nameLengthRefusal('x'.repeat(5000) + '.txt') // 'the name is too long (5,004 characters; a file name holds at most 255 bytes)'
 */
export function nameLengthRefusal(name: string): string | null {
  if (name.length <= MAX_NAME_BYTES / 3) return null;
  const bytes = utf8.encode(name).length;
  if (bytes <= MAX_NAME_BYTES) return null;
  const chars = Array.from(name).length;
  const size = chars === bytes ? `${count(chars)} characters` : `${count(chars)} characters, ${count(bytes)} bytes in UTF-8`;
  return `the name is too long (${size}; a file name holds at most ${MAX_NAME_BYTES} bytes)`;
}

/**
 * Why a picked or dropped file's path (`/` between folders, as browsers give it) is refused before it is sent, or
 * null: a path over MAX_UPLOAD_PATH characters (`import.files` would refuse the whole call), or a name in it that is
 * too long (nameLengthRefusal). The backend applies the same name rule to what it receives.
 *
 * @example uploadPathRefusal('corpus/000.txt') // null
 */
export function uploadPathRefusal(path: string): string | null {
  // The name first: it is what the person can change, and what the tester's 5,000-character name was.
  for (const name of path.split('/')) {
    const refused = nameLengthRefusal(name);
    if (refused) return refused;
  }
  return path.length > MAX_UPLOAD_PATH ? `the path is too long (${count(path.length)} characters; the limit is ${count(MAX_UPLOAD_PATH)})` : null;
}

/** Code points of a path shown whole in a report line; a longer one is shortened in the middle (shownPath). */
export const SHOWN_PATH_MAX = 160;

/**
 * A path for a report line as escapedPath gives it, shortened in the middle ("abc…xyz.txt") when over
 * SHOWN_PATH_MAX code points, so a 5,000-character name does not fill the report; the end (the extension) stays.
 *
 * @example shownPath('a'.repeat(5000) + '.txt') // 96 a's, '…(4,844 more)…', 60 a's and '.txt'
 */
export function shownPath(path: string): string {
  const shown = Array.from(escapedPath(path));
  if (shown.length <= SHOWN_PATH_MAX) return shown.join('');
  const head = Math.floor(SHOWN_PATH_MAX * 0.6);
  const tail = SHOWN_PATH_MAX - head;
  return `${shown.slice(0, head).join('')}…(${count(shown.length - head - tail)} more)…${shown.slice(-tail).join('')}`;
}

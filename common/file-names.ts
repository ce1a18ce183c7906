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

/**
 * How a file name or path is shown on one line. A POSIX name may hold any character but `/` and NUL, a line
 * break or a tab included, and such files import (services/import/walk.ts importNameRefusal): what the person
 * then sees of the name must neither break a report's one-file-per-line layout nor hide the character.
 */

// C0 controls, DEL and C1 controls (U+0080–U+009F): invisible, and a line break among them.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A path for a report line (the CLI's import report, the import report dialog): each control character shown
 * escaped as in JSON (`\n`, `\r`, `\t`, else `\u0007`), everything else as it is. A backslash is left alone (a
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
 * each run of control characters and whitespace becomes one space, trimmed.
 *
 * @example oneLineName('RT\nnews  2016.txt') // 'RT news 2016.txt'
 */
export function oneLineName(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
}

/**
 * The rules for a document's metadata as an analyst edits it (documents.update): one place, so that the contract
 * refuses what the reader header already marks as wrong, with the same words.
 */

/** Longest title and source kept, in UTF-16 units (a headline, an outlet's name; not a paragraph). */
export const META_LIMITS = { title: 500, source: 200, url: 2000 } as const;

/**
 * At most this many documents per delete or bulk edit (`documents.deleteMany`, `documents.update`, …): what one undo
 * entry holds (a delete's entry carries every deleted document's text, so that undo can put it back).
 */
export const MAX_DOCS_PER_CALL = 5000;

/**
 * Why `count` ticked documents are too many to `verb` in one step (a plain sentence for the person who ticked them),
 * or null when they are not. `count` is shown with thousands separators (en).
 * @example tooManyDocs(100001, 'delete') // 'You can delete at most 5,000 documents at a time, and 100,001 are ticked: …'
 */
export function tooManyDocs(count: number, verb: string): string | null {
  if (count <= MAX_DOCS_PER_CALL) return null;
  const n = (x: number) => x.toLocaleString('en');
  return `You can ${verb} at most ${n(MAX_DOCS_PER_CALL)} documents at a time, and ${n(count)} are ticked: narrow the list with a filter or tick fewer, then do the rest in further steps (each one undoable).`;
}

/**
 * Why `date` is not a calendar date written `yyyy-mm-dd` (years 1000–2999, leap years counted), or null when it
 * is one.
 * @example dateProblem('2016-02-30') // 'there is no 30 February 2016'
 */
export function dateProblem(date: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return 'a date is written yyyy-mm-dd, e.g. 2016-10-25';
  const [year, month, day] = [+m[1], +m[2], +m[3]];
  if (year < 1000 || year > 2999) return 'the year must lie between 1000 and 2999';
  if (month < 1 || month > 12) return `there is no month ${m[2]}`;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (day < 1 || d.getUTCMonth() !== month - 1) {
    const name = new Date(Date.UTC(2000, month - 1, 1)).toLocaleString('en', { month: 'long', timeZone: 'UTC' });
    return `there is no ${day} ${name} ${year}`;
  }
  return null;
}

/**
 * Why `url` is not an absolute http or https address, or null when it is one. Other schemes (javascript:, file:)
 * are refused: the reader header shows the address as a link.
 * @example urlProblem('ftp://x.org/a') // 'an address starts with http:// or https://'
 */
export function urlProblem(url: string): string | null {
  if (url.length > META_LIMITS.url) return `an address is at most ${META_LIMITS.url} characters`;
  if (!/^https?:\/\//i.test(url)) return 'an address starts with http:// or https://';
  if (/\s/.test(url)) return 'an address has no spaces';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'this is not a web address';
  }
  if (!parsed.hostname) return 'the address names no site';
  return null;
}

/** Why `title` cannot be a title (blank or too long), or null. */
export function titleProblem(title: string): string | null {
  if (!title.trim()) return 'a title cannot be empty';
  if (title.length > META_LIMITS.title) return `a title is at most ${META_LIMITS.title} characters`;
  return null;
}

/** Why `source` cannot be a source (too long), or null; an empty source means none. */
export function sourceProblem(source: string): string | null {
  return source.length > META_LIMITS.source ? `a source is at most ${META_LIMITS.source} characters` : null;
}

/**
 * Why `v` is not a timestamp as Crosscheck writes them (ISO 8601, `new Date().toISOString()`: a date, `T`, a time
 * Date.parse reads), or null. Restores and redo check the created and updated times they are handed with it.
 */
export function timestampProblem(v: string): string | null {
  return /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v)) ? null : `"${v.slice(0, 40)}" is not a timestamp (ISO 8601, e.g. 2024-05-01T12:00:00.000Z)`;
}

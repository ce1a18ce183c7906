/**
 * Timestamps as the rest of Crosscheck sees them. Crosscheck writes ISO 8601 (`new Date().toISOString()`), and undo,
 * redo and restore refuse anything else they are handed (common/document-meta.ts `timestampProblem`), but a
 * project can hold other strings: early versions and test fixtures stored "2026-01-01" or "t", and the scale
 * bench's generated projects store "bench". Read as stored, such a row could be deleted and then never put back
 * ("… is not a timestamp; nothing was restored"). So every repository read hands out this form instead: what is
 * already ISO as stored; a date or time `Date.parse` reads, as ISO (a date alone is midnight UTC, as ECMA-262
 * §21.4.3.2 reads date-only forms); anything else as the epoch, the one honest "time unknown". The stored value
 * is left as it is.
 */

const ISO_PREFIX = /^\d{4}-\d{2}-\d{2}T/;
/** What a timestamp nobody can read becomes: the epoch, 1970-01-01T00:00:00.000Z. */
export const UNKNOWN_TIME = new Date(0).toISOString();

/**
 * `stored` as an ISO 8601 timestamp that `timestampProblem` accepts: unchanged when it already starts like one
 * and parses; else `Date.parse`'s reading as ISO; else UNKNOWN_TIME. Never throws.
 */
export function storedTimestamp(stored: string): string {
  if (ISO_PREFIX.test(stored) && !Number.isNaN(Date.parse(stored))) return stored;
  const t = Date.parse(stored);
  return Number.isNaN(t) ? UNKNOWN_TIME : new Date(t).toISOString();
}

/** `storedTimestamp` for a column that may be NULL (a document's done time). */
export const storedTimestampOrNull = (stored: string | null): string | null => (stored === null ? null : storedTimestamp(stored));

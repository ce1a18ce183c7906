/**
 * Counts as the UI shows them: grouped the way the reader's locale groups digits ("100,001" in English,
 * "100 001" in French), and a noun that agrees with the number. One place, so that the list header, the boards
 * and the dashboard write 100001 the same way the error messages do.
 */

const byLocale = new Map<string, Intl.NumberFormat>();

/** `n` with the digit grouping of `locale` (default: the browser's own). @example formatCount(100001, 'en') === '100,001' */
export function formatCount(n: number, locale?: string): string {
  const key = locale ?? '';
  let f = byLocale.get(key);
  if (!f) byLocale.set(key, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })));
  return f.format(n);
}

/**
 * `n` formatted and the noun in agreement: `one` for exactly 1, else `many` (default `one` + "s").
 * @example countOf(1, 'document') === '1 document'; countOf(11014, 'source', undefined, 'en') === '11,014 sources'
 */
export function countOf(n: number, one: string, many = `${one}s`, locale?: string): string {
  return `${formatCount(n, locale)} ${n === 1 ? one : many}`;
}

/** The verb after a count: "1 document matches", "2 documents match". */
export const matchVerb = (n: number) => (n === 1 ? 'matches' : 'match');

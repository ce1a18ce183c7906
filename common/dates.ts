/**
 * Date recognition for article headers. Deliberately narrow: it only reads a date at the start of a
 * string, so that a body sentence such as "18 October, the Russian air force…" is never taken for a header.
 */

const MONTHS: Record<string, number> = {};
const english = 'january february march april may june july august september october november december'.split(' ');
// Russian dates use the genitive: "25 октября 2016 г.".
const russian = 'января февраля марта апреля мая июня июля августа сентября октября ноября декабря'.split(' ');
english.forEach((name, i) => {
  MONTHS[name] = i + 1;
  MONTHS[name.slice(0, 3)] = i + 1;
});
russian.forEach((name, i) => (MONTHS[name] = i + 1));
MONTHS.sept = 9;

// Longest first, so that "march" is tried before "mar".
const MONTH = `(${Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|')})`;
const WEEKDAY = '(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\\.?,?\\s+)?';
const ORD = '(?:st|nd|rd|th)?';

type Parts = (m: RegExpExecArray) => [year: number, month: number, day: number];
const FORMS: [RegExp, Parts][] = [
  // 2016-10-25, 2016/10/25, 2016.10.25 (also the date part of 2016-10-25T10:00:00Z)
  [new RegExp(`^${WEEKDAY}(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})(?!\\d)`, 'iu'), (m) => [+m[1], +m[3], +m[4]]],
  // 25/10/2016, 25.10.2016, 25-10-2016, and 10/25/2016 when the day cannot be the first number
  [new RegExp(`^${WEEKDAY}(\\d{1,2})([-/.])(\\d{1,2})\\2(\\d{4})(?!\\d)`, 'iu'), (m) => dayFirst(+m[1], +m[3], +m[4])],
  // October 25, 2016 / Oct. 25 2016 / October 25th, 2016
  [new RegExp(`^${WEEKDAY}${MONTH}\\.?\\s+(\\d{1,2})${ORD},?\\s+(\\d{4})(?!\\d)`, 'iu'), (m) => [+m[3], MONTHS[m[1].toLowerCase()], +m[2]]],
  // 25 October 2016 / 25th of Oct. 2016 / 25 октября 2016 г.
  [new RegExp(`^${WEEKDAY}(\\d{1,2})${ORD}\\.?\\s+(?:of\\s+)?${MONTH}\\.?,?\\s+(\\d{4})(?!\\d)(?:\\s*г\\.|\\s+года)?`, 'iu'), (m) => [+m[3], MONTHS[m[2].toLowerCase()], +m[1]]],
];

// A time and zone after the date belong to it, not to whatever text follows ("25 Oct 2016, 10:30 GMT").
// Case-sensitive on purpose: a zone is "GMT" or "EEST", never the word "most".
const TIME = /^(?:,?\s*(?:at\s+|T)?|\s*[-–—|]\s*)\d{1,2}[:.]\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[aApP]\.?[mM]\.?)?(?:\s*(?:Z|UTC|GMT|MSK|[A-Z]{2,4}T|[+-]\d{2}:?\d{2})(?![\p{L}\d]))?/u;

function dayFirst(a: number, b: number, year: number): [number, number, number] {
  // Day-first unless that is impossible: most of the world (and this corpus) writes dd/mm/yyyy.
  return a <= 12 && b > 12 ? [year, a, b] : [year, b, a];
}

/**
 * `yyyy-mm-dd` if it is a real calendar date (leap years included) in a plausible range, else null.
 *
 * @example
 * isoDate(2016, 2, 29) // '2016-02-29'
 * isoDate(2015, 2, 29) // null
 */
export function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1000 || year > 2999 || month < 1 || month > 12 || day < 1) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Reads a date (with an optional weekday before it and time after it) at the very start of `s`.
 * `rest` is what follows, untrimmed. Null when `s` does not start with a valid date.
 *
 * @example
 * parseDateAtStart('2016-10-25 The Russian military…') // { date: '2016-10-25', rest: ' The Russian military…' }
 * parseDateAtStart('Oct. 25, 2016, 10:30 GMT')         // { date: '2016-10-25', rest: '' }
 */
export function parseDateAtStart(s: string): { date: string; rest: string } | null {
  for (const [re, parts] of FORMS) {
    const m = re.exec(s);
    if (!m) continue;
    const date = isoDate(...parts(m));
    if (!date) return null;
    let rest = s.slice(m[0].length);
    const time = TIME.exec(rest);
    if (time) rest = rest.slice(time[0].length);
    return { date, rest };
  }
  return null;
}

/**
 * The date if the whole line is one date (closing punctuation allowed), else null.
 *
 * @example
 * parseDateLine('25/10/2016')              // '2016-10-25'
 * parseDateLine('18 October, the army…')   // null
 */
export function parseDateLine(line: string): string | null {
  const found = parseDateAtStart(line.trim());
  return found && /^[\s.,;)]*$/.test(found.rest) ? found.date : null;
}

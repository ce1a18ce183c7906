/**
 * Durations in figure proposals (for figures.ts). A duration is a figure ("jailed for seven years", "in four
 * days") unless it works as a date: a time frame counted back or forward from now or from a date ("over the next
 * two years", "in the past six years", "two weeks ago", "four minutes later", "in the three months to August").
 * And "over" before a duration is a bound only where the words before it take the duration as their object ("for
 * over six years"); after a complete clause or figure it means "during" ("stole £312,000 over six years": the
 * figure is "six years", exact). Rules from bench/preannotate/GUIDELINES.md (Decisions: durations). Positions
 * are UTF-16 indexes.
 */
import { opensSentence, wordAfter, wordBefore } from './figures-extent.js';
import { DETERMINERS, DURATION_UNITS, OVER_GOVERNORS, TIME_FRAME_AFTER, TIME_FRAME_BEFORE, TIME_FRAME_TO } from './figures-words.js';

/** True when `unit` (a counted noun as figures-extent.ts returns it, lower case) is a unit of time. */
export const isDuration = (unit: string): boolean => DURATION_UNITS.has(unit);

/**
 * True when the duration whose number starts at `numberStart` and whose unit ends at `end` works as a date:
 * "the past/next/previous N years", "N weeks ago/earlier/later", "the N months to September".
 */
export function isTimeFrame(text: string, numberStart: number, end: number): boolean {
  const prev = wordBefore(text, numberStart);
  if (prev && !prev.dot && TIME_FRAME_BEFORE.has(prev.lower)) return true;
  const next = wordAfter(text, end);
  if (next && TIME_FRAME_AFTER.has(next.lower)) return true;
  // "in the three months to August", "the 12 months ending in March": a period that closes on a date.
  if (prev && !prev.dot && DETERMINERS.has(prev.lower) && next && TIME_FRAME_TO.has(next.lower)) {
    const then = wordAfter(text, next.end);
    return !!then && (/^[\p{Lu}\d]/u.test(then.text) || then.lower === 'the' || then.lower === 'end');
  }
  return false;
}

/**
 * True when "over" at [overStart, overEnd) before a duration means "during" rather than "at least": the word
 * before it does not take the duration as its object (OVER_GOVERNORS), and "over" does not open the sentence
 * ("Over 20 years have passed": at least) unless a comma closes the duration ("Over six years, prices doubled").
 * `end` is where the duration ends.
 */
export function overMeansDuring(text: string, overStart: number, end: number): boolean {
  if (opensSentence(text, overStart)) return /^\s*,/.test(text.slice(end, end + 3));
  const prev = wordBefore(text, overStart);
  return !prev || prev.dot || !OVER_GOVERNORS.has(prev.lower);
}

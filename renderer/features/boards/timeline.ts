/**
 * Pure helpers of the boards' timelines: the date range of a board, where a date sits on it, which lane a dot
 * takes when dots crowd, and a stable colour per source. No React, no DOM: unit-tested in timeline.test.ts.
 *
 * Dates are ISO `yyyy-mm-dd` (DocumentSummary.date); anything else counts as undated.
 */

export interface DateRange {
  /** Earliest and latest date, as given (`yyyy-mm-dd`). */
  start: string;
  end: string;
  /** The same as days since 1970-01-01 (UTC), for arithmetic. */
  startDay: number;
  endDay: number;
}

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of an ISO `yyyy-mm-dd` date; null when missing or not a real calendar date. */
export function dayNumber(date: string | null | undefined): number | null {
  if (!date) return null;
  const m = ISO_DATE.exec(date.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC rolls 2024-02-31 over into March: such a date is not a date.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return Math.round(ms / DAY_MS);
}

/** The earliest and latest valid date among `dates`; null when none is valid. Order of input does not matter. */
export function dateRange(dates: Iterable<string | null | undefined>): DateRange | null {
  let range: DateRange | null = null;
  for (const raw of dates) {
    const day = dayNumber(raw);
    if (day === null) continue;
    const date = raw!.trim();
    if (!range) range = { start: date, end: date, startDay: day, endDay: day };
    else {
      if (day < range.startDay) Object.assign(range, { start: date, startDay: day });
      if (day > range.endDay) Object.assign(range, { end: date, endDay: day });
    }
  }
  return range;
}

/**
 * Where `date` sits on `range`, from 0 (start) to 1 (end), clamped. A one-day range puts every date in the
 * middle. Null for an undated or invalid date, or no range.
 */
export function datePosition(date: string | null | undefined, range: DateRange | null): number | null {
  const day = dayNumber(date);
  if (day === null || !range) return null;
  const span = range.endDay - range.startDay;
  if (span <= 0) return 0.5;
  return Math.min(1, Math.max(0, (day - range.startDay) / span));
}

/** Whole days covered by a range, both ends included: 2022-03-01 → 2022-03-03 is 3 days. */
export function rangeDays(range: DateRange): number {
  return range.endDay - range.startDay + 1;
}

/**
 * Lanes for dots at positions `xs` (0..1) so that dots closer than `minGap` stack instead of hiding each other.
 * Returns one lane per input, in input order; lane 0 is the first row. Beyond `maxLanes` dots share the last lane.
 */
export function dotLanes(xs: readonly number[], minGap: number, maxLanes = 4): number[] {
  const order = xs.map((x, i) => ({ x, i })).sort((a, b) => a.x - b.x || a.i - b.i);
  const lastX: number[] = [];
  const lanes = new Array<number>(xs.length).fill(0);
  for (const { x, i } of order) {
    let lane = lastX.findIndex((prev) => x - prev >= minGap);
    if (lane === -1) lane = lastX.length < maxLanes ? lastX.length : maxLanes - 1;
    lastX[lane] = x;
    lanes[i] = lane;
  }
  return lanes;
}

/** Distinguishable on white and kept apart from the label colours (claim amber, speaker blue, figure green). */
export const SOURCE_PALETTE = [
  '#1f4e9c', '#d9644f', '#0f8b8d', '#7b4fb0', '#8c564b', '#c2407a', '#7a7f1f', '#4aa3c8', '#4b5d7a', '#333a45',
] as const;
export const UNKNOWN_SOURCE_COLOR = '#9aa1ad';

const sourceKey = (source: string | null | undefined) => source?.trim().toLowerCase() ?? '';

/** FNV-1a, 32 bit: the palette slot a source name prefers. */
function preferredSlot(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // Fold the high bits in: FNV's low bits alone spread short names poorly.
  return ((h ^ (h >>> 16)) >>> 0) % SOURCE_PALETTE.length;
}

/** A colour per source name that stays the same across boards, refreshes and sessions (case and spaces ignored). */
export function sourceColor(source: string | null | undefined): string {
  const key = sourceKey(source);
  return key ? SOURCE_PALETTE[preferredSlot(key)] : UNKNOWN_SOURCE_COLOR;
}

/**
 * Colours for the sources shown together on one board: each takes its preferred colour (as `sourceColor`)
 * unless another source of the board already has it, then the next free one, so that no two sources of a board
 * share a colour while the palette lasts. Depends only on the set of names, not their order. Beyond the palette
 * size colours repeat. The returned function answers for any name (unknown source: grey).
 */
export function assignSourceColors(sources: Iterable<string | null | undefined>): (source: string | null | undefined) => string {
  const keys = [...new Set([...sources].map(sourceKey).filter(Boolean))].sort();
  const taken = new Set<number>();
  const slots = new Map<string, number>();
  for (const key of keys) {
    let slot = preferredSlot(key);
    if (taken.size < SOURCE_PALETTE.length) {
      while (taken.has(slot)) slot = (slot + 1) % SOURCE_PALETTE.length;
    }
    taken.add(slot);
    slots.set(key, slot);
  }
  return (source) => {
    const key = sourceKey(source);
    if (!key) return UNKNOWN_SOURCE_COLOR;
    const slot = slots.get(key);
    return slot === undefined ? sourceColor(key) : SOURCE_PALETTE[slot];
  };
}

/**
 * The colours of one card (its legend, dots, chips and mention rows), from the board's (`board`,
 * assignSourceColors): a board with more sources than the palette has colours repeats them (the 100k bench's twelve
 * outlets put RT and AFP on one colour), but no two sources shown on one card do while the palette lasts. Rule:
 * sources are taken in name order (case and spaces ignored); each keeps its board colour unless a source before it
 * on the card has that colour, and such sources then take, in name order, the first palette colour after their board
 * colour that no source of the card has. A source whose board colour no other source of the card shares keeps it,
 * so the usual case (a board within the palette) is the board's colours unchanged. Depends only on the board's set
 * and the card's set of names, never their order: the same on every reload.
 */
export function cardSourceColors(
  board: (source: string | null) => string,
  sources: Iterable<string | null | undefined>,
): (source: string | null | undefined) => string {
  const keys = [...new Set([...sources].map(sourceKey).filter(Boolean))].sort();
  const colors = new Map<string, string>();
  const used = new Set<string>();
  const moved: string[] = [];
  for (const key of keys) {
    const own = board(key);
    if (used.has(own)) moved.push(key);
    else colors.set(key, own), used.add(own);
  }
  for (const key of moved) {
    let color = board(key);
    let slot = SOURCE_PALETTE.indexOf(color as (typeof SOURCE_PALETTE)[number]);
    if (used.size < SOURCE_PALETTE.length && slot >= 0) {
      do slot = (slot + 1) % SOURCE_PALETTE.length;
      while (used.has(SOURCE_PALETTE[slot]));
      color = SOURCE_PALETTE[slot];
    }
    colors.set(key, color);
    used.add(color);
  }
  return (source) => colors.get(sourceKey(source)) ?? board(source ?? null);
}

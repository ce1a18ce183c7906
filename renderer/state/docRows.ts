/**
 * The document list's rows, cached by id (issue 15). The workbench holds every id the list shows, in order, but
 * only the summaries of rows that were on screen lately: a bounded cache, so that scrolling through 100,000
 * documents keeps the page's memory flat. Pure functions over immutable maps; the reducer (app/workbench.ts)
 * calls them.
 *
 * Each entry carries the generation it was fetched in: when something outside the list may have changed rows
 * (an import, another window's commit), the generation moves on and rows from before it are shown until their
 * fresh copy arrives (no flash of placeholders), then replaced.
 */
import type { DocumentSummary } from '../../common/model';

/** A cached row and the generation (`docRowsGen`) it was fetched in. */
export interface CachedRow {
  row: DocumentSummary;
  gen: number;
}

export type RowCache = ReadonlyMap<number, CachedRow>;

/**
 * Rows kept at most. A screen shows 10–20 rows and the list asks for about 120 around it, so this holds many
 * screens (jumping back is instant) yet stays about a megabyte whatever the corpus.
 */
export const ROW_CACHE_LIMIT = 3000;

/** Ids per `documents.summaries` call (the contract's maximum). */
export const SUMMARY_BATCH = 1000;

/**
 * `cache` with `rows` put in as fetched in generation `gen`, newest last; past `limit`, the rows put in
 * longest ago leave first (they are the furthest from where the list is now).
 */
export function withRows(cache: RowCache, rows: DocumentSummary[], gen: number, limit = ROW_CACHE_LIMIT): RowCache {
  const next = new Map(cache);
  for (const row of rows) {
    next.delete(row.id); // re-inserted at the end: the most recently fetched rows are evicted last
    next.set(row.id, { row, gen });
  }
  if (next.size > limit) {
    let extra = next.size - limit;
    for (const id of next.keys()) {
      if (extra-- <= 0) break;
      next.delete(id);
    }
  }
  return next;
}

/** `cache` with the row `id` changed by `f`, or `cache` itself when that row is not cached. */
export function patchRow(cache: RowCache, id: number, f: (row: DocumentSummary) => DocumentSummary): RowCache {
  const hit = cache.get(id);
  if (!hit) return cache;
  const next = new Map(cache);
  next.set(id, { row: f(hit.row), gen: hit.gen });
  return next;
}

/** `cache` without the rows of `ids`. */
export function withoutRows(cache: RowCache, ids: Iterable<number>): RowCache {
  const next = new Map(cache);
  for (const id of ids) next.delete(id);
  return next;
}

/**
 * Of `wanted` (ids in the order they matter: the rows on screen first), those to fetch: not cached, or cached
 * before generation `gen`; at most `max`.
 */
export function rowsToFetch(cache: RowCache, wanted: readonly number[], gen: number, max = SUMMARY_BATCH): number[] {
  const out: number[] = [];
  for (const id of wanted) {
    const hit = cache.get(id);
    if (!hit || hit.gen < gen) out.push(id);
    if (out.length === max) break;
  }
  return out;
}

/** The row label counts after one annotation of `labelId` came (+1) or went (−1); never below zero. */
export function bumpCount(row: DocumentSummary, labelId: number, by: number): DocumentSummary {
  return { ...row, counts: { ...row.counts, [labelId]: Math.max(0, (row.counts[labelId] ?? 0) + by) } };
}

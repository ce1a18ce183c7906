import { useMemo } from 'react';
import type { DocumentFilter } from '../../../common/model';
import type { RowCache } from '../../state/docRows';
import { formatCount, matchVerb } from '../../format/count';

/** The text beside "Documents": the total, what a filter keeps, or "…" while a new sort or filter loads. */
export function documentsCountText(total: number, loading: boolean, filtered: boolean, locale?: string): string {
  if (loading) return '…';
  return filtered ? `${formatCount(total, locale)} ${matchVerb(total)} the filter` : formatCount(total, locale);
}

/** Listed documents whose done flag no longer fits the filter, and what was done to them. */
export interface Unfitting {
  count: number;
  /** "marked done" under a "Not done" filter; "marked not done" under "Done" or a done-day filter. */
  change: 'marked done' | 'marked not done';
}

/**
 * How many documents the list still shows that its filter's done terms no longer keep: marked done (Ctrl+Enter, the
 * reader's Done box) under "Not done", or marked not done under "Done" or a done-day range, since the list was
 * filtered. The list keeps such rows where they are (a row must not jump away under the analyst), so its length is
 * no longer what the filter keeps; this is the difference. Null when the filter has no done term or nothing changed.
 *
 * Read from the cached rows (at most ROW_CACHE_LIMIT, so a few thousand checks, not one per listed id): a row
 * fetched for this list holds what the filter kept, and a mark made since patches it (workbench `docDone`). A cached
 * row may belong to an earlier list, so a mismatch counts only when `listed(id)`, asked of mismatches alone.
 */
export function unfittingRows(rows: RowCache, filter: DocumentFilter, listed: (id: number) => boolean): Unfitting | null {
  const dayTerm = filter.doneFrom !== undefined || filter.doneTo !== undefined;
  if (filter.done === undefined && !dayTerm) return null;
  // A document marked not done has no done day, so a done-day range no longer keeps it either.
  const wantDone = filter.done ?? true;
  let count = 0;
  for (const { row } of rows.values()) if (row.done !== wantDone && listed(row.id)) count++;
  return count ? { count, change: wantDone ? 'marked not done' : 'marked done' } : null;
}

/** The listed ids as a set, built once per list and only when a row does not fit: marks made later count against it. */
const listedSets = new WeakMap<readonly number[], Set<number>>();
function listedIn(ids: readonly number[]): (id: number) => boolean {
  return (id) => {
    let set = listedSets.get(ids);
    if (!set) listedSets.set(ids, (set = new Set(ids)));
    return set.has(id);
  };
}

/** unfittingRows for the list as shown; null while a new sort or filter loads. */
export function useUnfitting(ids: readonly number[], rows: RowCache, filter: DocumentFilter, loading: boolean): Unfitting | null {
  return useMemo(() => (loading ? null : unfittingRows(rows, filter, listedIn(ids))), [ids, rows, filter, loading]);
}

/** What the filter bar says of them: "1 marked done since — refresh" (short: the pane may be 240 px wide). */
export const unfittingText = (u: Unfitting) => `${formatCount(u.count)} ${u.change} since — refresh`;

interface Props {
  /** How many documents the list shows (the workbench's `docsTotal`). */
  total: number;
  loading: boolean;
  filtered: boolean;
  /** useUnfitting's answer for the list as shown (worked out once by the workbench, for this and the filter bar). */
  unfitting: Unfitting | null;
}

/**
 * The number beside the list's "Documents" title: "100,001", or "1 matches the filter" / "800 match the filter"
 * under a filter. While the ids of a new sort or filter are on their way it is "…": the old total belongs to the
 * old filter (issue 15: "110001 match the filter" flashed after choosing a source). When documents were marked done
 * (or not) since a done filter was applied, their rows stay put (the filter bar offers to refresh) but the count
 * is of what the filter keeps now.
 */
export function DocumentsCount({ total, loading, filtered, unfitting }: Props) {
  const text = documentsCountText(total - (unfitting?.count ?? 0), loading, filtered);
  return (
    <span className="muted" data-testid="documents-count" aria-busy={loading}>
      {text}
    </span>
  );
}

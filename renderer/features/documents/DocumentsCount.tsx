import { formatCount, matchVerb } from '../../format/count';

/** The text beside "Documents": the total, what a filter keeps, or "…" while a new sort or filter loads. */
export function documentsCountText(total: number, loading: boolean, filtered: boolean, locale?: string): string {
  if (loading) return '…';
  return filtered ? `${formatCount(total, locale)} ${matchVerb(total)} the filter` : formatCount(total, locale);
}

/**
 * The number beside the list's "Documents" title: "100,001", or "1 matches the filter" / "800 match the filter"
 * under a filter. While the ids of a new sort or filter are on their way it is "…": the old total belongs to the
 * old filter (issue 15: "110001 match the filter" flashed after choosing a source).
 */
export function DocumentsCount({ total, loading, filtered }: { total: number; loading: boolean; filtered: boolean }) {
  const text = documentsCountText(total, loading, filtered);
  return (
    <span className="muted" data-testid="documents-count" aria-busy={loading}>
      {text}
    </span>
  );
}

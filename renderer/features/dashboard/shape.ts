/**
 * Turns the backend's dashboard (common/dashboard.ts) into the Project view's charts: one bar per row, its
 * wording, its colour and where a click on it leads. Pure (no React, no DOM): unit-tested in
 * renderer-tests/features/dashboard.test.ts.
 */
import type { Dashboard } from '../../../common/dashboard';
import type { DocumentFilter } from '../../../common/model';

/** Where activating a bar leads: the document list under a filter, or the claims board (at one cluster). */
export type BarTarget = { kind: 'documents'; filter: DocumentFilter } | { kind: 'claims'; clusterId?: number };

export interface ChartBar {
  /** Unique within its chart. */
  key: string;
  /** What the bar stands for, as the axis and the table say it. */
  label: string;
  value: number;
  /** A further figure for the table and the bar's name ("in 3 documents"); '' when none. */
  detail: string;
  /** `#rrggbb` (a label's own colour) or null for the theme's bar colour. */
  color: string | null;
  /** What a screen reader says and the tooltip shows: label, value and where Enter leads. */
  name: string;
  /** null: nothing to open (e.g. documents without a source, which no filter selects). */
  target: BarTarget | null;
}

export interface Chart {
  id: 'labels' | 'sources' | 'done' | 'sizes' | 'conflicts';
  title: string;
  /** What one unit of `value` is, for the table's column head ("annotations"). */
  unit: string;
  /** Time and size charts stand their bars up; named categories lie down so long names stay readable. */
  orientation: 'horizontal' | 'vertical';
  bars: ChartBar[];
  /** A line under the chart ("2 done, date unknown"); '' when none. */
  note: string;
  /** What the chart says when it has no bars. */
  empty: string;
}

/** "1 document", "3 documents". */
export const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** The five charts of the Project view, in the order an editor reads them. */
export function dashboardCharts(d: Dashboard): Chart[] {
  return [labelsChart(d), sourcesChart(d), doneChart(d), sizesChart(d), conflictsChart(d)];
}

function labelsChart(d: Dashboard): Chart {
  return {
    id: 'labels',
    title: 'Annotations per label',
    unit: 'annotations',
    orientation: 'horizontal',
    bars: d.byLabel.map((l) => ({
      key: `label-${l.labelId}`,
      label: l.name,
      value: l.annotations,
      detail: `in ${count(l.documents, 'document')}`,
      color: l.color,
      name: `${l.name}: ${count(l.annotations, 'annotation')} in ${count(l.documents, 'document')}. Show those documents`,
      target: { kind: 'documents', filter: { labelId: l.labelId } },
    })),
    note: '',
    empty: 'No labels yet.',
  };
}

/**
 * Sources shown as bars at most: a project of plain files has a source per file name (a tester's 15,000 files drew
 * 10,018 bars, each a button); the rest are summed in the chart's note, and the document list's Source filter finds
 * any of them.
 */
export const MAX_SOURCE_BARS = 30;

function sourcesChart(d: Dashboard): Chart {
  const shown = d.bySource.slice(0, MAX_SOURCE_BARS);
  const rest = d.bySource.slice(MAX_SOURCE_BARS);
  const sum = (f: (s: Dashboard['bySource'][number]) => number) => rest.reduce((n, s) => n + f(s), 0);
  return {
    id: 'sources',
    title: 'Annotations per source',
    unit: 'annotations',
    orientation: 'horizontal',
    bars: shown.map((s) => {
      const label = s.source ?? 'No source';
      const figures = `${count(s.annotations, 'annotation')} in ${count(s.documents, 'document')}`;
      return {
        key: s.source === null ? 'source-none' : `source-${s.source}`,
        label,
        value: s.annotations,
        detail: `in ${count(s.documents, 'document')}`,
        color: null,
        name: s.source === null ? `No source: ${figures}` : `${label}: ${figures}. Show those documents`,
        target: s.source === null ? null : { kind: 'documents', filter: { source: s.source } },
      };
    }),
    note: rest.length
      ? `The ${count(MAX_SOURCE_BARS, 'source')} with the most annotations; ${count(rest.length, 'more source')} hold ${count(sum((s) => s.annotations), 'annotation')} in ${count(sum((s) => s.documents), 'document')} (the document list's Source filter finds each).`
      : '',
    empty: 'No documents yet.',
  };
}

/** `iso` (yyyy-mm-dd) moved by `days`, in UTC. */
const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The done buckets (oldest first, only those with documents) with the days or weeks between them put back as
 * zeros, so that the time axis is a time axis: an idle fortnight shows as two empty weeks, not as nothing.
 * @param step 1 for days, 7 for weeks (buckets start on the day `from` names)
 */
export function withEmptyBuckets(buckets: Dashboard['done']['buckets'], step: 1 | 7): Dashboard['done']['buckets'] {
  const out: Dashboard['done']['buckets'] = [];
  for (const b of buckets) {
    const last = out.at(-1);
    for (let from = last ? addDays(last.from, step) : b.from; from < b.from; from = addDays(from, step)) {
      out.push({ from, to: addDays(from, step - 1), documents: 0 });
    }
    out.push(b);
  }
  return out;
}

function doneChart(d: Dashboard): Chart {
  const week = d.done.unit === 'week';
  const undated = d.done.undated ? `${count(d.done.undated, 'document')} done, date unknown (marked before dates were kept).` : '';
  return {
    id: 'done',
    title: week ? 'Documents done per week' : 'Documents done per day',
    unit: 'documents',
    orientation: 'vertical',
    bars: withEmptyBuckets(d.done.buckets, week ? 7 : 1).map((b) => {
      const when = week ? `week of ${b.from}` : b.from;
      return {
        key: `done-${b.from}`,
        label: week ? `${shortDate(b.from)}–${shortDate(b.to)}` : shortDate(b.from),
        value: b.documents,
        detail: week ? `${b.from} to ${b.to}` : b.from,
        color: null,
        name: b.documents ? `${count(b.documents, 'document')} done, ${when}. Show them` : `None done, ${when}`,
        target: b.documents ? { kind: 'documents', filter: doneFilter(b.from, b.to) } : null,
      };
    }),
    note: [`${count(d.documents.done, 'document')} of ${d.documents.total.toLocaleString('en')} done.`, undated].filter(Boolean).join(' '),
    empty: 'No document marked done with a date yet.',
  };
}

/** The document list filter of one done-over-time bar: documents marked done on those UTC days (inclusive). */
export function doneFilter(from: string, to: string): DocumentFilter {
  return { done: true, doneFrom: from, doneTo: to };
}

function sizesChart(d: Dashboard): Chart {
  return {
    id: 'sizes',
    title: 'Claim clusters by size',
    unit: 'clusters',
    orientation: 'vertical',
    bars: d.clusterSizes.map((s) => ({
      key: `size-${s.size}`,
      label: count(s.size, 'claim'),
      value: s.clusters,
      detail: `${count(s.claims, 'claim')} in all`,
      color: null,
      name: `${count(s.clusters, 'cluster')} of ${count(s.size, 'claim')}. Open the claims board`,
      target: { kind: 'claims' },
    })),
    note: '',
    empty: 'No claim clusters yet: link two claims with same-as.',
  };
}

function conflictsChart(d: Dashboard): Chart {
  const c = d.conflicts;
  const more = c.total > c.clusters.length ? ` Showing the ${c.clusters.length} with most disagreements.` : '';
  return {
    id: 'conflicts',
    title: 'Figures in conflict',
    unit: 'disagreeing pairs',
    orientation: 'horizontal',
    bars: c.clusters.map((k) => ({
      key: `conflict-${k.clusterId}`,
      label: k.name,
      value: k.pairs,
      detail: `of ${count(k.figures, 'figure')}`,
      color: null,
      name: `${k.name}: ${count(k.pairs, 'disagreeing pair')} of ${count(k.figures, 'figure')}. Open it on the claims board`,
      target: { kind: 'claims', clusterId: k.clusterId },
    })),
    note: `Claim clusters citing figures: ${c.withFigures.toLocaleString('en')}; with figures that disagree: ${c.total.toLocaleString('en')}.${more}`,
    empty: c.withFigures ? 'Every claim cluster’s figures agree.' : 'No claim cluster cites figures yet.',
  };
}

/** `2026-11-23` → `23 Nov` (axis labels; the table keeps the full date). */
export function shortDate(iso: string): string {
  const [y, m, day] = iso.split('-').map(Number);
  if (!y || !m || !day) return iso;
  return new Date(Date.UTC(y, m - 1, day)).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

const CHAR_PX = 7;

/** Cuts `text` to about `px` pixels of 12 px type, by whole characters, with an ellipsis (bars keep the full name). */
export function fit(text: string, px: number): string {
  const chars = Array.from(text);
  const room = Math.max(3, Math.floor(px / CHAR_PX));
  return chars.length <= room ? text : `${chars.slice(0, room - 1).join('')}…`;
}

import { useEffect, useState } from 'react';
import type { ReadBackend } from '../../backend/types';
import type { DocumentFilter, Label } from '../../../common/model';
import { dateProblem } from '../../../common/document-meta';
import { SourceFilter } from './SourceFilter';
import { unfittingText, type Unfitting } from './DocumentsCount';

interface Props {
  filter: DocumentFilter;
  labels: Label[];
  reads: ReadBackend;
  /**
   * Changes whenever the documents may have changed (their sources with them): an import, a merge, a delete, a
   * metadata edit (the workbench's `docsSeq`). Not a sort or a filter, which change no document.
   */
  refreshKey: number;
  /**
   * False until the list shows its first rows: the sources are a walk of every document's source on the backend,
   * and asked at open they would queue ahead of the list's own requests (issue 15: open until the list is
   * interactive).
   */
  ready: boolean;
  /** Listed documents marked done (or not) since the done filter was applied (useUnfitting), null when none. */
  unfitting: Unfitting | null;
  onFilter(filter: DocumentFilter): void;
}

/** `filter` without `key` (an "any" choice) or with it set to `value`. */
function withField<K extends keyof DocumentFilter>(filter: DocumentFilter, key: K, value: DocumentFilter[K] | undefined): DocumentFilter {
  const next = { ...filter };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

/**
 * The filter bar above the document list: done or not, a label present, a source (typed to search: SourceFilter),
 * a date range. Each choice reloads the list from the backend (filters run in SQL, so a list of 100,000 documents
 * stays quick). A date is taken once it is a whole valid date; a half-typed one waits, marked.
 */
export function DocumentFilters({ filter, labels, reads, refreshKey, ready, unfitting, onFilter }: Props) {
  const active = Object.keys(filter).length > 0;

  return (
    <div className="docfilters" role="group" aria-label="Filter documents">
      <div className="docfilters-row">
        <select
          aria-label="Done"
          value={filter.done === undefined ? '' : filter.done ? 'done' : 'open'}
          onChange={(e) => onFilter(withField(filter, 'done', e.target.value === '' ? undefined : e.target.value === 'done'))}
        >
          <option value="">Done or not</option>
          <option value="open">Not done</option>
          <option value="done">Done</option>
        </select>
        <select
          aria-label="Label present"
          value={filter.labelId ?? ''}
          onChange={(e) => onFilter(withField(filter, 'labelId', e.target.value === '' ? undefined : Number(e.target.value)))}
        >
          <option value="">Any label</option>
          {labels.map((l) => (
            <option key={l.id} value={l.id}>
              With {l.name}
            </option>
          ))}
        </select>
        <SourceFilter
          value={filter.source}
          reads={reads}
          refreshKey={refreshKey}
          ready={ready}
          onChange={(source) => onFilter(withField(filter, 'source', source))}
        />
      </div>
      <div className="docfilters-row docfilters-dates">
        <DateField label="From" value={filter.from} onChange={(v) => onFilter(withField(filter, 'from', v))} />
        <DateField label="to" value={filter.to} onChange={(v) => onFilter(withField(filter, 'to', v))} />
      </div>
      {/* Its own row, so that the date fields keep their width when a filter is on. */}
      {active ? (
        <div className="docfilters-row docfilters-chips">
          {filter.doneFrom !== undefined || filter.doneTo !== undefined ? (
            // Set from the Project view's done-over-time bars; shown so that it can be seen and taken off.
            <button
              className="chip"
              onClick={() => onFilter(withField(withField(filter, 'doneFrom', undefined), 'doneTo', undefined))}
              title="Marked done on these days (from the Project view); click to drop this filter"
            >
              Done {filter.doneFrom === filter.doneTo ? filter.doneFrom : `${filter.doneFrom ?? '…'} – ${filter.doneTo ?? '…'}`} ×
            </button>
          ) : null}
          {unfitting ? (
            // Their rows stay where they are until asked: a row must not jump away under the analyst.
            <button
              className="chip docfilters-stale"
              data-testid="documents-stale"
              onClick={() => onFilter(filter)}
              title="Apply the filter again: the documents it no longer keeps leave the list"
            >
              {unfittingText(unfitting)}
            </button>
          ) : null}
          <button className="chip" onClick={() => onFilter({})} title="Show every document">
            Clear filters
          </button>
        </div>
      ) : null}
    </div>
  );
}

/** A date input that reports a value only when it is a whole, valid `yyyy-mm-dd` (or cleared). */
function DateField({ label, value, onChange }: { label: string; value: string | undefined; onChange(v: string | undefined): void }) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  const bad = text !== '' && dateProblem(text) !== null;
  return (
    <label className="docfilters-date">
      <span>{label}</span>
      <input
        type="date"
        aria-label={`${label === 'to' ? 'To' : label} date`}
        value={text}
        aria-invalid={bad || undefined}
        onChange={(e) => {
          setText(e.target.value);
          if (e.target.value === '') onChange(undefined);
          else if (dateProblem(e.target.value) === null) onChange(e.target.value);
        }}
      />
    </label>
  );
}

import { useRef, useState } from 'react';
import type { DocumentFilter, DocumentSort, Label } from '../../../common/model';
import type { RowCache } from '../../state/docRows';
import type { ReadBackend } from '../../backend/types';
import type { Attempt } from '../../state/attempt';
import { DocumentFilters } from './DocumentFilters';
import { DocumentList, type DocsWork } from './DocumentList';
import { formatCount } from '../../format/count';
import type { Unfitting } from './DocumentsCount';
import './documents.css';

/** What the pane asks of the workbench (its commands: renderer/app/commands/documents.ts). */
export interface DocumentsPaneActions {
  sortBy(by: DocumentSort): void;
  filterDocs(filter: DocumentFilter): Promise<void>;
  selectDocs(ids: number[]): void;
  deleteDocs(ids: number[]): Promise<void>;
  setSourceOf(ids: number[], source: string): Promise<Attempt>;
  /** Fetches the rows the list shows and those around them (on-screen first). */
  showRows(ids: readonly number[]): void;
}

interface Props {
  /** Every id the list shows, in order (the workbench's `docIds`). */
  ids: number[];
  /** Rows fetched so far, by id. */
  rows: RowCache;
  /** From a sort or filter change (or the first load) until `ids` is the new list. */
  loading: boolean;
  /** Documents being deleted or restored (the workbench's `docsWork`), null when none. */
  work: DocsWork | null;
  /** Bumped when documents may have changed, not their order (the workbench's `docsSeq`): the filter bar's sources reload on it. */
  docsSeq: number;
  labels: Label[];
  openId: number | null;
  sort: { by: DocumentSort; dir: 'asc' | 'desc' };
  filter: DocumentFilter;
  selection: number[];
  /** Listed documents marked done (or not) since the done filter was applied (useUnfitting), null when none. */
  unfitting: Unfitting | null;
  reads: ReadBackend;
  actions: DocumentsPaneActions;
  onOpen(id: number): void;
}

/**
 * The documents pane: the filter bar, then what is done with ticked documents (delete, one source for all), then
 * the list. Deleting asks first, counting the annotations and links that go too; both are undone with Ctrl+Z.
 */
export function DocumentsPane({ ids, rows, loading, work, docsSeq, labels, openId, sort, filter, selection, unfitting, reads, actions, onOpen }: Props) {
  const [sourceOpen, setSourceOpen] = useState(false);
  // Whether the list has shown its first rows: from then on the filter bar may ask for its sources (a later sort or
  // filter, busy again for a moment, does not hold them back).
  const shown = useRef(false);
  const listShown = (shown.current ||= rows.size > 0 || (!loading && ids.length === 0));
  const listKey = JSON.stringify([sort, filter]);
  return (
    <div className="docpane">
      <DocumentFilters
        filter={filter}
        labels={labels}
        reads={reads}
        refreshKey={docsSeq}
        // The list's first rows come first (their requests would queue behind the sources' pass over every document).
        ready={listShown}
        unfitting={unfitting}
        onFilter={(f) => void actions.filterDocs(f)}
      />
      {selection.length ? (
        <div className="docselection" role="toolbar" aria-label="Selected documents">
          <span>
            <strong data-testid="selected-count">{formatCount(selection.length)}</strong> selected
            <button className="icon docselection-clear" onClick={() => actions.selectDocs([])} aria-label="Clear the selection" title="Clear the selection">
              ×
            </button>
          </span>
          <button onClick={() => actions.selectDocs(ids)} disabled={selection.length === ids.length} title={`Select all ${formatCount(ids.length)} listed documents`}>
            All
          </button>
          <button onClick={() => setSourceOpen((o) => !o)} aria-expanded={sourceOpen} disabled={!!work} title="Give the selected documents one source">
            Source…
          </button>
          <button className="danger" onClick={() => void actions.deleteDocs(selection)} disabled={!!work}>
            Delete…
          </button>
          {sourceOpen ? (
            <BulkSource
              count={selection.length}
              onSet={async (source) => {
                const r = await actions.setSourceOf(selection, source);
                if (r.ok) setSourceOpen(false);
                return r;
              }}
              onCancel={() => setSourceOpen(false)}
            />
          ) : null}
        </div>
      ) : null}
      <DocumentList
        ids={ids}
        rows={rows}
        loading={loading}
        work={work}
        listKey={listKey}
        onShowRows={actions.showRows}
        labels={labels}
        openId={openId}
        sort={sort}
        selection={selection}
        filtered={Object.keys(filter).length > 0}
        onSort={actions.sortBy}
        onOpen={onOpen}
        onSelect={actions.selectDocs}
      />
    </div>
  );
}

/** One source for every ticked document; an empty field clears their source. */
function BulkSource({ count, onSet, onCancel }: { count: number; onSet(source: string): Promise<Attempt>; onCancel(): void }) {
  const [source, setSource] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="docselection-source"
      onSubmit={(e) => {
        e.preventDefault();
        void onSet(source).then((r) => setError(r.ok ? null : r.error));
      }}
    >
      <input
        autoFocus
        dir="auto"
        aria-label={`Source for ${count} documents`}
        placeholder="Source, e.g. RT (empty: none)"
        value={source}
        onChange={(e) => setSource(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), onCancel())}
      />
      <button type="submit">Set</button>
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </form>
  );
}

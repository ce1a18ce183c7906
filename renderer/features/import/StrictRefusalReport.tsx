import { DroppedTable } from './DroppedTable';
import type { ShownImportReport } from './strict-refusal';

type Refused = NonNullable<ShownImportReport['refused']>;

/**
 * The import report's body when Strict refused the import: nothing was kept, here is every entry the message
 * listed (file, where, what, why), and the way to import the same files again with Strict unticked.
 */
export function StrictRefusalReport({ refused, onClose }: { refused: Refused; onClose(): void }) {
  const { total, entries, more, retryWithoutStrict } = refused;
  return (
    <>
      <h2 data-testid="refused">Refused (strict): nothing was imported</h2>
      <p className="report-summary">
        <strong data-testid="imported-count">0</strong> imported ·{' '}
        <strong data-testid="refused-count">{total}</strong> thing{total === 1 ? '' : 's'} would be left out
      </p>
      <p className="report-hint" role="note">
        Strict is ticked in the import options, so an import that would leave anything out is refused whole: none of its
        files was kept, not even those with nothing to leave out.
      </p>
      <div className="report-body">
        <h3>Would be left out{more ? ` (the first ${entries.length} of ${total})` : ''}</h3>
        <DroppedTable entries={entries} testId="refused-entries" />
        {more ? (
          <p className="report-more" data-testid="refused-more">
            … and {more} more, not listed here.
          </p>
        ) : null}
        <p className="report-strict">
          {retryWithoutStrict
            ? 'Importing again without Strict leaves these out, lists them in the report, and imports the rest.'
            : 'To import the rest and leave these out (the report then lists them), untick Strict under Options and ' +
              'import the files again.'}
        </p>
      </div>
      <div className="dialog-actions">
        {retryWithoutStrict ? <button onClick={() => void retryWithoutStrict()}>Import again without Strict</button> : null}
        <button onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </>
  );
}

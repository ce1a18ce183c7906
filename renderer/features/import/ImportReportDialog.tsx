import type { ImportReport } from '../../../common/model';
import { Dialog } from '../../app/Dialog';
import { DroppedTable } from './DroppedTable';
import { ImportOptionsPanel } from './ImportOptionsPanel';
import { StrictRefusalReport } from './StrictRefusalReport';
import { asksForEncoding } from './import-options';
import type { ShownImportReport } from './strict-refusal';
import { escapedPath, shownPath } from '../../../common/file-names';

/**
 * What an import did, file by file: nothing skipped or dropped goes unexplained. Files refused for their encoding
 * come with the import options, so the person can name the encoding and import them again; an import Strict
 * refused shows what would have been left out and a way to import it again without Strict.
 */
export function ImportReportDialog({ report, onClose }: { report: ShownImportReport; onClose(): void }) {
  return (
    <Dialog label="Import report" className="dialog-wide" onClose={onClose} testId="import-report">
        {report.refused ? (
          <StrictRefusalReport refused={report.refused} onClose={onClose} />
        ) : (
          <ImportedReport report={report} onClose={onClose} />
        )}
    </Dialog>
  );
}

/** The report of an import that ran: counts, then skipped, dropped, notes, duplicates and imported files. */
function ImportedReport({ report, onClose }: { report: ImportReport; onClose(): void }) {
  const dropped = report.dropped ?? [];
  const notes = report.notes ?? [];
  const encodingRefused = report.skipped.filter((s) => asksForEncoding(s.reason));
  return (
    <>
      <h2>Import report</h2>
      <p className="report-summary">
        <strong data-testid="imported-count">{report.imported.length}</strong> imported ·{' '}
        <strong>{report.duplicates.length}</strong> duplicate{report.duplicates.length === 1 ? '' : 's'} ·{' '}
        <strong>{report.skipped.length}</strong> skipped
        {report.spans !== undefined ? (
          <>
            {' '}
            · <strong data-testid="spans-count">{report.spans}</strong> spans
          </>
        ) : null}
        {dropped.length ? (
          <>
            {' '}
            · <strong data-testid="dropped-count">{dropped.length}</strong> dropped
          </>
        ) : null}
      </p>
      {report.layers?.length ? (
        <p className="report-layers" data-testid="report-layers">
          {report.layers.length === 1 ? 'Into layer ' : 'Into layers '}
          {report.layers.map((name, i) => (
            <span key={name}>
              {i ? ', ' : ''}
              <strong>{name}</strong>
            </span>
          ))}
        </p>
      ) : null}
      <div className="report-body">
        {report.skipped.length ? (
          <>
            <h3>Skipped</h3>
            <ul className="report-list">
              {report.skipped.map((s, i) => (
                <li key={i}>
                  <ReportPath path={s.path} /> <span className="reason">{s.reason}</span>
                </li>
              ))}
            </ul>
            {encodingRefused.length ? (
              <p className="report-hint" role="note" data-testid="encoding-hint">
                {encodingRefused.length === 1
                  ? 'One file was not imported because its encoding could not be determined for certain.'
                  : `${encodingRefused.length} files were not imported because their encoding could not be determined for certain.`}{' '}
                Pick the right encoding under “Options for the next import” just below (each reason shows how the candidates
                read the file), then import {encodingRefused.length === 1 ? 'it' : 'them'} again.
              </p>
            ) : null}
            {encodingRefused.length ? <ImportOptionsPanel idPrefix="report-import" /> : null}
          </>
        ) : null}
        {dropped.length ? (
          <>
            <h3>Dropped (not imported; the rest of each file was)</h3>
            <DroppedTable entries={dropped} testId="dropped" />
            <p className="report-strict">To refuse such files whole instead, tick Strict in the import options.</p>
          </>
        ) : null}
        {notes.length ? (
          <>
            <h3>Notes</h3>
            <ul className="report-notes" data-testid="notes">
              {notes.map((n, i) => (
                <li key={i}>{n}</li>
              ))}
            </ul>
          </>
        ) : null}
        {report.duplicates.length ? (
          <>
            <h3>Duplicates (already in the project)</h3>
            <ul className="report-list">
              {report.duplicates.map((d, i) => (
                <li key={i}>
                  <ReportPath path={d.path} />{' '}
                  <span className="muted" data-testid="duplicate-of">
                    same text as{' '}
                    {d.ofTitle !== undefined ? (
                      <>
                        “<bdi>{d.ofTitle}</bdi>”{d.ofPath ? <> (<ReportPath path={d.ofPath} />)</> : null}
                      </>
                    ) : (
                      `document ${d.of}`
                    )}
                  </span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {report.imported.length ? (
          <>
            <h3>Imported</h3>
            <ul className="report-list">
              {report.imported.map((f) => (
                <li key={f.id}>
                  <ReportPath path={f.path} /> <span>{f.title}</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
      <div className="dialog-actions">
        <button onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </>
  );
}

/**
 * A path on a report line: escaped (common/file-names.ts escapedPath) and, when very long (a 5,000-character name),
 * shortened in the middle (shownPath) so that it does not fill the report; the whole path is then its tooltip.
 */
function ReportPath({ path }: { path: string }) {
  const whole = escapedPath(path);
  const shown = shownPath(path);
  return <code title={shown === whole ? undefined : whole}>{shown}</code>;
}

import type { ImportReport } from '../../../common/model';

/** What an import did, file by file: nothing skipped goes unexplained. */
export function ImportReportDialog({ report, onClose }: { report: ImportReport; onClose(): void }) {
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div className="dialog dialog-wide" role="dialog" aria-label="Import report" onClick={(e) => e.stopPropagation()}>
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
        </p>
        <div className="report-body">
          {report.skipped.length ? (
            <>
              <h3>Skipped</h3>
              <ul className="report-list">
                {report.skipped.map((s, i) => (
                  <li key={i}>
                    <code>{s.path}</code> <span className="reason">{s.reason}</span>
                  </li>
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
                    <code>{d.path}</code> <span className="muted">same text as document #{d.of}</span>
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
                    <code>{f.path}</code> <span>{f.title}</span>
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
      </div>
    </div>
  );
}

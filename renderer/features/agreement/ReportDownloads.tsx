import type { AgreementReport } from '../../../common/agreement';
import { agreementCsv } from '../../../common/agreement-csv';
import { downloadText } from './download';
import { reportFileName, reportJson } from './reportFiles';

/**
 * "Download CSV" (common/agreement-csv.ts: one row per figure) and "Download JSON" (the report itself) of the report
 * on screen, per-document figures included.
 */
export function ReportDownloads({ report }: { report: AgreementReport }) {
  return (
    <div className="agr-downloads" role="group" aria-label="Export the report">
      {/* With a byte order mark, as the project's CSV export: spreadsheets then read accented names right. */}
      <button onClick={() => downloadText(reportFileName(report, 'csv'), agreementCsv(report, { bom: true }), 'text/csv;charset=utf-8')}>Download CSV</button>
      <button onClick={() => downloadText(reportFileName(report, 'json'), reportJson(report), 'application/json')}>Download JSON</button>
    </div>
  );
}

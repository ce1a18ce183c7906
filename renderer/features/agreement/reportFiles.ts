/**
 * The report as the files "Download CSV" and "Download JSON" save. JSON is the report as `agreement.report`
 * returned it (the CLI's `--json` shape, with `perDocument`). Pure: unit-tested.
 */
import type { AgreementReport } from '../../../common/agreement';

/** The JSON file's text: the report, indented, with a final newline. */
export const reportJson = (report: AgreementReport): string => `${JSON.stringify(report, null, 2)}\n`;

/** `agreement-<annotators>-<YYYY-MM-DD>.<ext>`, the names made safe for any file system. */
export function reportFileName(report: AgreementReport, ext: 'csv' | 'json', now = new Date()): string {
  const who = report.annotators.join('-').replace(/[^\p{L}\p{N}_-]+/gu, '_').slice(0, 80) || 'layers';
  const day = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  return `agreement-${who}-${day}.${ext}`;
}

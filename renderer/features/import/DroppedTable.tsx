import type { DroppedEntry } from '../../../common/model';
import { escapedPath } from '../../../common/file-names';

/**
 * Entries an import left out (or, under Strict, would have), one row each: file, where in it, what, why. Used by
 * the import report for dropped entries and for a strict refusal.
 */
export function DroppedTable({ entries, testId }: { entries: DroppedEntry[]; testId: string }) {
  return (
    <table className="report-table" data-testid={testId}>
      <thead>
        <tr>
          <th className="col-path">File</th>
          <th className="col-where">Where</th>
          <th className="col-what">What</th>
          <th>Why</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((d, i) => (
          <tr key={i}>
            <td>
              <code>{escapedPath(d.path)}</code>
            </td>
            <td>{d.where}</td>
            <td>{d.what}</td>
            <td className="reason">{d.why}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

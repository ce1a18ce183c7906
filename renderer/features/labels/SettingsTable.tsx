import type { ReactNode } from 'react';
import '../../app/a11y.css';

/** The table both settings lists use (labels, link types): one header row of `columns`, then one row per item. */
export function SettingsTable({ columns, children }: { columns: string[]; children: ReactNode }) {
  return (
    <table className="labels-table">
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c}>{c}</th>
          ))}
          {/* The last column holds each row's buttons; its header is named for screen readers only. */}
          <th>
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

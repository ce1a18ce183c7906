import type { ReactNode } from 'react';

/** The table both settings lists use (labels, link types): one header row of `columns`, then one row per item. */
export function SettingsTable({ columns, children }: { columns: string[]; children: ReactNode }) {
  return (
    <table className="labels-table">
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c}>{c}</th>
          ))}
          <th />
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

import { useEffect, useMemo, useState } from 'react';
import type { ReadBackend } from '../../backend/types';
import type { Dashboard as DashboardData } from '../../../common/dashboard';
import type { DocumentFilter } from '../../../common/model';
import { messageOf } from '../../state/attempt';
import { BarChart } from './BarChart';
import { count, dashboardCharts, type Chart, type ChartBar } from './shape';
import './dashboard.css';

interface Props {
  reads: ReadBackend;
  /** Bump to refetch (links, clusters or annotations changed). */
  refreshKey: number;
  /** Shows the document list under `filter` (the workbench's filterDocs command). */
  onShowDocuments(filter: DocumentFilter): void;
  /** Opens the claims board, at one cluster when given. */
  onOpenClaims(clusterId?: number): void;
}

/**
 * The Project view (issue 12): what an editor looks at on Monday. Five charts from one read
 * (`project.dashboard`); each bar opens the documents or the claims behind it, and each chart has its numbers
 * as a table too.
 */
export function Dashboard({ reads, refreshKey, onShowDocuments, onOpenClaims }: Props) {
  const [data, setData] = useState<DashboardData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setError(null);
    reads.call('project.dashboard', {}).then(
      (d) => live && setData(d),
      (e: unknown) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [reads, refreshKey, attempt]);

  const charts = useMemo(() => (data ? dashboardCharts(data) : []), [data]);
  const activate = (bar: ChartBar) => {
    if (!bar.target) return;
    if (bar.target.kind === 'documents') onShowDocuments(bar.target.filter);
    else onOpenClaims(bar.target.clusterId);
  };

  if (error) {
    return (
      <div className="dash dash-state" role="alert">
        <h2>Could not load the project overview</h2>
        <p>{error}</p>
        <button onClick={() => setAttempt((n) => n + 1)}>Try again</button>
      </div>
    );
  }
  if (!data) {
    return (
      <div className="dash dash-state" role="status" aria-live="polite">
        Counting…
      </div>
    );
  }
  return (
    <div className="dash">
      <header className="dash-head">
        <h2>Project</h2>
        <p className="dash-totals">
          {count(data.documents.total, 'document')} · {data.documents.done.toLocaleString('en')} done · {count(data.annotations, 'annotation')}
        </p>
      </header>
      <div className="dash-grid">
        {charts.map((c) => (
          <ChartCard key={c.id} chart={c} onActivate={activate} />
        ))}
      </div>
    </div>
  );
}

/** One chart with its title, its note and its numbers as a table (each row opening what its bar opens). */
function ChartCard({ chart, onActivate }: { chart: Chart; onActivate(bar: ChartBar): void }) {
  const headId = `dash-${chart.id}-title`;
  return (
    <section className="dash-card" aria-labelledby={headId} data-chart={chart.id}>
      <h3 id={headId} className="dash-card-title">
        {chart.title}
      </h3>
      <BarChart chart={chart} onActivate={onActivate} />
      {chart.note ? <p className="dash-note">{chart.note}</p> : null}
      {chart.bars.length ? (
        <details className="dash-table">
          <summary>Numbers as a table</summary>
          <table aria-label={`${chart.title}: numbers`}>
            <thead>
              <tr>
                <th scope="col">{chart.id === 'done' ? 'When' : chart.id === 'sizes' ? 'Cluster size' : chart.id === 'conflicts' ? 'Cluster' : chart.id === 'labels' ? 'Label' : 'Source'}</th>
                <th scope="col">{chart.unit}</th>
                <th scope="col">
                  <span className="visually-hidden">Details</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {chart.bars.map((b) => (
                <tr key={b.key} data-key={b.key}>
                  <th scope="row" dir="auto">
                    {b.target ? (
                      <button className="dash-table-link" onClick={() => onActivate(b)}>
                        {b.label}
                      </button>
                    ) : (
                      b.label
                    )}
                  </th>
                  <td className="dash-num">{b.value.toLocaleString('en')}</td>
                  <td>{b.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </section>
  );
}

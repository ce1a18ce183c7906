import { EMPTY_SOURCE_HINT, type MergeReport } from '../../../common/merge';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What a merge brought, per layer, and everything it left out with the reason. */
export function MergeReportView({ report: r, backup }: { report: MergeReport; backup: string | null }) {
  return (
    <div className="report-body">
      <p className="report-summary" data-testid="merge-summary">
        {r.nothingNew && !r.layers.length ? <>Nothing to merge in <code>{r.source}</code>: </> : r.nothingNew ? <>Nothing new: <code>{r.source}</code> was merged before. </> : <>Merged <code>{r.source}</code>: </>}
        {plural(r.documents.matched, 'document')} matched, {r.documents.added} added.
      </p>
      {backup ? <p className="muted">A backup was taken first: <code>{backup}</code></p> : null}
      <h3>Layers</h3>
      {r.layers.length === 0 ? (
        <p className="muted">None: {EMPTY_SOURCE_HINT}.</p>
      ) : (
        <table className="report-table merge-layers" data-testid="merge-layers">
          <thead>
            <tr>
              <th scope="col">Layer</th>
              <th scope="col">Spans</th>
              <th scope="col">Links</th>
              <th scope="col">Clusters</th>
              <th scope="col">Documents</th>
            </tr>
          </thead>
          <tbody>
            {r.layers.map((l) => (
              <tr key={l.name}>
                <th scope="row">
                  {l.name}
                  {l.sourceName ? <span className="muted"> ({l.sourceName} in the source)</span> : null}
                  {l.created ? <span className="merge-new"> new</span> : null}
                </th>
                <td>{l.spans}</td>
                <td>{l.links}</td>
                <td>{l.clusters}</td>
                <td>{l.documents}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted">Counts are of what this merge added{r.alreadyPresent ? `; ${plural(r.alreadyPresent.spans, 'span')} and ${plural(r.alreadyPresent.links, 'link')} were there already and were not doubled` : ''}.</p>
      {r.labelsAdded.length ? <p>New labels: {r.labelsAdded.join(', ')}</p> : null}
      {r.linkTypesAdded.length ? <p>New link types: {r.linkTypesAdded.join(', ')}</p> : null}
      {r.notMerged.length ? (
        <>
          <h3>Not merged</h3>
          <ul className="report-list" data-testid="merge-not-merged">
            {r.notMerged.map((m, i) => (
              <li key={i}>
                <code>{m.where}</code> {m.what}: <span className="reason">{m.why}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {r.notes.length ? (
        <>
          <h3>Notes</h3>
          <ul className="report-notes">
            {r.notes.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

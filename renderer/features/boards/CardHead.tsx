import type { ClusterSummary } from '../../../common/model';
import { ClusterName } from './ClusterName';
import { plural, type CardProps } from './types';

/** A card's head: the cluster's name (renamed in place) over its counts, dates and conflict flag. */
export function CardHead({ cluster: c, onRename, onRenamed }: Pick<CardProps, 'cluster' | 'onRename' | 'onRenamed'>) {
  return (
    <header className="board-card-head">
      <ClusterName id={c.id} name={c.name} onRename={onRename} onRenamed={onRenamed} />
      <CardMeta cluster={c} />
    </header>
  );
}

/** "3 documents · 2 sources", first and last date, and a flag when figures disagree. */
function CardMeta({ cluster: c }: { cluster: ClusterSummary }) {
  const dated = c.firstDate && c.lastDate;
  return (
    <div className="board-card-meta">
      <span className="board-counts">
        {plural(c.documents, 'document')} · {plural(c.sources.length, 'source')}
      </span>
      <span className="board-dates">
        {dated ? (
          c.firstDate === c.lastDate ? (
            <time dateTime={c.firstDate!}>{c.firstDate}</time>
          ) : (
            <>
              <time dateTime={c.firstDate!}>{c.firstDate}</time> → <time dateTime={c.lastDate!}>{c.lastDate}</time>
            </>
          )
        ) : (
          'undated'
        )}
      </span>
      {c.conflicts.length ? (
        <span className="board-badge board-badge-warn">⚠ {c.conflicts.length === 1 ? 'Figures disagree' : `${c.conflicts.length} figure conflicts`}</span>
      ) : null}
    </div>
  );
}

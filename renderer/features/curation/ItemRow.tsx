import type { CurationItem } from '../../../common/curation';
import type { Label } from '../../../common/model';
import { kindWords } from './segments';

/** What gold holds of an item, in words. */
function goldState(item: CurationItem, rejected: boolean): string {
  if (!item.gold.length) return rejected ? 'decided: neither' : 'to decide';
  const whose = item.versions.filter((v) => v.goldId !== null).map((v) => v.annotators.join(' and '));
  return whose.length ? `gold: ${whose.join(' + ')}’s` : 'gold: another version';
}

/** One item of the curation list: its kind in words, each version with the layers that have it, and the choices. */
export function ItemRow(p: {
  item: CurationItem;
  names: string[];
  labels: Map<number, Label>;
  current: boolean;
  rejected: boolean;
  onSelect(): void;
  onDecide(take: string[]): void;
}) {
  const { item } = p;
  return (
    <li
      className={`curation-item ${p.current ? 'curation-item-current' : ''} ${item.gold.length || p.rejected ? 'curation-item-decided' : ''}`}
      aria-current={p.current || undefined}
      data-testid="curation-item"
      data-kind={item.kind}
      onClick={p.onSelect}
    >
      <div className="curation-item-head">
        <span className={`cur-badge cur-${item.kind}`}>{kindWords[item.kind].name}</span>
        {item.missingFrom.length ? <span className="muted">not in {item.missingFrom.join(', ')}</span> : null}
        <span className="curation-item-gold" data-testid="curation-item-gold">
          {goldState(item, p.rejected)}
        </span>
      </div>
      <ul className="curation-versions">
        {item.versions.map((v) => (
          <li key={`${v.start}:${v.end}:${v.labelId}`}>
            <b>{v.annotators.join(', ')}</b>: <span style={{ ['--c' as string]: p.labels.get(v.labelId)?.color }} className="cur-labelname">{p.labels.get(v.labelId)?.name ?? 'label'}</span>{' '}
            “{v.text.length > 80 ? `${v.text.slice(0, 80)}…` : v.text}” <span className="muted">{v.start}–{v.end}</span>
          </li>
        ))}
      </ul>
      <div className="curation-choices" role="group" aria-label="Accept">
        {p.names.map((n, i) => (
          <button key={n} onClick={(e) => (e.stopPropagation(), p.onDecide([n]))} title={`Accept ${n}’s version (key ${i + 1})`}>
            <kbd>{i + 1}</kbd> {n}
          </button>
        ))}
        <button onClick={(e) => (e.stopPropagation(), p.onDecide(p.names))} title="Accept every version (key B)">
          <kbd>B</kbd> both
        </button>
        <button onClick={(e) => (e.stopPropagation(), p.onDecide([]))} title="Accept none (key N)">
          <kbd>N</kbd> neither
        </button>
      </div>
    </li>
  );
}

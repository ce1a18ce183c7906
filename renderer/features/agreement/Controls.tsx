import type { Annotator } from '../../../common/annotators';
import type { Label } from '../../../common/model';
import type { AgreementControls } from './query';

interface Props {
  annotators: Annotator[];
  labels: Label[];
  value: AgreementControls;
  busy: boolean;
  /** Why Compute cannot run as the controls stand, or null. */
  problem: string | null;
  onChange(next: AgreementControls): void;
  onCompute(): void;
}

const toggled = (list: string[], name: string) => (list.includes(name) ? list.filter((n) => n !== name) : [...list, name]);

/**
 * Which layers, labels and documents to compare: a checkbox per annotator (with their span count) and per label
 * (none ticked: every label), "done documents only", a full-text query; Compute (or Enter in the query) asks again.
 */
export function Controls({ annotators, labels, value, busy, problem, onChange, onCompute }: Props) {
  return (
    <form
      className="agr-controls"
      aria-label="What to compare"
      onSubmit={(e) => {
        e.preventDefault();
        if (!problem && !busy) onCompute();
      }}
    >
      <fieldset className="agr-pick">
        <legend>Annotators</legend>
        {annotators.map((a) => (
          <label key={a.id} className="agr-chip" title={`${a.spans.toLocaleString('en')} spans in ${a.documents.toLocaleString('en')} documents`}>
            <input type="checkbox" checked={value.annotators.includes(a.name)} onChange={() => onChange({ ...value, annotators: toggled(value.annotators, a.name) })} />
            <span dir="auto">{a.name}</span>
          </label>
        ))}
      </fieldset>
      <fieldset className="agr-pick">
        <legend>Labels {value.labels.length ? null : <span className="muted">(all)</span>}</legend>
        {labels.map((l) => (
          <label key={l.id} className="agr-chip">
            <input type="checkbox" checked={value.labels.includes(l.name)} onChange={() => onChange({ ...value, labels: toggled(value.labels, l.name) })} />
            <span className="agr-swatch" style={{ background: l.color }} aria-hidden />
            <span dir="auto">{l.name}</span>
          </label>
        ))}
      </fieldset>
      <div className="agr-filters">
        <label className="agr-chip">
          <input type="checkbox" checked={value.done} onChange={() => onChange({ ...value, done: !value.done })} />
          Done documents only
        </label>
        <input
          type="search"
          className="agr-query"
          aria-label="Only documents matching"
          placeholder="Only documents matching…"
          value={value.query}
          onChange={(e) => onChange({ ...value, query: e.target.value })}
        />
        <button type="submit" className="primary" disabled={busy || !!problem} title={problem ?? undefined}>
          {busy ? 'Computing…' : 'Compute'}
        </button>
        {problem ? <span className="agr-problem">{problem}</span> : null}
      </div>
    </form>
  );
}

import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ReadBackend } from '../../backend/types';
import type { Annotator } from '../../../common/annotators';
import type { AgreementsMerged, CurationDiff, CurationItem } from '../../../common/curation';
import type { ArgsIn } from '../../../common/contract';
import type { Document, Label } from '../../../common/model';
import { messageOf } from '../../state/attempt';
import { useCurationKeys } from './useCurationKeys';
import { kindWords } from './segments';
import { LayerColumn } from './LayerColumn';
import { ItemRow } from './ItemRow';
import { MergeDialog } from './MergeDialog';
import './curation.css';

export interface CurationProps {
  reads: ReadBackend;
  docId: number;
  /** The layers to compare first (the agreement view's pair); default: every layer with a span here. */
  annotators?: string[];
  labels: Label[];
  /** Changes whenever an edit or an undo may have changed gold: the view reloads. */
  refreshKey: string;
  onAccept(args: ArgsIn<'curation.accept'>): Promise<boolean>;
  onMerge(annotators: string[], docIds?: number[]): Promise<AgreementsMerged | null>;
  onClose(): void;
}

/**
 * The curation view (issue 13, adjudication): one document's layers side by side with the gold layer, the
 * differences coloured by kind and named in words, and a list of items to decide with keys (useCurationKeys).
 * Every decision goes through the curation commands (undoable); "neither" is remembered here for the session.
 */
export function CurationView(p: CurationProps) {
  const [doc, setDoc] = useState<Document | null>(null);
  const [layers, setLayers] = useState<Annotator[]>([]);
  const [chosen, setChosen] = useState<string[] | undefined>(p.annotators);
  const [diff, setDiff] = useState<CurationDiff | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [cursor, setCursor] = useState(0);
  const [rejected, setRejected] = useState<Set<string>>(new Set());
  const [merging, setMerging] = useState(false);

  useEffect(() => {
    void p.reads.call('documents.get', { id: p.docId }).then(setDoc, (e) => setError(messageOf(e)));
    void p.reads.call('annotators.list', {}).then(setLayers, (e) => setError(messageOf(e)));
  }, [p.reads, p.docId]);

  const load = useCallback(
    () =>
      p.reads.call('curation.diff', { docId: p.docId, annotators: chosen?.length ? chosen : undefined }).then(
        (d) => {
          setDiff(d);
          setError(null);
          if (!chosen) setChosen(d.annotators.map((a) => a.name));
        },
        (e) => setError(messageOf(e)),
      ),
    [p.reads, p.docId, chosen],
  );
  useEffect(() => void load(), [load, p.refreshKey]);

  const items = diff?.items ?? [];
  const current: CurationItem | undefined = items[Math.min(cursor, items.length - 1)];
  const names = diff?.annotators.map((a) => a.name) ?? [];
  const isDecided = (i: CurationItem) => i.gold.length > 0 || rejected.has(i.key);
  const labelName = useMemo(() => new Map(p.labels.map((l) => [l.id, l])), [p.labels]);

  /** Decides the current item: the versions of the layers named (none: neither), replacing what gold had. */
  async function decide(take: string[]) {
    if (!current) return;
    const annotationIds = current.versions.flatMap((v) => {
      const i = v.annotators.findIndex((a) => take.includes(a));
      return i < 0 ? [] : [v.annotationIds[i]];
    });
    const ok = await p.onAccept({ docId: p.docId, annotationIds, remove: current.gold.map((g) => g.annotationId) });
    if (!ok) return;
    setRejected((r) => {
      const next = new Set(r);
      if (annotationIds.length) next.delete(current.key);
      else next.add(current.key);
      return next;
    });
    await load();
    // On to the next item still to decide, after this one.
    const after = items.findIndex((i, n) => n > cursor && !isDecided(i) && i.kind !== 'agree');
    if (after >= 0) setCursor(after);
  }

  useCurationKeys({
    move: (step) => setCursor((c) => Math.max(0, Math.min(items.length - 1, c + step))),
    choose: (n) => n < names.length && void decide([names[n]]),
    both: () => void decide(names),
    neither: () => void decide([]),
  });

  const toggleLayer = (name: string) =>
    setChosen((c) => {
      const now = c ?? [];
      return now.includes(name) ? now.filter((x) => x !== name) : [...now, name];
    });
  const open = items.filter((i) => !isDecided(i)).length;
  const compareable = layers.filter((l) => !l.reserved);

  return (
    <section className="curation" aria-label="Curation" data-testid="curation-view">
      <header className="curation-head">
        <div className="curation-title">
          <h2>Curate: {doc?.title ?? `document ${p.docId}`}</h2>
          <span className="muted">
            {items.length} items, {open} to decide
          </span>
        </div>
        <fieldset className="curation-layers">
          <legend>Compare</legend>
          {compareable.map((l) => (
            <label key={l.id}>
              <input type="checkbox" checked={chosen?.includes(l.name) ?? false} onChange={() => toggleLayer(l.name)} /> {l.name}
            </label>
          ))}
        </fieldset>
        <div className="curation-actions">
          <button onClick={() => setMerging(true)} disabled={names.length < 2}>
            Merge all agreements…
          </button>
          <button onClick={p.onClose}>Back to the reader</button>
        </div>
      </header>
      <ul className="curation-legend" aria-label="Legend">
        {(Object.keys(kindWords) as (keyof typeof kindWords)[]).map((k) => (
          <li key={k}>
            <span className={`cur-swatch cur-${k}`} aria-hidden /> <b>{kindWords[k].name}</b> <span className="muted">{kindWords[k].means}</span>
          </li>
        ))}
        <li className="muted">
          Keys: <kbd>↑</kbd>/<kbd>↓</kbd> item, {names.map((n, i) => (
            <span key={n}>
              <kbd>{i + 1}</kbd> {n}’s,{' '}
            </span>
          ))}
          <kbd>B</kbd> both, <kbd>N</kbd> neither
        </li>
      </ul>
      {error ? (
        <p className="curation-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="curation-body">
        <ol className="curation-items" aria-label="Items to decide">
          {items.map((i, n) => (
            <ItemRow
              key={i.key}
              item={i}
              names={names}
              labels={labelName}
              current={n === cursor}
              rejected={rejected.has(i.key)}
              onSelect={() => setCursor(n)}
              onDecide={(take) => {
                setCursor(n);
                void decide(take);
              }}
            />
          ))}
          {diff && !items.length ? <li className="muted">No spans in these layers here.</li> : null}
        </ol>
        <div className="curation-columns" style={{ ['--cols' as string]: names.length + 1 }}>
          {doc && diff
            ? [...names, 'gold'].map((n) => (
                <LayerColumn key={n} name={n} doc={doc} diff={diff} labels={labelName} currentKey={current?.key ?? null} />
              ))
            : null}
        </div>
      </div>
      {merging ? (
        <MergeDialog reads={p.reads} docId={p.docId} annotators={names} onMerge={p.onMerge} onClose={() => setMerging(false)} onMerged={() => void load()} />
      ) : null}
    </section>
  );
}

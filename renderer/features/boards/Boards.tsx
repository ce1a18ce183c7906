import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ReadBackend } from '../../backend/types';
import type { ClusterSummary } from '../../../common/model';
import type { Annotator } from '../../../common/annotators';
import { messageOf } from '../../state/attempt';
import { assignSourceColors, dateRange } from './timeline';
import { ClaimCard } from './ClaimCard';
import { SpeakerCard } from './SpeakerCard';
import { plural, type BoardView, type OpenMention, type RenameCluster } from './types';
import { layerChoices } from '../layers/layerStyles';

interface Props {
  /** Read calls only: a rename goes through `onRename` (the workbench's undoable command). */
  reads: ReadBackend;
  view: BoardView;
  /** Bump to refetch (after links, clusters or annotations changed, here or elsewhere). */
  refreshKey: number;
  onOpenMention: OpenMention;
  onRename: RenameCluster;
  /** The project's annotators (issue 13): with more than one, the board has a layer select. */
  annotators?: Annotator[];
  /** The layer shown until another is picked: the current annotator's. */
  currentId?: number | null;
}

/** Which annotator's clusters the board shows; a board shows one layer, since clusters never mix layers. */
function LayerSelect({ annotators, value, onChange }: { annotators: Annotator[]; value: number; onChange(id: number): void }) {
  return (
    <label className="board-layer">
      Layer{' '}
      <select value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {annotators.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * The claims and speakers boards: one card per same-as cluster with its documents, sources, dates and, for
 * claims, a timeline and the figures its mentions cite, conflicts flagged. Clicking a mention opens it.
 */
export function Boards({ reads, view, refreshKey, onOpenMention, onRename, annotators: all = [], currentId = null }: Props) {
  // Proposals (the `auto` layer) form no clusters an analyst curates here: they are accepted in the reader.
  const annotators = useMemo(() => layerChoices(all), [all]);
  const [data, setData] = useState<{ view: BoardView; clusters: ClusterSummary[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [attempt, setAttempt] = useState(0);
  // Picked in the layer select; back to the current annotator's whenever the analyst switches.
  const [picked, setPicked] = useState<number | null>(null);
  useEffect(() => setPicked(null), [currentId]);
  const layer = picked ?? currentId;
  const layerSelect =
    annotators.length > 1 && layer !== null ? <LayerSelect annotators={annotators} value={layer} onChange={setPicked} /> : null;

  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    reads.call(view === 'claims' ? 'boards.claims' : 'boards.speakers', layer === null ? {} : { annotatorId: layer }).then(
      (clusters) => {
        if (!live) return;
        setData({ view, clusters });
        setLoading(false);
      },
      (e: unknown) => {
        if (!live) return;
        setError(messageOf(e));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [reads, view, refreshKey, attempt, layer]);

  const renamed = useCallback((id: number, name: string) => {
    setData((d) => d && { ...d, clusters: d.clusters.map((c) => (c.id === id ? { ...c, name } : c)) });
  }, []);

  const clusters = data && data.view === view ? data.clusters : null;
  const range = useMemo(() => (clusters ? dateRange(clusters.flatMap((c) => c.mentions.map((m) => m.date))) : null), [clusters]);
  // One colour per source across the whole board, so that RT is the same dot on every card.
  const colorOf = useMemo(() => assignSourceColors((clusters ?? []).flatMap((c) => c.mentions.map((m) => m.source))), [clusters]);
  const noun = view === 'claims' ? 'claim' : 'speaker';
  const title = view === 'claims' ? 'Claims' : 'Speakers';

  if (error) {
    return (
      <div className="board board-state board-error" role="alert">
        <h2 className="board-state-title">Could not load the {noun}s board</h2>
        <p className="board-error-message">{error}</p>
        <button onClick={() => setAttempt((n) => n + 1)}>Try again</button>
      </div>
    );
  }
  if (!clusters) {
    return (
      <div className="board board-state board-loading" role="status" aria-live="polite">
        <span className="board-spinner" aria-hidden />
        Loading {noun}s…
      </div>
    );
  }
  if (clusters.length === 0) {
    return (
      <div className="board board-state board-empty">
        {layerSelect}
        <h2 className="board-state-title">No {noun} clusters yet</h2>
        <p>A cluster is the same {noun} found in several documents.</p>
        <p className="board-empty-hint">
          Link two {noun}s with same-as (select a {noun}, press <kbd>L</kbd>).
        </p>
      </div>
    );
  }

  const mentions = clusters.reduce((n, c) => n + c.mentions.length, 0);
  const conflicted = view === 'claims' ? clusters.filter((c) => c.conflicts.length > 0).length : 0;
  return (
    <div className={`board board-${view}`} aria-busy={loading}>
      <header className="board-head">
        <h2 className="board-title">{title}</h2>
        <span className="board-head-meta">
          {plural(clusters.length, 'cluster')} · {plural(mentions, 'mention')}
          {range ? (
            <>
              {' '}
              · {range.start} → {range.end}
            </>
          ) : null}
        </span>
        {conflicted ? (
          <span className="board-badge board-badge-warn">
            {plural(conflicted, 'claim')} with disagreeing figures
          </span>
        ) : null}
        {layerSelect}
        <span className="board-refreshing" aria-live="polite">
          {loading ? 'Refreshing…' : ''}
        </span>
      </header>
      <div className="board-list">
        {clusters.map((c) =>
          view === 'claims' ? (
            <ClaimCard key={c.id} cluster={c} range={range} colorOf={colorOf} onRename={onRename} onRenamed={renamed} onOpen={onOpenMention} />
          ) : (
            <SpeakerCard key={c.id} cluster={c} colorOf={colorOf} onRename={onRename} onRenamed={renamed} onOpen={onOpenMention} />
          ),
        )}
      </div>
    </div>
  );
}

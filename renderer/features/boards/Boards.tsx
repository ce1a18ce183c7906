import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Backend } from '../../backend/types';
import type { ClusterSummary } from '../../../common/model';
import { assignSourceColors, dateRange, datePosition, dotLanes, rangeDays, type DateRange } from './timeline';

type View = 'claims' | 'speakers';
type Mention = ClusterSummary['mentions'][number];
type Figure = ClusterSummary['figures'][number];
type ColorOf = (source: string | null) => string;

interface Props {
  backend: Backend;
  view: View;
  /** Bump to refetch (after links or annotations changed elsewhere). */
  refreshKey: number;
  onOpenMention(docId: number, annotationId: number): void;
}

/** Mentions shown before a card folds the rest behind "Show all". */
const MENTIONS_FOLDED = 8;
/** Closest two timeline dots may sit (fraction of the strip) before the later one moves to a lane below. */
const DOT_GAP = 0.016;
const LANE_PX = 10;

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The claims and speakers boards: one card per same-as cluster with its documents, sources, dates and, for
 * claims, a timeline and the figures its mentions cite, conflicts flagged. Clicking a mention opens it.
 */
export function Boards({ backend, view, refreshKey, onOpenMention }: Props) {
  const [data, setData] = useState<{ view: View; clusters: ClusterSummary[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    backend.call(view === 'claims' ? 'boards.claims' : 'boards.speakers', {}).then(
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
  }, [backend, view, refreshKey, attempt]);

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
        <span className="board-refreshing" aria-live="polite">
          {loading ? 'Refreshing…' : ''}
        </span>
      </header>
      <div className="board-list">
        {clusters.map((c) =>
          view === 'claims' ? (
            <ClaimCard key={c.id} cluster={c} range={range} colorOf={colorOf} backend={backend} onRenamed={renamed} onOpen={onOpenMention} />
          ) : (
            <SpeakerCard key={c.id} cluster={c} colorOf={colorOf} backend={backend} onRenamed={renamed} onOpen={onOpenMention} />
          ),
        )}
      </div>
    </div>
  );
}

interface CardProps {
  cluster: ClusterSummary;
  colorOf: ColorOf;
  backend: Backend;
  onRenamed(id: number, name: string): void;
  onOpen(docId: number, annotationId: number): void;
}

function ClaimCard({ cluster: c, range, colorOf, backend, onRenamed, onOpen }: CardProps & { range: DateRange | null }) {
  return (
    <section className="board-card board-card-claim" aria-label={`Claim cluster: ${c.name}`} data-cluster-id={c.id}>
      <header className="board-card-head">
        <ClusterName id={c.id} name={c.name} backend={backend} onRenamed={onRenamed} />
        <CardMeta cluster={c} />
      </header>
      <Timeline cluster={c} range={range} colorOf={colorOf} onOpen={onOpen} />
      <Mentions mentions={c.mentions} colorOf={colorOf} onOpen={onOpen} />
      <Figures cluster={c} onOpen={onOpen} />
    </section>
  );
}

function SpeakerCard({ cluster: c, colorOf, backend, onRenamed, onOpen }: CardProps) {
  const counts = new Map<string, number>();
  for (const m of c.mentions) counts.set(m.text.trim(), (counts.get(m.text.trim()) ?? 0) + 1);
  return (
    <section className="board-card board-card-speaker" aria-label={`Speaker cluster: ${c.name}`} data-cluster-id={c.id}>
      <header className="board-card-head">
        <ClusterName id={c.id} name={c.name} backend={backend} onRenamed={onRenamed} />
        <CardMeta cluster={c} />
      </header>
      <div className="board-section">
        <h4 className="board-section-title">{c.spellings.length === 1 ? 'Spelling' : `Spellings · ${c.spellings.length}`}</h4>
        <ul className="board-chips board-spellings" aria-label="Spellings">
          {c.spellings.map((s) => (
            <li key={s} className="board-chip board-spelling">
              <span className="board-chip-text">{s}</span>
              {(counts.get(s) ?? 0) > 1 ? <span className="board-chip-count">×{counts.get(s)}</span> : null}
            </li>
          ))}
        </ul>
      </div>
      {c.sources.length ? (
        <div className="board-section">
          <h4 className="board-section-title">Sources · {c.sources.length}</h4>
          <ul className="board-chips board-sources" aria-label="Sources">
            {c.sources.map((s) => (
              <li key={s} className="board-chip board-source">
                <SourceDot color={colorOf(s)} />
                <span className="board-chip-text">{s}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <Mentions mentions={c.mentions} colorOf={colorOf} onOpen={onOpen} />
    </section>
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

/** The canonical name; the pencil (or a click on the name) edits it in place. Enter or leaving the field saves, Esc cancels. */
function ClusterName({ id, name, backend, onRenamed }: { id: number; name: string; backend: Backend; onRenamed(id: number, name: string): void }) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(name);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Refs, not state: blur fires after Enter/Esc in the same tick, before a re-render.
  const closed = useRef(true);
  const busy = useRef(false);
  const focusButton = useRef(false);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!editing && focusButton.current) {
      focusButton.current = false;
      button.current?.focus();
    }
  }, [editing]);

  const open = () => {
    setDraft(name);
    setError(null);
    closed.current = false;
    setEditing(true);
  };
  const close = (refocus: boolean) => {
    closed.current = true;
    focusButton.current = refocus;
    setError(null);
    setEditing(false);
  };
  const save = async (how: 'enter' | 'blur') => {
    if (closed.current || busy.current) return;
    const next = draft.trim();
    if (next === name) return close(how === 'enter');
    if (!next) {
      if (how === 'blur') return close(false);
      setError('The name cannot be empty. Esc keeps the old one.');
      return;
    }
    busy.current = true;
    setSaving(true);
    try {
      const cluster = await backend.call('clusters.rename', { id, name: next });
      onRenamed(id, cluster.name);
      close(how === 'enter');
    } catch (e) {
      setError(`Could not rename: ${messageOf(e)}`);
    } finally {
      busy.current = false;
      setSaving(false);
    }
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void save('enter');
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      if (!busy.current) close(true);
    }
  };

  if (editing) {
    return (
      <div className="board-name-edit">
        <input
          className="board-name-input"
          aria-label="Cluster name"
          aria-invalid={!!error}
          aria-describedby={`board-name-hint-${id}`}
          value={draft}
          readOnly={saving}
          maxLength={1000}
          autoFocus
          onFocus={(e) => e.currentTarget.select()}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKey}
          onBlur={() => void save('blur')}
        />
        {error ? (
          <p className="board-name-error" role="alert" id={`board-name-hint-${id}`}>
            {error}
          </p>
        ) : (
          <p className="board-name-hint" id={`board-name-hint-${id}`}>
            {saving ? 'Saving…' : 'Enter saves · Esc cancels'}
          </p>
        )}
      </div>
    );
  }
  return (
    <div className="board-name-row">
      <h3 className="board-name" onClick={open} title="Click to rename">
        {name}
      </h3>
      <button ref={button} className="board-rename" aria-label="Rename cluster" title="Rename cluster" onClick={open}>
        ✎
      </button>
    </div>
  );
}

function SourceDot({ color }: { color: string }) {
  return <span className="board-source-dot" style={{ ['--c' as string]: color }} aria-hidden />;
}

/** One dot per dated mention on the board's own time axis, coloured by source; undated mentions are counted below. */
function Timeline({ cluster: c, range, colorOf, onOpen }: { cluster: ClusterSummary; range: DateRange | null; colorOf: ColorOf; onOpen(docId: number, annotationId: number): void }) {
  const placed = c.mentions
    .map((m) => ({ m, x: datePosition(m.date, range) }))
    .filter((p): p is { m: Mention; x: number } => p.x !== null);
  const undated = c.mentions.filter((m) => datePosition(m.date, range) === null);
  const lanes = dotLanes(
    placed.map((p) => p.x),
    DOT_GAP,
  );
  const laneCount = placed.length ? Math.max(...lanes) + 1 : 1;
  const height = 20 + (laneCount - 1) * LANE_PX;
  const first = datePosition(c.firstDate, range);
  const last = datePosition(c.lastDate, range);
  const sources = [...new Set(c.mentions.map((m) => m.source ?? ''))];
  const pct = (x: number) => `${(x * 100).toFixed(3)}%`;

  return (
    <div className="board-timeline">
      <h4 className="board-section-title">Timeline</h4>
      {range && placed.length ? (
        <>
          <div className="board-timeline-strip">
            <svg
              className="board-timeline-svg"
              width="100%"
              height={height}
              role="img"
              aria-label={`Timeline: ${plural(placed.length, 'dated mention')} between ${c.firstDate} and ${c.lastDate}`}
            >
              <line className="board-timeline-track" x1="0%" x2="100%" y1={10} y2={10} />
              {first !== null && last !== null ? (
                <line className="board-timeline-span" x1={pct(first)} x2={pct(last)} y1={10} y2={10} />
              ) : null}
              {placed.map(({ m, x }, i) => (
                <circle
                  key={m.annotationId}
                  className="board-dot"
                  data-annotation-id={m.annotationId}
                  cx={pct(x)}
                  cy={10 + lanes[i] * LANE_PX}
                  r={4.5}
                  fill={colorOf(m.source)}
                  onClick={() => onOpen(m.docId, m.annotationId)}
                >
                  <title>{`${m.source ?? 'unknown source'} · ${m.date} · ${m.text}`}</title>
                </circle>
              ))}
            </svg>
          </div>
          <div className="board-timeline-axis" aria-hidden>
            <span>{range.start}</span>
            {range.startDay !== range.endDay ? <span className="board-timeline-days">{plural(rangeDays(range), 'day')}</span> : null}
            <span>{range.end}</span>
          </div>
        </>
      ) : (
        <p className="board-timeline-none">No dated mentions to place on the timeline.</p>
      )}
      <div className="board-legend">
        {sources.map((s) => (
          <span key={s} className="board-legend-item">
            <SourceDot color={colorOf(s || null)} />
            {s || 'unknown source'}
          </span>
        ))}
        {undated.length && placed.length ? (
          <span className="board-legend-undated" title={undated.map((m) => `${m.source ?? 'unknown source'} · ${m.docTitle}`).join('\n')}>
            + {undated.length} undated, not on the timeline
          </span>
        ) : null}
      </div>
    </div>
  );
}

/** The mentions in date order (as the backend sends them); each opens its document at the span. */
function Mentions({ mentions, colorOf, onOpen }: { mentions: Mention[]; colorOf: ColorOf; onOpen(docId: number, annotationId: number): void }) {
  const [all, setAll] = useState(false);
  // Folding away one or two rows saves nothing: fold only when it hides at least three.
  const foldable = mentions.length > MENTIONS_FOLDED + 2;
  const shown = foldable && !all ? mentions.slice(0, MENTIONS_FOLDED) : mentions;
  return (
    <div className="board-section board-mentions-section">
      <h4 className="board-section-title">Mentions · {mentions.length}</h4>
      <ul className="board-mentions">
        {shown.map((m) => (
          <li key={m.annotationId}>
            <button
              className="board-mention"
              data-annotation-id={m.annotationId}
              data-doc-id={m.docId}
              title="Open in the document"
              onClick={() => onOpen(m.docId, m.annotationId)}
            >
              <span className={`board-mention-date ${m.date ? '' : 'board-undated'}`}>{m.date ?? 'undated'}</span>
              <span className="board-mention-source" title={m.source ?? undefined}>
                <SourceDot color={colorOf(m.source)} />
                <span className="board-ellipsis">{m.source ?? 'unknown source'}</span>
              </span>
              <span className="board-mention-body">
                <span className="board-mention-title">{m.docTitle}</span>
                <span className="board-mention-text">{m.text}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      {foldable ? (
        <button className="board-more" aria-expanded={all} onClick={() => setAll((a) => !a)}>
          {all ? 'Show fewer' : `Show all ${mentions.length} mentions`}
        </button>
      ) : null}
    </div>
  );
}

/** Cited figures side by side; each pair that disagrees gets its own warning row. */
function Figures({ cluster: c, onOpen }: { cluster: ClusterSummary; onOpen(docId: number, annotationId: number): void }) {
  if (!c.figures.length) return null;
  const byId = new Map(c.figures.map((f) => [f.annotationId, f]));
  const inConflict = new Set(c.conflicts.flatMap((k) => [k.a, k.b]));
  const chip = (f: Figure, warn: boolean, key?: string) => (
    <button
      key={key ?? f.annotationId}
      className={`board-figure ${warn ? 'board-figure-conflict' : ''}`}
      data-annotation-id={f.annotationId}
      title="Open in the document"
      onClick={() => onOpen(f.docId, f.annotationId)}
    >
      <span className="board-figure-text">{f.text}</span>
      <span className="board-figure-source"> — {f.source ?? 'unknown source'}</span>
    </button>
  );
  return (
    <div className="board-section board-figures">
      <h4 className="board-section-title">Figures · {c.figures.length}</h4>
      <div className="board-figure-chips">{c.figures.map((f) => chip(f, inConflict.has(f.annotationId)))}</div>
      {c.conflicts.length ? (
        <ul className="board-conflicts">
          {c.conflicts.map((k) => {
            const a = byId.get(k.a);
            const b = byId.get(k.b);
            return (
              <li key={`${k.a}-${k.b}`} className="board-conflict">
                <span className="board-conflict-icon" aria-hidden>
                  ⚠
                </span>
                <span className="board-conflict-why">Figures disagree: {k.why}</span>
                <span className="board-conflict-pair">
                  {a ? chip(a, true, 'a') : null}
                  <span className="board-conflict-vs" aria-hidden>
                    vs
                  </span>
                  {b ? chip(b, true, 'b') : null}
                </span>
              </li>
            );
          })}
        </ul>
      ) : c.figures.length > 1 ? (
        <p className="board-figures-agree">✓ figures agree</p>
      ) : (
        <p className="board-figures-agree">One figure cited: nothing to compare yet</p>
      )}
    </div>
  );
}

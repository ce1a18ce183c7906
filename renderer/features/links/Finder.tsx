import { usePointerMoved } from './pointerMoved';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ReadBackend } from '../../backend/types';
import type { Annotation, AnnotationInContext, Label, LinkType, Passage } from '../../../common/model';
import { cycleType, defaultLink } from './defaults';
import { Context, docLine } from './Context';
import { Dialog } from '../../app/Dialog';
import './links.css';

type Row = { kind: 'annotation'; item: AnnotationInContext } | { kind: 'passage'; item: Passage };

interface Props {
  /** Read calls only: every change goes through the callbacks (the workbench's commands). */
  reads: ReadBackend;
  source: Annotation;
  labels: Label[];
  types: LinkType[];
  onLink(toId: number, type: LinkType, swap: boolean): void;
  onLinkPassage(p: Passage, type: LinkType, labelId: number): void;
  onClose(): void;
}

/**
 * Press L on a selected annotation: find what to link it to anywhere in the project. Type to filter by text,
 * label, document or cluster; ↑/↓ choose, Tab cycles the link type, Enter links. Untagged passages from the
 * corpus search are offered too; choosing one tags it and links it in one step. Untagged passages of the source's
 * own document are left out unless "include this document" is ticked (Alt+I): they would otherwise crowd the top of
 * a search with the very sentence the span sits in. Tagged spans of the document stay (a claim's speaker is
 * usually in the same article).
 */
export function Finder({ reads, source, labels, types, onLink, onLinkPassage, onClose }: Props) {
  const [q, setQ] = useState('');
  const [rows, setRows] = useState<Row[]>([]);
  const [at, setAt] = useState(0);
  const moved = usePointerMoved();
  const [chosenType, setChosenType] = useState<LinkType | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [ownDoc, setOwnDoc] = useState(false);
  /** Why the passages of the corpus are missing (e.g. "Query too broad: …"); the tagged spans still show. */
  const [passageNote, setPassageNote] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const labelName = (id: number) => labels.find((l) => l.id === id)?.name ?? '';
  const sourceLabel = labelName(source.labelId);

  useEffect(() => input.current?.focus(), []);
  useEffect(() => {
    let live = true;
    setBusy(true);
    const t = setTimeout(async () => {
      try {
        let note: string | null = null;
        const [spans, passages] = await Promise.all([
          reads.call('annotations.find', { q, excludeId: source.id, limit: 40 }).catch((e: Error) => {
            note = e.message;
            return [];
          }),
          q.trim()
            ? reads.call('search.passages', { q, limit: 10, excludeDocId: ownDoc ? undefined : source.docId }).catch((e: Error) => {
                note = e.message;
                return [] as Passage[];
              })
            : Promise.resolve([] as Passage[]),
        ]);
        if (!live) return;
        setPassageNote(note);
        const tagged = (p: Passage) => spans.some((s) => s.annotation.docId === p.docId && s.annotation.start < p.end && p.start < s.annotation.end);
        setRows([
          ...spans.map((item): Row => ({ kind: 'annotation', item })),
          ...passages.filter((p) => !tagged(p)).map((item): Row => ({ kind: 'passage', item })),
        ]);
        setAt(0);
      } finally {
        if (live) setBusy(false);
      }
    }, 120);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [q, reads, source.id, source.docId, ownDoc]);

  const current = rows[at];
  const suggested = useMemo(() => {
    // With nothing to choose yet, the type shown is the one a span of the same label would get (same-as).
    const other = current?.kind === 'annotation' ? current.item.label : sourceLabel;
    return defaultLink(sourceLabel, other, types);
  }, [current, sourceLabel, types]);
  const type = chosenType ?? suggested.type;

  function choose(row: Row | undefined) {
    if (!row || !type) return;
    if (row.kind === 'annotation') {
      const swap = chosenType ? false : suggested.swap;
      onLink(row.item.annotation.id, type, swap);
    } else {
      // The passage gets the label the link implies: a claim's speaker, a claim's figure, else the same label.
      const implied = type.name === 'said-by' ? 'speaker' : type.name === 'cites' ? 'figure' : sourceLabel;
      const label = labels.find((l) => l.name === implied) ?? labels.find((l) => l.id === source.labelId)!;
      onLinkPassage(row.item, type, label.id);
    }
    onClose();
  }

  return (
    <Dialog label="Link to…" className="finder" onClose={onClose} returnFocus={() => focusHome(source.id)} testId="finder">
      <div
        className="finder-keys"
        onKeyDown={(e) => {
          if (e.altKey && e.code === 'KeyI') setOwnDoc((v) => !v);
          else if (e.target !== input.current) return;
          else if (e.key === 'ArrowDown') setAt((i) => Math.min(rows.length - 1, i + 1));
          else if (e.key === 'ArrowUp') setAt((i) => Math.max(0, i - 1));
          else if (e.key === 'Tab') setChosenType(cycleType(types, type, e.shiftKey ? -1 : 1));
          else if (e.key === 'Enter') choose(current);
          else return;
          e.preventDefault();
          e.stopPropagation();
        }}
      >
        <div className="finder-head">
          <span className="muted">Link</span> <q className="finder-source" dir="auto">{source.text}</q>
          <span className="muted">as</span>
          <button
            type="button"
            className="linktype"
            style={{ ['--c' as string]: type?.color ?? '#888' }}
            data-testid="finder-type"
            aria-label={`Link type: ${type?.name ?? 'none'} (Tab in the search field changes it)`}
            onClick={() => setChosenType(cycleType(types, type, 1))}
          >
            {type?.name ?? '—'}
          </button>
          <span className="muted hint">Tab changes the type · Enter links · Esc closes</span>
        </div>
        <label className="finder-own muted">
          <input type="checkbox" checked={ownDoc} onChange={(e) => setOwnDoc(e.target.checked)} /> include untagged passages of this document (Alt+I)
        </label>
        <input
          ref={input}
          className="finder-input"
          aria-label="Find annotations and passages"
          placeholder="Type to find spans by text, label, document or cluster; passages from the corpus too"
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        <ol className="finder-list" role="listbox" aria-label="Link targets" aria-busy={busy}>
          {rows.map((r, i) => (
            <li
              key={r.kind === 'annotation' ? `a${r.item.annotation.id}` : `p${r.item.docId}:${r.item.start}`}
              role="option"
              aria-selected={i === at}
              className={`finder-row ${i === at ? 'finder-row-on' : ''}`}
              onMouseMove={(e) => moved(e) && setAt(i)}
              onClick={() => choose(r)}
            >
              {r.kind === 'annotation' ? (
                <>
                  <span className="finder-kind" style={{ ['--c' as string]: labels.find((l) => l.id === r.item.annotation.labelId)?.color }}>
                    {r.item.label}
                  </span>
                  <span className="finder-text" dir="auto">{r.item.annotation.text}</span>
                  {r.item.clusterName ? <span className="finder-cluster">◆ {r.item.clusterName}</span> : null}
                  <span className="finder-doc muted">{docLine(r.item)}</span>
                  <span className="finder-ctx" dir="auto">
                    <Context text={r.item.context} start={r.item.contextStart} end={r.item.contextEnd} />
                  </span>
                </>
              ) : (
                <>
                  <span className="finder-kind finder-kind-passage">untagged passage</span>
                  <span className="finder-doc muted">{docLine(r.item)}</span>
                  <span className="finder-ctx" dir="auto">
                    <Context text={r.item.context} start={r.item.contextStart} end={r.item.contextEnd} />
                  </span>
                </>
              )}
            </li>
          ))}
        </ol>
        {passageNote ? <p className="muted pad" role="status">{passageNote}</p> : null}
        {!busy && !passageNote && rows.length === 0 ? <p className="muted pad">Nothing matches “{q}”.</p> : null}
      </div>
    </Dialog>
  );
}

/**
 * Where focus goes when the finder closes and nothing had focus when it opened (L pressed over the page): the
 * source annotation's row in the annotation list, else the reader, so the keyboard user stays where they work.
 */
function focusHome(annotationId: number): HTMLElement | null {
  return document.querySelector<HTMLElement>(`.annrow[data-ann-id="${annotationId}"]`) ?? document.querySelector<HTMLElement>('.reader-text [tabindex], .reader-text');
}

import { useEffect, useId, useRef, useState } from 'react';
import type { Annotator } from '../../../common/annotators';
import { layerChoices, type LayerLook } from './layerStyles';
import { AnnotatingAs } from './AnnotatingAs';
import { plural as count } from '../boards/types';
import './layers.css';

interface Props {
  annotators: Annotator[];
  currentId: number;
  shown: ReadonlySet<number>;
  looks: ReadonlyMap<number, LayerLook>;
  onToggle(id: number): void;
  /** Asked when the list opens, so its counts are fresh. */
  onOpen(): void;
  /** Opens the annotator dialog (switch or add). */
  onSwitch(): void;
  /** Opens the curation view on the open document (offered once there is a second layer to compare). */
  onCurate?(): void;
}

/**
 * Above the reader: who is annotating ("Annotating as Dana", which opens the switch), and on a project with more
 * than one layer besides `auto` (its proposals are drawn by the proposals feature) the Layers control (which
 * annotators' spans the reader shows, each with its counts; the layer being edited is always shown) and, with
 * several shown, the legend pairing each name with how its spans are drawn (one's own filled, others underlined
 * in a line style).
 */
export function LayerBar({ annotators, currentId, shown, looks, onToggle, onOpen, onSwitch, onCurate }: Props) {
  const [open, setOpen] = useState(false);
  const panel = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const click = (e: MouseEvent) => root.current && !root.current.contains(e.target as Node) && setOpen(false);
    const key = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('mousedown', click);
    document.addEventListener('keydown', key, true);
    return () => {
      document.removeEventListener('mousedown', click);
      document.removeEventListener('keydown', key, true);
    };
  }, [open]);

  // Not `auto`: proposals have their own dashed boxes and tools (layerChoices).
  const choices = layerChoices(annotators);
  const legend = choices.filter((a) => shown.has(a.id));
  const name = annotators.find((a) => a.id === currentId)?.name ?? '';
  return (
    <div className="layerbar" ref={root}>
      <AnnotatingAs name={name} onOpen={onSwitch} />
      {choices.length > 1 ? (
      <button
        ref={button}
        className="layers-button"
        aria-expanded={open}
        aria-controls={panel}
        onClick={() => {
          if (!open) onOpen();
          setOpen(!open);
        }}
      >
        Layers <span className="muted">{legend.length}/{choices.length}</span>
      </button>
      ) : null}
      {onCurate && choices.length > 1 ? (
        <button className="curate-button" onClick={onCurate} title="Compare the layers of this document side by side and build the gold layer">
          Curate this document
        </button>
      ) : null}
      {open ? (
        <fieldset className="layers-panel" id={panel}>
          <legend>Layers shown in the reader</legend>
          {choices.map((a) => (
            <label key={a.id} className="layers-row">
              <input type="checkbox" checked={shown.has(a.id)} disabled={a.id === currentId} onChange={() => onToggle(a.id)} />
              <span className="layers-name">{a.name}</span>
              <span className="muted">
                {a.id === currentId ? 'you · ' : ''}
                {count(a.spans, 'span')} · {count(a.links, 'link')} · {count(a.documents, 'document')}
              </span>
            </label>
          ))}
        </fieldset>
      ) : null}
      {legend.length > 1 ? (
        <ul className="layers-legend" aria-label="Legend of the layers shown">
          {legend.map((a) => {
            const line = looks.get(a.id)?.line ?? null;
            return (
              <li key={a.id} data-layer={a.name}>
                <span className={line ? 'legend-sample legend-outlined' : 'legend-sample legend-filled'} style={line ? { textDecorationStyle: line } : undefined} aria-hidden>
                  span
                </span>{' '}
                {a.name}
                <span className="muted">{line ? ` (${line} underline)` : ' (you, filled)'}</span>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}

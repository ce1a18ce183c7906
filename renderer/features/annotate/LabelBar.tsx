import type { Label } from '../../../common/model';

/**
 * Buttons that do what the label keys do; mousedown is cancelled so the text selection survives the click. The
 * last button opens the keyboard help sheet (as ? does).
 */
export function LabelBar({ labels, onLabel, onHelp }: { labels: Label[]; onLabel(l: Label, exact: boolean): void; onHelp?(): void }) {
  return (
    <div className="labelbar" role="toolbar" aria-label="Tag selection">
      <span className="muted">Tag selection</span>
      {labels.map((l) => (
        <button
          key={l.id}
          className="labelbtn"
          style={{ ['--c' as string]: l.color }}
          onMouseDown={(e) => e.preventDefault()}
          onClick={(e) => onLabel(l, e.altKey)}
          data-label={l.name}
        >
          <span className="swatch" /> {l.name}
          {l.key ? <kbd>{l.key}</kbd> : null}
        </button>
      ))}
      <span className="muted hint">Snaps to whole words · Alt keeps it exact</span>
      {onHelp ? (
        <button className="icon labelbar-help" onClick={onHelp} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
          ?
        </button>
      ) : null}
    </div>
  );
}

import { useEffect, useRef, useState } from 'react';
import type { Annotation, Attributes, Label } from '../../../common/model';

interface Props {
  annotation: Annotation;
  labels: Label[];
  onUpdate(patch: { labelId?: number; note?: string; attributes?: Attributes }): void;
  onDelete(): void;
  /** Set when the span is in another annotator's layer (issue 13): why it cannot be changed; the editor only shows it. */
  readOnly?: string | null;
  /** "Tag every occurrence…" (issue 14): propose the same string wherever else it occurs; absent, not offered. */
  onPropagate?(): void;
}

type Row = { key: string; value: string };
const toRows = (a: Attributes): Row[] => Object.entries(a).map(([key, value]) => ({ key, value }));
const fromRows = (rows: Row[]): Attributes =>
  Object.fromEntries(rows.filter((r) => r.key.trim()).map((r) => [r.key.trim(), r.value]));

/**
 * The selected annotation: label, note, attributes. Text fields commit when they lose focus (or Ctrl+Enter),
 * so one edit is one undo step rather than one per keystroke.
 */
export function AnnotationEditor({ annotation, labels, onUpdate, onDelete, readOnly = null, onPropagate }: Props) {
  const [note, setNote] = useState(annotation.note);
  const [rows, setRows] = useState<Row[]>(toRows(annotation.attributes));
  // Resync each field only when its stored value changed: a note saved on blur must not wipe an attribute row
  // that the same click just added.
  const storedAttrs = JSON.stringify(annotation.attributes);
  useEffect(() => setNote(annotation.note), [annotation.id, annotation.note]);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Never rewrite the rows under the user's cursor; they are committed when focus leaves the table.
    if (box.current?.contains(document.activeElement)) return;
    setRows(toRows(JSON.parse(storedAttrs) as Attributes));
  }, [annotation.id, storedAttrs]);

  const commitNote = () => note !== annotation.note && onUpdate({ note });
  const commitRows = (next = rows) => {
    const attrs = fromRows(next);
    if (JSON.stringify(attrs) !== JSON.stringify(annotation.attributes)) onUpdate({ attributes: attrs });
  };

  return (
    <section className="editor" aria-label="Selected annotation">
      {readOnly ? (
        <p className="layer-note" role="note">
          {readOnly}
        </p>
      ) : null}
      <blockquote className="editor-quote" dir="auto">{annotation.text}</blockquote>
      <fieldset className="editor-fields" disabled={!!readOnly}>
      <div className="editor-labels" role="radiogroup" aria-label="Label">
        {labels.map((l) => (
          <button
            key={l.id}
            role="radio"
            aria-checked={l.id === annotation.labelId}
            className={`labelbtn ${l.id === annotation.labelId ? 'labelbtn-on' : ''}`}
            style={{ ['--c' as string]: l.color }}
            onClick={() => onUpdate({ labelId: l.id })}
          >
            <span className="swatch" /> {l.name}
            {l.key ? <kbd>{l.key}</kbd> : null}
          </button>
        ))}
      </div>
      <label className="field">
        <span>Note</span>
        <textarea
          value={note}
          dir="auto"
          rows={3}
          placeholder="Why this matters, what to check…"
          onChange={(e) => setNote(e.target.value)}
          onBlur={commitNote}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) (e.target as HTMLTextAreaElement).blur();
            if (e.key === 'Escape') {
              setNote(annotation.note);
              (e.target as HTMLTextAreaElement).blur();
            }
          }}
        />
      </label>
      <div className="field">
        <span>Attributes</span>
        <div
          ref={box}
          onBlur={(e) => {
            if (!e.currentTarget.contains(e.relatedTarget as Node | null)) commitRows();
          }}
        >
        <table className="attrs">
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <td>
                  <input
                    aria-label="Attribute name"
                    dir="auto"
                    value={r.key}
                    autoFocus={i === rows.length - 1 && r.key === '' && r.value === ''}
                    placeholder="name"
                    onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, key: e.target.value } : x)))}
                  />
                </td>
                <td>
                  <input
                    aria-label="Attribute value"
                    dir="auto"
                    value={r.value}
                    placeholder="value"
                    onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))}
                    onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
                  />
                </td>
                <td>
                  <button
                    className="icon"
                    aria-label={`Remove attribute ${r.key}`}
                    onClick={() => {
                      const next = rows.filter((_, j) => j !== i);
                      setRows(next);
                      commitRows(next);
                    }}
                  >
                    ×
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button className="link" onClick={() => setRows([...rows, { key: '', value: '' }])}>
          + Add attribute
        </button>
        </div>
      </div>
      <div className="editor-actions">
        <span className="muted">
          {annotation.start}–{annotation.end}
        </span>
        {onPropagate ? (
          <button onClick={onPropagate} title="Propose this string wherever else it occurs in the corpus (counted first)">
            Tag every occurrence…
          </button>
        ) : null}
        <button className="danger" onClick={onDelete} title="Delete (Del)">
          Delete
        </button>
      </div>
      </fieldset>
    </section>
  );
}

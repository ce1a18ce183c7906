import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { CardProps } from './types';

interface Props extends Pick<CardProps, 'onRename' | 'onRenamed'> {
  id: number;
  name: string;
}

/** The canonical name; the pencil (or a click on the name) edits it in place. Enter or leaving the field saves, Esc cancels. */
export function ClusterName({ id, name, onRename, onRenamed }: Props) {
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
    const r = await onRename(id, name, next);
    busy.current = false;
    setSaving(false);
    if (!r.ok) return setError(`Could not rename: ${r.error}`);
    onRenamed(id, next);
    close(how === 'enter');
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
          dir="auto"
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
      <h3 className="board-name" onClick={open} title="Click to rename" dir="auto">
        {name}
      </h3>
      <button ref={button} className="board-rename" aria-label="Rename cluster" title="Rename cluster" onClick={open}>
        ✎
      </button>
    </div>
  );
}

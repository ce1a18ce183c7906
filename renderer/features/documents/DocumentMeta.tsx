import { useEffect, useState, type FormEvent } from 'react';
import type { Document, DocumentMeta as Meta } from '../../../common/model';
import { dateProblem, sourceProblem, titleProblem, urlProblem } from '../../../common/document-meta';
import type { Attempt } from '../../state/attempt';
import './documents.css';

type Fields = Omit<Meta, 'id'>;
type Draft = Record<keyof Fields, string>;

interface Props {
  doc: Document;
  readOnly: boolean;
  /** Saves the changed fields as one undoable edit; resolves with why it was refused, if it was. */
  onSave(patch: Partial<Fields>): Promise<Attempt>;
}

const draftOf = (d: Document): Draft => ({ title: d.title, date: d.date ?? '', source: d.source ?? '', url: d.url ?? '' });

/** What is wrong with each field of the draft, by the rules the backend applies (common/document-meta.ts). */
function problems(d: Draft): Partial<Record<keyof Fields, string>> {
  const out: Partial<Record<keyof Fields, string>> = {};
  const title = titleProblem(d.title);
  const date = d.date.trim() ? dateProblem(d.date.trim()) : null;
  const source = sourceProblem(d.source.trim());
  const url = d.url.trim() ? urlProblem(d.url.trim()) : null;
  if (title) out.title = title;
  if (date) out.date = date;
  if (source) out.source = source;
  if (url) out.url = url;
  return out;
}

/** Only the fields that differ from the document, empty strings meaning "none". */
function patchOf(d: Draft, doc: Document): Partial<Fields> {
  const patch: Partial<Fields> = {};
  const title = d.title.trim();
  const date = d.date.trim() || null;
  const source = d.source.trim() || null;
  const url = d.url.trim() || null;
  if (title !== doc.title) patch.title = title;
  if (date !== doc.date) patch.date = date;
  if (source !== doc.source) patch.source = source;
  if (url !== doc.url) patch.url = url;
  return patch;
}

const fields: { key: keyof Fields; label: string; placeholder: string }[] = [
  { key: 'title', label: 'Title', placeholder: 'Headline' },
  { key: 'date', label: 'Date', placeholder: 'yyyy-mm-dd' },
  { key: 'source', label: 'Source', placeholder: 'Outlet, e.g. RT' },
  { key: 'url', label: 'URL', placeholder: 'https://…' },
];

/**
 * The open document's metadata above the reader: its web address, what the import could not find, and an editor
 * for title, date, source and URL. A save is one undoable edit (Ctrl+Z); boards, timelines and exports read the
 * saved values. Fields are checked as they are typed, by the same rules the backend applies.
 */
export function DocumentMeta({ doc, readOnly, onSave }: Props) {
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // Another document opened, or this one changed underneath (undo, another window): start again from it.
  useEffect(() => {
    setDraft(null);
    setError(null);
  }, [doc.id, doc.title, doc.date, doc.source, doc.url]);

  const missing = [doc.date ? null : 'date', doc.source ? null : 'source', doc.url ? null : 'URL'].filter(Boolean);

  if (!draft) {
    return (
      <div className="docmeta" data-testid="doc-meta">
        {doc.url ? (
          <a className="docmeta-url" href={doc.url} target="_blank" rel="noreferrer noopener" dir="auto" title={doc.url}>
            {doc.url.replace(/^https?:\/\//i, '')}
          </a>
        ) : null}
        {missing.length ? <span className="docmeta-missing muted">Missing: {missing.join(', ')}</span> : null}
        {readOnly ? null : (
          <button className="docmeta-edit" onClick={() => setDraft(draftOf(doc))} aria-label="Edit title, date, source and URL">
            Edit details
          </button>
        )}
      </div>
    );
  }

  const wrong = problems(draft);
  const patch = patchOf(draft, doc);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (Object.keys(wrong).length || !Object.keys(patch).length) return;
    setSaving(true);
    const r = await onSave(patch);
    setSaving(false);
    if (r.ok) setDraft(null);
    else setError(r.error);
  };

  return (
    <form
      className="docmeta docmeta-editing"
      data-testid="doc-meta"
      aria-label="Document details"
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.stopPropagation();
        setDraft(null);
      }}
    >
      <div className="docmeta-grid">
        {fields.map((f) => (
          <div key={f.key} className="docmeta-field">
            <label htmlFor={`docmeta-${f.key}`}>{f.label}</label>
            <input
              id={`docmeta-${f.key}`}
              autoFocus={f.key === 'title'}
              dir={f.key === 'date' || f.key === 'url' ? 'ltr' : 'auto'}
              value={draft[f.key]}
              placeholder={f.placeholder}
              inputMode={f.key === 'url' ? 'url' : undefined}
              aria-invalid={wrong[f.key] ? true : undefined}
              aria-describedby={wrong[f.key] ? `docmeta-${f.key}-error` : undefined}
              onChange={(e) => setDraft({ ...draft, [f.key]: e.target.value })}
            />
            {wrong[f.key] ? (
              <span id={`docmeta-${f.key}-error`} className="field-error">
                {wrong[f.key]}
              </span>
            ) : null}
          </div>
        ))}
      </div>
      <div className="docmeta-actions">
        {error ? (
          <span className="field-error" role="alert">
            {error}
          </span>
        ) : null}
        <button type="button" onClick={() => setDraft(null)}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={saving || !!Object.keys(wrong).length || !Object.keys(patch).length}>
          Save
        </button>
      </div>
    </form>
  );
}

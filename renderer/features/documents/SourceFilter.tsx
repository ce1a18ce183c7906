import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import type { ReadBackend } from '../../backend/types';
import { countOf, formatCount } from '../../format/count';

type SourcePage = { sources: { source: string; documents: number }[]; total: number; none: number };

/** The chosen source: a name, null for the documents without one, undefined for any. */
type Chosen = string | null | undefined;

/** What the field and the choice say for the documents without a source (parenthesised: no source is named so). */
export const NO_SOURCE_LABEL = '(no source)';

/** The field's text for a choice. */
const textOf = (source: Chosen) => (source === null ? NO_SOURCE_LABEL : (source ?? ''));

interface Props {
  /** The chosen source (undefined: any; null: the documents without a source). */
  value: Chosen;
  reads: ReadBackend;
  /** Changes whenever documents may have changed (the workbench's `docsSeq`): the choices are asked again then. */
  refreshKey: number;
  /** False until the list shows its first rows (the first page of sources waits for them; see DocumentFilters). */
  ready: boolean;
  onChange(source: Chosen): void;
}

/** How many sources the list shows at once: the big outlets, and everything in a project with a handful. */
const SHOWN = 50;
/** Typing waits this long before asking (one request per pause, not per key). */
const TYPING_MS = 150;

/**
 * The first page of sources each backend answered (no query), with the `refreshKey` it was asked under: the bar is
 * unmounted while a search shows its hits, and mounted again it has them at once instead of asking again.
 */
const lastPage = new WeakMap<ReadBackend, { key: number; page: SourcePage }>();

/**
 * The Source filter as a type-to-search combobox (issue 15: a plain file's name is its source, so a project of
 * 100,000 files may name as many sources; a `<select>` of them all was a 371 kB answer and 11,014 options). The
 * field shows the chosen source; clicked, it lists the sources with most documents first (at most 50, via
 * `documents.sources`) and narrows them as the analyst types (case-insensitive, anywhere in the name). "Any source"
 * is always the first choice, then "(no source)" with its count when documents were imported without one (the
 * filter's `source: null`); a line under the choices says how many more match when not all are shown.
 *
 * ARIA combobox pattern (input + listbox): ↓/↑ move through the choices (↓ opens them), Enter or a click takes one,
 * Escape closes them and puts back the chosen source's name, Tab leaves. A chosen source no document names any more
 * is still shown, so that the choice can be seen and undone.
 */
export function SourceFilter({ value, reads, refreshKey, ready, onChange }: Props) {
  const [first, setFirst] = useState<SourcePage | null>(() => lastPage.get(reads)?.page ?? null);
  const [text, setText] = useState(textOf(value));
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState(false);
  const [found, setFound] = useState<{ query: string; page: SourcePage } | null>(null);
  const [active, setActive] = useState(0);
  const listId = useId();

  // The first page (most documents first), once the list is up and again when documents changed.
  useEffect(() => {
    if (!ready) return;
    const known = lastPage.get(reads);
    if (known?.key === refreshKey) return setFirst(known.page);
    let live = true;
    reads.call('documents.sources', { limit: SHOWN }).then(
      (page) => {
        lastPage.set(reads, { key: refreshKey, page });
        if (live) setFirst(page);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [reads, refreshKey, ready]);

  // What was typed, asked after a pause; an answer to an older query is dropped.
  const query = typed ? text.trim() : '';
  useEffect(() => {
    if (!query) return setFound(null);
    let live = true;
    const t = setTimeout(() => {
      reads.call('documents.sources', { query, limit: SHOWN }).then(
        (page) => live && setFound({ query, page }),
        () => undefined,
      );
    }, TYPING_MS);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [reads, query, refreshKey]);

  // The field follows the chosen source when it changes elsewhere ("Clear filters", the dashboard).
  useEffect(() => {
    if (!open) setText(textOf(value));
  }, [value, open]);

  const page = query ? (found?.query === query ? found.page : null) : first;
  const sources = page?.sources ?? [];
  const missing = !query && typeof value === 'string' && page !== null && !sources.some((s) => s.source === value);
  // Offered while some document has no source, and kept while chosen (so that the choice can be seen and undone);
  // typed for ("no sou"), it is found like a name.
  const none = (value === null || (page?.none ?? 0) > 0) && (!query || NO_SOURCE_LABEL.includes(query.toLowerCase()));
  const choices: { key: string; source: Chosen; label: string; documents?: number }[] = [
    { key: 'any', source: undefined, label: 'Any source' },
    ...(none ? [{ key: 'none', source: null, label: NO_SOURCE_LABEL, documents: page?.none || undefined }] : []),
    // Chosen, but not among the biggest (or named by no document any more): listed without a count.
    ...(missing ? [{ key: `=${value}`, source: value, label: String(value) }] : []),
    ...sources.map((s) => ({ key: `=${s.source}`, source: s.source, label: s.source, documents: s.documents })),
  ];
  const at = Math.min(active, choices.length - 1);
  const more = page ? page.total - sources.length : 0;

  const close = () => {
    setOpen(false);
    setTyped(false);
    setText(textOf(value));
  };
  // Leaving a field emptied by hand clears the filter, as Enter on it would; anything else typed is only a search.
  const leave = () => (typed && !text.trim() && value !== undefined ? pick(undefined) : close());
  const pick = (source: Chosen) => {
    setOpen(false);
    setTyped(false);
    setText(textOf(source));
    if (source !== value) onChange(source);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) return setOpen(true);
      const step = e.key === 'ArrowDown' ? 1 : -1;
      // No wrapping: ↓ on the last match stays on it (wrapping to "Any source" made ↓ then Enter clear the filter).
      setActive(Math.max(0, Math.min(choices.length - 1, at + step)));
    } else if (e.key === 'Enter' && open) {
      e.preventDefault();
      pick(choices[at].source);
    } else if (e.key === 'Escape' && open) {
      // Only the list closes: the workbench's own Escape (clear the search, drop the selection) waits for the next.
      e.preventDefault();
      e.stopPropagation();
      close();
    }
  };

  return (
    <div className="sourcefilter">
      <input
        role="combobox"
        aria-label="Source"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open ? `${listId}-${at}` : undefined}
        placeholder="Any source"
        title={value === null ? 'Documents imported without a source' : (value ?? 'Type to find a source')}
        dir="auto"
        value={text}
        // Focused, the chosen name is selected, so that typing replaces it; the list opens on a click, ↓ or typing.
        onFocus={(e) => e.target.select()}
        onClick={() => setOpen(true)}
        onBlur={leave}
        onChange={(e) => {
          setText(e.target.value);
          setTyped(true);
          setOpen(true);
          setActive(e.target.value.trim() ? 1 : 0);
        }}
        onKeyDown={onKeyDown}
      />
      {open ? (
        <div className="sourcefilter-pop">
          <ul id={listId} role="listbox" aria-label="Sources" aria-busy={page === null}>
            {choices.map((c, i) => (
              <li
                key={c.key}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === at}
                className={`sourcefilter-option${c.source === value ? ' sourcefilter-chosen' : ''}${c.source === null ? ' sourcefilter-none' : ''}`}
                // Keep the focus in the field: a click picks without blurring it first (which would close the list).
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => pick(c.source)}
                onMouseMove={() => i !== at && setActive(i)}
              >
                <span className="sourcefilter-name" dir="auto">
                  {c.label}
                </span>
                {c.documents !== undefined ? <span className="sourcefilter-count">{formatCount(c.documents)}</span> : null}
              </li>
            ))}
          </ul>
          <p className="sourcefilter-note" aria-live="polite">
            {page === null
              ? 'Looking…'
              : query && !sources.length
                ? `No source contains “${query}”.`
                : more > 0
                  ? `${countOf(sources.length, 'source')} of ${formatCount(page.total)} shown, most documents first: type to narrow.`
                  : null}
          </p>
        </div>
      ) : null}
    </div>
  );
}

import { SNIPPET_CLOSE, SNIPPET_OPEN, type SearchHit } from '../../../common/model';
import { formatCount, matchVerb } from '../../format/count';
import { SEARCH_SYNTAX } from './syntax';
import './search.css';

/** Splits an FTS5 snippet at its markers; the text is shown as text, never parsed as HTML. */
function Snippet({ text }: { text: string }) {
  const parts: { hit: boolean; text: string }[] = [];
  let hit = false;
  let buf = '';
  for (const ch of text) {
    if (ch === SNIPPET_OPEN || ch === SNIPPET_CLOSE) {
      if (buf) parts.push({ hit, text: buf });
      buf = '';
      hit = ch === SNIPPET_OPEN;
    } else buf += ch;
  }
  if (buf) parts.push({ hit, text: buf });
  return <>{parts.map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}</>;
}

interface Props {
  q: string;
  hits: SearchHit[];
  busy: boolean;
  /** Why the search failed (a refusal such as "Query too broad …"): shown where the hits would be. */
  error?: string;
  openId: number | null;
  onOpen(hit: SearchHit): void;
}

/**
 * The search box's hits in the left pane, with a line counting them ("1 document matches “Mosul”", "100+ documents
 * match …": the search asks for 100); with none, why: the refusal's own message, or the search syntax.
 */
export function SearchResults({ q, hits, busy, error, openId, onOpen }: Props) {
  const n = hits.length;
  const head = busy ? 'Searching…' : error ? `Not searched: “${q}”` : `${formatCount(n)}${n === 100 ? '+' : ''} ${n === 1 ? 'document' : 'documents'} ${matchVerb(n)} “${q}”`;
  return (
    <section className="results" aria-label="Search results" aria-busy={busy}>
      <div className="results-head muted" data-testid="results-head">
        {head}
      </div>
      {n ? (
        <ol className="results-list">
          {hits.map((h) => (
            <li key={h.docId}>
              <button className={`hit ${h.docId === openId ? 'hit-open' : ''}`} onClick={() => onOpen(h)} data-hit-doc={h.docId}>
                <span className="hit-title" dir="auto">{h.title}</span>
                <span className="hit-meta muted">
                  {h.date ?? 'no date'}
                  {h.source ? ` · ${h.source}` : ''}
                </span>
                <span className="hit-snippet" dir="auto">
                  <Snippet text={h.snippet} />
                </span>
              </button>
            </li>
          ))}
        </ol>
      ) : null}
      {!busy && error ? (
        <p className="pad results-error" role="alert">
          {error}
        </p>
      ) : !busy && n === 0 ? (
        <p className="muted pad">No matches. {SEARCH_SYNTAX}</p>
      ) : null}
    </section>
  );
}

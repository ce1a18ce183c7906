import { SNIPPET_CLOSE, SNIPPET_OPEN, type SearchHit } from '../../../common/model';
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
  openId: number | null;
  onOpen(hit: SearchHit): void;
}

export function SearchResults({ q, hits, busy, openId, onOpen }: Props) {
  return (
    <section className="results" aria-label="Search results">
      <div className="results-head muted">
        {busy ? 'Searching…' : `${hits.length}${hits.length === 100 ? '+' : ''} document${hits.length === 1 ? '' : 's'} match “${q}”`}
      </div>
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
      {!busy && hits.length === 0 ? (
        <p className="muted pad">No matches. Quote a phrase ("smart bombs"), end a word with * for a prefix (bomb*).</p>
      ) : null}
    </section>
  );
}

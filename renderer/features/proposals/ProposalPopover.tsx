import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Proposal } from '../../../common/proposals';
import type { LinkType } from '../../../common/model';
import type { ReadBackend } from '../../backend/types';
import { proposalLinks, provenance } from './summary';
import { cardTop, CARD_MARGIN as MARGIN } from './proposalNav';
import './proposals.css';

interface Props {
  proposal: Proposal;
  /** Read calls only: the proposal's links (`links.forAnnotation` with its auto annotation id). */
  reads: ReadBackend;
  linkTypes: readonly LinkType[];
  /** The label's colour (`#rrggbb`). */
  color: string;
  /** Where it is among the document's open proposals (1-based) and how many there are. */
  index: number;
  total: number;
  /** How many open proposals of its label the document has (Accept all). */
  sameLabel: number;
  /** Why deciding is not possible here (a read-only project), or null. */
  readOnly: string | null;
  onAccept(): void;
  onReject(): void;
  onAcceptAll(): void;
  onMove(step: 1 | -1): void;
  onClose(): void;
}


/**
 * The current proposal as a small card next to its dashed box in the reader (issue 14): label, text, rule,
 * confidence, figure attributes, and its decisions with their keys. It follows the text as the reader scrolls and
 * hides while the proposal is scrolled out of view (the keys still act on it). Not modal: the reader stays live.
 */
export function ProposalPopover(p: Props) {
  const { proposal } = p;
  const box = useRef<HTMLElement>(null);
  const [at, setAt] = useState<{ top: number; left: number } | null>(null);

  // Placed against the painted pieces of the proposal (their data-ann-ids name it) so that it covers neither the
  // proposal's lines nor the line on either side of them, where the reader has the room: below, a line further
  // down; else above, a line further up; else right against it (below, else above).
  useLayoutEffect(() => {
    let frame = 0;
    const place = () => {
      frame = 0;
      const card = box.current;
      const reader = document.querySelector('.reader');
      const pieces = reader ? [...reader.querySelectorAll(`.reader-text [data-ann-ids~="${proposal.id}"]`)] : [];
      if (!card || !reader || !pieces.length) return setAt(null);
      const view = reader.getBoundingClientRect();
      const first = pieces[0].getBoundingClientRect();
      const last = pieces[pieces.length - 1].getBoundingClientRect();
      if (last.bottom < view.top || first.top > view.bottom) return setAt(null);
      const top = cardTop(first, last, card.offsetHeight, view);
      const w = card.offsetWidth;
      const left = Math.max(view.left + MARGIN, Math.min(last.left, view.right - w - MARGIN));
      setAt((old) => (old && old.top === top && old.left === left ? old : { top, left }));
    };
    const soon = () => {
      if (!frame) frame = requestAnimationFrame(place);
    };
    soon();
    const text = document.querySelector('.reader');
    const watch = new MutationObserver(soon);
    if (text) watch.observe(text, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-ann-ids', 'class'] });
    document.addEventListener('scroll', soon, true);
    window.addEventListener('resize', soon);
    return () => {
      watch.disconnect();
      document.removeEventListener('scroll', soon, true);
      window.removeEventListener('resize', soon);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [proposal.id]);

  // What accepting it would bring along: its links to other proposals (read-only: the auto layer's links).
  const [links, setLinks] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setLinks(null);
    p.reads.call('links.forAnnotation', { id: proposal.id }).then(
      (r) => live && setLinks(proposalLinks(proposal.id, r.links, p.linkTypes)),
      () => live && setLinks(null),
    );
    return () => {
      live = false;
    };
  }, [p.reads, proposal.id, p.linkTypes]);

  // A new proposal starts at the top of the card, not where the last one was scrolled to.
  useEffect(() => {
    box.current?.scrollTo?.(0, 0);
  }, [proposal.id]);

  const attrs = ['value', 'bound', 'unit'].filter((k) => proposal.attributes[k]);
  const disabled = !!p.readOnly;
  return (
    <section
      ref={box}
      className="proppop"
      aria-label="Current proposal"
      data-testid="proposal-popover"
      style={{ ['--c' as string]: p.color, top: at?.top ?? 0, left: at?.left ?? 0, visibility: at ? 'visible' : 'hidden' }}
    >
      <header className="proppop-head">
        <span className="proppop-label">
          <span className="swatch" aria-hidden /> proposed {proposal.label}
        </span>
        <span className="muted proppop-count">
          {p.index} of {p.total}
        </span>
        <button className="icon" onClick={() => p.onMove(-1)} disabled={p.index <= 1} aria-label="Previous proposal" title="Previous proposal (Shift+K)">
          ‹
        </button>
        <button className="icon" onClick={() => p.onMove(1)} disabled={p.index >= p.total} aria-label="Next proposal" title="Next proposal (Shift+J)">
          ›
        </button>
        <button className="icon" onClick={p.onClose} aria-label="Close the proposal" title="Close (Esc)">
          ×
        </button>
      </header>
      <blockquote className="proppop-text" dir="auto">
        {proposal.text}
      </blockquote>
      <p className="proppop-meta muted">
        {provenance(proposal)}
        {attrs.length ? <span className="proppop-attrs"> · {attrs.map((k) => `${k}: ${proposal.attributes[k]}`).join(' · ')}</span> : null}
      </p>
      {links ? (
        <p className="proppop-links" data-testid="proposal-links">
          {links}
        </p>
      ) : null}
      {p.readOnly ? <p className="proppop-why muted">{p.readOnly}</p> : null}
      <div className="proppop-actions">
        <button className="primary" onClick={p.onAccept} disabled={disabled}>
          Accept <kbd>⇧A</kbd>
        </button>
        <button onClick={p.onReject} disabled={disabled}>
          Reject <kbd>⇧X</kbd>
        </button>
        <button onClick={p.onAcceptAll} disabled={disabled} title={`Accept the ${p.sameLabel} proposed ${proposal.label}s of this document`}>
          Accept all {p.sameLabel} {proposal.label}s <kbd>⇧E</kbd>
        </button>
      </div>
    </section>
  );
}


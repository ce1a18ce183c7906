/**
 * The open document's proposals (issue 14) and which one is current, for the reader, the popover, the side list
 * and the keys. Loaded with `proposals.forDocument` (a read) whenever the document or `refreshKey` changes (the
 * workbench passes what changes after a run or another window's commit: projectSeq, linkSeq), and after an edit in
 * the undo `history` that may have changed them (refetch.ts: a decision, an undo, not a tag beside them), so a
 * decided proposal goes and a new run's appear.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReadBackend } from '../../backend/types';
import type { History } from '../../state/history';
import { proposalsMayChange } from './refetch';
import type { Proposal } from '../../../common/proposals';
import { messageOf } from '../../state/attempt';

export interface ProposalsView {
  /** The open proposals of the document, in text order (empty with no document open). */
  list: Proposal[];
  /** The proposal the keys and the popover act on, or null. */
  current: Proposal | null;
  /** Makes a proposal current (null: none). */
  setCurrent(id: number | null): void;
  /** Why the list could not be loaded, if it could not. */
  error: string | null;
}

export function useProposals(reads: ReadBackend, docId: number | null, refreshKey: unknown, history?: History): ProposalsView {
  const [list, setList] = useState<Proposal[]>([]);
  const [currentId, setCurrentId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const shownDoc = useRef<number | null>(null);
  // Counts the history changes that may have changed the proposals, judged as each history is first rendered (a
  // second render of the same history, StrictMode's, changes nothing).
  const edits = useRef({ history, count: 0 });
  if (edits.current.history !== history) {
    const before = edits.current.history;
    if (!before || !history || proposalsMayChange(before, history, list)) edits.current.count++;
    edits.current.history = history;
  }
  const editKey = edits.current.count;

  useEffect(() => {
    if (docId === null) {
      shownDoc.current = null;
      setList([]);
      return;
    }
    let live = true;
    reads.call('proposals.forDocument', { docId }).then(
      (ps) => {
        if (!live) return;
        shownDoc.current = docId;
        setList(ps);
        setError(null);
      },
      (e) => live && (setList([]), setError(messageOf(e))),
    );
    return () => {
      live = false;
    };
  }, [reads, docId, refreshKey, editKey]);

  // Another document: nothing of the last one stays current.
  useEffect(() => {
    setCurrentId(null);
  }, [docId]);

  const current = list.find((p) => p.id === currentId) ?? null;
  const setCurrent = useCallback((id: number | null) => setCurrentId(id), []);
  // Until the new document's proposals arrive, the last one's are not drawn over its text.
  return { list: shownDoc.current === docId ? list : [], current, setCurrent, error };
}

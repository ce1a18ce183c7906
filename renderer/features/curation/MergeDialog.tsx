import { useEffect, useState } from 'react';
import type { ReadBackend } from '../../backend/types';
import type { AgreementsMerged } from '../../../common/curation';
import { Dialog } from '../../app/Dialog';
import { messageOf } from '../../state/attempt';

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
const what = (m: AgreementsMerged) =>
  `${plural(m.spans, 'span')}, ${plural(m.links, 'link')} and ${plural(m.clusterLinks, 'same-as link')} in ${plural(m.documents, 'document')}`;

/**
 * The confirmation of "Merge all agreements": says how much each scope (this document, every document) would put
 * into gold, counted by the backend's preview, before anything is written.
 */
export function MergeDialog(p: {
  reads: ReadBackend;
  docId: number;
  annotators: string[];
  onMerge(annotators: string[], docIds?: number[]): Promise<AgreementsMerged | null>;
  onMerged(): void;
  onClose(): void;
}) {
  const [here, setHere] = useState<AgreementsMerged | null>(null);
  const [all, setAll] = useState<AgreementsMerged | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const fail = (e: unknown) => setError(messageOf(e));
    void p.reads.call('curation.previewAgreements', { annotators: p.annotators, docIds: [p.docId] }).then(setHere, fail);
    void p.reads.call('curation.previewAgreements', { annotators: p.annotators }).then(setAll, fail);
  }, [p.reads, p.docId, p.annotators]);
  const run = async (docIds?: number[]) => {
    const r = await p.onMerge(p.annotators, docIds);
    if (r) p.onMerged();
    p.onClose();
  };
  const rule = p.annotators.length === 2 ? 'both have exactly' : `a majority of the ${p.annotators.length} has exactly`;
  return (
    <Dialog title="Merge all agreements into gold" onClose={p.onClose} testId="curation-merge">
      <p>
        Gold gets every span and link that {rule} ({p.annotators.join(', ')}), and the same-as pairs a majority links.
        What gold has stays; disagreements are left to decide. Undo takes the merge back.
      </p>
      {error ? <p role="alert">{error}</p> : null}
      <ul>
        <li>This document: {here ? what(here) : 'counting…'}</li>
        <li>Every document: {all ? what(all) : 'counting…'}</li>
      </ul>
      <div className="dialog-actions">
        <button onClick={p.onClose}>Cancel</button>
        <button disabled={!here || !(here.spans + here.links + here.clusterLinks)} onClick={() => void run([p.docId])}>
          Fill gold: this document
        </button>
        <button className="primary" disabled={!all || !(all.spans + all.links + all.clusterLinks)} onClick={() => void run()}>
          Fill gold: every document
        </button>
      </div>
    </Dialog>
  );
}

import type { ReadBackend } from '../../backend/types';
import type { Annotation, Label, LinkType } from '../../../common/model';
import type { PropagateResult } from '../../../common/proposals';
import type { PreannotateJob, PreannotateRequest } from '../../app/commands/proposals';
import type { Attempt } from '../../state/attempt';
import type { ProposalReview } from './useProposalReview';
import { ProposalPopover } from './ProposalPopover';
import { PreannotateDialog } from './PreannotateDialog';
import { PropagateDialog } from './PropagateDialog';

interface Props {
  review: ProposalReview;
  reads: ReadBackend;
  labels: Label[];
  /** To name the links a proposal comes with (said-by, cites). */
  linkTypes: LinkType[];
  /** The reader is shown (the popover belongs to it). */
  reading: boolean;
  open: { id: number; title: string } | null;
  selectedDocs: number[];
  /** The open document's annotations, to find the one "Tag every occurrence" was asked for. */
  annotations: Annotation[];
  readOnly: string | null;
  commands: {
    startPreannotate(request: PreannotateRequest): PreannotateJob;
    cancelPreannotate(jobId: string): void;
    propagate(annotationId: number): Promise<Attempt<PropagateResult>>;
  };
}

/** What pre-annotation puts over the workbench (issue 14): the current proposal's card and its two dialogs. */
export function ProposalOverlays({ review, reads, labels, linkTypes, reading, open, selectedDocs, annotations, readOnly, commands }: Props) {
  const { current, dialog } = review;
  const source = dialog?.kind === 'propagate' ? annotations.find((a) => a.id === dialog.annotationId) : undefined;
  return (
    <>
      {reading && current ? (
        <ProposalPopover
          proposal={current}
          reads={reads}
          linkTypes={linkTypes}
          color={labels.find((l) => l.id === current.labelId)?.color ?? '#888888'}
          index={review.index}
          total={review.list.length}
          sameLabel={review.sameLabel}
          readOnly={readOnly}
          onAccept={() => review.decide('accept')}
          onReject={() => review.decide('reject')}
          onAcceptAll={() => review.decide('acceptAll')}
          onMove={review.move}
          onClose={() => review.setCurrent(null)}
        />
      ) : null}
      {dialog?.kind === 'preannotate' ? (
        <PreannotateDialog
          reads={reads}
          labels={labels}
          open={open}
          selected={selectedDocs}
          initialScope={dialog.scope}
          onStart={commands.startPreannotate}
          onCancel={commands.cancelPreannotate}
          onClose={review.closeDialog}
        />
      ) : null}
      {source ? (
        <PropagateDialog
          reads={reads}
          annotation={source}
          labelName={labels.find((l) => l.id === source.labelId)?.name ?? 'its label'}
          onPropagate={commands.propagate}
          onClose={review.closeDialog}
        />
      ) : null}
    </>
  );
}

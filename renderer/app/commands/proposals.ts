/**
 * Pre-annotation commands (issue 14, common/proposals.ts): run pre-annotation over some documents (with progress
 * and a way to stop it), decide on proposals (accept copies them into the analyst's layer, reject records the
 * refusal) as one undoable step each, and "tag every occurrence" of a span. Deciding is undone with Ctrl+Z
 * (`proposals.undo` with what the decision did) and redone with `proposals.redo`, which puts exactly that back
 * under the same ids (so a later edit of an accepted span redoes too). A run and a propagation are not undone:
 * they only add proposals to the `auto` layer, which the analyst then decides on one by one.
 */
import type { ArgsIn } from '../../../common/contract';
import type { PreannotateReport, PropagateResult, ProposalsDecided } from '../../../common/proposals';
import { applyChange, type Applied, type Change } from '../../state/history';
import { attempt, type Attempt } from '../../state/attempt';
import { failWith, type CommandDeps } from './context';

/** What the pre-annotate dialog asks for; the job id is the command's. */
export type PreannotateRequest = Omit<ArgsIn<'preannotate.run'>, 'jobId'>;

/** A started run: its job id (to match progress events and to cancel it) and its end. */
export interface PreannotateJob {
  jobId: string;
  result: Promise<Attempt<PreannotateReport>>;
}

/** The proposal commands over `d`; `absorb` (the edit commands') brings the open document in line. */
export function proposalCommands(d: CommandDeps, absorb: (r: Applied, select: boolean) => Promise<void>) {
  const fail = failWith(d);

  return {
    /**
     * Starts pre-annotating under a new job id; progress arrives as 'preannotate.progress' events with that id. Not
     * queued behind edits (the backend runs it in its own turn). When it ends, views that read proposals reload
     * (projectSeq); a cancelled run keeps what it added.
     */
    startPreannotate(request: PreannotateRequest): PreannotateJob {
      const jobId = `ui-pre-${crypto.randomUUID()}`;
      const result = attempt(() => d.call('preannotate.run', { ...request, jobId })).then((r) => {
        d.dispatch({ type: 'projectChanged' });
        return r;
      });
      return { jobId, result };
    },

    /** Asks the run `jobId` to stop after the document it is on. */
    cancelPreannotate: (jobId: string) => void d.call('preannotate.cancel', { jobId }).catch(fail),

    /**
     * Accepts or rejects proposals (`auto` annotation ids) as one undoable step; accepted spans appear in the open
     * document, selected when only one was accepted. Resolves with what was done (null when it failed: toast shown).
     */
    decideProposals: (ids: number[], decision: 'accept' | 'reject'): Promise<ProposalsDecided | null> =>
      d.edits(async () => {
        if (!ids.length) return null;
        try {
          const change: Change = { kind: 'decide', ids, decision, decided: { created: [], links: [], decisions: [] } };
          const { applied, done } = await applyChange(d.call, change);
          await absorb(applied, false);
          if (applied.upserted.length === 1) d.dispatch({ type: 'select', id: applied.upserted[0].id });
          d.setHistory({ type: 'record', change: done });
          return done.kind === 'decide' ? done.decided : null;
        } catch (e) {
          fail(e);
          return null;
        }
      }),

    /**
     * Proposes every other occurrence of the annotation's text (the count is `proposals.propagateCount`, asked
     * first); views that read proposals reload. Resolves with what it added, or the failure for the dialog.
     */
    propagate: (annotationId: number): Promise<Attempt<PropagateResult>> =>
      d.edits(() =>
        attempt(async () => {
          const r = await d.call('proposals.propagate', { annotationId });
          d.dispatch({ type: 'projectChanged' });
          return r;
        }),
      ),
  };
}

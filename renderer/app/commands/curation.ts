/**
 * Curation commands (issue 13, adjudication): each decision and "merge all agreements" writes the `gold` layer
 * through the contract and records one undo entry, a batch of the ordinary changes (renderer/state/history.ts):
 * gold links taken away, gold spans taken away, gold spans made, gold links made. Undo applies its inverse, so
 * gold spans are deleted and put back like any annotation.
 */
import type { CurationAccepted } from '../../../common/curation';
import type { ArgsIn } from '../../../common/contract';
import type { Applied, Change } from '../../state/history';
import { failWith, type CommandDeps } from './context';

/** The undo entry for what an accept did, in the order it did it; null when it did nothing. */
export function acceptedChange(r: CurationAccepted): Change | null {
  const changes: Change[] = [
    ...(r.unlinked.links.length ? [{ kind: 'unlink' as const, links: r.unlinked.links, clusterNames: r.unlinked.clusterNames }] : []),
    ...r.removed.map((x): Change => ({ kind: 'delete', annotation: x.deleted, links: x.links, clusterName: x.clusterName })),
    // Made without a cluster: the links below (put back on redo) form it again.
    ...r.created.map((a): Change => ({ kind: 'create', annotation: { ...a, clusterId: null } })),
    ...(r.links.length ? [{ kind: 'link' as const, links: r.links }] : []),
  ];
  return changes.length ? { kind: 'batch', changes } : null;
}

/** The curation commands over `d`; `absorb` (the edit commands') brings the open document in line. */
export function curationCommands(d: CommandDeps, absorb: (r: Applied, select: boolean) => Promise<void>) {
  const fail = failWith(d);
  const relinked: Applied = { removed: [], upserted: [], relinked: true };
  const record = (c: Change | null) => c && d.setHistory({ type: 'record', change: c });

  return {
    /** One decision on an item (services/curation/accept.ts); resolves true once applied and recorded. */
    acceptCuration: (args: ArgsIn<'curation.accept'>): Promise<boolean> =>
      d.edits(async () => {
        try {
          const r = await d.call('curation.accept', args);
          record(acceptedChange(r));
          await absorb(relinked, false);
          return true;
        } catch (e) {
          fail(e);
          return false;
        }
      }),

    /** "Merge all agreements" into gold; resolves with how much it made (null when it failed). */
    mergeAgreements: (annotators: string[], docIds?: number[]) =>
      d.edits(async () => {
        try {
          const r = await d.call('curation.mergeAgreements', { annotators, docIds });
          record(
            acceptedChange({ unlinked: { links: [], clusterNames: [] }, removed: [], created: r.created, links: r.createdLinks }),
          );
          await absorb(relinked, false);
          return r;
        } catch (e) {
          fail(e);
          return null;
        }
      }),
  };
}

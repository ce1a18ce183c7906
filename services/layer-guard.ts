import type { Project } from './project.js';
import { AppError } from '../common/errors.js';
import { AUTO_LAYER, GOLD_LAYER } from '../common/annotators.js';

/**
 * Which layers a write may touch (issue 13): the current annotator's own, and `gold`, which whoever curates fills
 * (every gold item records its curator). Another analyst's layer, and the `auto` proposals, are read-only: an
 * analyst changes their own work, and takes a colleague's into gold through curation, never by editing it in place.
 * The reader refuses such edits too; this is where every host's calls are checked (a hostile tester edited,
 * deleted and forged spans of other layers through the HTTP API).
 */
export function layerGuard(p: Project) {
  /** @throws AppError Conflict naming whose layer `annotatorId` is and what to do instead. */
  function layer(annotatorId: number): void {
    const current = p.annotators.currentId();
    if (annotatorId === current) return;
    const owner = p.annotators.name(annotatorId);
    if (owner.toLowerCase() === GOLD_LAYER) return;
    const me = p.annotators.name(current);
    if (owner.toLowerCase() === AUTO_LAYER) {
      throw new AppError('Conflict', `This is a proposal (the ${AUTO_LAYER} layer): proposals are accepted or rejected, not edited (Shift+A / Shift+X). Accept it, then change your copy.`);
    }
    throw new AppError(
      'Conflict',
      `This is ${owner}'s layer, and you are annotating as ${me}: only your own layer and gold can be changed. Curate ${owner}'s work into gold, or switch to ${owner} if you are ${owner}.`,
    );
  }
  const annotation = (id: number) => layer(p.annotations.get(id).annotatorId);
  return {
    layer,
    annotation,
    link: (id: number) => layer(p.links.get(id).annotatorId),
    /** A cluster is in its members' layer. */
    cluster(id: number): void {
      const [first] = p.links.clusters.members(id);
      if (first !== undefined) annotation(first);
    },
  };
}

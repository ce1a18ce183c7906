/**
 * Which layer of this project each source layer goes to (issue 13, "Merge"). The rule:
 * - Layers keep their names, matched to this project's annotators by name in any case (created when missing).
 * - `--as NAME` names the layer of a source with one analyst layer (or none); the reserved `auto` and `gold`
 *   layers keep their names. With two or more analyst layers, `--as` is refused: their names are kept.
 * - Without `--as`, a merge never adds to the current analyst's own layer: a source layer of that name (a fresh
 *   project's layer is named after its OS user, which two desks may share) is refused, asking for `--as`.
 */
import { AppError } from '../../common/errors.js';
import { isReservedLayerName } from '../../common/annotators.js';

export interface SourceLayer {
  id: number;
  name: string;
  /** Spans plus links in the layer: a layer without either brings nothing and is not mapped. */
  work: number;
}

/**
 * Target layer names by source layer id, for the source layers holding work.
 * @param shown the source as named in messages.
 * @throws AppError InvalidInput: `--as` with several analyst layers; a layer that would go into the current one.
 */
export function planLayers(shown: string, layers: SourceLayer[], as: string | undefined, currentName: string): Map<number, string> {
  const working = layers.filter((l) => l.work > 0);
  const analysts = working.filter((l) => !isReservedLayerName(l.name));
  if (as !== undefined && analysts.length > 1) {
    throw new AppError(
      'InvalidInput',
      `${shown} holds the work of ${analysts.length} analysts (${analysts.map((l) => l.name).join(', ')}); --as names the layer of a source with one. Merge without --as to keep their names. Nothing was merged.`,
    );
  }
  const plan = new Map<number, string>();
  for (const l of working) plan.set(l.id, as !== undefined && !isReservedLayerName(l.name) ? as.trim() : l.name);
  if (as === undefined) {
    const mine = working.find((l) => l.name.trim().toLowerCase() === currentName.toLowerCase());
    if (mine) throw intoOwnLayer(shown, currentName);
  }
  return plan;
}

/** The refusal of a merge that would add to the current analyst's layer without being told to. */
export function intoOwnLayer(shown: string, currentName: string): AppError {
  return new AppError(
    'InvalidInput',
    `${shown}: its spans would go into your own layer "${currentName}" (the source names that layer, or does not say whose its spans are). Name the source's layer with --as NAME (in the app: "Layer name"); --as ${JSON.stringify(currentName)} adds them to yours. Nothing was merged.`,
  );
}

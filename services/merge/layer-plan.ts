/**
 * Which layer of this project each source layer goes to (issue 13, "Merge"). The rule:
 * - Layers keep their names, matched to this project's annotators by name in any case (created when missing).
 * - `--as NAME` names the layer of a source with one analyst layer (or none); the reserved `auto` and `gold`
 *   layers keep their names. With two or more analyst layers, `--as` is refused: their names are kept.
 * - Without `--as`, a merge never adds to the current analyst's own layer: a source layer of that name (a fresh
 *   project's layer is named after its OS user, which two desks may share) is refused, asking for `--as`.
 */
import { AppError } from '../../common/errors.js';
import { annotatorNameProblem, isReservedLayerName } from '../../common/annotators.js';

export interface SourceLayer {
  id: number;
  name: string;
  /** Spans plus links in the layer: a layer without either brings nothing and is not mapped. */
  work: number;
}

/**
 * Target layer names by source layer id, for the source layers holding work.
 * @param shown the source as named in messages.
 * @throws AppError InvalidInput: a source annotator whose name `annotatorNameProblem` refuses (even one with no
 *   work: the file is forged or broken); `--as` with several analyst layers; a layer that would go into the current one.
 */
export function planLayers(shown: string, layers: SourceLayer[], as: string | undefined, currentName: string): Map<number, string> {
  for (const l of layers) {
    // Reserved auto/gold are allowed (a colleague's proposals or adjudicated set); a blank name would fall into
    // the import's default layer, which is the current analyst's.
    const problem = annotatorNameProblem(l.name, true);
    if (problem) throw new AppError('InvalidInput', `${shown}: annotator ${l.id} ${shownName(l.name)}: ${problem}. Nothing was merged.`);
  }
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

/**
 * Refuses an `--as` name no analyst's layer can take (checked by `annotatorNameProblem`, reserved names refused):
 * `gold` is filled by curation, `auto` by pre-annotation, `all` means every layer.
 * @throws AppError InvalidInput naming the source and the rule.
 */
export function checkAsName(shown: string, as: string | undefined): void {
  if (as === undefined) return;
  const problem = annotatorNameProblem(as, false);
  if (!problem) return;
  const why = isReservedLayerName(as) && as.trim().toLowerCase() !== 'all' ? 'gold is filled by curation; auto by pre-annotation' : problem;
  throw new AppError('InvalidInput', `${shown}: --as ${shownName(as)}: ${why}; name the layer after the analyst whose work it is. Nothing was merged.`);
}

/** A name as a message shows it: quoted, cut to 60 characters, control and invisible format characters escaped. */
export function shownName(name: string): string {
  const cut = name.length > 60 ? `${name.slice(0, 60)}…` : name;
  return JSON.stringify(cut).replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The refusal of a merge that would add to the current analyst's layer without being told to. */
export function intoOwnLayer(shown: string, currentName: string): AppError {
  return new AppError(
    'InvalidInput',
    `${shown}: its spans would go into your own layer "${currentName}" (the source names that layer, or does not say whose its spans are). Name the source's layer with --as NAME (in the app: "Layer name"); --as ${JSON.stringify(currentName)} adds them to yours. Nothing was merged.`,
  );
}

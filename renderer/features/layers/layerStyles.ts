/**
 * Which layers the reader shows and how (issue 13), as plain data so it is tested without a DOM. The layer being
 * edited is the current annotator's: its spans are filled as they always were. Every other layer shown is drawn
 * outlined, its spans underlined in their label's colour with a line style of its own; the legend pairs each name
 * with its style. The styles go round in a fixed order by the annotators' list order (names, any case), so a
 * colleague keeps the same line whichever layers are ticked.
 */
import type { Annotation } from '../../../common/model';
import { AUTO_LAYER, type Annotator, type CurrentAnnotator } from '../../../common/annotators';
import type { LayerLine } from '../../editor/highlightSpecs';

/** Line styles for other layers, in the order they are handed out (then again from the start). */
export const LAYER_LINES: readonly LayerLine[] = ['dashed', 'dotted', 'wavy', 'double'];

/** How one shown layer is drawn: `line` null for the layer being edited (filled). */
export interface LayerLook {
  id: number;
  name: string;
  line: LayerLine | null;
}

/**
 * The look of every annotator's layer: the current one filled (`line` null), the others with a line style each,
 * handed out in list order (the current annotator skipped).
 */
export function layerLooks(annotators: readonly Annotator[], currentId: number): Map<number, LayerLook> {
  const out = new Map<number, LayerLook>();
  let k = 0;
  for (const a of annotators) {
    out.set(a.id, { id: a.id, name: a.name, line: a.id === currentId ? null : LAYER_LINES[k++ % LAYER_LINES.length] });
  }
  return out;
}

/**
 * The layers the Layers control offers to show (and counts, and the legend names): every annotator but `auto`.
 * Proposals are drawn by the proposals feature (dashed boxes, renderer/features/proposals/); offered here as well,
 * ticking `auto` would draw every proposal a second time, underlined, as if it were a colleague's work.
 */
export const layerChoices = (annotators: readonly Annotator[]): Annotator[] => annotators.filter((a) => a.name !== AUTO_LAYER);

/**
 * The layers shown when the analyst has not chosen: their own. `chosen` (ids ticked in the Layers control) wins
 * when given, but the layer being edited is always among them: new spans go there and must be seen.
 */
export function shownLayers(currentId: number, chosen: readonly number[] | null): Set<number> {
  return new Set([currentId, ...(chosen ?? [])]);
}

/** The annotations of the shown layers, in the order given. */
export function visibleAnnotations(annotations: readonly Annotation[], shown: ReadonlySet<number>): Annotation[] {
  return annotations.filter((a) => shown.has(a.annotatorId));
}

/**
 * Why the analyst may not change `a`, or null when it is theirs: it lies in another annotator's layer (named),
 * and each annotator edits, deletes and links only their own spans (the backend refuses cross-layer links too).
 */
export function notYours(a: Pick<Annotation, 'annotatorId'>, current: Pick<CurrentAnnotator, 'id' | 'name'>, nameOf: (id: number) => string | undefined): string | null {
  if (a.annotatorId === current.id) return null;
  const owner = nameOf(a.annotatorId) ?? `annotator ${a.annotatorId}`;
  return `This span is in ${owner}'s layer: you are annotating as ${current.name}. Only ${owner} can change, delete or link it (switch with "Annotating as").`;
}

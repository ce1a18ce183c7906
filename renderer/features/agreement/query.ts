/**
 * What the view asks `agreement.report` for: which annotators it offers and picks by default, and the call's
 * arguments from the controls. Pure: unit-tested.
 */
import type { AgreementQuery } from '../../../common/agreement';
import { AUTO_LAYER, GOLD_LAYER, type Annotator } from '../../../common/annotators';

/** The controls' state. `labels` empty: every label. */
export interface AgreementControls {
  annotators: string[];
  labels: string[];
  done: boolean;
  query: string;
}

/**
 * The layers that can be compared: every annotator with at least one span (gold included: the adjudicated layer
 * can be scored against each analyst), by name.
 */
export const comparableAnnotators = (list: Annotator[]): Annotator[] => list.filter((a) => a.spans > 0).sort((x, y) => x.name.localeCompare(y.name));

/**
 * Picked by default: every layer with spans except `auto` (proposals are no one's judgement) and `gold` (copied from
 * the others in curation, it would raise the figures; tick it to score a layer against gold).
 */
export const defaultAnnotators = (list: Annotator[]): string[] =>
  comparableAnnotators(list).filter((a) => a.name !== AUTO_LAYER && a.name !== GOLD_LAYER).map((a) => a.name);

/** The arguments of `agreement.report` for the controls (per-document figures always: the table needs them). */
export function reportArgs(c: AgreementControls): AgreementQuery {
  const q = c.query.trim();
  return {
    annotators: c.annotators,
    ...(c.labels.length ? { labels: c.labels } : {}),
    ...(q ? { query: q } : {}),
    ...(c.done ? { done: true } : {}),
    perDocument: true,
  };
}

/** Why the controls cannot be computed as they are, or null. */
export function controlsProblem(c: AgreementControls): string | null {
  return c.annotators.length < 2 ? 'Pick at least two annotators to compare.' : null;
}

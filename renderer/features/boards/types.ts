/** Types and wording the board's components share. */
import type { ClusterSummary } from '../../../common/model';
import type { Attempt } from '../../state/attempt';
import { countOf } from '../../format/count';
import { cardSourceColors } from './timeline';

export type BoardView = 'claims' | 'speakers';
export type Mention = ClusterSummary['mentions'][number];
export type Figure = ClusterSummary['figures'][number];
/**
 * The colour of a source's dots: the board's (the same on every card while the board's sources fit the palette),
 * made distinct among one card's sources by cardColors.
 */
export type ColorOf = (source: string | null) => string;

/** The colours of one card's sources: the board's, none shared on the card (timeline.ts cardSourceColors). */
export function cardColors(c: ClusterSummary, board: ColorOf): ColorOf {
  return cardSourceColors(board, [...c.sources, ...c.mentions.map((m) => m.source)]);
}
/** Opens a mention's document with the mention selected. */
export type OpenMention = (docId: number, annotationId: number) => void;

/** "1 document", "3 documents", "10,000 clusters": grouped digits as the rest of the UI (renderer/format/count.ts). */
export const plural = countOf;

/** Renames a cluster through the workbench (one undoable step); resolves with why it failed, if it did. */
export type RenameCluster = (clusterId: number, before: string, after: string) => Promise<Attempt>;

/** What every card is given. */
export interface CardProps {
  cluster: ClusterSummary;
  colorOf: ColorOf;
  onRename: RenameCluster;
  /** Shows a new name at once, before the board's reload brings it. */
  onRenamed(id: number, name: string): void;
  onOpen: OpenMention;
}

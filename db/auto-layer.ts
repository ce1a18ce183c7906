import { AUTO_LAYER } from '../common/annotators.js';

/**
 * SQL for leaving the reserved `auto` layer out of what the analyst reads as "what we annotated" (issue 14).
 * Proposals are spans of `auto` (common/proposals.ts) and are no annotations until accepted, which copies them into
 * an analyst's layer: the document list's counts, badges and label filter, the Project view's dashboard and
 * `stats.get` count every layer but `auto`. The layers bar still counts `auto` (db/annotators.ts): that is the
 * layer's own size.
 *
 * The `auto` annotator is looked up by name in SQL (the name column folds case; its UNIQUE index answers), as an
 * uncorrelated scalar subquery that SQLite evaluates once per statement run. A project that never ran
 * pre-annotation has no `auto` annotator: the subquery is NULL and `IS NOT NULL` keeps every row.
 */
export const AUTO_ID_SQL = `(SELECT id FROM annotators WHERE name = '${AUTO_LAYER}')`;

/** An SQL condition true for rows whose annotator column `column` is not the `auto` layer (every row when there is none). */
export const notAuto = (column: string): string => `${column} IS NOT ${AUTO_ID_SQL}`;

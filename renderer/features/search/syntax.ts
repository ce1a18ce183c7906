/**
 * The search box's syntax in one line, as db/fts-query.ts reads it: shown as the box's tooltip and under a search
 * that found nothing. NEAR(…) and other FTS5 operators are refused with a message saying what to type instead.
 */
export const SEARCH_SYNTAX =
  'Every word must appear (smart bombs); quote a phrase ("smart bombs"); end a word with * for a prefix (bomb*); OR between alternatives (Mosul OR Aleppo).';

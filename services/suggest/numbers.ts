/**
 * Figures in news text and whether two retellings of a claim agree on them: the entry point the suggestion
 * ranking and the boards import. The parts: numbers-figures.ts (finding figures: the scanner, its rules and
 * what is deliberately not a figure), numbers-parse.ts (the value of one number), numbers-context.ts
 * (qualifiers and date context around it), numbers-words.ts (the vocabulary), numbers-agreement.ts
 * (comparing figures and scoring two texts).
 */
export { extractFigures, type Figure, type FigureBound } from './numbers-figures.js';
export {
  ABOUT_TOLERANCE,
  VAGUE_SPAN,
  compareFigures,
  figureSimilarity,
  matchFigures,
  type FigureOutcome,
  type FigurePair,
} from './numbers-agreement.js';

/**
 * The annotator × annotator matrix of one measure: a cell per ordered pair of the compared annotators (both
 * halves, so a row reads as "this analyst against each other"), the diagonal empty. Pure: unit-tested.
 */
import type { AgreementReport } from '../../../common/agreement';
import { bandOf, findPair, formatScore, type Measure, type PairKey } from './measures';

export interface MatrixCell {
  row: string;
  col: string;
  /** The diagonal (an annotator against themselves): drawn empty, opens nothing. */
  self: boolean;
  value: number | null;
  /** What the cell writes: the figure, "—" for 0/0, '' on the diagonal. */
  text: string;
  /** Colour band 0..4 (measures.ts `bandOf`), null for 0/0 and the diagonal. */
  band: number | null;
  /** Tooltip and accessible name: who, which measure, the figure (or why there is none), and what a click does. */
  title: string;
  /** The pair the cell opens, as the report orders it; null on the diagonal. */
  pair: PairKey | null;
  /** Documents annotated by both. */
  documents: number;
}

export interface Matrix {
  names: string[];
  rows: MatrixCell[][];
}

const docs = (n: number) => `${n.toLocaleString('en')} ${n === 1 ? 'document' : 'documents'}`;

/** The matrix of `measure` over the report's annotators (in the report's order). */
export function buildMatrix(report: AgreementReport, measure: Measure): Matrix {
  const names = report.annotators;
  const rows = names.map((row) =>
    names.map((col): MatrixCell => {
      if (row === col) return { row, col, self: true, value: null, text: '', band: null, title: `${row} (the same annotator)`, pair: null, documents: 0 };
      const p = findPair(report.pairs, row, col);
      const key = p ? { a: p.a, b: p.b } : row < col ? { a: row, b: col } : { a: col, b: row };
      if (!p || p.documents === 0) {
        return { row, col, self: false, value: null, text: '—', band: null, title: `${row} × ${col}: no document annotated by both`, pair: key, documents: 0 };
      }
      const value = measure.of(p);
      const title =
        value === null
          ? `${row} × ${col}: ${measure.name} cannot be computed: ${measure.nullWhy}. ${docs(p.documents)} annotated by both. Show their disagreements`
          : `${row} × ${col}: ${measure.name} ${formatScore(value)} over ${docs(p.documents)}. Show their disagreements`;
      return { row, col, self: false, value, text: formatScore(value), band: bandOf(value), title, pair: key, documents: p.documents };
    }),
  );
  return { names, rows };
}

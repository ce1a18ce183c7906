import type { Matrix } from './matrix';
import type { PairKey } from './measures';

interface Props {
  matrix: Matrix;
  /** The measure's name, for the table's caption. */
  measureName: string;
  selected: PairKey | null;
  onOpenPair(pair: PairKey): void;
}

/**
 * The annotator × annotator matrix as a table: each off-diagonal cell is a button writing its figure (colour is a
 * second cue, never the only one), titled with who, the measure and the documents; "—" where the figure is 0/0,
 * its title saying why. A click or Enter opens that pair's disagreements.
 */
export function MatrixTable({ matrix, measureName, selected, onOpenPair }: Props) {
  return (
    <div className="agr-matrix-scroll">
      <table className="agr-matrix" aria-label={`${measureName} by pair of annotators`}>
        <thead>
          <tr>
            <td />
            {matrix.names.map((n) => (
              <th key={n} scope="col" dir="auto" title={n}>
                {n}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.rows.map((cells, i) => (
            <tr key={matrix.names[i]}>
              <th scope="row" dir="auto" title={matrix.names[i]}>
                {matrix.names[i]}
              </th>
              {cells.map((c) =>
                c.self || !c.pair ? (
                  <td key={c.col} className="agr-cell-self" title={c.title} />
                ) : (
                  <td key={c.col}>
                    <button
                      className="agr-cell"
                      data-band={c.band ?? 'none'}
                      data-pair={`${c.pair.a}|${c.pair.b}`}
                      title={c.title}
                      aria-label={c.title}
                      aria-pressed={!!selected && selected.a === c.pair.a && selected.b === c.pair.b}
                      onClick={() => onOpenPair(c.pair!)}
                    >
                      {c.text}
                    </button>
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

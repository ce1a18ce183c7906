// Optimal one-to-one assignment (Kuhn–Munkres / Hungarian algorithm), used by CEAF to align key and response
// clusters. Written here rather than taken from npm: it is ~50 lines and CEAF needs only the maximising form.

/** An optimal assignment: `pairs` are [row, column] indexes (each row and column at most once), `total` their weight sum. */
export interface Assignment {
  pairs: [number, number][];
  total: number;
}

/**
 * The one-to-one assignment of rows to columns with the largest total weight, for a rectangular matrix of finite
 * weights (`weights[row][column]`, every row the same length). With more rows than columns (or the reverse)
 * some rows (columns) stay unassigned. O(n²·m) for n = min(rows, columns), m = max: the shortest augmenting
 * path form of the Hungarian algorithm with potentials (Kuhn 1955; Munkres 1957; Jonker & Volgenant 1987).
 * Throws on a ragged matrix or a non-finite weight.
 */
export function maxWeightAssignment(weights: readonly (readonly number[])[]): Assignment {
  const rows = weights.length;
  const cols = rows === 0 ? 0 : weights[0].length;
  for (const row of weights) {
    if (row.length !== cols) throw new Error('maxWeightAssignment: every row must have the same length');
    for (const w of row) if (!Number.isFinite(w)) throw new Error(`maxWeightAssignment: weight ${w} is not finite`);
  }
  if (rows === 0 || cols === 0) return { pairs: [], total: 0 };
  // The algorithm below wants n <= m: transpose when there are more rows than columns.
  const transposed = rows > cols;
  const n = transposed ? cols : rows;
  const m = transposed ? rows : cols;
  // Minimise cost = -weight, 1-indexed as in the classical presentation (index 0 is the virtual start column).
  const cost = (i: number, j: number) => -(transposed ? weights[j - 1][i - 1] : weights[i - 1][j - 1]);
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const p = new Int32Array(m + 1); // p[j] = row assigned to column j (0 = none)
  const way = new Int32Array(m + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(m + 1).fill(Infinity);
    const used = new Uint8Array(m + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0];
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = cost(i0, j) - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else minv[j] -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0 !== 0);
  }
  const pairs: [number, number][] = [];
  let total = 0;
  for (let j = 1; j <= m; j++) {
    if (p[j] === 0) continue;
    const pair: [number, number] = transposed ? [j - 1, p[j] - 1] : [p[j] - 1, j - 1];
    pairs.push(pair);
    total += weights[pair[0]][pair[1]];
  }
  pairs.sort((a, b) => a[0] - b[0]);
  return { pairs, total };
}

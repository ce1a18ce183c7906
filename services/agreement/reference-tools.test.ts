// Optional cross-checks against the standard implementations the issue names: scikit-learn's cohen_kappa_score
// and the `krippendorff` package's nominal alpha, on random codings drawn from the seeded PRNG. Each test is
// skipped, saying what to install, where its Python package is missing (python.test-helpers.ts finds Python).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mulberry32, randomInt } from '../../common/random.js';
import { findPython, runPython } from '../formats/python.test-helpers.js';
import { cohenKappa, spanKappa } from './kappa.js';
import { alphaNominal } from './alpha.js';
import { wordCoding, wordUnitsByDoc } from './words.js';
import type { SpanRow } from './spans.js';

const near = (x: number | null, y: number | null) => (x === null ? y === null : y !== null && Math.abs(x - y) < 1e-9);

/** `count` pairs of codings of 0..40 units over `categories` categories (some constant, some of one category each). */
function randomPairs(seed: number, count: number): Array<[string[], string[]]> {
  const rnd = mulberry32(seed);
  return Array.from({ length: count }, (_, i) => {
    const n = randomInt(rnd, 1, 40);
    const k = i % 5 === 0 ? 1 : randomInt(rnd, 2, 4);
    const pick = () => 'abcd'[randomInt(rnd, 0, k - 1)];
    const a = Array.from({ length: n }, pick);
    // Half the pairs agree more than chance: b copies a with probability 0.6.
    const b = a.map((v) => (i % 2 && rnd() < 0.6 ? v : pick()));
    return [a, b];
  });
}

test('Cohen\'s κ equals scikit-learn\'s cohen_kappa_score on random codings (NaN there is null here)', (t) => {
  const py = findPython(['sklearn'], 'scikit-learn');
  if ('skip' in py) return t.skip(py.skip);
  const pairs = randomPairs(13, 60);
  const script = `
import json, sys, math, warnings
from sklearn.metrics import cohen_kappa_score
warnings.simplefilter('ignore')
out = []
for a, b in json.loads(sys.argv[1]):
    k = float(cohen_kappa_score(a, b))
    out.append(None if math.isnan(k) else k)
print(json.dumps(out))
`;
  const theirs: (number | null)[] = JSON.parse(runPython(py.python, script, [JSON.stringify(pairs)]).trim());
  pairs.forEach(([a, b], i) => assert.ok(near(cohenKappa(a, b), theirs[i]), `pair ${i}: ours ${cohenKappa(a, b)}, sklearn ${theirs[i]}`));
  assert.ok(theirs.some((k) => k === null) && theirs.some((k) => k !== null && k > 0.2), 'the sample holds constant codings and real agreement');
});

test('span κ over word units equals scikit-learn on the same word codings', (t) => {
  const py = findPython(['sklearn'], 'scikit-learn');
  if ('skip' in py) return t.skip(py.skip);
  const rnd = mulberry32(7);
  const text = 'The mayor denied the report on Friday, said 😀 a spokesman of the café in 東京 at 3.30 pm.';
  const words = wordUnitsByDoc(new Map([[1, text]]));
  const layer = (): SpanRow[] =>
    Array.from({ length: randomInt(rnd, 1, 6) }, () => {
      const start = randomInt(rnd, 0, 80);
      return { doc: 1, start, end: start + randomInt(rnd, 1, 12), label: 'xyz'[randomInt(rnd, 0, 2)] };
    });
  const cases = Array.from({ length: 30 }, () => [layer(), layer()] as const);
  const codings = cases.map(([a, b]) => [a, b].map((rows) => wordCoding(words.get(1)!, rows).category.map((c) => c ?? '\u0000none')));
  const script = `
import json, sys, math, warnings
from sklearn.metrics import cohen_kappa_score
warnings.simplefilter('ignore')
print(json.dumps([None if math.isnan(k) else k for k in (float(cohen_kappa_score(a, b)) for a, b in json.loads(sys.argv[1]))]))
`;
  const theirs: (number | null)[] = JSON.parse(runPython(py.python, script, [JSON.stringify(codings)]).trim());
  cases.forEach(([a, b], i) => assert.ok(near(spanKappa(a, b, words).overall, theirs[i]), `case ${i}`));
});

test('nominal α equals the krippendorff package\'s on random reliability data with missing values', (t) => {
  const py = findPython(['krippendorff', 'numpy'], 'krippendorff');
  if ('skip' in py) return t.skip(py.skip);
  const rnd = mulberry32(29);
  // Observers × units, null where an observer did not code the unit.
  const tables = Array.from({ length: 40 }, () => {
    const observers = randomInt(rnd, 2, 5);
    const units = randomInt(rnd, 2, 30);
    const k = randomInt(rnd, 2, 4);
    return Array.from({ length: observers }, () => Array.from({ length: units }, () => (rnd() < 0.2 ? null : randomInt(rnd, 1, k))));
  });
  const script = `
import json, sys
import numpy as np
import krippendorff
out = []
for table in json.loads(sys.argv[1]):
    data = np.array([[np.nan if v is None else v for v in row] for row in table], dtype=float)
    try:
        out.append(float(krippendorff.alpha(reliability_data=data, level_of_measurement='nominal')))
    except ValueError:
        out.append(None)  # one value in the whole domain: alpha is 0/0
print(json.dumps([None if v is None or v != v else v for v in out]))
`;
  const theirs: (number | null)[] = JSON.parse(runPython(py.python, script, [JSON.stringify(tables)]).trim());
  tables.forEach((table, i) => {
    const units = table[0].map((_, u) => table.map((row) => row[u]).filter((v): v is number => v !== null));
    assert.ok(near(alphaNominal(units), theirs[i]), `table ${i}: ours ${alphaNominal(units)}, krippendorff ${theirs[i]}`);
  });
});

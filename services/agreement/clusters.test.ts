import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { clusterAgreement, type Clustering, type Score } from './clusters.js';
import { maxWeightAssignment } from './assignment.js';

// Worked examples of the CoNLL reference coreference scorer v8.01 (github.com/conll/reference-coreference-
// scorers, test/TestCases.README; Pradhan et al. 2014). Each letter is a mention; "{bc}" a cluster. Lowercase
// and uppercase letters are different mentions (the README's "overlapping mention B"). Where the README's
// printed figure is a 0/0 (MUC of an all-singleton key, e.g. TC-N-1), Crosscheck reports null, not 0.

/** "{a} {bc}" → [['a'], ['b', 'c']]. */
const parse = (s: string): Clustering => [...s.matchAll(/\{(\w+)\}/g)].map((m) => [...m[1]]);
const f = (r: number, p: number) => (r + p === 0 ? 0 : (2 * r * p) / (r + p));
const EPS = 1e-9;

function near(actual: number | null, expected: number | null, what: string) {
  if (expected === null || actual === null) return assert.equal(actual, expected, what);
  assert.ok(Math.abs(actual - expected) < EPS, `${what}: ${actual} ≠ ${expected}`);
}
/** Asserts recall, precision and F1 (by default the harmonic mean of the two). */
function score(actual: Score, r: number | null, p: number | null, f1: number | null = r === null && p === null ? null : f(r ?? 0, p ?? 0)) {
  near(actual.r, r, 'recall');
  near(actual.p, p, 'precision');
  near(actual.f1, f1, 'F1');
}
/** BLANC from its coreference (c) and non-coreference (n) recall and precision: means of R, P and F. */
function blanc(actual: Score, rc: number, pc: number, rn: number, pn: number) {
  score(actual, (rc + rn) / 2, (pc + pn) / 2, (f(rc, pc) + f(rn, pn)) / 2);
}
const KEY = parse('{a} {bc} {def}');

describe('CoNLL reference scorer test cases (TestCases.README)', () => {
  test('TC-A-1 perfect response: everything is 1', () => {
    const s = clusterAgreement(KEY, parse('{a} {bc} {def}'));
    for (const m of [s.muc, s.b3, s.ceafe, s.blanc]) score(m, 1, 1);
    near(s.conll, 1, 'conll');
  });
  test('TC-A-2 response missing mentions (twinless key mentions)', () => {
    const s = clusterAgreement(KEY, parse('{a} {de}'));
    score(s.b3, 7 / 18, 1);
    score(s.muc, 1 / 3, 1);
    score(s.ceafe, 1.8 / 3, 1.8 / 2);
    blanc(s.blanc, 1 / 4, 1, 2 / 11, 1);
    near(s.conll, (f(1 / 3, 1) + f(7 / 18, 1) + f(0.6, 0.9)) / 3, 'conll');
  });
  test('TC-A-3 response with false-alarm mentions (twinless response mentions)', () => {
    const s = clusterAgreement(KEY, parse('{a} {bcx} {defy} {z}'));
    score(s.b3, 1, 55 / 108);
    score(s.muc, 1, 3 / 5);
    const common = 1 + 4 / 5 + 6 / 7; // the README's "3.6/5" is a typo for this (F = 0.76)
    score(s.ceafe, common / 3, common / 4);
    near(s.ceafe.f1! * 100, 75.918367346938776, 'CEAF-e F1 = 2·2.657/7');
    blanc(s.blanc, 1, 4 / 9, 1, 11 / 27);
  });
  // TC-A-4 … TC-A-7: [response, B³ r/p, MUC r/p, CEAF-e common (of 3 key, 4 response clusters), BLANC rc/pc/rn/pn].
  const cases: [string, string, number[], number[], number, number[]][] = [
    ['TC-A-4 missing and false-alarm mentions', '{a} {bcx} {dy} {z}', [5 / 9, 17 / 42], [1 / 3, 1 / 3], 2.2, [1 / 4, 1 / 4, 5 / 11, 5 / 17]],
    ['TC-A-5 overlapping mention B in the aligned cluster', '{a} {bcxB} {dy} {z}', [5 / 9, 5 / 16], [1 / 3, 1 / 4], 1 + 4 / 6 + 2 / 5, [1 / 4, 1 / 7, 5 / 11, 5 / 21]],
    ['TC-A-6 overlapping mention B in an unaligned cluster', '{a} {bcx} {dy} {Bz}', [5 / 9, 17 / 48], [1 / 3, 1 / 4], 2.2, [1 / 4, 1 / 5, 5 / 11, 5 / 23]],
    ['TC-A-7 a mention repeated in its cluster counts once (as TC-A-4)', '{a} {bcxb} {dy} {z}', [5 / 9, 17 / 42], [1 / 3, 1 / 3], 2.2, [1 / 4, 1 / 4, 5 / 11, 5 / 17]],
  ];
  for (const [name, response, [b3r, b3p], [mucR, mucP], common, [rc, pc, rn, pn]] of cases) {
    test(name, () => {
      const s = clusterAgreement(KEY, parse(response));
      score(s.b3, b3r, b3p);
      score(s.muc, mucR, mucP);
      score(s.ceafe, common / 3, common / 4);
      blanc(s.blanc, rc, pc, rn, pn);
    });
  }
  test('TC-A-10 response of singletons only', () => {
    const s = clusterAgreement(KEY, parse('{a} {b} {c} {d} {e} {f}'));
    score(s.b3, 3 / 6, 1);
    score(s.muc, 0, null, 0); // recall 0/3, precision 0/0 (the README prints 0)
    blanc(s.blanc, 0, 0, 1, 11 / 15); // published BLANC = 0.42
    near(s.blanc.f1! * 100, 42.307692307692307, 'BLANC F1');
  });
  test('TC-A-11 every mention in one response cluster', () => {
    const s = clusterAgreement(KEY, parse('{abcdef}'));
    score(s.b3, 1, 7 / 18);
    score(s.muc, 1, 3 / 5);
    blanc(s.blanc, 1, 4 / 15, 0, 0);
  });
  test('TC-A-12 system mentions, singletons only', () => {
    const s = clusterAgreement(KEY, parse('{a} {x} {y} {c} {d} {e} {z}'));
    score(s.b3, 13 / 36, 4 / 7);
    score(s.muc, 0, null, 0);
    blanc(s.blanc, 0, 0, 5 / 11, 5 / 21);
  });
  test('TC-A-13 system mentions, all in one cluster', () => {
    const s = clusterAgreement(KEY, parse('{axycdez}'));
    score(s.b3, 17 / 36, 6 / 49);
    score(s.muc, 1 / 3, 1 / 6);
    blanc(s.blanc, 1 / 4, 1 / 21, 0, 0);
  });
  test('TC-B-1 and TC-C-1 BLANC with a spurious and a missing mention', () => {
    near(clusterAgreement(parse('{ab} {cde}'), parse('{bcx} {de}')).blanc.f1, 7 / 24, 'TC-B-1');
    near(clusterAgreement(parse('{ab} {cde} {fg}'), parse('{bcx} {de} {fg}')).blanc.f1, 0.5125, 'TC-C-1');
  });
  test('TC-D-1 and TC-E-1 (B³ paper): merging clusters', () => {
    const key = parse('{12345} {67} {89ABC}');
    const d = clusterAgreement(key, parse('{12345} {6789ABC}'));
    score(d.b3, 1, 16 / 21);
    assert.ok(Math.abs(d.b3.f1! - 0.864864865) < 1e-9);
    score(d.muc, 1, 9 / 10);
    const e = clusterAgreement(key, parse('{1234589ABC} {67}'));
    score(e.b3, 1, 7 / 12);
    assert.ok(Math.abs(e.b3.f1! - 0.736842105) < 1e-9);
    score(e.muc, 1, 9 / 10);
  });
  test('TC-F-1 … TC-L-1 (MUC paper), including twinless mentions in J, K and L', () => {
    score(clusterAgreement(parse('{ABCD}'), parse('{AB} {CD}')).muc, 2 / 3, 1);
    score(clusterAgreement(parse('{AB} {CD}'), parse('{ABCD}')).muc, 1, 2 / 3);
    score(clusterAgreement(parse('{ABCD}'), parse('{ABCD}')).muc, 1, 1);
    score(clusterAgreement(parse('{ABC}'), parse('{AC}')).muc, 1 / 2, 1);
    score(clusterAgreement(parse('{BCDEGHJ}'), parse('{ABC} {DEF} {GHI}')).muc, 3 / 6, 3 / 6);
    score(clusterAgreement(parse('{ABC} {DEFG}'), parse('{AB} {CD} {FGH}')).muc, 2 / 5, 2 / 4);
  });
  test('TC-M-1 … TC-M-6: a key without non-coreference pairs scores BLANC on coreference pairs only', () => {
    const key = parse('{abcdef}');
    const blancOf = (r: string) => clusterAgreement(key, parse(r)).blanc;
    score(blancOf('{abcdef}'), 1, 1);
    score(blancOf('{a} {b} {c} {d} {e} {f}'), 0, null, 0);
    score(blancOf('{ab} {cde} {f}'), 4 / 15, 1);
    near(blancOf('{ab} {cde} {f}').f1! * 100, 42.105263157894737, 'TC-M-3 = 0.42');
    score(blancOf('{abcxyz}'), 3 / 15, 3 / 15);
    score(blancOf('{a} {b} {c} {x} {y} {z}'), 0, null, 0);
    score(blancOf('{ab} {cxy} {z}'), 1 / 15, 1 / 4);
  });
  test('TC-N-1 … TC-N-6: a key of singletons scores BLANC on non-coreference pairs only', () => {
    const key = parse('{a} {b} {c} {d} {e} {f}');
    const n1 = clusterAgreement(key, parse('{a} {b} {c} {d} {e} {f}'));
    score(n1.b3, 1, 1);
    score(n1.ceafe, 1, 1);
    score(n1.blanc, 1, 1);
    score(n1.muc, null, null); // no links on either side: 0/0 (the README prints 0)
    assert.equal(n1.conll, null);
    const blancOf = (r: string) => clusterAgreement(key, parse(r)).blanc;
    score(blancOf('{abcdef}'), 0, null, 0);
    score(blancOf('{ab} {cde} {f}'), 11 / 15, 1);
    score(blancOf('{a} {b} {c} {x} {y} {z}'), 3 / 15, 3 / 15);
    score(blancOf('{abcxyz}'), 0, null, 0);
    score(blancOf('{ab} {cxy} {z}'), 2 / 15, 2 / 11);
  });
});

describe('clusterAgreement', () => {
  test('span mentions are identified by (doc, start, end), across documents', () => {
    const key = [[{ doc: 1, start: 0, end: 4 }, { doc: 2, start: 10, end: 14 }], [{ doc: 3, start: 0, end: 1 }]];
    const response = [[{ doc: 2, start: 10, end: 14 }, { doc: 1, start: 0, end: 4 }], [{ doc: 3, start: 0, end: 2 }]];
    const s = clusterAgreement(key, response);
    score(s.muc, 1, 1);
    score(s.b3, 2 / 3, 2 / 3);
    score(s.ceafe, 1 / 2, 1 / 2);
  });
  test('empty sides give null, not NaN', () => {
    const s = clusterAgreement([], []);
    for (const m of [s.muc, s.b3, s.ceafe, s.blanc]) score(m, null, null);
    assert.equal(s.conll, null);
  });
  test('a mention in two clusters of one side, or a malformed span, is a clear error', () => {
    assert.throws(() => clusterAgreement(parse('{ab} {bc}'), []), /key: mention "b" is in two clusters/);
    assert.throws(() => clusterAgreement([], [[{ doc: 1, start: 5, end: 2 }]]), /start and end must be integers/);
  });
});

/** A random side: each of `n` shared mentions is left out (-1, twinless on the other side) or in a cluster. */
const side = (n: number) =>
  fc.array(fc.integer({ min: -1, max: 5 }), { minLength: n, maxLength: n }).map((ids) => {
    const clusters = new Map<number, string[]>();
    ids.forEach((c, m) => {
      if (c >= 0) clusters.set(c, [...(clusters.get(c) ?? []), `m${m}`]);
    });
    return [...clusters.values()];
  });
const sides = fc.integer({ min: 0, max: 12 }).chain((n) => fc.tuple(side(n), side(n)));

describe('properties', () => {
  test('identical partitions score 1 wherever a measure is defined', () => {
    fc.assert(
      fc.property(side(10), (p) => {
        const s = clusterAgreement(p, p);
        for (const m of [s.muc, s.b3, s.ceafe, s.blanc]) for (const v of [m.r, m.p, m.f1]) if (v !== null) near(v, 1, 'score');
        if (p.some((c) => c.length > 1)) near(s.conll, 1, 'conll');
      }),
    );
  });
  test('swapping key and response swaps recall and precision', () => {
    fc.assert(
      fc.property(sides, ([a, b]) => {
        const ab = clusterAgreement(a, b);
        const ba = clusterAgreement(b, a);
        for (const m of ['muc', 'b3', 'ceafe'] as const) {
          near(ab[m].r, ba[m].p, `${m} r`);
          near(ab[m].p, ba[m].r, `${m} p`);
          near(ab[m].f1, ba[m].f1, `${m} f1`);
        }
        near(ab.conll, ba.conll, 'conll');
      }),
    );
  });
  test('every figure lies in 0..1', () => {
    fc.assert(
      fc.property(sides, ([a, b]) => {
        const s = clusterAgreement(a, b);
        for (const m of [s.muc, s.b3, s.ceafe, s.blanc]) for (const v of [m.r, m.p, m.f1]) assert.ok(v === null || (v >= -EPS && v <= 1 + EPS), `${v}`);
      }),
    );
  });
  test('CEAF-e aligned per group of overlapping clusters equals one alignment of the full φ4 matrix', () => {
    fc.assert(
      fc.property(sides, ([a, b]) => {
        const phi = (k: string[], r: string[]) => (2 * k.filter((m) => r.includes(m)).length) / (k.length + r.length);
        const full = maxWeightAssignment(a.map((k) => b.map((r) => phi(k, r)))).total;
        near(clusterAgreement(a, b).ceafe.r, a.length ? full / a.length : null, 'CEAF-e recall');
      }),
    );
  });
  test('BLANC counts equal explicit pair sets over each side\'s own mentions', () => {
    fc.assert(
      fc.property(sides, ([a, b]) => {
        const linkSets = (p: string[][]) => {
          const all = p.flat().sort();
          const coref = new Set<string>();
          const non = new Set<string>();
          const of = new Map(p.flatMap((c, i) => c.map((m) => [m, i] as const)));
          all.forEach((x, i) => all.slice(i + 1).forEach((y) => (of.get(x) === of.get(y) ? coref : non).add(`${x} ${y}`)));
          return { coref, non };
        };
        const k = linkSets(a);
        const r = linkSets(b);
        const both = (x: Set<string>, y: Set<string>) => [...x].filter((l) => y.has(l)).length;
        const rc = k.coref.size ? both(k.coref, r.coref) / k.coref.size : null;
        const rn = k.non.size ? both(k.non, r.non) / k.non.size : null;
        const s = clusterAgreement(a, b).blanc;
        if (rc === null && rn === null) return assert.equal(s.r, null);
        near(s.r, rc === null ? rn : rn === null ? rc : (rc + rn) / 2, 'BLANC recall');
      }),
    );
  });
  test('the assignment is optimal: equals brute force over every matching', () => {
    const brute = (w: number[][], row = 0, used = new Set<number>()): number => {
      if (row === w.length) return 0;
      let best = brute(w, row + 1, used); // row left unassigned
      w[row].forEach((x, j) => {
        if (used.has(j)) return;
        used.add(j);
        best = Math.max(best, x + brute(w, row + 1, used));
        used.delete(j);
      });
      return best;
    };
    const matrix = fc.integer({ min: 1, max: 5 }).chain((cols) =>
      fc.array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 5 }),
    );
    fc.assert(
      fc.property(matrix, (w) => {
        const a = maxWeightAssignment(w);
        assert.ok(Math.abs(a.total - brute(w)) < EPS);
        assert.equal(new Set(a.pairs.map(([i]) => i)).size, a.pairs.length);
        assert.equal(new Set(a.pairs.map(([, j]) => j)).size, a.pairs.length);
      }),
    );
  });
});

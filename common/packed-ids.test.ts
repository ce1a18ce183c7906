import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { packIds, unpackIds } from './packed-ids.js';
import { mulberry32, randomInt } from './random.js';

/** A random permutation of 1..n (Fisher–Yates), as a list sorted by title would order ids. */
function shuffled(n: number, rnd: () => number): number[] {
  const ids = Array.from({ length: n }, (_, i) => i + 1);
  for (let i = n - 1; i > 0; i--) {
    const j = randomInt(rnd, 0, i);
    [ids[i], ids[j]] = [ids[j], ids[i]];
  }
  return ids;
}

describe('packIds / unpackIds', () => {
  test('round-trips lists of every shape', () => {
    const rnd = mulberry32(15);
    const lists: number[][] = [
      [],
      [0],
      [1],
      [2 ** 52],
      [5, 5, 5, 0, 2 ** 40, 1],
      Array.from({ length: 1000 }, (_, i) => i + 1),
      Array.from({ length: 1000 }, (_, i) => 1000 - i),
      shuffled(5000, rnd),
    ];
    for (let k = 0; k < 200; k++) lists.push(Array.from({ length: randomInt(rnd, 0, 60) }, () => randomInt(rnd, 0, 10 ** randomInt(rnd, 0, 15))));
    for (const ids of lists) assert.deepEqual(unpackIds(packIds(ids)), ids, `list ${JSON.stringify(ids).slice(0, 80)}`);
  });

  test('is JSON- and URL-safe ASCII', () => {
    const packed = packIds(shuffled(3000, mulberry32(2))) + packIds([1, 70, 3, 2 ** 33]);
    assert.match(packed, /^[A-Za-z0-9_-]+$/);
  });

  test('a 100,000-document list in id order takes about one character per id, in title order three', () => {
    const n = 100_000;
    const inOrder = Array.from({ length: n }, (_, i) => i + 1);
    const byTitle = shuffled(n, mulberry32(7));
    assert.equal(packIds(inOrder).length, n + 1);
    // Reversed: the first id (zigzag 200,000 < 32⁴) takes four digits, every later delta of -1 one.
    assert.equal(packIds(inOrder.slice().reverse()).length, n + 4);
    // 100,000 < 64³: three base-64 digits each, plus the mode and the width.
    assert.equal(packIds(byTitle).length, 3 * n + 2);
    assert.ok(packIds(byTitle).length < 0.55 * JSON.stringify(byTitle).length);
    assert.deepEqual(unpackIds(packIds(byTitle)), byTitle);
  });

  test('refuses ids that are not non-negative integers up to 2^52, naming the position', () => {
    assert.throws(() => packIds([1, -1]), /id -1 at position 1/);
    assert.throws(() => packIds([1.5]), /id 1.5 at position 0/);
    assert.throws(() => packIds([2 ** 53]), /at position 0/);
    assert.throws(() => packIds([Number.NaN]), /id NaN/);
  });

  test('refuses a damaged string with the position of the fault', () => {
    assert.throws(() => unpackIds(''), /unknown mode "" at position 0/);
    assert.throws(() => unpackIds('x12'), /unknown mode "x"/);
    assert.throws(() => unpackIds('dC*C'), /character "\*" at position 2/);
    assert.throws(() => unpackIds('dCé'), /character "é" at position 2/);
    // "g" is a digit with more after it: the last number is cut short.
    assert.throws(() => unpackIds('dCg'), /ends in the middle of a number \(position 3\)/);
    assert.throws(() => unpackIds('f'), /no width/);
    assert.throws(() => unpackIds('fA'), /width 0/);
    assert.throws(() => unpackIds('fCAAA'), /ends in the middle of a number \(position 5; width 2\)/);
    // "B" is zigzag 1, a delta of -1 from 0.
    assert.throws(() => unpackIds('dB'), /makes id -1, below 0/);
  });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asciiFold, foldChar, isLetter, isLower, isTokenChar, isUpper, isWordChar, offsetIndexOrNull, toCp, toUtf16 } from './text.js';

test('code point conversions, with and without astral characters', () => {
  assert.equal(offsetIndexOrNull('plain'), null);
  assert.equal(toUtf16('😀 60', 2), 3);
  assert.equal(toCp('😀 60', 3), 2);
  assert.equal(toCp('😀 60', 1), 0); // inside the pair: rounds down
  assert.equal(toUtf16('abc', 99), 3); // clamped
  assert.equal(toUtf16('abc', -5), 0);
  assert.equal(toUtf16('a😀b', 3), 4);
});

test('character classes of any script', () => {
  assert.ok(isLetter('ж'.charCodeAt(0)) && isLetter('é'.charCodeAt(0)) && !isLetter('1'.charCodeAt(0)));
  assert.ok(isTokenChar('٣'.charCodeAt(0)) && !isTokenChar('—'.charCodeAt(0)) && !isTokenChar(0xd83d));
  assert.ok(isWordChar('_'.charCodeAt(0)) && !isWordChar('-'.charCodeAt(0)));
  assert.ok(isUpper('Р'.charCodeAt(0)) && !isUpper('р'.charCodeAt(0)) && isLower('р'.charCodeAt(0)));
  assert.ok(!isUpper('中'.charCodeAt(0)) && !isLower('中'.charCodeAt(0)));
});

test('folding to ASCII', () => {
  assert.equal(asciiFold('Sergeï Рудской'), 'sergei rudskoy');
  assert.equal(asciiFold('Łódź Straße'), 'lodz strasse');
  assert.equal(asciiFold('Щукин'), 'shchukin');
  assert.equal(foldChar('х'), 'kh');
  assert.equal(foldChar('é'), 'e');
});

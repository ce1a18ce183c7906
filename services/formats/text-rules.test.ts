import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isBlankText, normaliseLineEnds } from './text-rules.js';

test('normaliseLineEnds: CRLF and lone CR become LF; offsets after each removed CR move back by one, astral characters counted once', () => {
  assert.equal(normaliseLineEnds('no breaks\nhere'), null);
  const r = normaliseLineEnds('😀a\r\nb\rc\r\n\r\nd')!;
  assert.equal(r.text, '😀a\nb\nc\n\nd');
  // Code points of the original: 😀=0 a=1 \r=2 \n=3 b=4 \r=5 c=6 \r=7 \n=8 \r=9 \n=10 d=11.
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map(r.map), [0, 1, 2, 2, 3, 4, 5, 6, 6, 7, 7, 8, 9]);
  assert.equal([...r.text][r.map(11)], 'd');
});

test('isBlankText: white space and invisible format characters only (ZWSP, ZWJ, word joiner, BOM, soft hyphen) is blank', () => {
  for (const t of ['', ' \n\t', '\u200b\u200b', '\ufeff\u200d\u2060\u00ad \u3000']) assert.equal(isBlankText(t), true, JSON.stringify(t));
  for (const t of ['a', '\u200b.', '😀', '\u0301']) assert.equal(isBlankText(t), false, JSON.stringify(t));
});

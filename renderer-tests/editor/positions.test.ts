import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getSchema } from '@tiptap/core';
import Document from '@tiptap/extension-document';
import Paragraph from '@tiptap/extension-paragraph';
import Text from '@tiptap/extension-text';
import {
  buildPositionMap,
  cpToPm,
  pmRangeToCp,
  pmToCp,
  rangeToPm,
  rangeToPmLines,
  textToDoc,
  type PositionMap,
} from '../../renderer/editor/positions';
import { mulberry32 } from '../../common/random';

// The real editor schema: the map must agree with the document TipTap actually builds.
const schema = getSchema([Document, Paragraph, Text]);
const toDoc = (text: string) => schema.nodeFromJSON(textToDoc(text));

const TRICKY = [
  '',
  'a',
  '\n',
  '\n\n',
  'abc\n',
  '\nabc',
  'a😀b',
  '😀',
  '😀\n😀',
  '👩‍👩‍👧 family\n🇺🇦 flag',
  'cafe\u0301\n\nnaïve',
  'Привет, мир!\nСергей Рудской заявил',
  'x\n\n\ny😀\n',
  '\n😀\n\n🇺🇦🇷🇺\n',
];

function randomTexts(count: number): string[] {
  const pieces = ['a', 'Ж', ' ', '\n', '\n\n', '😀', '👩‍👩‍👧', '🇺🇦', 'e\u0301', ',', 'word'];
  const rnd = mulberry32(42);
  return Array.from({ length: count }, () =>
    Array.from({ length: Math.floor(rnd() * 12) }, () => pieces[Math.floor(rnd() * pieces.length)]).join(''),
  );
}

const ALL = [...TRICKY, ...randomTexts(300)];
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

test('textToDoc: one paragraph per line, no empty text nodes', () => {
  assert.deepEqual(textToDoc('a\n\nb'), {
    type: 'doc',
    content: [
      { type: 'paragraph', content: [{ type: 'text', text: 'a' }] },
      { type: 'paragraph' },
      { type: 'paragraph', content: [{ type: 'text', text: 'b' }] },
    ],
  });
  assert.deepEqual(textToDoc(''), { type: 'doc', content: [{ type: 'paragraph' }] });
  assert.equal(textToDoc('\n').content.length, 2);
  assert.equal(textToDoc('x\n').content.length, 2);
});

test('the PM doc reproduces the text and its size matches the map', () => {
  for (const text of ALL) {
    const doc = toDoc(text);
    assert.equal(doc.textBetween(0, doc.content.size, '\n'), text, JSON.stringify(text));
    assert.equal(buildPositionMap(text).docSize, doc.content.size, JSON.stringify(text));
  }
});

test('cpToPm: every code point lands on exactly that character in the PM doc', () => {
  for (const text of ALL) {
    const doc = toDoc(text);
    const map = buildPositionMap(text);
    const chars = [...text];
    chars.forEach((ch, c) => {
      const got = doc.textBetween(cpToPm(map, c), cpToPm(map, c + 1), '\n');
      assert.equal(got, ch, `${JSON.stringify(text)} at ${c}`);
    });
  }
});

test('round trip: pmToCp(cpToPm(c)) === c for every offset, with either bias', () => {
  for (const text of ALL) {
    const map = buildPositionMap(text);
    const length = [...text].length;
    for (let c = 0; c <= length; c++) {
      assert.equal(pmToCp(map, cpToPm(map, c)), c, `${JSON.stringify(text)} at ${c}`);
      assert.equal(pmToCp(map, cpToPm(map, c), -1), c, `${JSON.stringify(text)} at ${c} bias -1`);
    }
  }
});

test('pmToCp is monotonic over every PM position and stays in range', () => {
  for (const text of ALL) {
    const map = buildPositionMap(text);
    const length = [...text].length;
    let prev = 0;
    for (let pos = 0; pos <= map.docSize; pos++) {
      const c = pmToCp(map, pos);
      assert.ok(c >= prev && c <= length, `${JSON.stringify(text)} at pos ${pos}`);
      prev = c;
    }
  }
});

test('paragraph boundaries: end of a paragraph is its "\\n", start is the line start', () => {
  const map = buildPositionMap('ab\ncd');
  // doc: 0 <p> 1 a 2 b 3 </p> 4 <p> 5 c 6 d 7 </p> 8
  assert.equal(cpToPm(map, 0), 1);
  assert.equal(cpToPm(map, 2), 3); // the "\n"
  assert.equal(cpToPm(map, 3), 5);
  assert.equal(cpToPm(map, 5), 7);
  assert.equal(pmToCp(map, 3), 2);
  assert.equal(pmToCp(map, 5), 3);
  // Between the paragraphs: forward to the next line, or back to the "\n".
  assert.equal(pmToCp(map, 4), 3);
  assert.equal(pmToCp(map, 4, -1), 2);
  // Outside the content: clamp.
  assert.equal(pmToCp(map, 0), 0);
  assert.equal(pmToCp(map, 8), 5);
  assert.equal(pmToCp(map, 99), 5);
  assert.equal(pmToCp(map, -3), 0);
});

test('empty lines and leading/trailing newlines', () => {
  const map = buildPositionMap('\na\n\n');
  // 0 <p> 1 </p> 2 <p> 3 a 4 </p> 5 <p> 6 </p> 7 <p> 8 </p> 9
  assert.deepEqual([0, 1, 2, 3, 4].map((c) => cpToPm(map, c)), [1, 3, 4, 6, 8]);
  assert.equal(map.docSize, 9);
  assert.equal(pmToCp(map, 2), 1);
  assert.equal(pmToCp(map, 2, -1), 0);
});

test('PM positions inside a surrogate pair round down', () => {
  const map = buildPositionMap('a😀b');
  // 0 <p> 1 a 2 😀(2 units) 4 b 5
  assert.equal(cpToPm(map, 2), 4);
  assert.equal(pmToCp(map, 3), 1);
  assert.equal(pmToCp(map, 4), 2);
});

test('cpToPm rejects offsets outside the text', () => {
  const map = buildPositionMap('a😀');
  assert.throws(() => cpToPm(map, 3), RangeError);
  assert.throws(() => cpToPm(map, -1), RangeError);
  assert.throws(() => cpToPm(map, 1.5), RangeError);
});

test('ranges: a span across a line break', () => {
  const text = 'Сергей\nРудской';
  const map = buildPositionMap(text);
  const doc = toDoc(text);
  const { from, to } = rangeToPm(map, { start: 3, end: 10 });
  assert.equal(doc.textBetween(from, to, '\n'), 'гей\nРуд');
  assert.deepEqual(pmRangeToCp(map, from, to), { start: 3, end: 10 });
  assert.deepEqual(pmRangeToCp(map, to, from), { start: 3, end: 10 });
  const lines = rangeToPmLines(map, 3, 10);
  assert.deepEqual(
    lines.map((r) => doc.textBetween(r.from, r.to)),
    ['гей', 'Руд'],
  );
});

test('rangeToPmLines skips the empty pieces of a range made of line breaks', () => {
  const text = 'a\n\n\nb';
  const map = buildPositionMap(text);
  assert.deepEqual(rangeToPmLines(map, 1, 4), []);
  const doc = toDoc(text);
  assert.deepEqual(
    rangeToPmLines(map, 0, 5).map((r) => doc.textBetween(r.from, r.to)),
    ['a', 'b'],
  );
  assert.deepEqual(rangeToPmLines(map, 2, 2), []);
});

test('pmRangeToCp: a collapsed position between paragraphs is never inverted', () => {
  const map = buildPositionMap('ab\ncd');
  assert.deepEqual(pmRangeToCp(map, 4, 4), { start: 3, end: 3 });
});

test('random PM ranges convert to the text the PM doc shows', () => {
  const rnd = mulberry32(7);
  for (const text of ALL) {
    const doc = toDoc(text);
    const map = buildPositionMap(text);
    for (let k = 0; k < 10; k++) {
      // Only positions inside textblocks, as a TextSelection would have.
      const a = Math.floor(rnd() * (map.docSize + 1));
      const b = Math.floor(rnd() * (map.docSize + 1));
      const $a = doc.resolve(a);
      const $b = doc.resolve(b);
      if (!$a.parent.isTextblock || !$b.parent.isTextblock) continue;
      const shown = doc.textBetween(Math.min(a, b), Math.max(a, b), '\n');
      if (LONE_SURROGATE.test(shown)) continue; // half an emoji: covered by the rounding test
      const { start, end } = pmRangeToCp(map, a, b);
      assert.equal([...text].slice(start, end).join(''), shown, `${JSON.stringify(text)} ${a}..${b}`);
    }
  }
});

/** `arr` behind a proxy that counts element reads into `reads.n`: the work of a bisection, which unlike a clock cannot flake. */
function countingReads(arr: Uint32Array, reads: { n: number }): Uint32Array {
  return new Proxy(arr, { get: (target, key) => (key !== 'length' && reads.n++, Reflect.get(target, key)) });
}

test('a megabyte with 10,000 spans: each conversion is a bisection, not a scan', () => {
  const line = 'Reuters 😀 reported that 60 civilians were killed near Бахмут on Tuesday.';
  const text = Array.from({ length: Math.ceil(1_000_000 / line.length) }, () => line).join('\n');
  const built = buildPositionMap(text);
  assert.equal(built.lineStarts.length, text.split('\n').length);
  assert.equal(built.offsets.astral.length, built.lineStarts.length); // one emoji per line
  // The same map with every array it holds counting its reads.
  const reads = { n: 0 };
  const map: PositionMap = {
    ...built,
    lineStarts: countingReads(built.lineStarts, reads),
    pmLineStarts: countingReads(built.pmLineStarts, reads),
    offsets: { ...built.offsets, astral: countingReads(built.offsets.astral, reads) },
  };
  const length = map.offsets.length;
  const conversions = 10_000;
  for (let i = 0; i < conversions; i++) {
    const c = Math.floor((i * 7919) % length);
    assert.equal(pmToCp(map, cpToPm(map, c)), c);
  }
  // A round trip is four bisections over ~13,700 entries (14 steps each) plus a few direct reads: about 58 reads
  // today. The bound allows twice that; a scan of the lines or of the emoji would read thousands per conversion.
  const steps = Math.ceil(Math.log2(built.lineStarts.length + 1));
  assert.ok(reads.n > 0, 'the proxies see the reads');
  assert.ok(reads.n <= conversions * 8 * steps, `${reads.n} reads for ${conversions} round trips`);
});

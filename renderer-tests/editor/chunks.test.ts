import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildOffsetIndex } from '../../common/offsets';
import { buildChunks, CHUNK_TARGET, chunkOfCp, clipToWindow, toWindow, windowText, type Chunk } from '../../renderer/editor/chunks';

// Chunks of whole lines, and the conversions between the whole text and a window of chunks.

const RUNS = { numRuns: 300 };
const cpLen = (t: string) => Array.from(t).length;
const chunksOf = (t: string, target?: number) => buildChunks(t, buildOffsetIndex(t), target);
const bounds = (cs: Chunk[]) => cs.map((c) => [c.startU16, c.endU16]);

const unit = fc.oneof(
  { arbitrary: fc.constant('\n'), weight: 4 },
  { arbitrary: fc.constant('\r\n'), weight: 1 },
  { arbitrary: fc.constantFrom('a', 'b', 'x', ' ', '東', '😀', '👩‍💻', 'e\u0301', '🇺🇦', '\ud83d'), weight: 8 },
);
const text = fc.oneof(
  fc.string({ unit, maxLength: 80, size: 'max' }),
  fc.tuple(fc.string({ unit, maxLength: 30 }), fc.nat(3), fc.nat(3)).map(([t, lead, trail]) => '\n'.repeat(lead) + t + '\n'.repeat(trail)),
);
const target = fc.integer({ min: 1, max: 50 });

describe('buildChunks', () => {
  test('examples', () => {
    assert.deepEqual(bounds(chunksOf('ab\ncd\nef', 4)), [[0, 5], [6, 8]]);
    assert.deepEqual(chunksOf(''), [{ startCp: 0, endCp: 0, startU16: 0, endU16: 0, firstLine: 0, lines: 1 }]);
    // A trailing "\n" leaves an empty last chunk at the very end.
    assert.deepEqual(bounds(chunksOf('abc\n', 1)), [[0, 3], [4, 4]]);
    // Code points and UTF-16 units differ after astral characters.
    assert.deepEqual(chunksOf('😀😀\nab', 2), [
      { startCp: 0, endCp: 2, startU16: 0, endU16: 4, firstLine: 0, lines: 1 },
      { startCp: 3, endCp: 5, startU16: 5, endU16: 7, firstLine: 1, lines: 1 },
    ]);
    // A line longer than the target closes the chunk it ends; it never gets split.
    assert.deepEqual(bounds(chunksOf('a\nxxxxxxxxxx\nb', 3)), [[0, 12], [13, 14]]);
    assert.deepEqual(bounds(chunksOf('xxxxxxxxxx', 3)), [[0, 10]]);
  });

  test('default target: a chunk closes at the first line end at or past CHUNK_TARGET units', () => {
    const t = Array.from({ length: 2000 }, () => 'abcdefghi').join('\n');
    const cs = chunksOf(t);
    const firstEnd = Math.ceil((CHUNK_TARGET - 9) / 10) * 10 + 9; // line ends sit at 9, 19, 29, ...
    assert.equal(cs[0].endU16, firstEnd);
    assert.equal(cs[0].lines, (firstEnd + 1) / 10);
    assert.equal(cs.reduce((n, c) => n + c.lines, 0), 2000);
  });

  test('chunks tile the text in whole lines, with consistent code-point and line counts', () => {
    fc.assert(
      fc.property(text, target, (t, tg) => {
        const cs = chunksOf(t, tg);
        assert.ok(cs.length >= 1);
        assert.equal(cs[0].startU16, 0);
        assert.equal(cs[0].firstLine, 0);
        assert.equal(cs[cs.length - 1].endU16, t.length);
        let lines = 0;
        cs.forEach((c, i) => {
          assert.ok(c.startU16 <= c.endU16);
          if (i > 0) {
            const prev = cs[i - 1];
            assert.equal(c.startU16, prev.endU16 + 1);
            assert.equal(t[prev.endU16], '\n');
          }
          assert.ok(c.endU16 === t.length || t[c.endU16] === '\n', 'a chunk ends at a line end');
          assert.equal(c.startCp, cpLen(t.slice(0, c.startU16)));
          assert.equal(c.endCp, cpLen(t.slice(0, c.endU16)));
          const body = t.slice(c.startU16, c.endU16);
          assert.equal(c.firstLine, lines);
          assert.equal(c.lines, body.split('\n').length);
          lines += c.lines;
          // The size rule: the chunk closes at the first line end where it reaches the target.
          for (let p = body.indexOf('\n'); p !== -1; p = body.indexOf('\n', p + 1)) assert.ok(p < tg, `line end at ${p} already reached ${tg}`);
          if (i < cs.length - 1) assert.ok(body.length >= tg);
        });
        assert.equal(lines, t.split('\n').length);
      }),
      RUNS,
    );
  });
});

describe('chunkOfCp', () => {
  test('every code point offset (separating "\\n" and text end included) maps to the chunk holding it', () => {
    fc.assert(
      fc.property(text, target, (t, tg) => {
        const cs = chunksOf(t, tg);
        const len = cpLen(t);
        for (let cp = 0; cp <= len; cp++) {
          const c = chunkOfCp(cs, cp);
          assert.ok(c >= 0 && c < cs.length);
          assert.ok(cs[c].startCp <= cp, `${JSON.stringify(t)} cp ${cp}`);
          assert.ok(c === cs.length - 1 || cp < cs[c + 1].startCp, `${JSON.stringify(t)} cp ${cp}`);
          assert.ok(cp <= cs[c].endCp || c === cs.length - 1);
        }
        assert.equal(chunkOfCp(cs, len), cs.length - 1);
        assert.equal(chunkOfCp(cs, 0), 0);
      }),
      RUNS,
    );
  });
});

describe('windowText', () => {
  test('the whole range of chunks gives the text back', () => {
    fc.assert(
      fc.property(text, target, (t, tg) => {
        const cs = chunksOf(t, tg);
        const w = windowText(t, cs, 0, cs.length - 1);
        assert.deepEqual(w, { first: 0, last: cs.length - 1, text: t, base: 0, length: cpLen(t), soft: [] });
      }),
      RUNS,
    );
  });

  test('chunks first..last: their text, base and code-point length', () => {
    fc.assert(
      fc.property(text, target, fc.nat(), fc.nat(), (t, tg, x, y) => {
        const cs = chunksOf(t, tg);
        const [first, last] = [x % cs.length, y % cs.length].sort((a, b) => a - b);
        const w = windowText(t, cs, first, last);
        const expected = t.slice(cs[first].startU16, cs[last].endU16);
        assert.equal(w.text, expected);
        assert.equal(w.base, cs[first].startCp);
        assert.equal(w.length, cpLen(expected));
        assert.equal(w.text.split('\n').length, cs.slice(first, last + 1).reduce((n, c) => n + c.lines, 0));
        assert.deepEqual([w.first, w.last], [first, last]);
      }),
      RUNS,
    );
  });
});

describe('toWindow / clipToWindow', () => {
  const win = { base: 15, length: 100 }; // code points 15..115 of the whole text
  test('toWindow clips and shifts', () => {
    assert.deepEqual(toWindow({ start: 10, end: 20 }, win), { start: 0, end: 5 });
    assert.deepEqual(toWindow({ start: 20, end: 30 }, win), { start: 5, end: 15 });
    assert.deepEqual(toWindow({ start: 100, end: 200 }, win), { start: 85, end: 100 });
    assert.deepEqual(toWindow({ start: 0, end: 500 }, win), { start: 0, end: 100 });
    assert.deepEqual(toWindow({ start: 10, end: 16 }, win), { start: 0, end: 1 });
    assert.deepEqual(toWindow({ start: 114, end: 120 }, win), { start: 99, end: 100 });
  });
  test('toWindow drops ranges outside, keeps empty ranges inside (edges included)', () => {
    assert.equal(toWindow({ start: 0, end: 14 }, win), null);
    assert.equal(toWindow({ start: 200, end: 300 }, win), null);
    assert.equal(toWindow({ start: 0, end: 15 }, win), null, 'non-empty, touches the start from outside');
    assert.equal(toWindow({ start: 115, end: 120 }, win), null, 'non-empty, touches the end from outside');
    assert.equal(toWindow({ start: 14, end: 14 }, win), null);
    assert.equal(toWindow({ start: 116, end: 116 }, win), null);
    assert.deepEqual(toWindow({ start: 15, end: 15 }, win), { start: 0, end: 0 });
    assert.deepEqual(toWindow({ start: 50, end: 50 }, win), { start: 35, end: 35 });
    assert.deepEqual(toWindow({ start: 115, end: 115 }, win), { start: 100, end: 100 });
  });
  test('clipToWindow keeps order and extra fields, drops what is outside, leaves its input alone', () => {
    const items = [
      { start: 0, end: 15, id: 1 },
      { start: 10, end: 20, id: 2, label: 'PER' },
      { start: 50, end: 50, id: 3 },
      { start: 115, end: 116, id: 4 },
      { start: 100, end: 400, id: 5, label: 'ORG' },
    ];
    const copy = structuredClone(items);
    assert.deepEqual(clipToWindow(items, win), [
      { start: 0, end: 5, id: 2, label: 'PER' },
      { start: 35, end: 35, id: 3 },
      { start: 85, end: 100, id: 5, label: 'ORG' },
    ]);
    assert.deepEqual(items, copy);
  });

  test('property: clipped ranges show, in the window text, exactly the original text they cover', () => {
    fc.assert(
      fc.property(text, target, fc.nat(), fc.nat(), fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 12 }), (t, tg, x, y, raw) => {
        const cs = chunksOf(t, tg);
        const [first, last] = [x % cs.length, y % cs.length].sort((a, b) => a - b);
        const w = windowText(t, cs, first, last);
        const chars = Array.from(t);
        const winChars = Array.from(w.text);
        const ranges = raw.map(([a, b], id) => {
          const [s, e] = [a % (chars.length + 1), b % (chars.length + 1)].sort((p, q) => p - q);
          return { start: s, end: e, id };
        });
        const out = clipToWindow(ranges, w);
        // Independent oracle of what shows and where.
        const expected = ranges.flatMap((r) => {
          const s = Math.max(r.start, w.base);
          const e = Math.min(r.end, w.base + w.length);
          const shows = r.start === r.end ? r.start >= w.base && r.start <= w.base + w.length : s < e;
          return shows ? [{ start: s - w.base, end: e - w.base, id: r.id }] : [];
        });
        assert.deepEqual(out, expected);
        for (const r of out) {
          assert.ok(0 <= r.start && r.start <= r.end && r.end <= w.length);
          assert.equal(winChars.slice(r.start, r.end).join(''), chars.slice(w.base + r.start, w.base + r.end).join(''));
          assert.deepEqual(toWindow(ranges[r.id], w), { start: r.start, end: r.end });
        }
      }),
      RUNS,
    );
  });
});

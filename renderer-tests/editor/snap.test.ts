import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildOffsetIndex } from '../../common/offsets';
import { SNAP_CACHE_MS, snapCachedText, snapRange, type SnapMode } from '../../renderer/editor/snap';

/** Code-point offsets of the first `needle` in `text`. */
function find(text: string, needle: string, from = 0): { start: number; end: number } {
  const u = text.indexOf(needle, from);
  assert.ok(u >= 0, `${needle} not in text`);
  const start = [...text.slice(0, u)].length;
  return { start, end: start + [...needle].length };
}

/** What `snapRange` makes of selecting `needle` in `text`, as the covered string. */
function snapText(text: string, needle: string, mode: SnapMode = 'word'): string | null {
  const { start, end } = find(text, needle);
  const r = snapRange(text, start, end, mode);
  return r && [...text].slice(r.start, r.end).join('');
}

test('word: a partial selection grows to whole words', () => {
  assert.equal(snapText('killed 60 civilians on Monday', '60 civil'), '60 civilians');
  assert.equal(snapText('said Sergey Rudskoy, head of', 'Rudsk'), 'Rudskoy');
  assert.equal(snapText('said Sergey Rudskoy, head of', 'gey Ru'), 'Sergey Rudskoy');
  assert.equal(snapText('the US-led coalition', 'S-l'), 'US-led');
});

test('word: documented examples', () => {
  assert.deepEqual(snapRange('killed 60 civilians', 7, 15, 'word'), { start: 7, end: 19 });
  assert.deepEqual(snapRange('the coalition, said', 4, 15, 'word'), { start: 4, end: 13 });
});

test('word: trims dragged-over whitespace and punctuation, keeps inner punctuation', () => {
  assert.equal(snapText('the US-led coalition, said', 'US-led'), 'US-led');
  assert.equal(snapText('the US-led coalition, said', 'coalition,'), 'coalition');
  assert.equal(snapText('the US-led coalition, said', ' coalition, '), 'coalition');
  assert.equal(snapText('he said: "We will win." Then', ': "We will win." '), 'We will win');
  assert.equal(snapText('a $5.3 billion deal', '.3 bil'), '5.3 billion');
  assert.equal(snapText("Russia's army", "ssia's"), "Russia's");
  assert.equal(snapText('(Reuters) -', '(Reuters) -'), 'Reuters');
});

test('word: marks that belong to a figure or a handle stay', () => {
  assert.equal(snapText('up by 60% in May', '60%'), '60%');
  assert.equal(snapText('up (by 60%) in May', '(by 60%) '), 'by 60%');
  assert.equal(snapText('trending #StandWithUkraine now', '#StandWith'), '#StandWithUkraine');
  assert.equal(snapText('as @kyivindependent wrote', ' @kyiv'), '@kyivindependent');
  // ...but not when detached from the word.
  assert.equal(snapText('up 60 % now', '60 % '), '60');
  assert.equal(snapText('a # b', '# b'), 'b');
});

test('word: nothing but whitespace and punctuation gives null', () => {
  const text = 'one, two -- three';
  assert.equal(snapText(text, ', '), null);
  assert.equal(snapText(text, ' -- '), null);
  assert.equal(snapRange(text, 3, 3, 'word'), null);
  assert.equal(snapRange('\n\n', 0, 2, 'word'), null);
});

test('word: Cyrillic', () => {
  assert.equal(snapText('Сергей Рудской заявил', 'ей Руд'), 'Сергей Рудской');
  assert.equal(snapText('Бахмут, Донецька область', 'Бахмут, '), 'Бахмут');
});

test('word: astral characters before the selection do not shift it', () => {
  const text = '😀🇺🇦 👩‍👩‍👧 killed 60 civilians';
  assert.equal(snapText(text, '60 civ'), '60 civilians');
});

test('word: a selection reaching into an emoji takes all of it', () => {
  assert.equal(snapText('family 👩‍👩‍👧 here', 'ily 👩'), 'family 👩‍👩‍👧');
  assert.equal(snapText('flags 🇺🇦🇷🇺 here', 'flags 🇺'), 'flags 🇺🇦');
});

test('word: a selection across a line break keeps both lines', () => {
  assert.equal(snapText('end of one\nstart of two', 'ne\nsta'), 'one\nstart');
  assert.equal(snapText('end of one.\n\nNext', 'one.\n\n'), 'one');
});

test('word: either order and the first/last characters of the text', () => {
  const text = 'Alpha beta';
  assert.deepEqual(snapRange(text, 8, 2), { start: 0, end: 10 });
  assert.deepEqual(snapRange(text, 0, 1), { start: 0, end: 5 });
  assert.deepEqual(snapRange(text, 9, 10), { start: 6, end: 10 });
});

test('exact: keeps the selection and its punctuation, trims only whitespace', () => {
  assert.equal(snapText('the US-led coalition, said', 'oalition, ', 'exact'), 'oalition,');
  assert.equal(snapText('killed 60 civilians', ' 60 civ', 'exact'), '60 civ');
  assert.equal(snapText('a , b', ' , ', 'exact'), null);
});

test('exact: never splits a grapheme', () => {
  const family = '👩‍👩‍👧';
  const text = `x ${family} y`;
  // Select from the middle of the ZWJ sequence (after the first woman) to the end.
  const { start } = find(text, family);
  assert.deepEqual(snapRange(text, start + 1, start + 3, 'exact'), { start, end: start + [...family].length });

  const flags = 'go 🇺🇦🇷🇺 now';
  const f = find(flags, '🇺🇦🇷🇺');
  // Code points f.start+1 .. f.start+3 cut both flags in half.
  assert.deepEqual(snapRange(flags, f.start + 1, f.start + 3, 'exact'), { start: f.start, end: f.start + 4 });

  const cafe = 'cafe\u0301 au lait';
  assert.deepEqual(snapRange(cafe, 0, 4, 'exact'), { start: 0, end: 5 });
  // From the accent to the space: back to its letter, and the space trimmed.
  assert.deepEqual(snapRange(cafe, 4, 6, 'exact'), { start: 3, end: 5 });
});

/** One of each kind of extended grapheme cluster an edge could cut, with what surrounds it in the tests below. */
const CLUSTERS = {
  flag: '🇺🇸', // two regional indicators
  family: '👩‍👩‍👧', // woman ZWJ woman ZWJ girl
  combining: 'e\u0301\u0323', // e + acute + dot below
  skinTone: '👍🏽', // thumbs up + medium skin tone modifier
};

test('both modes: an edge inside a flag, ZWJ family, combining sequence or skin tone takes the whole cluster', () => {
  for (const [kind, cluster] of Object.entries(CLUSTERS)) {
    const text = `see ${cluster} now`;
    const c = find(text, cluster);
    for (const mode of ['word', 'exact'] as const) {
      // Every cut inside the cluster, as the start and as the end of the selection.
      for (let inside = c.start + 1; inside < c.end; inside++) {
        for (const [start, end] of [[inside, c.end], [c.start, inside]]) {
          assert.deepEqual(snapRange(text, start, end, mode), c, `${kind} ${mode} ${start}..${end}`);
        }
      }
    }
  }
});

test('both modes: a cut inside a long run of flags takes the whole flags, paired from the start of the run', () => {
  // Regional indicators pair up counting from the start of their run: a segmenting window that starts in the
  // middle of a long run (the old code did, 64 or 512 UTF-16 units before the edge) pairs them wrongly.
  const text = `x ${'🇺🇸'.repeat(200)} y`;
  const flag = (k: number) => ({ start: 2 + 2 * k, end: 4 + 2 * k });
  for (const mode of ['word', 'exact'] as const) {
    for (const k of [20, 150]) {
      const r = snapRange(text, flag(k).start + 1, flag(k + 1).start + 1, mode)!;
      assert.deepEqual(r, { start: flag(k).start, end: flag(k + 1).end }, `${mode}, flags ${k} and ${k + 1}`);
      assert.equal([...text].slice(r.start, r.end).join(''), '🇺🇸🇺🇸');
    }
  }
});

test('word: combining marks stay with their letter', () => {
  assert.equal(snapText('un cafe\u0301 noir', 'caf'), 'cafe\u0301');
});

test('a caller-supplied offset index gives the same answer', () => {
  const text = '😀 killed 60 civilians';
  const { start, end } = find(text, '60 civ');
  assert.deepEqual(snapRange(text, start, end, 'word', buildOffsetIndex(text)), snapRange(text, start, end, 'word'));
});

test('offsets outside the text throw', () => {
  assert.throws(() => snapRange('abc', 0, 4), RangeError);
});

test('a word longer than the segmenting window is still taken whole', () => {
  const long = 'x'.repeat(5000);
  const text = `a ${long} b`;
  assert.deepEqual(snapRange(text, 2000, 2001), { start: 2, end: 5002 });
});

/**
 * Runs `fn` with `owner[key]` wrapped so that `seen` gets the arguments of every call, and returns how many calls
 * there were: a count of the work done, which unlike a clock cannot flake.
 */
function callsOf<O extends object>(owner: O, key: keyof O, seen: (...args: never[]) => void, fn: () => void): number {
  const original = owner[key] as (...args: unknown[]) => unknown;
  let calls = 0;
  (owner as Record<keyof O, unknown>)[key] = function (this: unknown, ...args: unknown[]) {
    calls++;
    (seen as (...args: unknown[]) => void)(...args);
    return original.apply(this, args);
  };
  try {
    fn();
  } finally {
    (owner as Record<keyof O, unknown>)[key] = original;
  }
  return calls;
}

test('a megabyte on a single line: only a window around each end is segmented', () => {
  const chunk = 'Reuters reported that 60 civilians were killed near Бахмут on Tuesday, officials said. ';
  const onLine = (bytes: number) => chunk.repeat(Math.ceil(bytes / chunk.length)); // no line breaks at all
  /** Characters given to Intl.Segmenter while snapping the same words in the middle of a text of `bytes`. */
  const segmented = (bytes: number, mode: SnapMode) => {
    const text = onLine(bytes);
    const offsets = buildOffsetIndex(text);
    const base = bytes / 2 - ((bytes / 2) % chunk.length) + chunk.indexOf('60 civ');
    let chars = 0;
    callsOf(Intl.Segmenter.prototype, 'segment', (input: string) => (chars += input.length), () => {
      const r = snapRange(text, base + 1, base + 4, mode, offsets);
      assert.deepEqual(r, mode === 'word' ? { start: base, end: base + 12 } : { start: base + 1, end: base + 4 });
    });
    return chars;
  };
  // Word mode segments words (radius 512), then both modes check graphemes (radius 64).
  for (const [mode, radius] of [['word', 512 + 64], ['exact', 64]] as const) {
    const small = segmented(10_000, mode);
    assert.ok(small > 0, 'the wrapper sees the segmenting');
    // Two windows of radius each side of an end; the same on 100 times the text (a whole-line segmenting would be 100 times more).
    assert.ok(small <= 2 * 2 * radius, `${mode}: ${small} characters segmented`);
    assert.equal(segmented(1_000_000, mode), small, mode);
  }
});

test('a megabyte on a single line: the cached offset index is not rebuilt per selection', () => {
  const text = 'Reuters reported that 60 civilians were killed near Бахмут on Tuesday, officials said. '.repeat(12_000);
  const at = text.indexOf('60 civ', 500_000);
  assert.deepEqual(snapRange(text, at, at + 6), { start: at, end: at + 12 }); // builds and caches the index
  // What a rebuild would cost: a charCodeAt per character of the text.
  const rebuild = callsOf(String.prototype, 'charCodeAt', () => {}, () => buildOffsetIndex(text));
  assert.equal(rebuild, text.length);
  const again = callsOf(String.prototype, 'charCodeAt', () => {}, () => assert.deepEqual(snapRange(text, at, at + 6), { start: at, end: at + 12 }));
  // Each end looks up to 512 characters either way for a line break (2,051 reads today); a rebuild reads a million.
  assert.ok(again <= 2 * 4 * 512, `${again} characters read for one selection`);
});

test('the snapped document’s text is let go a while after the last snap, and snapping still works after', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const text = 'The coalition said that 60% of the strikes hit #targets. '.repeat(50);
  const { start, end } = find(text, 'coalition');
  assert.deepEqual(snapRange(text, start - 1, end + 1, 'word'), { start, end });
  assert.equal(snapCachedText(), text, 'kept while the analyst tags');
  t.mock.timers.tick(SNAP_CACHE_MS - 1);
  assert.deepEqual(snapRange(text, start, end, 'word'), { start, end });
  t.mock.timers.tick(SNAP_CACHE_MS - 1);
  assert.equal(snapCachedText(), text, 'each snap keeps it longer');
  t.mock.timers.tick(1);
  assert.equal(snapCachedText(), null, 'let go once no snap came for SNAP_CACHE_MS');
  assert.deepEqual(snapRange(text, start - 1, end + 1, 'word'), { start, end });
});

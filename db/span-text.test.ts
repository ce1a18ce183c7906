import { test, describe, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase, type Db } from './open.js';
import { documentsRepo } from './documents.js';
import { annotationsRepo, type AnnotationsRepo } from './annotations.js';
import { spanTextReader } from './span-text.js';
import { AppError } from '../common/errors.js';
import { cpLength, graphemeSplit, sliceCp } from '../common/offsets.js';
import { mulberry32 } from '../common/random.js';

// The span text is cut from the lines around the span, not the whole document (db/span-text.ts): these documents
// are long, with lines shorter and longer than the reader's margin, clusters near line edges and far from them.
const CLUSTERS = ['🇺🇸', '🇺🇦🇺🇸', '👩‍👩‍👧', 'e\u0301\u0323', '👍🏽', '😀', '\r\n', 'Рудской', ' '];
const WORDS = ['civilians', 'said', 'Aleppo', '60', 'were', 'killed'];

/** A document of `lines` lines of random words and clusters, some lines far longer than 1024 code points. */
function longText(seed: number, lines: number): string {
  const r = mulberry32(seed);
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const words = r() < 0.15 ? 400 + Math.floor(r() * 400) : 3 + Math.floor(r() * 40);
    const parts: string[] = [];
    for (let w = 0; w < words; w++) parts.push(r() < 0.2 ? CLUSTERS[Math.floor(r() * CLUSTERS.length)] : WORDS[Math.floor(r() * WORDS.length)]);
    out.push(parts.join(r() < 0.5 ? ' ' : ''));
  }
  return out.join('\n');
}

let db: Db;
let repo: AnnotationsRepo;
const CLAIM = 1;
const insertDoc = (text: string) =>
  documentsRepo(db).insert({ title: 't', date: null, source: null, path: null, hash: String(Math.random()), text, length: cpLength(text) }, '2024-01-01T00:00:00.000Z');

beforeEach(() => {
  db = openDatabase(':memory:');
  repo = annotationsRepo(db);
});
afterEach(() => db.close());

/** What the whole text says of a span: its text, or the message refusing it. */
function reference(text: string, docId: number, start: number, end: number): { text: string } | { error: string } {
  const split = graphemeSplit(text, start, end);
  return split ? { error: `Document ${docId}: ${split}.` } : { text: sliceCp(text, start, end) };
}

function outcome(f: () => string): { text: string } | { error: string } {
  try {
    return { text: f() };
  } catch (e) {
    assert.ok(e instanceof AppError && e.name === 'InvalidInput', String(e));
    return { error: e.message };
  }
}

describe('span text from the lines around the span', () => {
  test('gives the whole text’s answer for random spans of long documents: the same text, or the same refusal', () => {
    for (const seed of [1, 2, 3]) {
      const text = longText(seed, 120);
      const docId = insertDoc(text);
      const n = cpLength(text);
      const spanText = spanTextReader(db);
      const r = mulberry32(seed * 7);
      let refused = 0;
      for (let i = 0; i < 400; i++) {
        const start = Math.floor(r() * (n - 1));
        const end = Math.min(n, start + 1 + Math.floor(r() * (r() < 0.1 ? 5000 : 30)));
        const got = outcome(() => spanText(docId, CLAIM, start, end, true));
        assert.deepEqual(got, reference(text, docId, start, end), `seed ${seed}: ${start}..${end}`);
        if ('error' in got) refused++;
      }
      // Both kinds were met: spans cutting a cluster and spans between whole characters.
      assert.ok(refused > 0 && refused < 400, `seed ${seed}: ${refused} refused`);
    }
  });

  test('every edge around clusters at a line start, a line end and the document’s ends', () => {
    const text = `🇺🇸 first\n${'x'.repeat(3000)}\n👩‍👩‍👧 mid e\u0301\n${'y '.repeat(700)}🇺🇦🇺🇸\r\nlast 👍🏽`;
    const docId = insertDoc(text);
    const n = cpLength(text);
    const spanText = spanTextReader(db);
    const edges = [0, 1, 2, 3, 3004, 3005, 3006, 3007, 3008, 3009, 3013, 3014, 3015, 3016, n - 9, n - 8, n - 7, n - 6, n - 5, n - 3, n - 2, n - 1, n];
    for (const start of edges) {
      for (const end of edges) {
        if (!(start < end)) continue;
        assert.deepEqual(
          outcome(() => spanText(docId, CLAIM, start, end, true)),
          reference(text, docId, start, end),
          `${start}..${end}`,
        );
      }
    }
  });

  test('a span on one line far longer than the margin is checked against the whole text', () => {
    const text = `${'word '.repeat(1000)}🇺🇸${' word'.repeat(1000)}`;
    const docId = insertDoc(text);
    const flag = 5000;
    assert.equal(repo.create({ docId, labelId: CLAIM, start: flag, end: flag + 2 }).text, '🇺🇸');
    assert.throws(() => repo.create({ docId, labelId: CLAIM, start: flag + 1, end: flag + 7 }), /cuts "🇺🇸" in two \(5001 is inside the character at 5000\.\.5002\)/);
  });

  test('a refusal names the document’s own offsets, not the cut lines’', () => {
    const text = `${'line of text\n'.repeat(400)}see 👩‍👩‍👧 now`;
    const docId = insertDoc(text);
    const fam = 13 * 400 + 4;
    assert.throws(() => repo.create({ docId, labelId: CLAIM, start: fam + 2, end: fam + 9 }), new RegExp(`${fam + 2} is inside the character at ${fam}\\.\\.${fam + 5}`));
    assert.equal(repo.create({ docId, labelId: CLAIM, start: fam, end: fam + 5 }).text, '👩‍👩‍👧');
  });

  test('without the whole-character check (a restored span) the text is the code-point slice', () => {
    const text = `${'😀 a\n'.repeat(2000)}end`;
    const docId = insertDoc(text);
    const spanText = spanTextReader(db);
    for (const [start, end] of [[0, 1], [1, 3], [7000, 7013], [cpLength(text) - 3, cpLength(text)]]) {
      assert.equal(spanText(docId, CLAIM, start, end, false), sliceCp(text, start, end));
    }
  });
});

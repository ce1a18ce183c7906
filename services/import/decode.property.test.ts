/**
 * Property tests of decodeBytes over arbitrary bytes. Each property runs in a worker thread with a deadline, so
 * that a hang (a synchronous infinite loop, a pathological regex) fails the test instead of freezing the runner.
 * The file is both the test (main thread) and the worker's code (worker thread, `workerData.job` names the job).
 */
import { isMainThread, parentPort, workerData, Worker } from 'node:worker_threads';
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { decodeBytes, type DecodeResult } from './decode.js';
import { DETECT_SAMPLE_BYTES } from './legacy.js';
import { isBlankText } from '../formats/text-rules.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const cat = (...parts: (Uint8Array | number[])[]) => Uint8Array.from(parts.flatMap((p) => Array.from(p)));
const BOMS: Record<string, number[]> = {
  none: [],
  utf8: [0xef, 0xbb, 0xbf],
  utf16le: [0xff, 0xfe],
  utf16be: [0xfe, 0xff],
  utf32le: [0xff, 0xfe, 0, 0],
  utf32be: [0, 0, 0xfe, 0xff],
};
// chardet's shared CJS exports: legacy.ts calls chardet.analyse through it, so a wrapper here sees every call.
const chardet = createRequire(import.meta.url)('chardet') as { analyse: (b: Uint8Array) => unknown };
/**
 * Per call, the characters and UTF-32 units decodeBytes's loops may read, per input byte: they read each at most
 * once or twice (1.08 at most today, on a legacy guess). A quadratic loop reads hundreds per byte of a 100-byte
 * input and would read a million per byte of a 1 MB one.
 */
const READS_PER_BYTE = 2;

let codecTablesBuilt = false;
/**
 * iconv-lite builds a code page's tables the first time it meets it (reading ~260 characters for a single-byte
 * one, ~20,000 for Big5): build every one it has before counting, so that the counts are decodeBytes's own.
 */
function buildCodecTables(): void {
  if (codecTablesBuilt) return;
  const codecs = iconv as unknown as { getCodec(name: string): unknown; encodings: Record<string, unknown> | null };
  codecs.getCodec('utf8'); // loads the list of encodings
  for (const name of Object.keys(codecs.encodings ?? {})) if (!name.startsWith('_')) codecs.getCodec(name);
  codecTablesBuilt = true;
}

/**
 * Input starting with a BOM followed by an encoded U+FEFF. decodeBytes strips the BOM once and keeps a U+FEFF
 * after it as text (by design, see decode.test.ts "a UTF-8 BOM is stripped, once"), so only then may the text
 * start with U+FEFF.
 */
function doubledBom(b: Uint8Array): boolean {
  const starts = (xs: number[]) => xs.every((x, i) => b[i] === x);
  return (
    starts([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]) ||
    starts([0xff, 0xfe, 0, 0, 0xff, 0xfe, 0, 0]) ||
    starts([0, 0, 0xfe, 0xff, 0, 0, 0xfe, 0xff]) ||
    (!starts([0xff, 0xfe, 0, 0]) && starts([0xff, 0xfe, 0xff, 0xfe])) ||
    starts([0xfe, 0xff, 0xfe, 0xff])
  );
}

/** The contract every result keeps, whatever the bytes. */
function checkShape(r: DecodeResult, input: Uint8Array): void {
  const where = () => `input of ${input.length} bytes starting ${JSON.stringify(Array.from(input.subarray(0, 16)))}`;
  assert.equal(typeof r, 'object');
  if (r.ok) {
    assert.equal(typeof r.text, 'string');
    assert.ok(r.text.length > 0, `empty text accepted (${where()})`);
    assert.ok(!r.text.includes('\r'), `"\\r" left in the text (${where()})`);
    assert.ok(!r.text.startsWith('\uFEFF') || doubledBom(input), `text starts with a BOM (${where()}): ${JSON.stringify(r.text.slice(0, 20))}`);
    assert.ok(typeof r.encoding === 'string' && r.encoding.length > 0);
  } else {
    assert.equal(r.ok, false);
    assert.ok(typeof r.reason === 'string' && r.reason.trim().length > 0, `refusal without a reason (${where()})`);
  }
}

/**
 * decodeBytes with its work counted rather than timed (a clock flakes on a busy machine) and its result checked:
 * its loops read each character (charCodeAt) or UTF-32 unit (DataView getUint32) a bounded number of times, and
 * chardet, which reads every byte it is shown, sees at most one sample of DETECT_SAMPLE_BYTES.
 */
function decodeCounted(b: Uint8Array, what = `${b.length} bytes starting ${JSON.stringify(Array.from(b.subarray(0, 16)))}`): DecodeResult {
  buildCodecTables();
  const { charCodeAt } = String.prototype;
  const { getUint32 } = DataView.prototype;
  const { analyse } = chardet;
  let reads = 0;
  const samples: number[] = [];
  String.prototype.charCodeAt = function (this: string, i: number) {
    reads++;
    return charCodeAt.call(this, i);
  };
  DataView.prototype.getUint32 = function (this: DataView, at: number, littleEndian?: boolean) {
    reads++;
    return getUint32.call(this, at, littleEndian);
  };
  chardet.analyse = (sample) => {
    samples.push(sample.length);
    return analyse(sample);
  };
  let r: DecodeResult;
  try {
    r = decodeBytes(b);
  } catch (e) {
    assert.fail(`decodeBytes threw ${(e as Error)?.name}: ${(e as Error)?.message} on ${what}`);
  } finally {
    String.prototype.charCodeAt = charCodeAt;
    DataView.prototype.getUint32 = getUint32;
    chardet.analyse = analyse;
  }
  assert.ok(reads <= READS_PER_BYTE * b.length + 64, `decodeBytes read ${reads} characters or units of ${what}`);
  assert.ok(samples.length <= 1 && samples.every((n) => n <= DETECT_SAMPLE_BYTES), `chardet was shown ${JSON.stringify(samples)} bytes of ${what}`);
  checkShape(r, b);
  return r;
}

/** Printable text pieces (no controls besides tab, form feed and line ends; nothing that spells a file signature). */
const textUnit = fc.oneof(
  { arbitrary: fc.constantFrom('a', 'b', 'c', 'e', ' ', ',', '.', '\t', '\f', '\n', '\r', '\r\n', '\n\r', '\r\r\n'), weight: 4 },
  { arbitrary: fc.constantFrom('é', 'Ж', 'ш', '東', '😀', '𝔘', '👩‍👩‍👧', '🇺🇦', 'e\u0301', '\u0301', '\u200d', '\ufeff', '\u00a0', '\u2028', '\ufffd'), weight: 4 },
  { arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }), weight: 2 },
);
const CONTROL = /[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]/;
const text = fc
  .string({ unit: textUnit, maxLength: 200 })
  .filter((s) => !CONTROL.test(s) && /\S/.test(s.replace(/\ufeff/g, '')) && !/[\ud800-\udfff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s));
const normalise = (s: string) => s.replace(/\r\n?/g, '\n');

const jobs: Record<string, () => void> = {
  randomBytes() {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(BOMS)),
        fc.oneof(
          fc.uint8Array({ maxLength: 2048 }),
          // No NUL, so that the UTF-8 check, the legacy guess (chardet) and the control-character count run.
          fc.uint8Array({ min: 1, maxLength: 2048 }),
          fc.uint8Array({ min: 0x80, maxLength: 2048 }),
          fc.array(fc.constantFrom(0x0d, 0x0a, 0x20, 0x61, 0xc3, 0xa9, 0xd0, 0xef, 0xbb, 0xbf, 0xfe, 0xff, 0xf0, 0x9f), { maxLength: 2048 }).map((a) => Uint8Array.from(a)),
        ),
        fc.boolean(),
        (bom, body, nul) => {
        const b = cat(BOMS[bom], body, nul ? [0] : []);
        const r = decodeCounted(b);
        // Without a UTF-16/32 BOM a NUL byte means binary. The BOM is whatever the bytes start with: a random body
        // may begin with one itself (seen: no BOM given, body FE FF 0D, then the NUL: UTF-16BE text).
        const wideBom = ['utf16le', 'utf16be', 'utf32le', 'utf32be'].some((k) => BOMS[k].every((x, i) => b[i] === x));
        if (nul && !wideBom) assert.equal(r.ok, false, 'NUL bytes without a UTF-16/32 BOM are refused');
        },
      ),
      // The counterexample a random run once found (a body starting with a UTF-16BE BOM), checked on every run.
      { numRuns: 300, examples: [['none', Uint8Array.from([0xfe, 0xff, 0x0d]), true]] },
    );
  },

  validUtf8RoundTrips() {
    fc.assert(
      fc.property(text, fc.boolean(), (s, bom) => {
        const r = decodeCounted(cat(bom ? BOMS.utf8 : [], utf8(s)));
        // One BOM is the file's (the one given, or else the text's own leading U+FEFF); the rest is text.
        let want = normalise(s);
        if (!bom && want.startsWith('\ufeff')) want = want.slice(1);
        // White space and format characters only (U+FEFF, U+200D) is an empty file (issue 11, item 14).
        if (isBlankText(want)) return assert.equal(r.ok, false, `blank ${JSON.stringify(s)} accepted`);
        assert.ok(r.ok, `valid UTF-8 refused: ${!r.ok && r.reason} for ${JSON.stringify(s)}`);
        assert.equal(r.encoding, 'UTF-8');
        assert.equal(r.text, want);
      }),
      { numRuns: 300 },
    );
  },

  utf16And32RoundTrip() {
    fc.assert(
      fc.property(text, fc.constantFrom('utf16le', 'utf16be', 'utf32le', 'utf32be'), (s, enc) => {
        const units = Array.from(s, (ch) => ch.codePointAt(0)!);
        let body: number[];
        if (enc.startsWith('utf16')) {
          body = Array.from(Buffer.from(s, 'utf16le'));
          if (enc === 'utf16be') for (let i = 0; i + 1 < body.length; i += 2) [body[i], body[i + 1]] = [body[i + 1], body[i]];
        } else {
          const buf = Buffer.alloc(units.length * 4);
          units.forEach((u, i) => (enc === 'utf32le' ? buf.writeUInt32LE(u, i * 4) : buf.writeUInt32BE(u, i * 4)));
          body = Array.from(buf);
        }
        const r = decodeCounted(cat(BOMS[enc], body));
        const want = normalise(s);
        if (isBlankText(want)) return assert.equal(r.ok, false);
        assert.ok(r.ok, `valid ${enc} refused: ${!r.ok && r.reason}`);
        assert.equal(r.text, want);
        // A truncated last unit is refused, never half-decoded.
        if (body.length) decodeCounted(cat(BOMS[enc], body.slice(0, -1))).ok === false || assert.fail(`truncated ${enc} accepted`);
      }),
      { numRuns: 300 },
    );
  },

  truncatedUtf8() {
    fc.assert(
      fc.property(text, fc.nat(), fc.boolean(), (s, cut, bom) => {
        const full = utf8(s);
        const b = cat(bom ? BOMS.utf8 : [], full.subarray(0, cut % (full.length + 1)));
        decodeCounted(b);
      }),
      { numRuns: 300 },
    );
  },

  hugeInputs() {
    const MB = 1 << 20;
    const big = (n: number, f: (i: number) => number) => Uint8Array.from({ length: n }, (_, i) => f(i));
    const ru = utf8('Министерство обороны заявило '.repeat(40_000)).subarray(0, MB);
    const cases: [string, Uint8Array][] = [
      ['1 MB single ASCII line', big(MB, (i) => 97 + (i % 26))],
      ['1 MB single line of Cyrillic, cut mid-character', ru],
      ['1 MB of CR', big(MB, () => 13)],
      ['1 MB of CRLF + x', big(MB, (i) => (i % 3 === 2 ? 120 : i % 3 === 0 ? 13 : 10))],
      ['1 MB of random bytes', big(MB, (i) => (Math.imul(i, 2654435761) >>> 24) & 0xff)],
      ['1 MB of high bytes (legacy guess)', big(MB, (i) => 0xc0 + (i % 64))],
      ['1 MB of controls', big(MB, (i) => 1 + (i % 8))],
      ['1 MB of UTF-16LE with BOM', cat(BOMS.utf16le, big(MB, (i) => (i % 2 ? 0x04 : 0x10 + (i % 32))))],
      ['1 MB of UTF-16LE with BOM, odd length', cat(BOMS.utf16le, big(MB + 1, (i) => (i % 2 ? 0 : 97)))],
      ['1 MB of UTF-32BE with BOM', cat(BOMS.utf32be, big(MB, (i) => (i % 4 === 3 ? 97 : 0)))],
      ['1 MB of UTF-32LE astral', cat(BOMS.utf32le, big(MB, (i) => [0x00, 0xf6, 0x01, 0x00][i % 4]))],
      ['1 MB of NUL', new Uint8Array(MB)],
      ['BOM then 1 MB of invalid UTF-8', cat(BOMS.utf8, big(MB, () => 0xff))],
    ];
    // First the 8 kB heads, where a quadratic loop shows as a count (millions of reads) rather than as a hang.
    for (const [name, b] of cases) decodeCounted(b.subarray(0, 8192), `the first 8 kB of ${name}`);
    for (const [name, b] of cases) decodeCounted(b, name);
    // And a few random huge ones.
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.integer({ min: 100_000, max: MB }), fc.constantFrom(...Object.keys(BOMS)), (pattern, n, bom) => {
        decodeCounted(cat(BOMS[bom], big(n, (i) => pattern[i % pattern.length])));
      }),
      // Found by a random run: undefined CJK byte pairs, on which iconv-lite does extra work per byte.
      {
        numRuns: 12,
        examples: [
          [Uint8Array.from([0x81, 0x01]), 100_000, 'none'],
          [Uint8Array.from([0x9f, 0x41, 0x41, 0x0e]), 100_000, 'none'],
        ],
      },
    );
  },
};

/** Runs a job in a worker thread and fails when it throws or does not finish within `deadlineMs`. */
function inWorker(job: string, deadlineMs: number): Promise<void> {
  const self = import.meta.url;
  const w = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     import('tsx/esm/api').then(({ register }) => { register(); return import(workerData.self); })
       .catch((e) => parentPort.postMessage({ ok: false, message: 'worker failed to load: ' + (e && e.stack || e) }));`,
    { eval: true, workerData: { job, self } },
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void w.terminate();
      reject(new Error(`${job}: hang guard: no answer within ${deadlineMs / 1000} s (decodeBytes hangs?)`));
    }, deadlineMs);
    w.once('message', (m: { ok: boolean; message?: string }) => {
      clearTimeout(timer);
      void w.terminate();
      if (m.ok) resolve();
      else reject(new Error(m.message));
    });
    w.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

if (!isMainThread && workerData?.job) {
  try {
    jobs[workerData.job]();
    parentPort!.postMessage({ ok: true });
  } catch (e) {
    // fast-check puts the failing assertion in `cause`.
    const err = e as Error & { cause?: Error };
    parentPort!.postMessage({ ok: false, message: `${err?.message ?? String(e)}${err?.cause ? `\n${err.cause.message ?? err.cause}` : ''}` });
  }
} else if (isMainThread) {
  // The workers run side by side (two cores): each test waits for its own.
  const running = new Map<string, Promise<void>>();
  const run = (job: string, deadlineMs: number) => {
    if (!running.has(job)) {
      const p = inWorker(job, deadlineMs);
      p.catch(() => {}); // reported by the test that awaits it
      running.set(job, p);
    }
    return running.get(job)!;
  };
  // The worker's deadline is a hang guard, not a speed requirement: the work decodeBytes does is counted
  // (READS_PER_BYTE); the deadline catches only what no count sees (a regex backtracking, a native loop), which makes
  // a 1 MB input run for hours. A job takes up to ~10 s here, its workers side by side; 10 minutes cannot trip on a
  // slow but healthy machine.
  const HANG_GUARD_MS = 600_000;
  const cases: [job: string, what: string][] = [
    ['randomBytes', 'random bytes, with and without BOMs and NULs: never throws, a clean text or a reason'],
    ['validUtf8RoundTrips', 'valid UTF-8 of arbitrary text round-trips exactly after CRLF normalisation (with or without BOM)'],
    ['utf16And32RoundTrip', 'UTF-16/32 with BOM round-trip; a truncated last unit is refused'],
    ['truncatedUtf8', 'truncated UTF-8: never throws, a clean text or a reason'],
    ['hugeInputs', 'huge single lines and 1 MB inputs of every kind: a clean text or a reason, with work linear in their size'],
  ];
  describe('decodeBytes (properties)', () => {
    before(() => cases.forEach(([job]) => run(job, HANG_GUARD_MS)));
    for (const [job, what] of cases) test(what, () => run(job, HANG_GUARD_MS));
  });
}

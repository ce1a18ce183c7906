/**
 * Property tests of the import parsers against hostile input: arbitrary and truncated files, deeply nested JSON,
 * random bytes, giant lines and wrong offsets (negative, beyond the text, start > end, NaN, floats). A parser
 * either returns documents or throws an Error with a message; never a crash, a hang, or a throw of a non-Error.
 * Whatever a parser returns is then written with ingest() into a project, which must either take it or throw and
 * leave the project as it was. importJsonl (which reads and writes in one go) must do the same.
 *
 * Each parser's property runs in a worker thread with a deadline, so an infinite loop fails its test instead of
 * freezing the run. This file is both the test (main thread) and the worker's code (`workerData.job`).
 * A parser whose module does not exist yet is skipped with a console.log saying so.
 *
 * One file of about 600 lines on purpose: the input generators (offsets, damage, hostile inputs) are shared by
 * every format, and the file is also the code its worker threads load, so one file per format would repeat the
 * harness or move it into a non-test module.
 */
import { isMainThread, parentPort, workerData, Worker } from 'node:worker_threads';
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { ParsedDoc } from './types.js';

const here = new URL('.', import.meta.url);
const moduleExists = (name: string) => existsSync(new URL(`${name}.ts`, here));

/**
 * Work per character of input that a parser (or ingest) may do, counted rather than timed (a clock flakes on a busy
 * machine): the JavaScript-level reads countWork sees. About 2 per character at most today, plus ~140 on tiny
 * inputs; a quadratic loop does thousands per character of the 16 kB heads of the giant inputs below. Faults the
 * count cannot see (a regex backtracking, a loop over text[i]) make a 1 MB input run for hours instead: the
 * worker's deadline reports those.
 */
const WORK_PER_CHAR = 16;
const WORK_FLOOR = 1000;

// ---------------------------------------------------------------------------------------------------------------
// Inputs

const textUnit = fc.oneof(
  { arbitrary: fc.constantFrom('a', 'b', ' ', '.', 'Ж', '😀', '👩‍👩‍👧', 'e\u0301', '\n', '\r\n', '\t', '"', '\\', '|', '[', ']'), weight: 5 },
  { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), weight: 1 },
);
const docText = fc.string({ unit: textUnit, minLength: 1, maxLength: 40 });

/** Offsets: mostly plausible, often wrong (negative, beyond the text, floats, NaN/Infinity, huge, not a number). */
const offset = fc.oneof(
  { arbitrary: fc.nat(45), weight: 6 },
  { arbitrary: fc.integer({ min: -5, max: -1 }), weight: 1 },
  { arbitrary: fc.integer({ min: 46, max: 1_000 }), weight: 1 },
  { arbitrary: fc.double({ min: -2, max: 50 }), weight: 1 },
  { arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, 2 ** 53, 1e308, -0, 0.5), weight: 1 },
  { arbitrary: fc.constantFrom('3', null, true, [], {}), weight: 1 },
);
const label = fc.oneof(fc.constantFrom('PER', 'ORG', 'claim', 'Claim', '', ' ', 'a|b', 'x[1]', '😀'), fc.string({ maxLength: 8 }));
const slice = (t: string, a: unknown, b: unknown) =>
  typeof a === 'number' && typeof b === 'number' ? Array.from(t).slice(a, b).join('') : 'x';

/** Serialises with NaN and ±Infinity written as the bare tokens some tools emit (invalid JSON). */
const looseJson = (v: unknown) =>
  JSON.stringify(v, (_k, x) => (typeof x === 'number' && !Number.isFinite(x) ? `@@${x}@@` : x)).replace(/"@@(-?\w+)@@"/g, '$1');

/** Damage done to a well-formed file: none, truncation, an inserted junk piece, a number made wrong, a line doubled. */
const damaged = (file: fc.Arbitrary<string>) =>
  fc
    .tuple(
      file,
      fc.constantFrom('none', 'none', 'truncate', 'insert', 'number', 'double-line', 'drop-line'),
      fc.nat(),
      // (No lone surrogate here: what they do to stored text has its own property below.)
      fc.constantFrom('"', '{', '}', '[', ']', ',', ':', '\n', '\t', '\\', '\u0000', '-1', 'NaN', '1e999', '0.5', 'null'),
    )
    .map(([s, how, at, junk]) => {
      const i = s.length ? at % (s.length + 1) : 0;
      const lines = s.split('\n');
      const li = at % Math.max(1, lines.length);
      switch (how) {
        case 'truncate':
          return s.slice(0, i);
        case 'insert':
          return s.slice(0, i) + junk + s.slice(i);
        case 'number': {
          let k = 0;
          const nth = at % 7;
          return s.replace(/-?\d+(\.\d+)?/g, (m) => (k++ === nth ? junk : m));
        }
        case 'double-line':
          return [...lines.slice(0, li + 1), lines[li], ...lines.slice(li + 1)].join('\n');
        case 'drop-line':
          return [...lines.slice(0, li), ...lines.slice(li + 1)].join('\n');
        default:
          return s;
      }
    });

const MB = 1 << 20;
const GIANT: [string, string][] = [
  ['1 MB single line of x', 'x'.repeat(MB)],
  ['1 MB JSON string', '{"text":"' + 'a'.repeat(MB) + '"}'],
  ['1 MB of tabs', '\t'.repeat(MB)],
  ['1 MB of newlines', '\n'.repeat(MB)],
];
/** Inputs every parser gets once, besides the random ones. */
const HOSTILE: [string, string][] = [
  ['empty', ''],
  ['BOM only', '\uFEFF'],
  ['whitespace', ' \n\t\r\n '],
  ['10,000 levels of [[[…]]]', '['.repeat(10_000) + ']'.repeat(10_000)],
  ['10,000 levels of {"a":…}', '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000)],
  ['10,000 levels, unclosed', '['.repeat(10_000)],
  ['100,000 levels of [[[…]]]', '['.repeat(100_000) + ']'.repeat(100_000)],
  ['nesting inside a record', '{"text":"abc","label":' + '['.repeat(10_000) + ']'.repeat(10_000) + '}'],
  // First their 16 kB heads, where a quadratic loop shows as a count (see WORK_PER_CHAR) rather than as a hang.
  ...GIANT.map(([name, content]): [string, string] => [`the first 16 kB of ${name}`, content.slice(0, 16_384)]),
  ...GIANT,
  ['random bytes', Buffer.from(Uint8Array.from({ length: 4096 }, (_, i) => (Math.imul(i + 1, 2654435761) >>> 24) & 0xff)).toString('latin1')],
  ['lone surrogates', '\uD800\uDC00\uDFFF\uD800x'],
  ['JSON null', 'null'],
  ['JSON number', '1e999'],
  ['JSON string', '"text"'],
  ['array of nulls', '[null,null]'],
  ['object without anything', '{}'],
  ['__proto__', '{"__proto__":{"polluted":1},"text":"abc","constructor":{"prototype":{"x":1}}}'],
];

// ---------------------------------------------------------------------------------------------------------------
// Well-formed-ish files per format (then damaged)

const doccanoRecord = fc.oneof(
  fc.record({ text: docText, label: fc.array(fc.tuple(offset, offset, label), { maxLength: 4 }) }),
  docText.chain((text) =>
    fc.record({
      id: offset,
      text: fc.constant(text),
      entities: fc.array(fc.record({ id: fc.nat(5), label, start_offset: offset, end_offset: offset }), { maxLength: 4 }),
      relations: fc.array(fc.record({ id: fc.nat(5), from_id: offset, to_id: offset, type: label }), { maxLength: 3 }),
    }),
  ),
);
const doccanoFile = fc.oneof(
  fc.array(doccanoRecord, { minLength: 1, maxLength: 4 }).map((rs) => rs.map(looseJson).join('\n')),
  fc.array(doccanoRecord, { maxLength: 3 }).map(looseJson),
);

const lsTask = docText.chain((text) =>
  fc.record({
    id: offset,
    data: fc.record({ text: fc.oneof({ arbitrary: fc.constant(text), weight: 5 }, { arbitrary: fc.constantFrom(null, 3, ''), weight: 1 }) }),
    annotations: fc.array(
      fc.record({
        id: fc.nat(3),
        was_cancelled: fc.boolean(),
        result: fc.array(
          fc.oneof(
            fc.tuple(fc.nat(4), offset, offset, label, fc.boolean()).map(([id, start, end, l, withText]) => ({
              id: `r${id}`,
              from_name: 'label',
              to_name: 'text',
              type: 'labels',
              value: { start, end, labels: [l], ...(withText ? { text: slice(text, start, end) } : {}) },
            })),
            fc.tuple(fc.nat(4), fc.nat(4), fc.constantFrom('right', 'left', 'bi', 'up', null), label).map(([a, b, direction, l]) => ({
              type: 'relation',
              from_id: `r${a}`,
              to_id: `r${b}`,
              direction,
              labels: [l],
            })),
            fc.constant({ type: 'rectanglelabels', value: { x: 1, y: 2, width: 3, height: 4, rectanglelabels: ['x'] } }),
            fc.constant({ type: 'choices', value: { choices: ['yes'] } }),
          ),
          { maxLength: 5 },
        ),
      }),
      { maxLength: 2 },
    ),
  }),
);
const lsFile = fc.oneof(fc.array(lsTask, { maxLength: 3 }).map(looseJson), lsTask.map(looseJson));

const W3C_TEXT = 'Gen. Rudskoy said 60 civilians 😀 were killed in Mosul.\nSecond line.';
const w3cAnno = fc.tuple(fc.nat(5), label, offset, offset, fc.constantFrom('pos', 'quote', 'both', 'none'), fc.constantFrom('doc.txt', 'missing', 'urn:crosscheck:document:1')).map(
  ([id, l, start, end, kind, source]) => {
    const pos = { type: 'TextPositionSelector', start, end };
    const quote = { type: 'TextQuoteSelector', exact: slice(W3C_TEXT, start, end), prefix: 'Gen', suffix: '' };
    const selector = kind === 'pos' ? pos : kind === 'quote' ? quote : kind === 'both' ? [pos, quote] : undefined;
    return {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: `urn:x:${id}`,
      type: 'Annotation',
      body: [{ type: 'TextualBody', value: l, purpose: 'tagging' }, { type: 'TextualBody', value: 'a note', purpose: 'commenting' }],
      target: selector ? { source, selector } : source,
    };
  },
);
const w3cLink = fc.tuple(fc.nat(5), fc.nat(5), label).map(([a, b, l]) => ({
  '@context': 'http://www.w3.org/ns/anno.jsonld',
  type: 'Annotation',
  motivation: 'linking',
  body: { type: 'TextualBody', value: l, purpose: 'tagging' },
  target: [`urn:x:${a}`, `urn:x:${b}`],
}));
const w3cFile = fc.oneof(
  w3cAnno.map(looseJson),
  fc.array(fc.oneof(w3cAnno, w3cLink), { maxLength: 5 }).map(looseJson),
  fc.array(fc.oneof(w3cAnno, w3cLink), { maxLength: 5 }).map((items) => looseJson({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationPage', items })),
  fc.array(w3cAnno, { maxLength: 3 }).map((items) =>
    looseJson({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection', first: { type: 'AnnotationPage', items } }),
  ),
);

const tsvNum = fc.oneof({ arbitrary: fc.nat(40).map(String), weight: 6 }, { arbitrary: fc.constantFrom('-1', 'NaN', '1.5', '99999999999999999999', '', 'x'), weight: 1 });
const webannoFile = fc
  .tuple(
    fc.array(fc.array(fc.tuple(fc.stringMatching(/^[a-zA-ZЖ😀.]{1,6}$/u), fc.constantFrom('_', '*', 'PER', 'PER[1]', 'ORG[2]', 'a\\|b', '*[3]'), fc.constantFrom('_', 'rel', '*')), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 }),
    fc.boolean(),
    fc.array(fc.tuple(fc.nat(3), fc.nat(5), tsvNum, tsvNum), { maxLength: 3 }),
  )
  .map(([sentences, withRel, wrong]) => {
    const out = ['#FORMAT=WebAnno TSV 3.3', '#T_SP=webanno.custom.Span|value'];
    if (withRel) out.push('#T_RL=webanno.custom.Rel|label|BT_webanno.custom.Span');
    out.push('', '');
    let at = 0;
    sentences.forEach((tokens, s) => {
      out.push(`#Text=${tokens.map((t) => t[0]).join(' ')}`);
      tokens.forEach(([tok, span, rel], t) => {
        let begin = String(at);
        let end = String(at + tok.length);
        const w = wrong.find(([ws, wt]) => ws === s && wt === t);
        if (w) [begin, end] = [w[2], w[3]];
        const cols = [`${s + 1}-${t + 1}`, `${begin}-${end}`, tok, span];
        if (withRel) cols.push(rel, rel === '_' ? '_' : `${s + 1}-1`);
        out.push(cols.join('\t') + '\t');
        at += tok.length + 1;
      });
      out.push('');
    });
    return out.join('\n');
  });

const bratPair = docText.chain((text) =>
  fc
    .array(
      fc.oneof(
        fc.tuple(fc.nat(5), label, offset, offset, fc.boolean(), fc.option(fc.tuple(offset, offset))).map(
          ([i, l, s, e, right, frag]) => `T${i}\t${l} ${s} ${e}${frag ? `;${frag[0]} ${frag[1]}` : ''}\t${right ? slice(text, s, e) : 'zz'}`,
        ),
        fc.tuple(fc.nat(5), fc.nat(5), fc.nat(5), label).map(([i, a, b, l]) => `R${i}\t${l || 'Rel'} Arg1:T${a} Arg2:T${b}`),
        fc.tuple(fc.nat(5), fc.nat(5)).map(([i, a]) => `#${i}\tAnnotatorNotes T${a}\ta note`),
        fc.tuple(fc.nat(5), fc.nat(5)).map(([i, a]) => `A${i}\tNegated T${a}`),
        fc.tuple(fc.nat(5), fc.nat(5)).map(([a, b]) => `*\tEquiv T${a} T${b}`),
        fc.tuple(fc.nat(5), fc.nat(5)).map(([i, a]) => `E${i}\tEvent:T${a} Arg:T${a}`),
        fc.tuple(fc.nat(5), fc.nat(5)).map(([i, a]) => `N${i}\tReference T${a} Wikipedia:534366\tBarack Obama`),
      ),
      { maxLength: 6 },
    )
    .map((lines) => ({ text, ann: lines.join('\n') + '\n' })),
);

const jsonlLine = docText.chain((text) =>
  fc.record({
    id: offset,
    title: fc.constantFrom('T', ''),
    text: fc.constant(text),
    spans: fc.array(
      fc.tuple(fc.nat(6), offset, offset, label, fc.boolean()).map(([id, start, end, l, right]) => ({ id, start, end, label: l, text: right ? slice(text, start, end) : 'zz' })),
      { maxLength: 3 },
    ),
    links: fc.array(fc.record({ from: fc.nat(6), to: fc.nat(6), type: fc.constantFrom('same-as', 'cites', '') }), { maxLength: 2 }),
  }),
);
const jsonlFile = fc.array(jsonlLine, { minLength: 1, maxLength: 3 }).map((ls) => ls.map(looseJson).join('\n'));

// ---------------------------------------------------------------------------------------------------------------
// Checks

interface Outcome {
  parsed: number;
  errors: Map<string, number>;
  /** Errors that are not the parsers' own InvalidInput (a TypeError on malformed input, a stack overflow …). */
  unexpected: string[];
}
const newOutcome = (): Outcome => ({ parsed: 0, errors: new Map(), unexpected: [] });

const stringIterator = Object.getPrototypeOf(''[Symbol.iterator]()) as { next(): IteratorResult<string> };

/**
 * Starts counting the per-character reads (charCodeAt, codePointAt, string iteration) and regex executions
 * (RegExp#exec, which test, replace, split and match call too); the function returned stops and gives the count.
 */
function countWork(): () => number {
  const S = String.prototype;
  const R = RegExp.prototype;
  const { charCodeAt, codePointAt } = S;
  const { exec } = R;
  const { next } = stringIterator;
  let n = 0;
  S.charCodeAt = function (this: string, i: number) {
    n++;
    return charCodeAt.call(this, i);
  };
  S.codePointAt = function (this: string, i: number) {
    n++;
    return codePointAt.call(this, i);
  };
  R.exec = function (this: RegExp, input: string) {
    n++;
    return exec.call(this, input);
  };
  stringIterator.next = function (this: Iterator<string>) {
    n++;
    return next.call(this);
  };
  return () => {
    Object.assign(S, { charCodeAt, codePointAt });
    R.exec = exec;
    stringIterator.next = next;
    return n;
  };
}

/** Runs `fn`: a result must look like documents; a throw must be an Error with a message; the work is linear. */
function parseOrError<T>(o: Outcome, what: string, input: string, fn: () => T): T | undefined {
  let work = 0;
  const counted = () => {
    const stop = countWork();
    try {
      return fn();
    } finally {
      work = stop();
    }
  };
  try {
    const r = counted();
    o.parsed++;
    return r;
  } catch (e) {
    if (!(e instanceof Error)) assert.fail(`${what} threw a non-Error (${typeof e}: ${String(e).slice(0, 100)}) on ${JSON.stringify(input.slice(0, 200))}`);
    assert.ok(typeof e.message === 'string' && e.message.trim().length > 0, `${what} threw ${e.name} without a message on ${JSON.stringify(input.slice(0, 200))}`);
    o.errors.set(e.name, (o.errors.get(e.name) ?? 0) + 1);
    if (e.name !== 'InvalidInput' && o.unexpected.length < 20) o.unexpected.push(`${e.name}: ${e.message.slice(0, 160)}  <- ${JSON.stringify(input.slice(0, 160))}`);
    return undefined;
  } finally {
    assert.ok(work <= WORK_PER_CHAR * input.length + WORK_FLOOR, `${what} did ${work} reads on ${input.length} chars: ${JSON.stringify(input.slice(0, 80))}`);
  }
}

function checkDocs(docs: ParsedDoc[]): void {
  assert.ok(Array.isArray(docs));
  for (const d of docs) {
    assert.equal(typeof d.text, 'string');
    assert.ok(Array.isArray(d.spans) && Array.isArray(d.links));
  }
}

type ProjectT = import('../project.js').Project;
interface Env {
  dir: string;
  p: ProjectT;
  ingest: typeof import('./ingest.js').ingest;
  counts(): { docs: number; anns: number; links: number };
  /** Every stored annotation's text is text[start:end] of its document, in code points, inside the text. */
  consistent(): void;
}

async function env(): Promise<Env> {
  const { openProject } = await import('../project.js');
  const { ingest } = await import('./ingest.js');
  const { sliceCp } = await import('../../common/offsets.js');
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-parsers-'));
  const p = openProject(join(dir, 'p.crosscheck'));
  const count = (t: string) => p.db.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get() as number;
  return {
    dir,
    p,
    ingest,
    counts: () => ({ docs: count('documents'), anns: count('annotations'), links: count('links') }),
    consistent() {
      const rows = p.db
        .prepare('SELECT a.id, a.start, a.end, a.text AS span, d.text, d.length FROM annotations a JOIN documents d ON d.id = a.doc_id')
        .all() as { id: number; start: number; end: number; span: string; text: string; length: number }[];
      for (const r of rows) {
        assert.ok(Number.isInteger(r.start) && Number.isInteger(r.end) && r.start >= 0 && r.end > r.start && r.end <= r.length, `annotation ${r.id} at ${r.start}..${r.end} of ${r.length}`);
        assert.equal(r.span, sliceCp(r.text, r.start, r.end), `annotation ${r.id} text`);
      }
    },
  };
}

/** ingest() takes the documents whole or throws and leaves the project exactly as it was. */
function ingestAllOrNothing(e: Env, o: Outcome, docs: ParsedDoc[], input: string) {
  const before = e.counts();
  const r = parseOrError(o, 'ingest', input, () => e.ingest(e.p, docs, 'fuzz'));
  if (r === undefined) assert.deepEqual(e.counts(), before, `a failed ingest changed the project (${JSON.stringify(input.slice(0, 200))})`);
  assert.equal(e.p.db.inTransaction, false, 'ingest left a transaction open');
}

function report(name: string, o: Outcome, ingestO: Outcome) {
  const errs = (m: Map<string, number>) => [...m].map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
  console.log(`${name}: ${o.parsed} parsed, errors: ${errs(o.errors)}; ingest: ${ingestO.parsed} taken, errors: ${errs(ingestO.errors)}`);
  for (const u of [...o.unexpected, ...ingestO.unexpected].slice(0, 5)) console.log(`  not an InvalidInput: ${u}`);
}

/** A parser of file content, fuzzed with its own well-formed files (damaged or not) and the hostile inputs. */
async function fuzzParser(name: string, file: fc.Arbitrary<string>, parse: (content: string, e: Env) => ParsedDoc[], numRuns = 80) {
  const e = await env();
  const o = newOutcome();
  const io = newOutcome();
  try {
    const once = (content: string) => {
      const docs = parseOrError(o, name, content, () => parse(content, e));
      if (docs === undefined) return;
      checkDocs(docs);
      ingestAllOrNothing(e, io, docs, content);
    };
    for (const [, content] of HOSTILE) once(content);
    fc.assert(fc.property(damaged(file), once), { numRuns });
    e.consistent();
    report(name, o, io);
  } finally {
    e.p.close();
    rmSync(e.dir, { recursive: true, force: true });
  }
}

const jobs: Record<string, () => Promise<void>> = {
  /**
   * JSON formats can carry unpaired surrogates ("\ud800" escapes). Whatever an import does with them (refuse,
   * or replace them), the stored text must be the one the span offsets were checked against: every stored
   * span's text is text[start:end] of the stored document and the stored length is its code point count.
   */
  async loneSurrogates() {
    const { importJsonl } = await import('./jsonl-import.js');
    const { parseDoccano } = await import('./doccano.js');
    const { ingest } = await import('./ingest.js');
    const { openProject } = await import('../project.js');
    const { sliceCp, cpLength } = await import('../../common/offsets.js');
    const dir = mkdtempSync(join(tmpdir(), 'crosscheck-lone-'));
    let n = 0;
    try {
      const lone = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
      const withLone = fc
        .tuple(fc.string({ unit: fc.constantFrom('a', ' ', 'Ж', '😀'), maxLength: 6 }), lone, fc.string({ unit: fc.constantFrom('a', 'b', ' ', 'Ж'), minLength: 3, maxLength: 10 }))
        .filter(([, , tail]) => /\S/.test(tail))
        .map(([head, l, tail]) => ({ text: head + l + tail, at: Array.from(head + l).length, len: Array.from(tail).length }));
      fc.assert(
        fc.property(withLone, fc.boolean(), ({ text, at, len }, viaDoccano) => {
          const start = at + 1;
          const end = at + len;
          const span = Array.from(text).slice(start, end).join('');
          const where = `${viaDoccano ? 'doccano + ingest' : 'importJsonl'} of ${JSON.stringify(text)} with a span at ${start}..${end}`;
          const p = openProject(join(dir, `p${++n}.crosscheck`));
          try {
            try {
              if (viaDoccano) ingest(p, parseDoccano(JSON.stringify({ text, label: [[start, end, 'X']] }), 'd.jsonl'), 'd.jsonl');
              else {
                const file = join(dir, `l${n}.jsonl`);
                writeFileSync(file, JSON.stringify({ id: 1, title: 't', text, spans: [{ id: 1, start, end, label: 'X', text: span }], links: [] }) + '\n');
                importJsonl(p, file);
              }
            } catch (err) {
              // Refusing such text is fine, with a clear error.
              assert.equal((err as Error).name, 'InvalidInput', `${where}: ${(err as Error).message}`);
              return;
            }
            const r = p.db.prepare('SELECT a.start, a.end, a.text AS span, d.text, d.length FROM annotations a JOIN documents d ON d.id = a.doc_id').get() as
              | { start: number; end: number; span: string; text: string; length: number }
              | undefined;
            assert.ok(r, `${where}: the span was not stored`);
            assert.equal(r.length, cpLength(r.text), `${where}: the stored length ${r.length} is not the stored text's ${cpLength(r.text)} code points (stored text ${JSON.stringify(r.text)})`);
            assert.equal(sliceCp(r.text, r.start, r.end), r.span, `${where}: the stored text holds ${JSON.stringify(sliceCp(r.text, r.start, r.end))} at the stored span's ${r.start}..${r.end}, not ${JSON.stringify(r.span)}`);
          } finally {
            p.close();
          }
        }),
        { numRuns: 25 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
  async doccano() {
    const { parseDoccano } = await import('./doccano.js');
    await fuzzParser('parseDoccano', doccanoFile, (c) => parseDoccano(c, 'fuzz.jsonl'));
  },
  async labelstudio() {
    const { parseLabelStudio } = await import('./labelstudio.js');
    await fuzzParser('parseLabelStudio', lsFile, (c) => parseLabelStudio(c, 'fuzz.json'));
  },
  async w3c() {
    const { parseW3c } = await import('./w3c-import.js');
    const resolve = (source: string) => (source === 'missing' ? null : { text: W3C_TEXT, title: 'doc' });
    await fuzzParser('parseW3c', w3cFile, (c) => parseW3c(c, resolve, 'fuzz.json'));
  },
  async webanno() {
    const { parseWebAnnoTsv3 } = await import('./webanno-import.js');
    await fuzzParser('parseWebAnnoTsv3', webannoFile, (c) => [parseWebAnnoTsv3(c, 'fuzz.tsv')]);
  },
  async brat() {
    const { parseBratPair } = await import('./brat-import.js');
    let n = 0;
    // The .ann is fuzzed as the file; the .txt comes from the same generator or is hostile itself.
    const pair = fc.oneof(
      { arbitrary: bratPair.map((p) => JSON.stringify(p)), weight: 8 },
      { arbitrary: fc.constantFrom(...HOSTILE.map(([, c]) => JSON.stringify({ text: c, ann: 'T1\tX 0 1\tx\n' }))), weight: 1 },
    );
    await fuzzParser('parseBratPair', pair, (c, e) => {
      // The damaged JSON wrapper is the .ann when it no longer parses: an arbitrary .ann against a fixed text.
      let p: { text: string; ann: string };
      try {
        p = JSON.parse(c);
        if (typeof p?.text !== 'string' || typeof p?.ann !== 'string') throw new Error();
      } catch {
        p = { text: 'Gen. Rudskoy said 60 😀 civilians.', ann: c };
      }
      const txt = join(e.dir, `d${++n}.txt`);
      const ann = join(e.dir, `d${n}.ann`);
      writeFileSync(txt, p.text);
      writeFileSync(ann, p.ann);
      return [parseBratPair(txt, ann, null)];
    });
  },
  async jsonl() {
    const { importJsonl } = await import('./jsonl-import.js');
    const e = await env();
    const o = newOutcome();
    let n = 0;
    try {
      const once = (content: string) => {
        const file = join(e.dir, `in${++n}.jsonl`);
        writeFileSync(file, content);
        const before = e.counts();
        const r = parseOrError(o, 'importJsonl', content, () => importJsonl(e.p, file));
        if (r === undefined) assert.deepEqual(e.counts(), before, `a failed importJsonl changed the project (${JSON.stringify(content.slice(0, 200))})`);
        else assert.ok(e.counts().docs >= before.docs);
        assert.equal(e.p.db.inTransaction, false, 'importJsonl left a transaction open');
      };
      for (const [, content] of HOSTILE) once(content);
      // Random bytes as a file, too (importJsonl reads the file itself).
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
          const file = join(e.dir, `b${++n}.jsonl`);
          writeFileSync(file, bytes);
          const before = e.counts();
          const r = parseOrError(o, 'importJsonl', Buffer.from(bytes).toString('latin1'), () => importJsonl(e.p, file));
          if (r === undefined) assert.deepEqual(e.counts(), before);
        }),
        { numRuns: 60 },
      );
      fc.assert(fc.property(damaged(jsonlFile), once), { numRuns: 100 });
      assert.ok(o.parsed > 0 && o.errors.size > 0, 'the fuzzing reached both outcomes');
      e.consistent();
      report('importJsonl', o, newOutcome());
    } finally {
      e.p.close();
      rmSync(e.dir, { recursive: true, force: true });
    }
  },
};

/** Runs a job in a worker thread; fails when it throws, crashes or does not answer within `deadlineMs`. */
function inWorker(job: string, deadlineMs: number): Promise<void> {
  const w = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     import('tsx/esm/api').then(({ register }) => { register(); return import(workerData.self); })
       .catch((e) => parentPort.postMessage({ ok: false, message: 'worker failed to load: ' + (e && e.stack || e) }));`,
    { eval: true, workerData: { job, self: import.meta.url }, stdout: false },
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void w.terminate();
      reject(new Error(`${job}: hang guard: no answer within ${deadlineMs / 1000} s (a parser hangs?)`));
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
    w.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${job}: the worker exited (code ${code}) without an answer`));
    });
  });
}

if (!isMainThread && workerData?.job) {
  const t0 = performance.now();
  jobs[workerData.job]().then(
    () => {
      console.log(`  (${workerData.job}: ${((performance.now() - t0) / 1000).toFixed(1)} s in its worker)`);
      parentPort!.postMessage({ ok: true });
    },
    (e) => {
      const err = e as Error & { cause?: Error };
      parentPort!.postMessage({ ok: false, message: `${err?.message ?? String(e)}${err?.cause ? `\n${err.cause.message ?? err.cause}` : ''}` });
    },
  );
} else if (isMainThread) {
  const parsers: [job: string, module: string, what: string][] = [
    ['jsonl', 'jsonl-import', 'importJsonl: garbage, truncated and nested JSONL, wrong offsets; a failed import leaves the document count as it was'],
    ['brat', 'brat-import', 'parseBratPair (+ ingest): arbitrary .ann lines with wrong offsets and fragments, hostile .txt'],
    ['doccano', 'doccano', 'parseDoccano (+ ingest): JSONL and arrays with wrong offsets, damaged, nested, giant'],
    ['labelstudio', 'labelstudio', 'parseLabelStudio (+ ingest): tasks with wrong offsets and relations, damaged, nested, giant'],
    ['w3c', 'w3c-import', 'parseW3c (+ ingest): selectors with wrong offsets, links, pages and collections, damaged, nested, giant'],
    ['webanno', 'webanno-import', 'parseWebAnnoTsv3 (+ ingest): token offsets wrong, columns damaged, nested, giant'],
  ];
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
  const lone = moduleExists('jsonl-import') && moduleExists('doccano');
  const present = parsers.filter(([, module]) => {
    if (moduleExists(module)) return true;
    console.log(`parsers.property: services/formats/${module}.ts does not exist yet; its property is not run`);
    return false;
  });
  // The worker's deadline is a hang guard, not a speed requirement: the work each job does is bounded by counts
  // (WORK_PER_CHAR); the deadline catches only what no count sees (a regex backtracking, a loop over text[i]), which
  // makes a giant input run for hours. A job takes 1–10 s here, its workers running side by side; 10 minutes cannot
  // trip on a slow but healthy machine.
  const HANG_GUARD_MS = 600_000;
  describe('import parsers (properties): a result or an Error with a message, never a crash or a hang', () => {
    before(() => {
      if (lone) run('loneSurrogates', HANG_GUARD_MS);
      for (const [job] of present) run(job, HANG_GUARD_MS);
    });
    if (lone) {
      test('unpaired surrogates from JSON escapes: stored text still matches the stored span offsets (or the import refuses)', () =>
        run('loneSurrogates', HANG_GUARD_MS));
    }
    for (const [job, , what] of present) test(what, () => run(job, HANG_GUARD_MS));
  });
}

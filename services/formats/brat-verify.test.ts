import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseBratConf } from './brat-conf.js';
import { parseBratFolder } from './brat-folder.js';
import { readConfLikeBrat, verifyLikeBrat } from './brat-test-checker.js';
import { FIXTURES, doc, exportTo, fakeCtx, link, span, writeOut } from './brat-test-helpers.js';
import { collectingContext } from './types.js';

/**
 * Issue 11, item 3: brat's checker (verify_annotations.py) refuses nested spans unless annotation.conf declares an
 * overlap rule. brat's Python tools cannot be installed here, so the files are checked against brat's own rules as
 * brat-test-checker.ts restates them; the checker is first shown to agree with brat's own sample collection.
 */

let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'crosscheck-brat-verify-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

const TEXT = 'Officials said 60 civilians were killed in Mosul on Tuesday.';

/** An export where spans nest (figure in claim), coincide (speaker and claim on "Officials") and cross. */
function nestedExport() {
  const claim = span(TEXT, '60 civilians were killed in Mosul', 'claim');
  const figure = span(TEXT, '60', 'figure');
  const speaker = span(TEXT, 'Officials', 'speaker');
  const same = span(TEXT, 'Officials', 'claim');
  const crossing = span(TEXT, 'Officials said 60', 'claim');
  const d = doc(1, TEXT, [claim, figure, speaker, same, crossing], [link(1, claim, speaker, 'said-by', 1), link(2, claim, crossing, 'same-as', 1)]);
  const { sinks } = exportTo(fakeCtx(['claim', 'speaker', 'figure']), { '': [d] });
  return sinks[''].files;
}

test('the restated checker agrees with brat on its own sample collection (tutorial-news passes) and has teeth', () => {
  const folder = join(FIXTURES, 'tutorial-news');
  const conf = readFileSync(join(folder, 'annotation.conf'), 'utf8');
  assert.deepEqual(readConfLikeBrat(conf).problems, []);
  for (const f of readdirSync(folder).filter((n) => n.endsWith('.ann'))) assert.deepEqual(verifyLikeBrat(conf, readFileSync(join(folder, f), 'utf8')), [], f);
  // Two Person spans, one inside the other: brat's default is no overlap at all.
  const nested = 'T1\tPerson 0 10\tJoe Bloggs\nT2\tPerson 0 3\tJoe\n';
  assert.deepEqual(verifyLikeBrat(conf, nested), ['T1: Person cannot contain Person (T2)', 'T2: Person cannot be contained in Person (T1)']);
  assert.deepEqual(verifyLikeBrat(conf, 'T1\tPerson 0 3\tJoe\nR1\tOrigin Arg1:T1 Arg2:T1\n'), ['R1: Origin relation Arg1:Person Arg2:Person not allowed']);
  assert.deepEqual(verifyLikeBrat(conf, 'T1\tclaim 0 3\tJoe\n'), ['T1: claim is not a known textbound type']);
  assert.deepEqual(readConfLikeBrat('[entities]\na\n[relations]\n<OVERLAP>\tArg1:a Arg2:a, <OVL-TYPE>:<ANY>\n[events]\n[attributes]\n').problems, ['cannot parse argument "Arg1:a Arg2:a" of <OVERLAP>']);
  assert.deepEqual(readConfLikeBrat('[entities]\na\n[relations]\n<ALL>=a\n[events]\n').problems, ['missing section [attributes]']);
});

test('our annotation.conf declares an overlap rule for the exported types: nested, equal and crossing spans pass brat’s checks', () => {
  const files = nestedExport();
  const conf = files.get('annotation.conf')!;
  const ann = files.get('1.ann')!;
  assert.match(conf, /\n\[relations\]\n\n# [^\n]*\n<OVERLAP>\tArg1:claim\|speaker\|figure, Arg2:claim\|speaker\|figure, <OVL-TYPE>:<ANY>\n/);
  assert.deepEqual(readConfLikeBrat(conf).problems, []);
  assert.deepEqual(verifyLikeBrat(conf, ann), []);

  // What the export wrote before the rule: brat reports every overlapping pair.
  const without = conf.replace(/^<OVERLAP>.*\n/m, '');
  const issues = verifyLikeBrat(without, ann);
  assert.ok(issues.some((i) => /figure cannot be contained in claim/.test(i)), issues.join('\n'));
  assert.ok(issues.some((i) => /cannot have identical span with/.test(i)), issues.join('\n'));
  assert.ok(issues.some((i) => /crossing span/.test(i)), issues.join('\n'));
});

test('the import reads overlap rules (new <OVERLAP> and old ENTITY-NESTING) without complaint; they are not relation types', () => {
  const conf = parseBratConf(
    '[entities]\nclaim\nfigure\n[relations]\n<OVERLAP>\tArg1:claim|figure, Arg2:<ENTITY>, <OVL-TYPE>:contain|equal\nENTITY-NESTING\tArg1:figure, Arg2:claim\nsaid-by\tArg1:<ENTITY>, Arg2:<ENTITY>\n[events]\n[attributes]\n',
  );
  assert.deepEqual(conf.overlaps, [
    { arg1: ['claim', 'figure'], arg2: ['<ENTITY>'], kinds: ['contain', 'equal'] },
    { arg1: ['figure'], arg2: ['claim'], kinds: ['contain'] },
  ]);
  assert.deepEqual([...conf.relations.keys()], ['said-by']);

  const out = join(dir, 'nested');
  writeOut(out, { '': { files: nestedExport() } as never });
  const ctx = collectingContext(out);
  const issues: { path: string; reason: string }[] = [];
  const [back] = parseBratFolder(out, issues, undefined, ctx);
  assert.deepEqual([issues, ctx.dropped, ctx.notes], [[], [], []]);
  assert.equal(back.spans.length, 5);
  assert.deepEqual(parseBratConf(readFileSync(join(out, 'annotation.conf'), 'utf8')).overlaps, [
    { arg1: ['claim', 'speaker', 'figure'], arg2: ['claim', 'speaker', 'figure'], kinds: ['<ANY>'] },
  ]);
});

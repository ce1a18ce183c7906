import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProject, type Project } from '../project.js';
import { runExport } from '../export/run.js';
import { ingest } from './ingest.js';
import { spanAnnotation, w3cExporter } from './w3c-export.js';
import { parseW3cFolder } from './w3c-folder.js';
import { collectingContext, type ExportSpan } from './types.js';
import { cp, failuresOf, loadMusts, read, type Assertion } from './w3c-test-helpers.js';

/** W3C export (w3c-export.ts) against the W3C test suite's MUST assertions, and back through the folder import. */

let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'crosscheck-w3c-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

let musts: Assertion[];
before(() => (musts = loadMusts()));
const failures = (anno: unknown) => failuresOf(musts, anno);

test('validator setup: 54 MUST assertions; the 5 correct samples pass all of them and anno38 fails 4', () => {
  assert.equal(musts.length, 54);
  assert.ok(musts.every((a) => a.schema.assertionType === 'must'));
  for (const f of ['anno1.json', 'anno26.json', 'anno27.json', 'anno32.json', 'anno41-example44.json']) {
    assert.deepEqual(failures(JSON.parse(read(`samples/correct/${f}`))), [], f);
  }
  assert.deepEqual(failures(JSON.parse(read('samples/incorrect/anno38.json'))), [
    'annotations/3.1-annotationIdValidated.json',
    'annotations/3.2-targetObjectsRecognized.json',
    'annotations/specificResource/4.2-selectorValidIfPresent.json',
    'annotations/specificResource/4.2-fragmentCssXPathSelectorValid.json',
  ]);
});

test('validator setup: formats and the body/bodyValue rule are enforced, not ignored', () => {
  const anno1 = JSON.parse(read('samples/correct/anno1.json'));
  assert.deepEqual(failures({ ...anno1, id: 'not a uri' }), ['annotations/3.1-annotationIdValidated.json']);
  assert.deepEqual(failures({ ...anno1, created: 'yesterday' }), ['annotations/3.3.1-annotationCreatedValidated.json']);
  assert.ok(failures({ ...anno1, bodyValue: 'x' }).includes('annotations/3.2.5-notBodyBodyValue.json'));
  const { target: _t, ...noTarget } = anno1;
  assert.ok(failures(noTarget).includes('annotations/3.1-targetKeyFound.json'));
  const anno27 = JSON.parse(read('samples/correct/anno27.json'));
  anno27.target.selector.start = -1;
  assert.ok(failures(anno27).includes('annotations/specificResource/4.2-TextDataPositionSelectorValid.json'));
});

// ---------------------------------------------------------------------------------------------------------
// Export

const TEXT = '😀 Gen. Rudskoy said: 60 civilians killed 👩‍👩‍👧 in Mosul 🇺🇦. Cafe\u0301 "quoted" <b> & \\ end 😀';
const OTHER = 'Lieutenant-General Sergey Rutskoy said\r\nover 60 civilians have been killed.';

let seq = 0;
function project(): Project {
  const p = openProject(join(dir, `p${++seq}.crosscheck`));
  const d0 = p.documents.insert({ title: 'RT', date: '2016-10-20', source: 'RT', path: 'in/rt.txt', hash: `a${seq}`, text: TEXT, length: cp(TEXT) }, 'now');
  const d1 = p.documents.insert({ title: 'TASS', date: null, source: null, path: null, hash: `b${seq}`, text: OTHER, length: cp(OTHER) }, 'now');
  const span = (doc: number, text: string, s: string, labelId: number, nth = 0) => {
    let at = -1;
    for (let k = 0; k <= nth; k++) at = text.indexOf(s, at + 1);
    const start = cp(text.slice(0, at));
    return p.annotations.create({ docId: doc, labelId, start, end: start + cp(s) });
  };
  const first = span(d0, TEXT, '😀', 3); // no prefix
  const last = span(d0, TEXT, '😀', 3, 1); // no suffix
  const claim = span(d0, TEXT, '60 civilians killed 👩‍👩‍👧', 1);
  const who = span(d0, TEXT, 'Rudskoy', 2);
  span(d0, TEXT, 'Cafe\u0301 "quoted" <b> & \\', 1);
  const other = span(d1, OTHER, 'Sergey Rutskoy', 2);
  span(d1, OTHER, 'said\r\nover', 1);
  p.annotations.update(claim.id, { note: 'a note: with a colon', attributes: { value: '60', 'unit of: measure': 'people' } });
  p.links.create(who.id, other.id, 1);
  p.links.create(claim.id, who.id, 4);
  p.links.create(first.id, last.id, 3);
  return p;
}

async function exported(p: Project) {
  const dest = join(dir, `export-${++seq}`);
  const r = await runExport(p, { w3c: w3cExporter }, { format: 'w3c', dest, docs: { kind: 'all' } });
  return { dest, r, annotations: JSON.parse(readFileSync(join(dest, 'annotations.jsonld'), 'utf8')) as Record<string, unknown>[] };
}

test('every annotation the exporter writes, spans and links, passes all 54 MUST assertions', async () => {
  const p = project();
  const { annotations } = await exported(p);
  const spans = annotations.filter((a) => a.motivation === 'tagging');
  const links = annotations.filter((a) => a.motivation === 'linking');
  assert.equal(spans.length, 7);
  assert.equal(links.length, 3);
  for (const a of annotations) assert.deepEqual(failures(a), [], JSON.stringify(a));
  // And the ones with every optional part: created/modified, a note, attributes, empty prefix, empty suffix.
  assert.ok(spans.some((a) => typeof a.created === 'string' && typeof a.modified === 'string'));
  assert.ok(spans.some((a) => (a.body as { purpose: string }[]).some((b) => b.purpose === 'commenting')));
  assert.ok(spans.some((a) => (a.body as { purpose: string }[]).some((b) => b.purpose === 'describing')));
  p.close();
});

test('export shape: code point positions, 32-code-point context, bodies, link targets, texts and documents.json', async () => {
  const p = project();
  const { dest, annotations } = await exported(p);
  const claim = annotations.find((a) => (a.target as { selector?: { exact: string }[] }).selector?.[0].exact === '60 civilians killed 👩‍👩‍👧')!;
  const target = claim.target as { type: string; source: string; selector: Record<string, unknown>[] };
  assert.equal(target.type, 'SpecificResource');
  assert.equal(target.source, 'urn:crosscheck:document:1');
  const start = cp(TEXT.slice(0, TEXT.indexOf('60 civ')));
  assert.deepEqual(target.selector[1], { type: 'TextPositionSelector', start, end: start + 25 });
  assert.notEqual(start, TEXT.indexOf('60 civ'), 'UTF-16 would differ');
  assert.equal(target.selector[0].prefix, Array.from(TEXT).slice(0, start).join(''), 'less than 32 code points before it: all of them');
  assert.equal(cp(target.selector[0].suffix as string), 32);
  assert.deepEqual(claim.body, [
    { type: 'TextualBody', purpose: 'tagging', value: 'claim' },
    { type: 'TextualBody', purpose: 'commenting', value: 'a note: with a colon' },
    { type: 'TextualBody', purpose: 'describing', value: 'value: 60' },
    { type: 'TextualBody', purpose: 'describing', value: 'unit of: measure: people' },
  ]);
  assert.equal(claim['@context'], 'http://www.w3.org/ns/anno.jsonld');
  assert.match(claim.id as string, /^urn:crosscheck:annotation:\d+$/);
  const first = annotations.find((a) => (a.target as { selector?: { start: number }[] }).selector?.[1].start === 0)!;
  assert.equal((first.target as { selector: { prefix: string }[] }).selector[0].prefix, '');
  const saidBy = annotations.find((a) => a.motivation === 'linking' && (a.body as { value: string }[])[0].value === 'said-by')!;
  assert.deepEqual(saidBy.target, [claim.id, annotations.find((a) => (a.target as { selector?: { exact: string }[] }).selector?.[0].exact === 'Rudskoy')!.id]);
  assert.match(saidBy.id as string, /^urn:crosscheck:link:\d+$/);
  assert.equal(readFileSync(join(dest, 'texts', '1.txt'), 'utf8'), TEXT);
  assert.equal(readFileSync(join(dest, 'texts', '2.txt'), 'utf8'), OTHER);
  assert.deepEqual(JSON.parse(readFileSync(join(dest, 'documents.json'), 'utf8')), {
    'urn:crosscheck:document:1': { title: 'RT', date: '2016-10-20', source: 'RT', path: 'in/rt.txt', file: 'texts/1.txt' },
    'urn:crosscheck:document:2': { title: 'TASS', date: null, source: null, path: null, file: 'texts/2.txt' },
  });
  p.close();
});

test('an export with no documents still writes valid JSON files', async () => {
  const p = openProject(join(dir, `empty-${++seq}.crosscheck`));
  const { dest, annotations } = await exported(p);
  assert.deepEqual(annotations, []);
  assert.deepEqual(JSON.parse(readFileSync(join(dest, 'documents.json'), 'utf8')), {});
  p.close();
});

test('export → folder import → same spans, notes, attributes (keys with ": " too), links', async () => {
  const p = project();
  const { dest } = await exported(p);
  const docs = parseW3cFolder(dest);
  assert.deepEqual(
    docs.map((d) => [d.title, d.date, d.source, d.path]),
    [
      ['RT', '2016-10-20', 'RT', 'in/rt.txt'],
      ['TASS', null, null, join(dest, 'texts/2.txt')],
    ],
  );
  const claim = docs[0].spans.find((s) => s.text === '60 civilians killed 👩‍👩‍👧')!;
  assert.equal(claim.note, 'a note: with a colon');
  assert.deepEqual(claim.attributes, { value: '60', 'unit of': 'measure: people' }, 'an attribute key holding ": " splits at its first ": " (documented limit)');
  const q = openProject(join(dir, `q${++seq}.crosscheck`));
  const r = ingest(q, docs, dest);
  assert.equal(r.spans, 7);
  assert.equal(r.links, 3);
  assert.equal(q.links.clusters.count(), 1);
  p.close();
  q.close();
});

test('a discontinuous span (brat `T1 claim 0 12;35 55`) is one annotation with a target per fragment, counted in the notes, and comes back as one span', async () => {
  const p = project();
  const text = p.documents.get(1).text;
  const a = cp(text.slice(0, text.indexOf('Gen.')));
  const b = cp(text.slice(0, text.indexOf('60 civ')));
  const disc = p.annotations.create({ docId: 1, labelId: 1, start: a, end: b + 12 });
  p.annotations.update(disc.id, { attributes: { fragments: `${a}-${a + 4};${b}-${b + 12}`, unit: 'people' } });
  const { dest, r, annotations } = await exported(p);
  assert.deepEqual(r.notes, ['W3C: 1 discontinuous span written as one annotation with one target per fragment (2 targets); Crosscheck reads it back as one span.']);
  const written = annotations.find((x) => x.id === `urn:crosscheck:annotation:${disc.id}`)!;
  assert.deepEqual(failures(written), []);
  const targets = written.target as { type: string; source: string; selector: Record<string, unknown>[] }[];
  assert.deepEqual(
    targets.map((t) => [t.type, t.source, t.selector[0].exact, t.selector[1]]),
    [
      ['SpecificResource', 'urn:crosscheck:document:1', 'Gen.', { type: 'TextPositionSelector', start: a, end: a + 4 }],
      ['SpecificResource', 'urn:crosscheck:document:1', '60 civilians', { type: 'TextPositionSelector', start: b, end: b + 12 }],
    ],
    'each fragment, never the gap between them',
  );
  assert.deepEqual(written.body, [
    { type: 'TextualBody', purpose: 'tagging', value: 'claim' },
    { type: 'TextualBody', purpose: 'describing', value: 'unit: people' },
  ]);

  const ctx = collectingContext(dest);
  const back = parseW3cFolder(dest, ctx).flatMap((d) => d.spans).find((s) => s.key === written.id)!;
  assert.deepEqual([back.start, back.end, back.label, back.attributes], [a, b + 12, 'claim', { unit: 'people', fragments: `${a}-${a + 4};${b}-${b + 12}` }]);
  assert.deepEqual(ctx.dropped, [], 'our own export imports with nothing left out');
  assert.deepEqual(ctx.notes, ['W3C: kept nowhere (they describe the annotations rather than annotate the text; Crosscheck has no place for them): created ×8, modified ×8.']);
  p.close();
});

test('spanAnnotation cuts prefix and suffix at code points, never inside a surrogate pair', () => {
  const text = '😀'.repeat(40) + 'X' + '🇺🇦'.repeat(20);
  const s: ExportSpan = { id: 9, start: 40, end: 41, label: 'figure', text: 'X', note: '', attributes: {}, cluster: null, annotator: 'ana' };
  const a = spanAnnotation({ id: 3, text }, s) as { target: { selector: { prefix: string; suffix: string; exact: string }[] } };
  const q = a.target.selector[0];
  assert.equal(q.exact, 'X');
  assert.equal(q.prefix, '😀'.repeat(32));
  assert.equal(q.suffix, '🇺🇦'.repeat(16));
  assert.deepEqual(failures(a), []);
});

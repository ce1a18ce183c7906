import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import type { ValidateFunction } from 'ajv-draft-04';
import { openProject, type Project } from '../project.js';
import { runExport } from '../export/run.js';
import { ingest } from './ingest.js';
import { spanAnnotation, w3cExporter } from './w3c-export.js';
import { parseW3c } from './w3c-import.js';
import { parseW3cFolder } from './w3c-folder.js';
import type { ExportSpan } from './types.js';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'w3c-web-annotation');
const read = (rel: string) => readFileSync(join(FIXTURES, rel), 'utf8');

let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'crosscheck-w3c-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

// ---------------------------------------------------------------------------------------------------------
// The W3C test suite's MUST assertions (web-annotation-tests, annotations/annotationMusts.test): JSON Schema
// draft-04 files whose $refs name the definitions by their "id" ("id.json#/definitions/stringUri").

interface Assertion {
  path: string;
  schema: { assertionType: string; expectedResult: 'valid' | 'invalid'; errorMessage?: string };
  validate: ValidateFunction;
}

function loadMusts(): Assertion[] {
  const ajv = new Ajv({ strict: false, allErrors: true });
  // The schemas use formats "uri" and "date-time"; ajv-formats is not installed, so they are defined here,
  // strictly enough that a non-URI id or a non-date "created" fails (tested below).
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]*$/i);
  ajv.addFormat('date-time', (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(s) && !Number.isNaN(Date.parse(s)));
  for (const f of readdirSync(join(FIXTURES, 'definitions'))) ajv.addSchema(JSON.parse(read(join('definitions', f))));
  const list = JSON.parse(read('assertions/annotationMusts.test')).assertions as string[];
  return list.map((p) => {
    const schema = JSON.parse(read(join('assertions', p.replace(/^annotations\//, ''))));
    return { path: p, schema, validate: ajv.compile(schema) };
  });
}

let musts: Assertion[];
before(() => (musts = loadMusts()));

/** The assertions an annotation fails: valid when expected "invalid" or invalid when expected "valid". */
const failures = (anno: unknown) => musts.filter((a) => a.validate(anno) !== (a.schema.expectedResult === 'valid')).map((a) => a.path);

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
const cp = (s: string) => Array.from(s).length;

let seq = 0;
function project(): Project {
  const p = openProject(join(dir, `p${++seq}.crosscheck`));
  const d0 = p.documents.insert({ title: 'RT', date: '2016-10-20', source: 'RT', path: '/in/rt.txt', hash: `a${seq}`, text: TEXT, length: cp(TEXT) }, 'now');
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
    'urn:crosscheck:document:1': { title: 'RT', date: '2016-10-20', source: 'RT', path: '/in/rt.txt', file: 'texts/1.txt' },
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
      ['RT', '2016-10-20', 'RT', '/in/rt.txt'],
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

// ---------------------------------------------------------------------------------------------------------
// Import of other tools' annotations: the test suite's samples

const resolver = (texts: Record<string, string>) => (source: string) => (source in texts ? { text: texts[source], title: `title of ${source}` } : null);

test('sample anno1: a string body and a whole-page target → one span over the whole text, labelled by the body IRI', () => {
  const text = 'Page one 😀 text.';
  const docs = parseW3c(read('samples/correct/anno1.json'), resolver({ 'http://example.com/page1': text }), 'anno1.json');
  assert.equal(docs.length, 1);
  assert.equal(docs[0].title, 'title of http://example.com/page1');
  assert.deepEqual(docs[0].spans, [{ key: 'http://example.org/anno1', start: 0, end: cp(text), label: 'http://example.org/post1', at: 'anno1.json:3' }]);
});

test('sample anno26: TextQuoteSelector; prefix and suffix pick the right one of two "anotation"s', () => {
  const text = 'An anotation here. 😀 And this is an anotation that has some typos.';
  const [doc] = parseW3c(read('samples/correct/anno26.json'), resolver({ 'http://example.org/page1': text }), 'anno26.json');
  assert.equal(doc.spans.length, 1);
  const s = doc.spans[0];
  assert.equal(s.text, 'anotation');
  assert.equal(s.label, 'http://example.org/comment1');
  assert.equal(s.start, cp(text.slice(0, text.lastIndexOf('anotation'))));
  assert.equal(Array.from(text).slice(s.start, s.end).join(''), 'anotation');
});

test('sample anno27: TextPositionSelector 412..795 counts code points', () => {
  const text = '😀'.repeat(412) + 'x'.repeat(383) + ' tail';
  const [doc] = parseW3c(read('samples/correct/anno27.json'), resolver({ 'http://example.org/ebook1': text }), 'anno27.json');
  assert.deepEqual(
    doc.spans.map((s) => [s.start, s.end, s.label]),
    [[412, 795, 'http://example.org/review1']],
  );
  const q = openProject(join(dir, `a27-${++seq}.crosscheck`));
  ingest(q, [doc], 'anno27.json');
  const [span] = q.db.prepare('SELECT text FROM annotations').pluck().all() as string[];
  assert.equal(span, 'x'.repeat(383), 'UTF-16 offsets would have cut into the emoji');
  q.close();
});

test('sample anno32: a FragmentSelector refined by a TextQuoteSelector → the quote, found in the plain text', () => {
  const text = 'Some text before the Selected Text and text after it.';
  const [doc] = parseW3c(read('samples/correct/anno32.json'), resolver({ 'http://example.org/page1': text }), 'anno32.json');
  assert.deepEqual(
    doc.spans.map((s) => [s.start, s.end, s.text]),
    [[21, 34, 'Selected Text']],
  );
});

test('sample anno41: an XPointer fragment refined by positions cannot be placed in plain text: a clear error', () => {
  assert.throws(
    () => parseW3c(read('samples/correct/anno41-example44.json'), resolver({ 'http://example.com/document1': 'x'.repeat(40) }), 'anno41.json'),
    /^InvalidInput: anno41\.json:3: FragmentSelector "xpointer\(\/doc\/body\/section\[2\]\/para\[1\]\)" selects part of an HTML, XML or media resource/,
  );
  // Its bodies, on a plain target: the tagging body is the label, the Choice's first item a note.
  const a = JSON.parse(read('samples/correct/anno41-example44.json'));
  a.target = { source: 'http://example.com/document1', selector: { type: 'TextPositionSelector', start: 6, end: 27 } };
  const [doc] = parseW3c(JSON.stringify(a), resolver({ 'http://example.com/document1': 'x'.repeat(40) }), 'anno41.json');
  assert.equal(doc.spans[0].label, 'love');
  assert.equal(doc.spans[0].note, 'I really love this particular bit of text in this XML. No really.');
});

test('sample anno38 (incorrect): a target with no source is refused', () => {
  assert.throws(() => parseW3c(read('samples/incorrect/anno38.json'), resolver({}), 'anno38.json'), /anno38\.json: annotation 1: a target is neither an IRI nor a resource with a source/);
});

// ---------------------------------------------------------------------------------------------------------
// Import: containers, bodies, selectors, links, errors

const TXT = 'Alpha 😀 beta gamma beta delta 🇺🇦 beta.';
const src = resolver({ 'urn:doc': TXT });
const anno = (id: string, target: unknown, body: unknown = [{ type: 'TextualBody', purpose: 'tagging', value: 'claim' }], extra: object = {}) => ({
  '@context': 'http://www.w3.org/ns/anno.jsonld',
  id,
  type: 'Annotation',
  body,
  target,
  ...extra,
});
const quote = (exact: string, prefix?: string, suffix?: string) => ({ source: 'urn:doc', selector: { type: 'TextQuoteSelector', exact, prefix, suffix } });
const pos = (start: number, end: number) => ({ source: 'urn:doc', selector: { type: 'TextPositionSelector', start, end } });

test('containers: one annotation, an array, an AnnotationPage, a collection with embedded pages', () => {
  const a = anno('urn:a', pos(0, 5));
  const b = anno('urn:b', pos(6, 7));
  const c = anno('urn:c', pos(8, 12));
  const count = (json: unknown) => parseW3c(JSON.stringify(json), src, 'f.json').flatMap((d) => d.spans).length;
  assert.equal(count(a), 1);
  assert.equal(count([a, b, c]), 3);
  assert.equal(count({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationPage', items: [a, b] }), 2);
  assert.equal(count({ type: 'AnnotationCollection', first: { type: 'AnnotationPage', items: [a], next: { type: 'AnnotationPage', items: [b, c] } } }), 3);
  assert.throws(() => count({ type: 'AnnotationCollection', first: 'http://example.org/page1' }), /the collection's pages \(http:\/\/example\.org\/page1\) are not in the file/);
  assert.throws(() => count([a, { type: 'Note' }]), /item 2 is not an Annotation/);
});

test('bodies: classifying, plain IRI body, commenting, describing, bodyValue, and an unpurposed body under motivation tagging', () => {
  const one = (body: unknown, extra: object = {}) => parseW3c(JSON.stringify(anno('urn:x', pos(0, 5), body, extra)), src, 'f.json')[0].spans[0];
  assert.equal(one([{ type: 'TextualBody', purpose: 'classifying', value: 'speaker' }]).label, 'speaker');
  assert.equal(one('http://example.org/tag/claim').label, 'http://example.org/tag/claim');
  assert.equal(one({ type: 'TextualBody', value: 'figure' }, { motivation: 'tagging' }).label, 'figure');
  const s = one([
    { type: 'TextualBody', purpose: 'commenting', value: 'first' },
    { type: 'TextualBody', purpose: 'tagging', value: 'claim' },
    { type: 'TextualBody', purpose: 'tagging', value: 'extra' },
    { type: 'TextualBody', purpose: 'describing', value: 'unit: killed' },
    { type: 'TextualBody', purpose: 'describing', value: 'free description' },
  ]);
  assert.deepEqual([s.label, s.note, s.attributes], ['claim', 'first\n\nfree description', { unit: 'killed', tags: 'extra' }]);
  const bv = parseW3c(JSON.stringify({ ...anno('urn:y', pos(0, 5)), body: undefined, bodyValue: 'just a comment', motivation: 'commenting' }), src, 'f.json')[0].spans[0];
  assert.deepEqual([bv.label, bv.note], ['commenting', 'just a comment']);
});

test('selectors: positions in code points, quotes with context, repeats, position/quote disagreement, refinements', () => {
  const spans = (target: unknown) => parseW3c(JSON.stringify(anno('urn:x', target)), src, 'f.json')[0].spans.map((s) => Array.from(TXT).slice(s.start, s.end).join('') + '@' + s.start);
  assert.deepEqual(spans(pos(6, 7)), ['😀@6']);
  assert.deepEqual(spans(quote('beta', 'gamma ', ' delta')), ['beta@19']);
  // The model: several matches of the same quote and context are all selected.
  assert.deepEqual(spans(quote('beta')), ['beta@8', 'beta@19', 'beta@33']);
  // A position that does not hold the quoted text: the quote wins (positions made against another copy).
  assert.deepEqual(spans({ source: 'urn:doc', selector: [{ type: 'TextQuoteSelector', exact: 'delta', prefix: 'beta ' }, { type: 'TextPositionSelector', start: 0, end: 5 }] }), ['delta@24']);
  assert.deepEqual(spans({ source: 'urn:doc', selector: { type: 'FragmentSelector', value: 'char=6,30', conformsTo: 'http://tools.ietf.org/rfc/rfc5147', refinedBy: { type: 'TextQuoteSelector', exact: 'beta' } } }), [
    'beta@8',
    'beta@19',
  ]);
  assert.deepEqual(spans({ source: 'urn:doc', selector: { type: 'FragmentSelector', value: 'char=6,30', refinedBy: { type: 'TextPositionSelector', start: 2, end: 6 } } }), ['beta@8']);
  const multi = parseW3c(JSON.stringify(anno('urn:m', quote('beta'))), src, 'f.json')[0].spans.map((s) => s.key);
  assert.deepEqual(multi, ['urn:m', 'urn:m#2', 'urn:m#3']);
});

test('selector errors name the file and line', () => {
  const file = (json: unknown) => JSON.stringify(json, null, 2);
  const two = file([anno('urn:a', pos(0, 5)), anno('urn:b', pos(3, 99))]);
  const line = two.split('\n').findIndex((l) => l.includes('"id": "urn:b"')) + 1;
  assert.ok(line > 10);
  assert.throws(() => parseW3c(two, src, 'f.json'), new RegExp(`^InvalidInput: f\\.json:${line}: TextPositionSelector 3\\.\\.99 is outside the text of urn:doc \\(38 code points\\)$`));
  assert.throws(() => parseW3c(file(anno('urn:a', quote('omega'))), src, 'f.json'), /f\.json:3: the quoted text "omega" is not in the text of urn:doc/);
  assert.throws(() => parseW3c(file(anno('urn:a', { source: 'urn:doc', selector: { type: 'CssSelector', value: '#x' } })), src, 'f.json'), /CssSelector is not supported for plain text/);
  assert.throws(() => parseW3c(file(anno('urn:a', { source: 'urn:missing', selector: { type: 'TextPositionSelector', start: 0, end: 1 } })), src, 'f.json'), /f\.json:3: cannot find the text of urn:missing/);
  assert.throws(() => parseW3c('[\n{"id": "urn:a",\n"type": "Annotation"\n', src, 'f.json'), /^InvalidInput: f\.json:4: not JSON/);
  assert.throws(() => parseW3c(file(anno('urn:a', [])), src, 'f.json'), /the annotation has no target/);
});

test('linking annotations become links between the spans they target, from the first to the others', () => {
  const link = { '@context': 'http://www.w3.org/ns/anno.jsonld', id: 'urn:l', type: 'Annotation', motivation: 'linking', body: { type: 'TextualBody', purpose: 'tagging', value: 'said-by' }, target: ['urn:b', 'urn:a'] };
  const docs = parseW3c(JSON.stringify([anno('urn:a', pos(0, 5)), anno('urn:b', pos(6, 7)), link]), src, 'f.json');
  assert.deepEqual(docs[0].links, [{ from: 'urn:b', to: 'urn:a', type: 'said-by' }]);
  const q = openProject(join(dir, `l${++seq}.crosscheck`));
  const r = ingest(q, docs, 'f.json');
  assert.equal(r.links, 1);
  q.close();
  assert.throws(() => parseW3c(JSON.stringify([anno('urn:a', pos(0, 5)), { ...link, target: ['urn:a', 'urn:zz'] }]), src, 'f.json'), /the said-by link targets urn:zz, which is not an annotation of a text span in this import/);
});

test('parseW3cFolder: a missing annotations.jsonld, a file outside the folder, and a folder without documents.json', () => {
  const empty = join(dir, `nofolder-${++seq}`);
  mkdirSync(empty);
  assert.throws(() => parseW3cFolder(empty), /no annotations\.jsonld here/);
  const evil = join(dir, `evil-${++seq}`);
  mkdirSync(evil);
  writeFileSync(join(evil, 'annotations.jsonld'), JSON.stringify([anno('urn:a', { source: 'urn:crosscheck:document:1', selector: { type: 'TextPositionSelector', start: 0, end: 1 } })]));
  writeFileSync(join(evil, 'documents.json'), JSON.stringify({ 'urn:crosscheck:document:1': { title: 't', file: '../../etc/passwd' } }));
  assert.throws(() => parseW3cFolder(evil), /is outside the export folder|cannot find the text/);
  const bare = join(dir, `bare-${++seq}`);
  mkdirSync(join(bare, 'texts'), { recursive: true });
  writeFileSync(join(bare, 'texts', '7.txt'), 'Bare 😀 text');
  writeFileSync(join(bare, 'annotations.jsonld'), JSON.stringify([anno('urn:a', { source: 'urn:crosscheck:document:7', selector: { type: 'TextPositionSelector', start: 5, end: 6 } })]));
  const [doc] = parseW3cFolder(bare);
  assert.equal(doc.text, 'Bare 😀 text');
  assert.deepEqual([doc.spans[0].start, doc.spans[0].end], [5, 6]);
});

test('spanAnnotation cuts prefix and suffix at code points, never inside a surrogate pair', () => {
  const text = '😀'.repeat(40) + 'X' + '🇺🇦'.repeat(20);
  const s: ExportSpan = { id: 9, start: 40, end: 41, label: 'figure', text: 'X', note: '', attributes: {}, cluster: null };
  const a = spanAnnotation({ id: 3, text }, s) as { target: { selector: { prefix: string; suffix: string; exact: string }[] } };
  const q = a.target.selector[0];
  assert.equal(q.exact, 'X');
  assert.equal(q.prefix, '😀'.repeat(32));
  assert.equal(q.suffix, '🇺🇦'.repeat(16));
  assert.deepEqual(failures(a), []);
});

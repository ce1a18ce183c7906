import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProject } from '../project.js';
import { ingest } from './ingest.js';
import { importAnnotatedPaths } from './importers.js';
import { parseW3c } from './w3c-import.js';
import { parseW3cFolder } from './w3c-folder.js';
import { collectingContext } from './types.js';
import { TXT, anno, cp, pos, quote, read, resolver, src } from './w3c-test-helpers.js';

/** W3C import (w3c-import.ts, w3c-selectors.ts, w3c-annotations.ts): the test suite's samples, then each rule. */

let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'crosscheck-w3c-import-'))));
after(() => rmSync(dir, { recursive: true, force: true }));
let seq = 0;

// ---------------------------------------------------------------------------------------------------------
// Import of other tools' annotations: the test suite's samples


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

test('sample anno41: an XPointer fragment cannot be placed in plain text: dropped with the reason; what describes it is counted in a note', () => {
  const ctx = collectingContext('anno41.json');
  const docs = parseW3c(read('samples/correct/anno41-example44.json'), resolver({ 'http://example.com/document1': 'x'.repeat(40) }), 'anno41.json', ctx);
  assert.deepEqual(docs[0].spans, []);
  assert.deepEqual(ctx.dropped, [
    { path: 'anno41.json', where: 'line 3', what: '1 alternative body of a Choice of http://example.org/anno41', why: 'a span keeps the first (default) item of a Choice' },
    {
      path: 'anno41.json',
      where: 'line 3',
      what: 'the annotation http://example.org/anno41 (love)',
      why: 'FragmentSelector "xpointer(/doc/body/section[2]/para[1])" selects part of an HTML, XML or media resource, which Crosscheck cannot place in plain text',
    },
  ]);
  assert.deepEqual(ctx.notes, [
    'W3C: kept nowhere (they describe the annotations rather than annotate the text; Crosscheck has no place for them): created ×1, generator ×1, generated ×1, stylesheet ×1, body format ×1, body language ×1, body creator ×1, target styleClass ×1, target state ×1.',
  ]);
  // Its bodies, on a plain target: the tagging body is the label, the Choice's first item a note, the motivation an attribute.
  const a = JSON.parse(read('samples/correct/anno41-example44.json'));
  a.target = { source: 'http://example.com/document1', selector: { type: 'TextPositionSelector', start: 6, end: 27 } };
  const [doc] = parseW3c(JSON.stringify(a), resolver({ 'http://example.com/document1': 'x'.repeat(40) }), 'anno41.json');
  assert.equal(doc.spans[0].label, 'love');
  assert.equal(doc.spans[0].note, 'I really love this particular bit of text in this XML. No really.');
  assert.deepEqual(doc.spans[0].attributes, { motivation: 'commenting' });
  assert.equal(doc.spans[0].annotator, 'A. Person', 'the creator Agent\'s name is the span\'s layer');
});

test('sample anno38 (incorrect): a target with no source is refused', () => {
  assert.throws(() => parseW3c(read('samples/incorrect/anno38.json'), resolver({}), 'anno38.json'), /anno38\.json: annotation 1: a target is neither an IRI nor a resource with a source/);
});
// ---------------------------------------------------------------------------------------------------------
// Import: containers, bodies, selectors, links, errors

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

test('a file that breaks the model is refused naming file and line; selectors that cannot be placed are dropped with their line, and links to them too', () => {
  const file = (json: unknown) => JSON.stringify(json, null, 2);
  assert.throws(() => parseW3c(file(anno('urn:a', { source: 'urn:missing', selector: { type: 'TextPositionSelector', start: 0, end: 1 } })), src, 'f.json'), /f\.json:3: cannot find the text of urn:missing/);
  assert.throws(() => parseW3c('[\n{"id": "urn:a",\n"type": "Annotation"\n', src, 'f.json'), /^InvalidInput: f\.json:4: not JSON/);
  assert.throws(() => parseW3c(file(anno('urn:a', [])), src, 'f.json'), /the annotation has no target/);
  assert.throws(() => parseW3c(file(anno('urn:a', pos(5, 2))), src, 'f.json'), /^InvalidInput: f\.json:3: TextPositionSelector 5\.\.2 is not a range of code points/);
  assert.throws(() => parseW3c(file(anno('urn:a', { source: 'urn:doc', selector: 7 })), src, 'f.json'), /f\.json:3: a selector is not a JSON object/);

  const link = { id: 'urn:l', type: 'Annotation', motivation: 'linking', body: { type: 'TextualBody', purpose: 'tagging', value: 'said-by' }, target: ['urn:ok', 'urn:far'] };
  const text = file([
    anno('urn:ok', pos(0, 5)),
    anno('urn:far', pos(3, 99)),
    anno('urn:omega', quote('omega')),
    anno('urn:css', [{ source: 'urn:doc', selector: { type: 'CssSelector', value: '#x' } }, pos(6, 7)]),
    anno('urn:empty', pos(5, 5)),
    link,
  ]);
  const lineOf = (id: string) => text.split('\n').findIndex((l) => l.includes(`"id": "${id}"`)) + 1;
  const ctx = collectingContext('f.json');
  const [d] = parseW3c(text, src, 'f.json', ctx);
  assert.deepEqual(
    d.spans.map((s) => [s.key, s.start, s.end]),
    [
      ['urn:ok', 0, 5],
      ['urn:css', 6, 7],
      ['urn:empty', 5, 5],
    ],
    'the placeable target of urn:css is kept; the empty range goes on to ingest, which drops it as every format does',
  );
  assert.deepEqual(d.links, []);
  assert.deepEqual(ctx.dropped, [
    { path: 'f.json', where: `line ${lineOf('urn:far')}`, what: 'the annotation urn:far (claim)', why: 'TextPositionSelector 3..99 is outside the text of urn:doc (38 code points)' },
    { path: 'f.json', where: `line ${lineOf('urn:omega')}`, what: 'the annotation urn:omega (claim)', why: 'the quoted text "omega" is not in the text of urn:doc' },
    {
      path: 'f.json',
      where: `line ${lineOf('urn:css')}`,
      what: 'target 1 of urn:css (claim)',
      why: 'CssSelector is not supported for plain text (Crosscheck reads TextPositionSelector, TextQuoteSelector and RFC 5147 "char=" fragments)',
    },
    { path: 'f.json', where: `line ${lineOf('urn:l')}`, what: 'a said-by link urn:ok → urn:far', why: 'it names urn:far, which was not imported (its text could not be placed)' },
  ]);

  // Through the real import (a text beside the file): the report lists them with ingest's zero-length span; --strict keeps nothing.
  const folder = join(dir, `drops-${++seq}`);
  mkdirSync(folder);
  writeFileSync(join(folder, 'doc.txt'), TXT);
  const json = join(folder, 'f.json');
  writeFileSync(json, text.replaceAll('urn:doc', 'doc.txt'));
  const p = openProject(join(dir, `drops-${seq}.crosscheck`));
  const { report } = importAnnotatedPaths(p, [json], 'w3c');
  assert.equal(report.spans, 2);
  assert.deepEqual(
    report.dropped!.map((x) => x.why).sort(),
    [...ctx.dropped.map((x) => x.why.replaceAll('urn:doc', 'doc.txt')), 'zero-length span'].sort(),
  );
  const q = openProject(join(dir, `drops-strict-${seq}.crosscheck`));
  assert.throws(() => importAnnotatedPaths(q, [json], 'w3c', { options: { strict: true } }), /refused \(strict\): 5 things would be left out/);
  assert.equal(q.db.prepare('SELECT COUNT(*) FROM documents').pluck().get(), 0);
  p.close();
  q.close();
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

test('bodies a span or a link has no place for are dropped with the annotation’s line: resource bodies besides the label, a link’s note and attributes', () => {
  const ctx = collectingContext('f.json');
  const tagged = anno('urn:a', pos(0, 5), [
    { type: 'TextualBody', purpose: 'tagging', value: 'claim' },
    'http://example.org/extra',
    { type: 'SpecificResource', source: 'http://example.org/video' },
    { type: 'TextualBody' },
  ]);
  const link = {
    id: 'urn:l',
    type: 'Annotation',
    motivation: 'linking',
    body: [
      { type: 'TextualBody', purpose: 'tagging', value: 'said-by' },
      { type: 'TextualBody', purpose: 'commenting', value: 'why' },
      { type: 'TextualBody', purpose: 'describing', value: 'weight: 2' },
    ],
    target: ['urn:a', 'urn:b'],
  };
  const docs = parseW3c(JSON.stringify([tagged, anno('urn:b', pos(6, 7)), link]), src, 'f.json', ctx);
  assert.equal(docs[0].spans[0].label, 'claim');
  assert.deepEqual(docs[0].links, [{ from: 'urn:a', to: 'urn:b', type: 'said-by' }]);
  assert.deepEqual(
    ctx.dropped.map((d) => [d.where, d.what, d.why]),
    [
      ['line 1', 'body {"type":"TextualBody"} of urn:a', 'a body without a value or an IRI has nothing a span can keep'],
      ['line 1', 'body http://example.org/extra of urn:a', 'a resource body besides the label; a span keeps text bodies and one label'],
      ['line 1', 'body http://example.org/video of urn:a', 'a resource body besides the label; a span keeps text bodies and one label'],
      ['line 1', 'the note of the link urn:l', 'Crosscheck links have no notes'],
      ['line 1', 'the attribute weight of the link urn:l', 'Crosscheck links have no attributes'],
    ],
  );
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

test('targets of one annotation merge into one discontinuous span only when they are ranges of one text, in order, not overlapping', () => {
  const spans = (target: unknown) => parseW3c(JSON.stringify(anno('urn:x', target)), resolver({ 'urn:doc': TXT, 'urn:other': TXT }), 'f.json').flatMap((d) => d.spans.map((s) => [s.key, s.start, s.end, s.attributes?.fragments]));
  assert.deepEqual(spans([pos(0, 5), pos(14, 19)]), [['urn:x', 0, 19, '0-5;14-19']]);
  assert.deepEqual(spans([pos(14, 19), pos(0, 5)]), [['urn:x', 14, 19, undefined], ['urn:x#2', 0, 5, undefined]], 'out of order: two spans, as the model reads several targets');
  assert.deepEqual(spans([pos(0, 10), pos(6, 12)]), [['urn:x', 0, 10, undefined], ['urn:x#2', 6, 12, undefined]], 'overlapping');
  assert.deepEqual(spans([pos(0, 5), { ...pos(14, 19), source: 'urn:other' }]), [['urn:x', 0, 5, undefined], ['urn:x#2', 14, 19, undefined]], 'two texts');
});

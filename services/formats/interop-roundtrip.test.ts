import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProject, type Project } from '../project.js';
import { runExport } from '../export/run.js';
import { splitOf } from '../export/split.js';
import { openExportStream } from '../export/stream.js';
import { importSources, sourcesFromPaths } from '../import/importer.js';
import { ingest } from './ingest.js';
import { w3cExporter } from './w3c-export.js';
import { parseW3cFolder } from './w3c-folder.js';
import { doccanoExporter, parseDoccano } from './doccano.js';
import { labelStudioExporter, parseLabelStudio } from './labelstudio.js';
import type { ExportDoc, ParsedDoc } from './types.js';
import { normaliseLineEnds } from './text-rules.js';
import type { ExportSpan } from './types.js';

/**
 * Export → parse → ingest into a new project, for W3C, doccano and Label Studio, on texts where code points,
 * UTF-16 units and graphemes all differ: emoji, a ZWJ family, a flag, e + U+0301, a text that came from a
 * CRLF file through the real importer, and one that still holds "\r\n".
 */

let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'crosscheck-interop-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

const exporters = { w3c: w3cExporter, doccano: doccanoExporter, labelstudio: labelStudioExporter };

const TEXT0 = 'Gen. Sergey Rudskoy 😀 said: 60 civilians killed 👩‍👩‍👧 in Mosul 🇺🇦.\nCafe\u0301 owner Zoe\u0301 agreed 😀.';
const TEXT1 = 'Line one\r\nLieutenant-General Sergey Rutskoy 😀 said\r\nover 60 civilians have been killed 🇺🇦.';
const CRLF_FILE = 'Headline from Windows\r\n\r\nTASS 👩‍👩‍👧 reports 60 killed.\r\nSecond line café.\r\n';
const cp = (s: string) => Array.from(s).length;

let seq = 0;
/** A project with spans over every kind of tricky character, a note and attributes, and all link kinds. */
async function annotated(): Promise<Project> {
  const p = openProject(join(dir, `src-${++seq}.crosscheck`));
  const ids = [TEXT0, TEXT1, 'Unlinked article without spans.'].map((text, i) =>
    p.documents.insert({ title: `Doc ${i}`, date: `2016-10-2${i}`, source: ['RT', 'TASS', null][i], path: null, hash: `h${seq}-${i}`, text, length: cp(text) }, 'now'),
  );
  const file = join(dir, `crlf-${seq}.txt`);
  writeFileSync(file, CRLF_FILE);
  const { sources, report } = sourcesFromPaths([file]);
  await importSources(p.db, p.documents, sources, report);
  const crlfId = report.imported[0].id;
  const crlfText = p.documents.get(crlfId).text;
  assert.ok(!crlfText.includes('\r'), 'the importer normalised the CRLF file');

  const textOf = new Map([...ids, crlfId].map((id) => [id, p.documents.get(id).text]));
  /** A span over the n-th occurrence of `s`, or over [from, to) of it in code points. */
  const span = (doc: number, s: string, labelId: number, nth = 0, cut?: [number, number]) => {
    const text = textOf.get(doc)!;
    let at = -1;
    for (let k = 0; k <= nth; k++) at = text.indexOf(s, at + 1);
    assert.ok(at >= 0, `${s} is in doc ${doc}`);
    const start = cp(text.slice(0, at)) + (cut?.[0] ?? 0);
    const end = cut ? cp(text.slice(0, at)) + cut[1] : start + cp(s);
    return p.annotations.create({ docId: doc, labelId, start, end });
  };
  const rudskoy = span(ids[0], 'Sergey Rudskoy', 2);
  const smiley = span(ids[0], '😀', 3, 1); // the second one, after all the other astral characters
  const family = span(ids[0], '👩‍👩‍👧', 3); // a ZWJ sequence: 5 code points, 8 UTF-16 units
  const flag = span(ids[0], '🇺🇦', 3); // two regional indicators
  const cafe = span(ids[0], 'Cafe\u0301', 1); // ends after the combining mark
  span(ids[0], 'Zoe\u0301', 2); // ends after the combining mark (a span never stops inside a character)
  const claim0 = span(ids[0], '60 civilians killed 👩‍👩‍👧 in Mosul', 1);
  const rutskoy = span(ids[1], 'Sergey Rutskoy 😀', 2);
  const overCrlf = span(ids[1], 'said\r\nover 60', 1); // crosses a CRLF
  const flag1 = span(ids[1], '🇺🇦', 3);
  const tass = span(crlfId, 'TASS 👩‍👩‍👧 reports', 2);
  span(crlfId, 'café', 3);
  p.annotations.update(claim0.id, { note: 'RT says "at least" 😀\nsecond line', attributes: { value: '60', unit: 'killed' } });
  p.annotations.update(flag.id, { note: 'flag 🇺🇦' });
  p.links.create(rudskoy.id, rutskoy.id, 1); // same-as, across documents
  p.links.create(claim0.id, rudskoy.id, 4); // said-by (directed), inside doc 0
  p.links.create(family.id, smiley.id, 3); // supports (undirected), inside doc 0
  p.links.create(cafe.id, flag.id, 2); // contradicts, inside doc 0
  p.links.create(overCrlf.id, flag1.id, 5); // cites, inside doc 1
  p.links.create(tass.id, claim0.id, 2); // contradicts, across documents
  return p;
}

/** What every format keeps of a span (ids and clusters are the formats' own business). */
type SpanView = Omit<ExportSpan, 'id' | 'cluster' | 'annotator'>;

/** Documents by text, with their spans and links described by span content, not ids. */
function view(p: Project) {
  const { docIds, read } = openExportStream(p.db, { docs: { kind: 'all' } });
  // Stored texts may hold CRLF (projects from before every importer applied the LF rule); an import of their
  // export holds LF with the offsets remapped (text-rules.ts): both are described under that rule.
  const docs = docIds.map(read).map((d): ExportDoc => {
    const lf = normaliseLineEnds(d.text);
    if (!lf) return d;
    const fix = (t: string) => t.replace(/\r\n?/g, '\n');
    return { ...d, text: lf.text, spans: d.spans.map((s) => ({ ...s, start: lf.map(s.start), end: lf.map(s.end), text: fix(s.text) })) };
  });
  const byId = new Map(docs.flatMap((d) => d.spans.map((s) => [s.id, { d, s }] as const)));
  const desc = (id: number) => {
    const { d, s } = byId.get(id)!;
    return `${JSON.stringify(d.text.slice(0, 12))}[${s.start},${s.end}]${s.label}`;
  };
  return {
    docs: new Map(
      docs.map((d: ExportDoc) => [
        d.text,
        d.spans.map((s): SpanView => ({ start: s.start, end: s.end, label: s.label, text: s.text, note: s.note, attributes: s.attributes })),
      ]),
    ),
    links: docs.flatMap((d) => d.links.map((l) => ({ from: desc(l.from), to: desc(l.to), type: l.type, cross: l.toDocId !== d.id }))),
    meta: new Map(docs.map((d) => [d.text, { title: d.title, date: d.date, source: d.source }])),
  };
}

const sortLinks = (ls: { from: string; to: string; type: string }[]) => ls.map((l) => `${l.from} -${l.type}-> ${l.to}`).sort();

async function exportTo(p: Project, format: keyof typeof exporters, split = false, seed = 1) {
  const dest = join(dir, `${format}-${++seq}`);
  const r = await runExport(p, exporters, { format, dest, docs: { kind: 'all' }, ...(split ? { split: { train: 50, dev: 25, test: 25, seed } } : {}) });
  return { dest, r };
}

function ingestInto(docs: ParsedDoc[], shown: string) {
  const q = openProject(join(dir, `dst-${++seq}.crosscheck`));
  const report = ingest(q, docs, shown);
  return { q, report };
}

test('W3C: export → folder import keeps every span, note, attribute and link (across documents too), and the texts', async () => {
  const p = await annotated();
  const { dest, r } = await exportTo(p, 'w3c');
  assert.deepEqual(r.notes, []);
  assert.deepEqual(readdirSync(join(dest, 'texts')).sort(), ['1.txt', '2.txt', '3.txt', '4.txt']);
  assert.equal(readFileSync(join(dest, 'texts', '2.txt'), 'utf8'), TEXT1, 'texts are written byte for byte, CRLF kept');
  const { q, report } = ingestInto(parseW3cFolder(dest), dest);
  assert.equal(report.imported.length, 4, 'the document without spans comes back too');
  const a = view(p);
  const b = view(q);
  assert.deepEqual(b.docs, a.docs);
  assert.deepEqual(sortLinks(b.links), sortLinks(a.links));
  assert.equal(a.links.length, 6);
  assert.deepEqual(b.meta, a.meta, 'title, date and source come back from documents.json');
  assert.equal(q.links.clusters.count(), 1, 'the same-as pair is a cluster again');
  p.close();
  q.close();
});

test('W3C: a split export imports whole from its top folder (links across splits kept); one split alone names the missing span', async () => {
  const p = await annotated();
  // A seed that puts the two linked documents (ids 1 and 2) in different splits.
  const ratios = { train: 50, dev: 25, test: 25 };
  const seed = [...Array(200).keys()].find((s) => splitOf(1, { ...ratios, seed: s }) !== splitOf(2, { ...ratios, seed: s }))!;
  const { dest, r } = await exportTo(p, 'w3c', true, seed);
  assert.ok(r.notes.some((n) => /W3C: \d+ links? points? to spans in another split folder/.test(n)), r.notes.join('\n'));
  const { q } = ingestInto(parseW3cFolder(dest), dest);
  const a = view(p);
  const b = view(q);
  assert.deepEqual(b.docs, a.docs);
  assert.deepEqual(sortLinks(b.links), sortLinks(a.links));
  const split0 = join(dest, splitOf(1, { ...ratios, seed }));
  assert.throws(() => parseW3cFolder(split0), /which is not an annotation of a text span in this import/);
  p.close();
  q.close();
});

test('doccano: export → import keeps spans (offsets, labels, texts) and links inside a document; cross-document links and notes are counted', async () => {
  const p = await annotated();
  const { dest, r } = await exportTo(p, 'doccano');
  assert.deepEqual(r.notes, [
    'doccano: 2 links join spans of two documents and were left out (a doccano relation stays inside one document).',
    'doccano: 2 span notes were left out (doccano spans have no notes).',
    'doccano: the attributes of 1 span were left out (doccano spans have no attributes).',
  ]);
  const file = join(dest, 'export.jsonl');
  const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 4);
  // Offsets are UTF-16 code units (doccano's editor counts JavaScript string positions): text.slice(start, end) is the span.
  const stored = new Set([...view(p).docs.values()].flat().map((s) => s.text));
  for (const l of lines) {
    for (const e of l.entities) assert.ok(stored.has(l.text.slice(e.start_offset, e.end_offset).replace(/\r\n?/g, '\n')), `${e.start_offset}..${e.end_offset} in ${l.text}`);
  }
  const { q, report } = ingestInto(parseDoccano(readFileSync(file, 'utf8'), file), file);
  assert.equal(report.imported.length, 4);
  const a = view(p);
  const b = view(q);
  const strip = (m: Map<string, SpanView[]>) => new Map([...m].map(([t, ss]) => [t, ss.map((s) => ({ ...s, note: '', attributes: {} }))]));
  assert.deepEqual(b.docs, strip(a.docs));
  assert.deepEqual(sortLinks(b.links), sortLinks(a.links.filter((l) => !l.cross)));
  assert.deepEqual(b.meta, a.meta);
  p.close();
  q.close();
});

test('Label Studio: export → import keeps spans, notes, attributes and links inside a task; the config lists labels, link types and attribute controls', async () => {
  const p = await annotated();
  const { dest, r } = await exportTo(p, 'labelstudio');
  assert.deepEqual(r.notes, [
    'Label Studio: 2 links join spans of two documents and were left out (a Label Studio relation stays inside one task).',
    'Label Studio: the attributes of 1 span were written as per-region choices (label_config.xml declares a Choices control per attribute, listing the values used).',
  ]);
  const file = join(dest, 'export.json');
  const tasks = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(tasks.length, 4);
  const config = readFileSync(join(dest, 'label_config.xml'), 'utf8');
  assert.match(config, /<Labels name="label" toName="text">/);
  assert.match(config, /<Label value="claim" background="#e8a33d"\/>/);
  assert.match(config, /<Text name="text" value="\$text"\/>/);
  assert.match(config, /<Relation value="said-by"\/>/);
  assert.match(config, /<Choices name="unit" toName="text" perRegion="true">\n {6}<Choice value="killed"\/>/);
  const rels = tasks[0].annotations[0].result.filter((x: { type: string }) => x.type === 'relation');
  assert.deepEqual(rels.map((x: { direction: string; labels: string[] }) => `${x.labels[0]}:${x.direction}`).sort(), ['contradicts:bi', 'said-by:right', 'supports:bi']);
  const { q } = ingestInto(parseLabelStudio(readFileSync(file, 'utf8'), file), file);
  const a = view(p);
  const b = view(q);
  assert.deepEqual(b.docs, a.docs);
  assert.deepEqual(sortLinks(b.links), sortLinks(a.links.filter((l) => !l.cross)));
  assert.deepEqual(b.meta, a.meta);
  p.close();
  q.close();
});

test('the tricky spans really differ between code points and UTF-16 (so the round trips above prove something)', async () => {
  const p = await annotated();
  const d = openExportStream(p.db, { docs: { kind: 'all' } }).read(1);
  const smiley = d.spans.find((s) => s.text === '😀')!;
  // 😀, the family's three people and the flag's two indicators come before it: 6 surrogate pairs.
  assert.equal(d.text.indexOf('😀', d.text.indexOf('😀') + 1) - smiley.start, 6);
  const zoe = d.spans.find((s) => s.text === 'Zoe\u0301')!;
  assert.equal(zoe.end - zoe.start, 4, 'the combining mark is a code point of its own');
  p.close();
});

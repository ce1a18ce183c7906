import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProject, type Project } from '../project.js';
import { openExportStream } from '../export/stream.js';
import { runExport } from '../export/run.js';
import { importAnnotatedPaths } from './importers.js';
import { exporters } from './index.js';
import type { ImportOptions } from '../../common/contract.js';

/**
 * doccano's offsets through the real import path (importers.ts → parseDoccano → ingest): UTF-16 by default
 * (issue 11 item 1), grapheme clusters told apart (item 9), `--offsets` forcing a unit, and CRLF texts (item 12).
 */

let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'crosscheck-doccano-offsets-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

let seq = 0;
const project = () => openProject(join(dir, `p${++seq}.crosscheck`));
/** Writes `lines` (JSON values) as a doccano JSONL file and imports it. */
function importLines(p: Project, lines: unknown[], options?: ImportOptions) {
  const file = join(dir, `d${++seq}.jsonl`);
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  return { file, ...importAnnotatedPaths(p, [file], 'doccano', options ? { options } : {}) };
}
/** Every stored span as [document text, span text, start, end, label]. */
function stored(p: Project) {
  const { docIds, read } = openExportStream(p.db, { docs: { kind: 'all' } });
  return docIds.map(read).flatMap((d) => d.spans.map((s) => [d.text, s.text, s.start, s.end, s.label]));
}

test('item 1: {"text":"👍 Zoë said","label":[[3,6,"speaker"]]} (doccano\'s own offsets) stores "Zoë", and the report says which unit was read', () => {
  const p = project();
  const { file, report } = importLines(p, [{ text: '👍 Zoë said', label: [[3, 6, 'speaker']] }]);
  assert.deepEqual(stored(p), [['👍 Zoë said', 'Zoë', 2, 5, 'speaker']]);
  assert.deepEqual(report.notes, [`${file}: offsets read as UTF-16 code units (the format's default; code points and grapheme clusters would fit too)`]);
  assert.equal(report.dropped, undefined);
  p.close();
});

test('--offsets codepoint reads the same file as Python offsets (and says so); --offsets utf16 on Python offsets drops what it cannot place', () => {
  const p = project();
  const { file, report } = importLines(p, [{ text: '👍 Zoë said', label: [[2, 5, 'speaker']] }], { strict: false, offsets: 'codepoint' });
  assert.deepEqual(stored(p), [['👍 Zoë said', 'Zoë', 2, 5, 'speaker']]);
  assert.deepEqual(report.notes, [`${file}: offsets read as code points (as asked)`]);
  const q = project();
  // 1..5 read as UTF-16 starts inside 👍: reported, not guessed.
  const forced = importLines(q, [{ text: '👍 Zoë said', label: [[1, 5, 'speaker'], [7, 11, 'verb']] }], { strict: false, offsets: 'utf16' });
  assert.deepEqual(stored(q), [['👍 Zoë said', 'said', 6, 10, 'verb']]);
  assert.deepEqual(forced.report.dropped, [{ path: forced.file, where: 'line 1', what: 'label 1 1..5 "speaker"', why: 'splits a surrogate pair (offsets read as UTF-16 code units)' }]);
  p.close();
  q.close();
});

test('item 9: offsets counted in grapheme clusters are the only consistent reading: read so, and the report says why', () => {
  const p = project();
  const text = '👩‍👩‍👧 Kyiv: 🇺🇦 Zoe\u0301 said';
  // Clusters: family, space, K y i v, colon, space, flag, space, Z o é, …
  const { file, report } = importLines(p, [{ text, label: [[2, 6, 'LOC'], [10, 13, 'speaker']] }]);
  assert.deepEqual(
    stored(p).map((s) => s[1]),
    ['Kyiv', 'Zoe\u0301'],
  );
  assert.equal(report.notes?.length, 1);
  assert.match(report.notes![0], new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: offsets read as grapheme clusters, the only reading consistent with the file \\(in UTF-16 code units, line 1: 2\\.\\.6 splits a character`));
  p.close();
});

test('strict: a doccano file with anything left out is refused whole; without it the rest imports and the report lists it', () => {
  const p = project();
  const lines = [{ text: 'Port officials said no.', label: [[0, 14, 'speaker']], meta: { wikiPageID: 3 } }];
  assert.throws(() => importLines(p, lines, { strict: true }), /refused \(strict\): 1 thing would be left out, so nothing of this import was kept[^]*: line 1: meta "wikiPageID": 3: doccano keeps it as document metadata/);
  assert.deepEqual(stored(p), []);
  const { report } = importLines(p, lines);
  assert.equal(report.spans, 1);
  assert.deepEqual(
    report.dropped?.map((d) => d.what),
    ['meta "wikiPageID": 3'],
  );
  p.close();
});

test('item 12: a CRLF text → import (LF, offsets remapped) → export brat → import that folder: a duplicate, no second copy, spans line up', async () => {
  const p = project();
  const { report } = importLines(p, [{ text: 'Line one\r\nPort officials said no.', label: [[10, 24, 'speaker']] }]);
  assert.equal(report.imported.length, 1);
  assert.deepEqual(stored(p), [['Line one\nPort officials said no.', 'Port officials', 9, 23, 'speaker']]);
  const dest = join(dir, `brat-${++seq}`);
  await runExport(p, exporters, { format: 'brat', dest, docs: { kind: 'all' } });
  const again = importAnnotatedPaths(p, [dest], 'brat').report;
  assert.deepEqual([again.imported.length, again.duplicates.length, again.spans], [0, 1, 0], 'the same article, its span already there');
  assert.equal(p.documents.list('title', 'asc', 0, 10).total, 1);
  // Into a fresh project, the brat copy holds the same text and span.
  const q = project();
  importAnnotatedPaths(q, [dest], 'brat');
  assert.deepEqual(stored(q), stored(p));
  p.close();
  q.close();
});

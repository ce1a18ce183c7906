import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProject, type Project } from '../project.js';
import { runExport } from '../export/run.js';
import { exporters } from './index.js';
import { parseDoccano } from './doccano.js';
import { takesOption, type OffsetUnit } from '../../common/formats.js';
import { collectingContext } from './types.js';

/** The doccano export through the real export run: offset units (issue 11 item 1) and discontinuous spans (item 13). */

let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'crosscheck-doccano-export-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

const TEXT = '👩‍👩‍👧 TASS: Gen. Rudskoy said 60 civilians 🇺🇦 were killed.';
const cp = (s: string) => Array.from(s).length;
/** Code-point offsets of `s` in TEXT. */
const at = (s: string): [number, number] => {
  const i = cp(TEXT.slice(0, TEXT.indexOf(s)));
  return [i, i + cp(s)];
};

let seq = 0;
/** One document with a plain span, a span after a flag, and a discontinuous claim "Rudskoy said … were killed". */
function annotated(): Project {
  const p = openProject(join(dir, `p${++seq}.crosscheck`));
  const docId = p.documents.insert({ title: 'T', date: null, source: null, path: null, hash: `h${seq}`, text: TEXT, length: cp(TEXT) }, 'now');
  const [s1, e1] = at('Rudskoy said');
  const [s2, e2] = at('were killed');
  const claim = p.annotations.create({ docId, labelId: 1, start: s1, end: e2, attributes: { fragments: `${s1}-${e1};${s2}-${e2}` } });
  const speaker = p.annotations.create({ docId, labelId: 2, start: at('Rudskoy')[0], end: at('Rudskoy')[1] });
  p.annotations.create({ docId, labelId: 3, start: at('were')[0], end: at('were')[1] });
  p.links.create(claim.id, speaker.id, 4);
  return p;
}

async function exported(p: Project, offsets?: OffsetUnit) {
  const dest = join(dir, `out-${++seq}`);
  const r = await runExport(p, exporters, { format: 'doccano', dest, docs: { kind: 'all' }, ...(offsets ? { offsets } : {}) });
  const file = join(dest, 'export.jsonl');
  const raw = readFileSync(file, 'utf8');
  return { r, raw, line: JSON.parse(raw.trim()) as { text: string; entities: { id: number; label: string; start_offset: number; end_offset: number }[]; relations: { from_id: number; to_id: number }[] } };
}

/** The text each entity covers when its offsets are read in `unit`. */
function covered(line: { text: string; entities: { start_offset: number; end_offset: number }[] }, unit: OffsetUnit): string[] {
  const pieces =
    unit === 'utf16' ? null : unit === 'codepoint' ? Array.from(line.text) : [...new Intl.Segmenter('und', { granularity: 'grapheme' }).segment(line.text)].map((g) => g.segment);
  return line.entities.map((e) => (pieces ? pieces.slice(e.start_offset, e.end_offset).join('') : line.text.slice(e.start_offset, e.end_offset)));
}

test('doccano takes the offsets option (the registry says so); the export writes UTF-16 code units unless asked otherwise', async () => {
  assert.equal(takesOption('doccano', 'offsets'), true);
  const p = annotated();
  for (const unit of [undefined, 'utf16', 'codepoint', 'grapheme'] as const) {
    const { line } = await exported(p, unit);
    // JavaScript's text.slice (doccano's editor), Python's text[s:e], or clusters: each covers the span's words.
    assert.deepEqual(covered(line, unit ?? 'utf16'), ['Rudskoy', 'Rudskoy said', 'were killed', 'were'], `offsets ${unit ?? 'default'}`);
    // And our import reads each back in the unit it was written in.
    const ctx = collectingContext('e.jsonl', unit ? { offsets: unit } : {});
    const [doc] = parseDoccano(JSON.stringify(line), 'e.jsonl', ctx);
    assert.deepEqual(
      doc.spans.map((s) => Array.from(doc.text).slice(s.start, s.end).join('')),
      ['Rudskoy', 'Rudskoy said', 'were killed', 'were'],
    );
  }
  p.close();
});

test('item 13: a discontinuous span becomes one entity per fragment (not one entity over its gap); relations name the first; the notes count them', async () => {
  const p = annotated();
  const { r, line } = await exported(p);
  const claims = line.entities.filter((e) => e.label === 'claim');
  assert.equal(claims.length, 2, 'two fragments, two entities');
  assert.ok(!covered(line, 'utf16').some((t) => t.includes('60 civilians')), 'the gap "60 civilians 🇺🇦" is in no entity');
  assert.equal(new Set(line.entities.map((e) => e.id)).size, line.entities.length, 'entity ids are unique in the line');
  assert.ok(line.entities.every((e) => Number.isInteger(e.id)), 'doccano reads entity ids as integers');
  assert.deepEqual(
    line.relations.map((rel) => [rel.from_id, rel.to_id]),
    [[claims[0].id, line.entities.find((e) => e.label === 'speaker')!.id]],
  );
  assert.deepEqual(r.notes, ['doccano: 1 discontinuous span was written as 2 entities, one per fragment (doccano spans are continuous; relations name the first fragment).']);
  p.close();
});

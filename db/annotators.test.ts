import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openProject } from '../services/project.js';
import { defaultAnnotatorName } from './annotator-seed.js';
import { AppError } from '../common/errors.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const TEXT = 'Sergey Rudskoy said 60 civilians were killed in Mosul.';

function project() {
  const p = openProject(':memory:');
  const hash = 'h';
  const docId = p.documents.insert({ title: 't', date: null, source: null, path: null, hash, text: TEXT, length: TEXT.length }, 'now');
  return { p, docId };
}

const rejectsWith = (fn: () => unknown, name: string, message: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof AppError && e.name === name && message.test(e.message));

test('a new project has one layer named after the OS user, current and not yet confirmed', () => {
  const { p } = project();
  assert.deepEqual(p.annotators.current(), { id: 1, name: defaultAnnotatorName(), chosen: false });
  assert.deepEqual(p.annotators.list().map((a) => a.name), [defaultAnnotatorName()]);
  p.close();
});

test('a project from before layers (schema v2) becomes one layer named after the analyst, its spans, links and clusters in it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cc-layers-'));
  try {
    const path = join(dir, 'old.crosscheck');
    copyFileSync(join(fixtures, 'v2.crosscheck'), path);
    const p = openProject(path);
    const [only] = p.annotators.list();
    assert.equal(only.name, defaultAnnotatorName());
    assert.equal(only.spans, 2);
    assert.equal(only.links, 1);
    assert.deepEqual(p.annotations.listForDocument(1).map((a) => a.annotatorId), [1, 1]);
    assert.equal(p.links.forAnnotation(1)[0].annotatorId, 1);
    p.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('choosing a name on first run renames the default layer; later choices switch to or create another', () => {
  const { p, docId } = project();
  const mine = p.annotations.create({ docId, labelId: 2, start: 0, end: 14 });
  assert.deepEqual(p.annotators.choose('  Dana  '), { id: 1, name: 'Dana', chosen: true });
  assert.equal(p.annotations.get(mine.id).annotatorId, 1, 'the spans made before stay in the renamed layer');
  const eli = p.annotators.choose('Eli');
  assert.notEqual(eli.id, 1);
  assert.equal(p.annotators.list().length, 2);
  assert.equal(p.annotators.choose('dana').id, 1, 'names match in any case');
  assert.equal(p.annotators.current().name, 'Dana');
  p.close();
});

test('reserved, empty, overlong and control-character names are refused; reserved layers keep their names', () => {
  const { p } = project();
  for (const bad of ['gold', 'AUTO']) rejectsWith(() => p.annotators.choose(bad), 'InvalidInput', /reserved layer name/);
  rejectsWith(() => p.annotators.choose(' All '), 'InvalidInput', /means every layer/);
  rejectsWith(() => p.annotators.ensure('all', true), 'InvalidInput', /means every layer/);
  // Hostile tester: names that look like another or like nothing, and one the command line could not list.
  rejectsWith(() => p.annotators.choose('\u200b'), 'InvalidInput', /invisible formatting characters/);
  rejectsWith(() => p.annotators.choose('root\u200b'), 'InvalidInput', /invisible formatting characters/);
  rejectsWith(() => p.annotators.choose('\u202eevil'), 'InvalidInput', /invisible formatting characters/);
  rejectsWith(() => p.annotators.choose('bob,carol'), 'InvalidInput', /cannot hold a comma/);
  rejectsWith(() => p.annotators.choose('   '), 'InvalidInput', /cannot be empty/);
  rejectsWith(() => p.annotators.choose('x'.repeat(61)), 'InvalidInput', /at most 60/);
  rejectsWith(() => p.annotators.choose('a\u0007b'), 'InvalidInput', /control characters/);
  const gold = p.annotators.ensure('gold', true);
  rejectsWith(() => p.annotators.rename(gold, 'silver'), 'InvalidInput', /reserved and keeps its name/);
  const eli = p.annotators.ensure('Eli');
  rejectsWith(() => p.annotators.rename(eli, p.annotators.name(1).toUpperCase()), 'Conflict', /already exists/);
  assert.equal(p.annotators.rename(eli, 'Elias').name, 'Elias');
  p.close();
});

test('the same span may exist once per layer: a twin in one layer is refused, in another it is that annotator\'s', () => {
  const { p, docId } = project();
  p.annotations.create({ docId, labelId: 2, start: 0, end: 14 });
  rejectsWith(() => p.annotations.create({ docId, labelId: 2, start: 0, end: 14 }), 'Conflict', /already tagged/);
  const eli = p.annotators.ensure('Eli');
  const theirs = p.annotations.create({ docId, labelId: 2, start: 0, end: 14, annotatorId: eli });
  assert.equal(theirs.annotatorId, eli);
  assert.equal(p.annotations.sameSpan(docId, 2, 0, 14, eli), theirs.id);
  p.close();
});

test('a link joins two spans of one layer and belongs to it; clusters take their members\' layer', () => {
  const { p, docId } = project();
  const eli = p.annotators.ensure('Eli');
  const a = p.annotations.create({ docId, labelId: 2, start: 0, end: 14, annotatorId: eli });
  const b = p.annotations.create({ docId, labelId: 3, start: 20, end: 32, annotatorId: eli });
  const mine = p.annotations.create({ docId, labelId: 2, start: 0, end: 6 });
  rejectsWith(() => p.links.create(mine.id, a.id, 1), 'InvalidInput', /different annotators' layers/);
  const { link } = p.links.create(a.id, b.id, 1);
  assert.equal(link.annotatorId, eli);
  const clusterId = p.annotations.get(a.id).clusterId!;
  assert.equal(p.db.prepare('SELECT annotator_id FROM clusters WHERE id = ?').pluck().get(clusterId), eli);
  p.close();
});

test('the schema keeps annotator references: no row names a missing annotator, and an annotator with work cannot be deleted', () => {
  const { p, docId } = project();
  p.annotations.create({ docId, labelId: 2, start: 0, end: 14 });
  assert.throws(() => p.db.prepare('DELETE FROM annotators WHERE id = 1').run(), /annotator in use/);
  assert.throws(
    () => p.db.prepare("INSERT INTO annotations (doc_id, label_id, start, end, text, created_at, updated_at, annotator_id) VALUES (?, 2, 0, 6, 'Sergey', 't', 't', 99)").run(docId),
    /FOREIGN KEY constraint failed: annotator/,
  );
  p.close();
});

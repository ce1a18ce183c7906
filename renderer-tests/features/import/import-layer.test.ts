/**
 * The import dialog's "Layer name" option (issue 13: `import --annotator`): it reaches `import.files` as
 * `options.annotator`, a name no layer can have is explained, and the layers of every batch are kept in the report.
 */
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import type { ImportReport } from '../../../common/model';
import { uploadFiles, type PickedFile } from '../../../renderer/features/import/upload';
import { describeChoice, layerNameProblem, setImportChoice, toImportOptions } from '../../../renderer/features/import/import-options';
import { fakeBackend, workbenchOn } from '../../app/fakeBackend';

afterEach(() => setImportChoice({ encoding: 'detect', strict: false, annotator: '' }));

const picked = (path: string, body: string): PickedFile => ({ path, file: new Blob([body]) as File });
const empty = (): ImportReport => ({ imported: [], duplicates: [], skipped: [] });

test('a layer name becomes options.annotator (trimmed); blank means the current annotator, so no options at all', () => {
  assert.deepEqual(toImportOptions({ encoding: 'detect', strict: false, annotator: ' ana ' }), { strict: false, annotator: 'ana' });
  assert.equal(toImportOptions({ encoding: 'detect', strict: false, annotator: '   ' }), undefined);
  assert.deepEqual(toImportOptions({ encoding: 'KOI8-R', strict: true, annotator: 'gold' }), { strict: true, encoding: 'KOI8-R', annotator: 'gold' });
  assert.equal(describeChoice({ encoding: 'detect', strict: true, annotator: 'ana' }), 'strict · layer ana');
});

test('a layer name that is too long or holds control characters is explained; blank and reserved names (auto, gold) are fine', () => {
  assert.equal(layerNameProblem({ encoding: 'detect', strict: false, annotator: '' }), null);
  assert.equal(layerNameProblem({ encoding: 'detect', strict: false, annotator: 'gold' }), null);
  assert.equal(layerNameProblem({ encoding: 'detect', strict: false, annotator: 'x'.repeat(61) }), 'an annotator name is at most 60 characters');
  assert.equal(layerNameProblem({ encoding: 'detect', strict: false, annotator: 'a\tb' }), 'an annotator name cannot hold control characters');
});

test('importing sends the layer name with every batch, and the report lists the layers of all batches once each', async () => {
  const backend = fakeBackend();
  const wb = workbenchOn(backend);
  await wb.commands.load();
  const seen: unknown[] = [];
  backend.answer('import.files', (args) => {
    seen.push(args.options);
    return { ...empty(), spans: 1, layers: ['ana'] };
  });
  setImportChoice({ annotator: 'ana' });
  await wb.commands.importFiles([picked('a.jsonl', 'x')]);
  assert.deepEqual(seen, [{ strict: false, annotator: 'ana' }]);

  let call = 0;
  const report = await uploadFiles(
    async () => ({ ...empty(), spans: 1, layers: ++call === 1 ? ['ana', 'auto'] : ['ben', 'ana'] }),
    Array.from({ length: 401 }, (_, i) => picked(`f${i}.json`, 'x')),
    () => {},
  );
  assert.equal(call, 2);
  assert.deepEqual(report.layers, ['ana', 'auto', 'ben']);
});

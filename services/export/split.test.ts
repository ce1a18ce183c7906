import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openProject } from '../project.js';
import { importPaths } from '../import/run.js';
import { exporters } from '../formats/index.js';
import { exportFormats, formats } from '../../common/formats.js';
import { runExport } from './run.js';
import { assignSplits, emptySplits, splitOf } from './split.js';
import { suggestExportDest } from './dest.js';

const dir = mkdtempSync(join(tmpdir(), 'cc-split-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const ids = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const counts = (m: Map<number, string>) => ({
  train: [...m.values()].filter((s) => s === 'train').length,
  dev: [...m.values()].filter((s) => s === 'dev').length,
  test: [...m.values()].filter((s) => s === 'test').length,
});

/** A project of `n` short articles, each with a claim span. */
async function project(name: string, n: number) {
  const corpus = join(dir, `${name}-corpus`);
  mkdirSync(corpus, { recursive: true });
  for (let i = 1; i <= n; i++) writeFileSync(join(corpus, `a${String(i).padStart(2, '0')}.txt`), `Article ${i}: officials said ${i * 7} people were moved.\n`);
  const p = openProject(join(dir, `${name}.crosscheck`));
  await importPaths(p, [corpus], 'auto');
  for (let i = 1; i <= n; i++) p.annotations.create({ docId: i, labelId: 1, start: 0, end: 7 });
  return p;
}

describe('splitting by document', () => {
  it('gives every non-zero share a document when there are enough (80/10/10 of six gave an empty test/)', () => {
    for (let seed = 0; seed < 50; seed++) {
      const m = assignSplits(ids(6), { train: 80, dev: 10, test: 10, seed });
      const c = counts(m);
      assert.ok(c.train >= 1 && c.dev >= 1 && c.test >= 1, `seed ${seed}: ${JSON.stringify(c)}`);
      assert.equal(c.train + c.dev + c.test, 6);
      assert.deepEqual(emptySplits(m, { train: 80, dev: 10, test: 10, seed }), []);
    }
  });

  it('finds the seed the issue met: the hash alone leaves a split empty, the assignment does not', () => {
    const r = (seed: number) => ({ train: 80, dev: 10, test: 10, seed });
    const seed = [...Array(500).keys()].find((s) => new Set(ids(6).map((id) => splitOf(id, r(s)))).size < 3)!;
    assert.notEqual(seed, undefined);
    assert.deepEqual(emptySplits(assignSplits(ids(6), r(seed)), r(seed)), []);
  });

  it('keeps the hash split where it already fills every share, and a zero share empty', () => {
    const r = { train: 70, dev: 0, test: 30, seed: 3 };
    const m = assignSplits(ids(200), r);
    assert.equal(counts(m).dev, 0);
    assert.ok(ids(200).every((id) => m.get(id) === splitOf(id, r)));
    assert.deepEqual(emptySplits(m, r), []);
  });

  it('does not depend on the order of the documents', () => {
    const r = { train: 80, dev: 10, test: 10, seed: 9 };
    assert.deepEqual([...assignSplits(ids(7), r)].sort(), [...assignSplits(ids(7).reverse(), r)].sort());
  });

  it('reports a split that must stay empty (fewer documents than shares), in the result and its notes', async () => {
    const p = await project('two', 2);
    const r = await runExport(p, exporters, { format: 'jsonl', dest: join(dir, 'two-out'), docs: { kind: 'all' }, split: { train: 80, dev: 10, test: 10, seed: 1 } });
    assert.equal(r.emptySplits.length, 1);
    const [empty] = r.emptySplits;
    assert.ok(existsSync(join(dir, 'two-out', empty)), 'the empty split still has its folder');
    assert.ok(r.notes.some((n) => n.startsWith(`${empty}/ is empty: 80/10/10 of 2 documents`)), r.notes.join('\n'));
    p.close();
  });

  it('writes each split so that it imports on its own, in every format that can be imported', async () => {
    const p = await project('six', 6);
    const importable = exportFormats.filter((f) => (formats[f] as { import?: unknown }).import !== undefined);
    assert.ok(importable.length >= 4, `importable export formats: ${importable.join(', ')}`);
    for (const format of importable) {
      const dest = join(dir, `six-${format}`);
      const r = await runExport(p, exporters, { format, dest, docs: { kind: 'all' }, split: { train: 80, dev: 10, test: 10, seed: 1 } });
      assert.deepEqual(r.emptySplits, [], format);
      let total = 0;
      for (const split of ['train', 'dev', 'test']) {
        const files = readdirSync(join(dest, split));
        assert.ok(files.length > 0, `${format}: ${split}/ has files`);
        // A folder format's split (brat) is its folder; a one-file format's split is its annotated file, named, as
        // import takes annotated files (beside it may lie a companion such as Label Studio's label_config.xml).
        const exts: readonly string[] = (formats[format] as { import: { extensions: readonly string[] } }).import.extensions;
        const annotated = files.filter((f) => exts.includes(extname(f)));
        const target = annotated.length === 1 ? join(dest, split, annotated[0]) : join(dest, split);
        const q = openProject(join(dir, `six-${format}-${split}.crosscheck`));
        const report = await importPaths(q, [target], 'auto');
        assert.equal(report.skipped.length, 0, `${format} ${split}: ${JSON.stringify(report.skipped)}`);
        assert.ok(report.imported.length >= 1, `${format} ${split}: imported ${report.imported.length}`);
        assert.equal(report.spans, report.imported.length, `${format} ${split}: one span per document`);
        total += report.imported.length;
        q.close();
      }
      assert.equal(total, 6, `${format}: every document in exactly one split`);
    }
    p.close();
  });
});

describe('export folder names', () => {
  it('a second export in the same second gets a folder of its own, and both complete', async () => {
    const p = await project('twice', 2);
    const now = new Date(Date.UTC(2026, 10, 25, 3, 12, 45));
    const first = suggestExportDest(p.path, 'twice', 'jsonl', now);
    assert.match(first, /twice exports[/\\]jsonl 2026-11-25 031245$/);
    await runExport(p, exporters, { format: 'jsonl', dest: first, docs: { kind: 'all' } });
    const second = suggestExportDest(p.path, 'twice', 'jsonl', now);
    assert.notEqual(second, first);
    await runExport(p, exporters, { format: 'jsonl', dest: second, docs: { kind: 'all' } });
    assert.ok(existsSync(first) && existsSync(second));
    p.close();
  });

  it('two exports to one name at the same time: the first completes, the second is refused, neither loses files', async () => {
    const p = await project('race', 3);
    const dest = join(dir, 'race-out');
    const [a, b] = await Promise.allSettled([
      runExport(p, exporters, { format: 'brat', dest, docs: { kind: 'all' } }),
      runExport(p, exporters, { format: 'brat', dest, docs: { kind: 'all' } }),
    ]);
    assert.equal([a, b].filter((x) => x.status === 'fulfilled').length, 1);
    const rejected = [a, b].find((x) => x.status === 'rejected') as PromiseRejectedResult;
    assert.match(String(rejected.reason.message), /already exists/);
    const ok = [a, b].find((x) => x.status === 'fulfilled') as PromiseFulfilledResult<{ files: string[] }>;
    assert.ok(ok.value.files.every((f) => existsSync(f)), 'the completed export has all its files');
    assert.deepEqual(readdirSync(dir).filter((n) => n.includes('.partial')), []);
    p.close();
  });
});

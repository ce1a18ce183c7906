import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { openBackend, createSampleProject, type Backend } from './backend.js';
import type { Annotation, Document, DocumentSummary, ImportProgress, ImportReport, Label, Stats } from '../common/model.js';
import type { JsonlDocument } from './export/jsonl.js';

const corpus = fileURLToPath(new URL('../samples/corpus', import.meta.url));

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'crosscheck-backend-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
const projectPath = () => join(dir, `p${++n}.crosscheck`);

/** Opens a backend on a new project file; closes it when the test ends. */
function withBackend(t: { after(fn: () => void): void }, path = projectPath(), opts?: { readOnly?: boolean }): Backend {
  const b = openBackend(path, opts);
  t.after(() => {
    try {
      b.close();
    } catch {
      /* already closed */
    }
  });
  return b;
}

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  assert.fail('expected the call to fail');
}

const py = (text: string, a: number, b: number) => Array.from(text).slice(a, b).join('');

describe('the annotate flow through call()', () => {
  test('create, update note and attributes, relabel, delete, restore', async (t) => {
    const b = withBackend(t);
    const report = (await b.call('import.paths', { paths: [corpus] })) as ImportReport;
    assert.equal(report.imported.length, 5);
    const docId = report.imported[0].id;
    const doc = (await b.call('documents.get', { id: docId })) as Document;
    const labels = (await b.call('labels.list', {})) as Label[];
    const claim = labels.find((l) => l.name === 'claim')!;
    const speaker = labels.find((l) => l.name === 'speaker')!;

    const start = Array.from(doc.text).join('').indexOf('Sergey Rudskoy');
    assert.ok(start > 0);
    const cpStart = Array.from(doc.text.slice(0, start)).length;
    const created = (await b.call('annotations.create', {
      docId, labelId: speaker.id, start: cpStart, end: cpStart + 14,
    })) as Annotation;
    assert.equal(created.text, 'Sergey Rudskoy');

    const noted = (await b.call('annotations.update', {
      id: created.id, note: 'Chief of operations', attributes: { role: 'general', lang: 'ru' },
    })) as Annotation;
    assert.equal(noted.note, 'Chief of operations');
    assert.deepEqual(noted.attributes, { role: 'general', lang: 'ru' });
    assert.equal(noted.labelId, speaker.id);

    const relabelled = (await b.call('annotations.update', { id: created.id, labelId: claim.id })) as Annotation;
    assert.equal(relabelled.labelId, claim.id);
    assert.equal(relabelled.note, 'Chief of operations');

    const listed = (await b.call('annotations.listForDocument', { docId })) as Annotation[];
    assert.deepEqual(listed, [relabelled]);
    const summary = ((await b.call('documents.list', {})) as { items: DocumentSummary[] }).items.find((d) => d.id === docId)!;
    assert.deepEqual(summary.counts, { [claim.id]: 1 });
    assert.deepEqual(((await b.call('stats.get', {})) as Stats).byLabel, { claim: 1, speaker: 0, figure: 0 });

    const { deleted } = (await b.call('annotations.delete', { id: created.id })) as { deleted: Annotation };
    assert.deepEqual(deleted, relabelled);
    assert.deepEqual(await b.call('annotations.listForDocument', { docId }), []);

    const restored = ((await b.call('annotations.restore', { annotation: deleted })) as { annotation: Annotation }).annotation;
    assert.equal(restored.id, created.id);
    assert.equal(restored.text, 'Sergey Rudskoy');
    assert.equal(restored.note, 'Chief of operations');
    const again = await failure(b.call('annotations.restore', { annotation: deleted }));
    assert.equal(again.name, 'Conflict');
  });

  test('errors keep their names through call(): NotFound, InvalidInput, Conflict', async (t) => {
    const b = withBackend(t);
    assert.equal((await failure(b.call('documents.get', { id: 99 }))).name, 'NotFound');
    assert.equal((await failure(b.call('labels.create', { name: 'claim', color: '#000000' }))).name, 'Conflict');
    const bad = await failure(b.call('annotations.create', { docId: 1, labelId: 1, start: -1, end: 2 }));
    assert.equal(bad.name, 'InvalidInput');
    assert.match(bad.message, /annotations\.create: start/);
    const unknown = await failure(b.call('documents.explode', {}));
    assert.equal(unknown.name, 'InvalidInput');
    const color = await failure(b.call('labels.create', { name: 'x', color: 'blue' }));
    assert.equal(color.name, 'InvalidInput');
    assert.match(color.message, /color/);
  });

  test('changes are on disk: a second backend on the same file sees them', async (t) => {
    const path = projectPath();
    const b = openBackend(path);
    await b.call('labels.create', { name: 'place', color: '#123456', key: 'p' });
    b.close();
    const b2 = withBackend(t, path);
    assert.ok(((await b2.call('labels.list', {})) as Label[]).some((l) => l.name === 'place' && l.key === 'p'));
  });
});

describe('read-only projects', () => {
  test('refuse every write with ReadOnly and still answer reads', async (t) => {
    const path = projectPath();
    const w = openBackend(path);
    const r = (await w.call('import.paths', { paths: [corpus] })) as ImportReport;
    const ann = (await w.call('annotations.create', { docId: r.imported[0].id, labelId: 1, start: 0, end: 4 })) as Annotation;
    w.close();

    const b = withBackend(t, path, { readOnly: true });
    assert.equal(((await b.call('project.info', {})) as { readOnly: boolean }).readOnly, true);
    const writes: [string, unknown][] = [
      ['labels.create', { name: 'x', color: '#000000' }],
      ['labels.update', { id: 1, name: 'y' }],
      ['labels.delete', { id: 3 }],
      ['annotations.create', { docId: r.imported[0].id, labelId: 1, start: 0, end: 4 }],
      ['annotations.update', { id: ann.id, note: 'x' }],
      ['annotations.delete', { id: ann.id }],
      ['annotations.restore', { annotation: ann }],
      ['documents.delete', { id: r.imported[0].id }],
      ['import.paths', { paths: [corpus] }],
      ['import.files', { files: [{ path: 'a.txt', data: Buffer.from('hello').toString('base64') }] }],
    ];
    for (const [method, args] of writes) {
      const e = await failure(b.call(method, args));
      assert.equal(e.name, 'ReadOnly', `${method}: ${e.message}`);
      assert.match(e.message, /read-only/);
    }
    assert.equal(((await b.call('documents.list', {})) as { total: number }).total, 5);
    assert.equal(((await b.call('annotations.listForDocument', { docId: r.imported[0].id })) as Annotation[]).length, 1);
    assert.ok(((await b.call('search.query', { q: 'Mosul' })) as { hits: unknown[] }).hits.length > 0);
    assert.equal(((await b.call('stats.get', {})) as Stats).annotations, 1);
  });

  test('a missing project cannot be opened read-only', () => {
    assert.throws(() => openBackend(join(dir, 'nope.crosscheck'), { readOnly: true }), { name: 'NotFound' });
  });
});

describe('events', () => {
  test('import fires import.progress (ending at done === total) and project.changed', async (t) => {
    const b = withBackend(t);
    const progress: ImportProgress[] = [];
    const changed: { reason: string }[] = [];
    const off1 = b.on('import.progress', (e) => progress.push(e));
    const off2 = b.on('project.changed', (e) => changed.push(e));
    await b.call('import.paths', { paths: [corpus] });
    assert.ok(progress.length >= 1);
    assert.deepEqual(progress[progress.length - 1], { done: 5, total: 5, current: '' });
    assert.deepEqual(changed, [{ reason: 'import' }]);

    await b.call('import.files', { files: [{ path: 'up.txt', data: Buffer.from('Uploaded text.').toString('base64') }] });
    assert.equal(changed.length, 2);

    off1();
    off2();
    await b.call('documents.delete', { id: 1 });
    assert.equal(changed.length, 2, 'unsubscribed listener was called');
  });

  test('documents.delete fires project.changed', async (t) => {
    const b = withBackend(t);
    await b.call('import.paths', { paths: [corpus] });
    const changed: string[] = [];
    b.on('project.changed', (e) => changed.push(e.reason));
    await b.call('documents.delete', { id: 2 });
    assert.deepEqual(changed, ['document deleted']);
  });
});

describe('write serialisation', () => {
  let big: string;
  before(() => {
    big = join(dir, 'big');
    mkdirSync(big);
    for (let i = 0; i < 600; i++) writeFileSync(join(big, `${String(i).padStart(4, '0')}.txt`), `Generated article ${i}.\n\nBody ${i} about Mosul.`);
  });

  test('a label created during a failing import is neither rolled back nor part of the import', async (t) => {
    const path = projectPath();
    const b = withBackend(t, path);
    // Makes the import fail mid-way (the listener runs inside the import transaction).
    let events = 0;
    let labelCallSettled = false;
    b.on('import.progress', (e) => {
      if (e.current === '') return;
      events++;
      assert.equal(labelCallSettled, false, 'labels.create ran while the import transaction was open');
      if (events === 2) throw new Error('import aborted by test');
    });
    const importing = b.call('import.paths', { paths: [big] });
    const labelling = b.call('labels.create', { name: 'during-import', color: '#654321', key: 'd' }).then((l) => {
      labelCallSettled = true;
      return l as Label;
    });
    const [imp, lab] = await Promise.allSettled([importing, labelling]);
    assert.equal(imp.status, 'rejected');
    assert.match(String((imp as PromiseRejectedResult).reason), /import aborted by test/);
    assert.equal(lab.status, 'fulfilled');
    assert.equal(events, 2);

    // Nothing of the import is there; the label is, also on disk through another connection.
    assert.equal(((await b.call('stats.get', {})) as Stats).documents, 0);
    assert.ok(((await b.call('labels.list', {})) as Label[]).some((l) => l.name === 'during-import'));
    const raw = new Database(path, { readonly: true });
    try {
      assert.equal(raw.prepare("SELECT COUNT(*) FROM labels WHERE name = 'during-import'").pluck().get(), 1);
      assert.equal(raw.prepare('SELECT COUNT(*) FROM documents').pluck().get(), 0);
    } finally {
      raw.close();
    }
  });

  test('a write queued behind a successful import runs after it commits', async (t) => {
    const b = withBackend(t);
    const order: string[] = [];
    const imp = b.call('import.paths', { paths: [big] }).then(() => order.push('import'));
    const lab = b.call('labels.create', { name: 'after', color: '#000000' }).then(() => order.push('label'));
    await Promise.all([imp, lab]);
    assert.deepEqual(order, ['import', 'label']);
    assert.equal(((await b.call('stats.get', {})) as Stats).documents, 600);
  });

  test('a failed write does not block the queue', async (t) => {
    const b = withBackend(t);
    const bad = b.call('labels.create', { name: 'claim', color: '#000000' });
    const good = b.call('labels.create', { name: 'fine', color: '#000000' });
    await assert.rejects(bad, { name: 'Conflict' });
    assert.equal(((await good) as Label).name, 'fine');
  });

  test('reads during an import do not see the documents of an import that is then rolled back', async (t) => {
    const b = withBackend(t);
    const seen: number[] = [];
    let events = 0;
    let read: Promise<void> | undefined;
    b.on('import.progress', (e) => {
      if (e.current === '') return;
      events++;
      if (events === 1) {
        // Another window asks while the import yields to the event loop between chunks.
        read = new Promise((done) =>
          setImmediate(() => void (b.call('stats.get', {}) as Promise<Stats>).then((s) => (seen.push(s.documents), done()))),
        );
      }
      if (events === 2) throw new Error('abort');
    });
    await assert.rejects(b.call('import.paths', { paths: [big] }), /abort/);
    await read;
    assert.equal(seen.length, 1);
    assert.equal(seen[0], 0, `a read saw ${seen[0]} documents that were never committed`);
  });
});

describe('export.toFile', () => {
  const texts = [
    'Emoji first 😀😀 then "60 civilians" 😀 and 👩‍👩‍👧 family, flag 🇺🇦.\n',
    'Combining: cafe\u0301 and Re\u0301publique; Рудской said "smart bombs".\n',
    'CRLF origin line one.\r\nLine two 😀.\r\nOld mac\rline three.\r\n',
  ];

  async function annotatedProject(t: { after(fn: () => void): void }) {
    const b = withBackend(t);
    const files = texts.map((s, i) => ({ path: `doc${i}.txt`, data: Buffer.from(s).toString('base64') }));
    const r = (await b.call('import.files', { files })) as ImportReport;
    assert.equal(r.imported.length, 3);
    let spans = 0;
    for (const { id } of r.imported) {
      const doc = (await b.call('documents.get', { id })) as Document;
      const len = Array.from(doc.text).length;
      // Span edges fall between whole characters (grapheme clusters, as the contract requires): a proposed edge
      // inside 👩‍👩‍👧, 🇺🇦 or e + U+0301 moves to the cluster's start (for a start) or end (for an end).
      const edges = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(doc.text)].map((g) => Array.from(doc.text.slice(0, g.index)).length).concat(len);
      const made = new Set<string>();
      for (let s = 0; s + 3 <= len; s += 4) {
        const start = edges.filter((e) => e <= s).at(-1)!;
        const end = edges.find((e) => e >= Math.min(len, s + 3 + (s % 5)))!;
        const labelId = 1 + (s % 3);
        if (made.has(`${start} ${end} ${labelId}`)) continue;
        made.add(`${start} ${end} ${labelId}`);
        await b.call('annotations.create', { docId: id, labelId, start, end, note: `n${s}`, attributes: s % 2 ? { k: 'v😀' } : {} });
        spans++;
      }
    }
    return { b, spans, ids: r.imported.map((i) => i.id) };
  }

  test('writes JSONL whose every span text is the code-point slice of its document text', async (t) => {
    const { b, spans } = await annotatedProject(t);
    const out = join(dir, 'export.jsonl');
    const res = (await b.call('export.toFile', { format: 'jsonl', path: out })) as { path: string; documents: number; spans: number };
    assert.deepEqual(res, { path: out, documents: 3, spans });

    const lines = readFileSync(out, 'utf8').split('\n');
    assert.equal(lines.pop(), '');
    assert.equal(lines.length, 3);
    let checked = 0;
    for (const line of lines) {
      const doc = JSON.parse(line) as JsonlDocument;
      assert.deepEqual(Object.keys(doc), ['id', 'title', 'date', 'source', 'path', 'text', 'spans', 'links']);
      assert.ok(!doc.text.includes('\r'), 'CRLF was not normalised');
      for (const s of doc.spans) {
        assert.deepEqual(Object.keys(s), ['id', 'start', 'end', 'label', 'text', 'note', 'attributes', 'cluster', 'annotator']);
        assert.equal(py(doc.text, s.start, s.end), s.text, `doc ${doc.id} [${s.start}:${s.end}]`);
        assert.ok(['claim', 'speaker', 'figure'].includes(s.label));
        checked++;
      }
      for (let i = 1; i < doc.spans.length; i++) assert.ok(doc.spans[i - 1].start <= doc.spans[i].start);
    }
    assert.equal(checked, spans);
    // No temp file left beside the export.
    assert.deepEqual(readdirSync(dir).filter((f) => f.includes('.partial')), []);
  });

  test('python agrees: text[start:end] == span["text"] for every span', async (t) => {
    const { b, spans } = await annotatedProject(t);
    const out = join(dir, 'export-py.jsonl');
    await b.call('export.toFile', { format: 'jsonl', path: out });
    const script = [
      'import json, sys',
      'n = 0',
      'for line in open(sys.argv[1], encoding="utf-8"):',
      '    d = json.loads(line)',
      '    for s in d["spans"]:',
      '        assert d["text"][s["start"]:s["end"]] == s["text"], (d["id"], s)',
      '        n += 1',
      'print(n)',
    ].join('\n');
    const r = spawnSync('python3', ['-c', script, out], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(Number(r.stdout.trim()), spans);
  });

  test('never writes over a file that is not an export; replaces an earlier export atomically when asked', async (t) => {
    const { b } = await annotatedProject(t);
    const out = join(dir, 'existing.jsonl');
    writeFileSync(out, 'old content\n');
    for (const replace of [false, true]) {
      const e = await failure(b.call('export.toFile', { format: 'jsonl', path: out, replace }));
      assert.equal(e.name, 'InvalidInput');
      assert.match(e.message, /already exists/);
    }
    assert.equal(readFileSync(out, 'utf8'), 'old content\n');
    rmSync(out);
    await b.call('export.toFile', { format: 'jsonl', path: out });
    writeFileSync(out, readFileSync(out, 'utf8').split('\n')[0] + '\nold content\n');
    await b.call('export.toFile', { format: 'jsonl', path: out, replace: true });
    assert.ok(!readFileSync(out, 'utf8').includes('old content'));
    assert.deepEqual(readdirSync(dir).filter((f) => f.includes('.partial')), []);
  });
  test('an unwritable path gives a clear error and leaves no file behind', async (t) => {
    const { b } = await annotatedProject(t);
    const missing = join(dir, 'no-such-folder', 'out.jsonl');
    const e1 = await failure(b.call('export.toFile', { format: 'jsonl', path: missing }));
    assert.equal(e1.name, 'InvalidInput');
    assert.match(e1.message, /Cannot write to .*out\.jsonl: ENOENT/);
    assert.ok(!existsSync(join(dir, 'no-such-folder')));

    // Target is a directory: the temp file is written, then renaming fails; it must be removed.
    const asDir = join(dir, 'target-is-dir');
    mkdirSync(asDir);
    const e2 = await failure(b.call('export.toFile', { format: 'jsonl', path: asDir }));
    assert.match(e2.message, /target-is-dir/);
    assert.ok(!e2.message.includes('\n    at '), 'stack trace in message');
    assert.deepEqual(readdirSync(dir).filter((f) => f.includes('.partial')), []);
    assert.deepEqual(readdirSync(asDir), []);
  });
});

describe('createSampleProject', () => {
  test('creates a project file with the 5 sample documents', async (t) => {
    const path = projectPath();
    await createSampleProject(path, corpus);
    assert.ok(existsSync(path));
    const b = withBackend(t, path);
    const list = (await b.call('documents.list', {})) as { total: number; items: DocumentSummary[] };
    assert.equal(list.total, 5);
    assert.deepEqual(list.items.map((d) => d.date).slice(0, 2), ['2016-10-25', '2016-10-25']);
    assert.equal(((await b.call('labels.list', {})) as Label[]).length, 3);
  });
});

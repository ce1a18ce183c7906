import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBackend, type Backend } from '../services/backend.js';
import { startHttpHost } from './http-host.js';

// What a caller can store through the browser host, whatever the renderer would have sent: attributes within their
// caps, span edges between whole characters (extended grapheme clusters), and no span twice.

const TOKEN = 'd'.repeat(48);

let dir: string;
let backend: Backend;
let host: Awaited<ReturnType<typeof startHttpHost>>;
/** One document holding a cluster of each kind, and the code point where each starts. */
const CLUSTERS = { flag: '🇺🇸', family: '👩‍👩‍👧', combining: 'e\u0301\u0323', skinTone: '👍🏽' };
const TEXT = `Clusters: ${Object.values(CLUSTERS).join(' and ')}, then plain words.`;
let docId: number;
let claim: number;
let linkType: number;

type Wire = { ok: boolean; value?: unknown; error?: { name: string; message: string } };

function call<T = unknown>(method: string, args: unknown): Promise<Wire & { value?: T }> {
  const body = JSON.stringify({ args });
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: host.port,
        method: 'POST',
        path: `/api/${method}`,
        headers: { host: `127.0.0.1:${host.port}`, 'x-crosscheck-token': TOKEN, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => resolve(JSON.parse(Buffer.concat(parts).toString('utf8')) as Wire & { value?: T }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function value<T>(method: string, args: unknown): Promise<T> {
  const r = await call<T>(method, args);
  assert.equal(r.ok, true, `${method}: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

function refused(r: Wire, name: string, message: RegExp) {
  assert.equal(r.ok, false, JSON.stringify(r.value));
  assert.equal(r.error!.name, name, r.error!.message);
  assert.match(r.error!.message, message);
}

/** Code-point offsets of `needle` in TEXT. */
function at(needle: string): { start: number; end: number } {
  const start = [...TEXT.slice(0, TEXT.indexOf(needle))].length;
  return { start, end: start + [...needle].length };
}

const spans = async () => (await value<{ id: number; start: number; end: number; attributes: Record<string, string> }[]>('annotations.listForDocument', { docId }));

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'crosscheck-spans-'));
  mkdirSync(join(dir, 'static'));
  writeFileSync(join(dir, 'static', 'index.html'), '<!doctype html><title>t</title>');
  backend = openBackend(join(dir, 'project.crosscheck'));
  host = await startHttpHost({ backend, staticDir: join(dir, 'static'), port: 0, token: TOKEN });
  const report = await value<{ imported: { id: number }[] }>('import.files', { files: [{ path: 'clusters.txt', data: Buffer.from(TEXT).toString('base64') }] });
  docId = report.imported[0].id;
  claim = (await value<{ id: number; name: string }[]>('labels.list', {})).find((l) => l.name === 'claim')!.id;
  linkType = (await value<{ id: number }[]>('linkTypes.list', {}))[0].id;
});
after(async () => {
  await host.close();
  backend.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('attributes are capped (keys per annotation, key and value length)', () => {
  test('100,000 keys, 201 keys, a 201-character key or a 10,001-character value is refused naming the cap; nothing is stored', async () => {
    const words = at('plain');
    const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));
    const cases: [Record<string, string>, RegExp][] = [
      // The report's case was a million keys (25 MB); a tenth of it shows the same without a slow suite.
      [many(100_000), /at most 200 attributes/],
      [many(201), /at most 200 attributes/],
      [{ ['k'.repeat(201)]: 'v' }, /attribute name "k+…" is longer than 200 characters/],
      [{ '': 'v' }, /attribute name is empty/],
      [{ stance: 'v'.repeat(10_001) }, /attribute value is at most 10000 characters/],
    ];
    for (const [attributes, message] of cases) {
      refused(await call('annotations.create', { docId, labelId: claim, ...words, attributes }), 'InvalidInput', message);
    }
    assert.deepEqual(await spans(), []);

    // At the caps exactly, a span is stored; an update over them is refused and leaves it as it was.
    const full = { ...many(199), ['k'.repeat(200)]: 'v'.repeat(10_000) };
    const a = await value<{ id: number }>('annotations.create', { docId, labelId: claim, ...words, attributes: full });
    for (const [attributes, message] of cases.slice(1)) {
      refused(await call('annotations.update', { id: a.id, attributes }), 'InvalidInput', message);
    }
    assert.deepEqual((await spans())[0].attributes, full);
    await value('annotations.delete', { id: a.id });
  });
});

describe('span edges fall between whole characters (extended grapheme clusters)', () => {
  for (const [kind, cluster] of Object.entries(CLUSTERS)) {
    test(`${kind}: create, update and links.createWithSpan refuse an edge inside ${cluster}; the whole of it is fine`, async () => {
      const c = at(cluster);
      const words = at('plain');
      const other = await value<{ id: number }>('annotations.create', { docId, labelId: claim, ...words });
      for (let cut = c.start + 1; cut < c.end; cut++) {
        const message = new RegExp(`cuts ${JSON.stringify(cluster)} in two \\(${cut} is inside the character at ${c.start}\\.\\.${c.end}\\)`);
        refused(await call('annotations.create', { docId, labelId: claim, start: cut, end: c.end }), 'InvalidInput', message);
        refused(await call('annotations.create', { docId, labelId: claim, start: c.start, end: cut }), 'InvalidInput', message);
        refused(await call('annotations.update', { id: other.id, start: cut }), 'InvalidInput', message);
        refused(await call('links.createWithSpan', { fromId: other.id, typeId: linkType, docId, labelId: claim, start: cut, end: c.end }), 'InvalidInput', message);
      }
      assert.deepEqual((await spans()).map((s) => s.id), [other.id], 'nothing stored, nothing moved');
      const whole = await value<{ annotation: { id: number; text: string } }>('links.createWithSpan', { fromId: other.id, typeId: linkType, docId, labelId: claim, ...c });
      assert.equal(whole.annotation.text, cluster);
      await value('annotations.delete', { id: whole.annotation.id });
      await value('annotations.delete', { id: other.id });
    });
  }
});

describe('no span twice', () => {
  test('the same span with the same label is refused with Conflict by create, links.createWithSpan and update', async () => {
    const words = at('plain words');
    const first = await value<{ id: number }>('annotations.create', { docId, labelId: claim, ...words });
    const message = new RegExp(`already tagged "claim": annotation ${first.id} covers ${words.start}\\.\\.${words.end}`);
    refused(await call('annotations.create', { docId, labelId: claim, ...words, note: 'again' }), 'Conflict', message);
    const from = await value<{ id: number }>('annotations.create', { docId, labelId: claim, ...at('then') });
    refused(await call('links.createWithSpan', { fromId: from.id, typeId: linkType, docId, labelId: claim, ...words }), 'Conflict', message);
    const speaker = (await value<{ id: number; name: string }[]>('labels.list', {})).find((l) => l.name === 'speaker')!.id;
    const other = await value<{ id: number }>('annotations.create', { docId, labelId: speaker, ...words });
    refused(await call('annotations.update', { id: other.id, labelId: claim }), 'Conflict', message);
    assert.equal((await spans()).length, 3);

    // Once the first is gone, the same span may be tagged again; undo of the first's deletion is then refused.
    const deleted = await value<{ deleted: unknown }>('annotations.delete', { id: first.id });
    const again = await value<{ id: number }>('annotations.create', { docId, labelId: claim, ...words });
    refused(await call('annotations.restore', { annotation: deleted.deleted }), 'Conflict', new RegExp(`annotation ${again.id}`));
    await value('annotations.delete', { id: again.id });
    assert.equal((await value<{ annotation: { id: number } }>('annotations.restore', { annotation: deleted.deleted })).annotation.id, first.id);
    for (const id of [first.id, from.id, other.id]) await value('annotations.delete', { id });
  });
});

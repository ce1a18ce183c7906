import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBackend } from '../services/backend.js';
import { startHttpHost } from './http-host.js';
import { backendEvents, events } from '../common/events.js';

const TOKEN = 'e'.repeat(48);

/** A JSONL project of `docs` documents with `perDoc` spans each: a few thousand spans, imported in one call. */
function jsonlCorpus(path: string, docs: number, perDoc: number) {
  const lines: string[] = [];
  let spanId = 1;
  for (let d = 1; d <= docs; d++) {
    const words = Array.from({ length: perDoc }, (_, i) => `word${d}x${i}`);
    const text = words.join(' ');
    let at = 0;
    const spans = words.map((w) => {
      const span = { id: spanId++, start: at, end: at + w.length, label: 'claim', text: w, note: '', attributes: {} };
      at += w.length + 1;
      return span;
    });
    lines.push(JSON.stringify({ id: d, title: `Doc ${d}`, date: null, source: null, path: null, text, spans, links: [] }));
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

type Got = { event: string; payload: { jobId?: string; done?: number; total?: number }; at: number };

/**
 * Reads server-sent events from the host's stream until `stop` is called; each with the order it arrived in.
 * `until(pred)` resolves once an event matching `pred` has arrived (waiting for the event, not for a time).
 */
async function openEvents(base: string, seq: { n: number }) {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/events?client=test`, { headers: { 'x-crosscheck-token': TOKEN }, signal: controller.signal });
  assert.equal(res.status, 200);
  const got: Got[] = [];
  const waiters: { pred: (e: Got) => boolean; resolve: () => void }[] = [];
  const arrived = (e: Got) => {
    got.push(e);
    for (const w of waiters.splice(0)) {
      if (w.pred(e)) w.resolve();
      else waiters.push(w);
    }
  };
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const pump = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let cut;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const data = frame.split('\n').find((l) => l.startsWith('data: '));
          if (data) arrived({ ...JSON.parse(data.slice(6)), at: ++seq.n });
        }
      }
    } catch {
      /* aborted */
    }
  })();
  // The backstop only guards against a hang (an event never sent): the events come in milliseconds, even on a
  // loaded machine, so it cannot trip on a slow but healthy one.
  const until = (pred: (e: Got) => boolean, backstopMs = 120_000) =>
    new Promise<void>((resolve, reject) => {
      if (got.some(pred)) return resolve();
      const hang = setTimeout(() => reject(new Error(`backstop: the awaited event never came; got ${JSON.stringify(got)}`)), backstopMs);
      waiters.push({ pred, resolve: () => (clearTimeout(hang), resolve()) });
    });
  return { got, until, stop: async () => (controller.abort(), await pump) };
}

test('every event the backend emits is one the browser host forwards', () => {
  for (const name of Object.keys(events) as (keyof typeof events)[]) {
    assert.equal(backendEvents.includes(name), events[name].from === 'backend', name);
  }
  assert.ok(backendEvents.includes('export.progress'));
});

test('export progress reaches a browser tab through the event stream before the export answers', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-events-'));
  const backend = openBackend(join(dir, 'project.crosscheck'));
  const host = await startHttpHost({ backend, staticDir: dir, port: 0, token: TOKEN, allowedRoots: [dir] });
  t.after(async () => {
    await host.close();
    backend.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const base = `http://127.0.0.1:${host.port}`;
  const call = async (method: string, args: unknown) => {
    const res = await fetch(`${base}/api/${method}`, {
      method: 'POST',
      headers: { 'x-crosscheck-token': TOKEN, 'content-type': 'application/json' },
      body: JSON.stringify({ args }),
    });
    const body = (await res.json()) as { ok: boolean; value?: any; error?: { message: string } };
    assert.ok(body.ok, body.error?.message);
    return body.value;
  };

  jsonlCorpus(join(dir, 'corpus.jsonl'), 600, 5);
  const imported = await call('import.paths', { paths: [join(dir, 'corpus.jsonl')] });
  assert.equal(imported.imported.length, 600);

  const seq = { n: 0 };
  const stream = await openEvents(base, seq);
  const result = await call('export.run', { format: 'jsonl', dest: join(dir, 'out'), jobId: 'job-1' });
  const answeredAt = ++seq.n;
  // Progress is reported every 200 documents (services/export/run.ts).
  // Frames written just before the answer may still be on their way: wait for the last one (all 600 documents
  // written), then stop listening.
  await stream.until((e) => e.event === 'export.progress' && e.payload.jobId === 'job-1' && e.payload.done === e.payload.total);
  await stream.stop();

  assert.equal(result.spans, 3000);
  const progress = stream.got.filter((e) => e.event === 'export.progress');
  assert.ok(progress.length >= 2, `saw ${progress.length} export.progress events`);
  assert.ok(progress.every((e) => e.payload.jobId === 'job-1' && e.payload.total === 600));
  const before = progress.filter((e) => e.at < answeredAt);
  assert.ok(before.length >= 1, 'no progress arrived before the export answered');
  assert.ok(before[0].payload.done! < 600, 'the first progress event came only at the end');
  assert.deepEqual(progress.at(-1)!.payload, { jobId: 'job-1', done: 600, total: 600 });
});

/**
 * The engine thread: proposes for the texts it is sent (prepared.ts) while the run's own thread writes what came
 * before (run.ts). Pure computation, no database and no state between messages. Started and stopped by
 * engine-thread.ts; bundled as a file of its own by scripts/build.mjs.
 */
import { parentPort } from 'node:worker_threads';
import { prepareChunk } from './prepared.js';
import type { FromEngine, ToEngine } from './engine-thread.js';

const port = parentPort!;
port.on('message', (m: ToEngine) => {
  let reply: FromEngine;
  try {
    reply = { id: m.id, ok: true, chunk: prepareChunk(m.texts, m.labels) };
  } catch (e) {
    reply = { id: m.id, ok: false, message: (e as Error)?.message ?? String(e) };
  }
  port.postMessage(reply);
});

/**
 * The reader thread: runs the methods the contract declares `queue: 'reader'` on its own read-only connection,
 * one call at a time, each in one read transaction (one committed state of the file). Started and closed by
 * services/reader/client.ts; bundled as its own file by scripts/build.mjs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { dispatch, type Handlers } from '../../common/contract.js';
import { toWireError } from '../../common/errors.js';
import { inReadSnapshot, openReadConnection } from '../../db/read-connection.js';
import { fromDb, type Project } from '../project.js';
import { createHandlers } from '../handlers.js';
import type { FromReader, ReaderData, ToReader } from './protocol.js';

const data = workerData as ReaderData;
const port = parentPort!;
let open: { project: Project; handlers: Handlers } | null = null;

/** The project on this thread's connection, opened at the first call. */
function project() {
  if (!open) {
    const p = fromDb(openReadConnection(data.file), data.projectPath, true);
    // Reader methods send no events (the contract declares none), so there is nothing to emit to.
    open = { project: p, handlers: createHandlers(p, () => undefined) };
  }
  return open;
}

async function handle(m: ToReader): Promise<void> {
  if (m.type === 'close') {
    try {
      open?.project.close();
    } finally {
      open = null;
      const flag = new Int32Array(data.closed);
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
      // The replies port stays open: the backend reads the last answers from it, then closes it.
      port.close();
    }
    return;
  }
  let p: NonNullable<typeof open>;
  try {
    p = project();
  } catch (e) {
    return post({ id: m.id, ok: false, unavailable: true, error: toWireError(e) });
  }
  try {
    const value = await inReadSnapshot(p.project.db, () => dispatch(p.handlers, m.method, m.args));
    post({ id: m.id, ok: true, value });
  } catch (e) {
    post({ id: m.id, ok: false, error: toWireError(e) });
  }
}

const post = (r: FromReader) => data.replies.postMessage(r);

// One call at a time, in the order they came: a read transaction must not interleave with another on one connection.
let turn = Promise.resolve();
port.on('message', (m: ToReader) => {
  turn = turn.then(() => handle(m));
});

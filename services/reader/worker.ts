/**
 * The reader thread: runs the methods the contract declares `queue: 'reader'` on its own read-only connection,
 * one call at a time, each in one read transaction (one committed state of the file). Started and closed by
 * services/reader/client.ts; bundled as its own file by scripts/build.mjs. Told `warm` (a host's backend, at
 * open), it opens the project soon after instead of at the first call, and keeps the boards' order built in the
 * background (services/reader/warm.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { dispatch, type Handlers } from '../../common/contract.js';
import { toWireError } from '../../common/errors.js';
import { inReadSnapshot, openReadConnection } from '../../db/read-connection.js';
import { fromDb, type Project } from '../project.js';
import { createHandlers, noHooks } from '../handlers.js';
import type { FromReader, ReaderData, ToReader } from './protocol.js';
import { boardsWarmer } from './warm.js';
import { idleRelease } from '../idle-release.js';
import { releaseMemory } from '../../db/open.js';

const data = workerData as ReaderData;
const port = parentPort!;
let open: { project: Project; handlers: Handlers } | null = null;

/** The project on this thread's connection, opened at the first call (or when told to warm). */
function project() {
  if (!open) {
    const p = fromDb(openReadConnection(data.file), data.projectPath, true);
    // Reader methods send no events (the contract declares none), so there is nothing to emit to.
    // The vocabulary's background reading is work too: memory is given back once it is done (quiet.busy).
    const warmVocabulary = () => idle() && (quiet.busy(), true);
    open = { project: p, handlers: createHandlers(p, () => undefined, { ...noHooks, warmVocabulary }) };
  }
  return open;
}

/** How often a warm thread checks whether the boards' order needs building (services/reader/warm.ts). */
const WARM_CHECK_MS = 1000;
/** The timer that opens the project, then the one that checks the boards' order. */
let warmTimer: ReturnType<typeof setTimeout> | null = null;
const warmer = boardsWarmer({
  version: () => project().project.dataVersion(),
  idle: () => idle(),
  // In the thread's turn like a call, counted as one so that the vocabulary's reading waits meanwhile.
  build() {
    calls++;
    quiet.busy();
    const run = turn.then(() => {
      const p = project();
      return inReadSnapshot(p.project.db, async () => {
        await dispatch(p.handlers, 'boards.claims', { limit: 1 });
        await dispatch(p.handlers, 'boards.speakers', { limit: 1 });
      });
    });
    turn = run.then(
      () => undefined,
      () => undefined,
    );
    return run.finally(() => calls--);
  },
});

/**
 * How long after the thread starts warming it opens the project (unless a call opens it first): the page is
 * opening meanwhile, and the background reading (the vocabulary's, starting 2 s after the project opens here; the
 * boards' order, a check after that) should not compete with it for the cores.
 */
const WARM_AFTER_MS = 2000;

/** Soon: opens the project (the vocabulary starts its background reading) and keeps the boards' order built. */
function warm() {
  const start = () => {
    try {
      project();
    } catch {
      return; // the first call reports why
    }
    warmTimer = setInterval(() => void warmer.tick(), WARM_CHECK_MS);
    warmTimer.unref();
  };
  warmTimer ??= setTimeout(start, WARM_AFTER_MS);
  warmTimer.unref();
}

async function handle(m: ToReader): Promise<void> {
  if (m.type === 'warm') return warm();
  if (m.type === 'close') {
    if (warmTimer) clearTimeout(warmTimer);
    quiet.stop();
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
// Idle: no call waiting or running, and none for IDLE_MS (background work waits for that: suggestions' vocabulary).
const IDLE_MS = 500;
let calls = 0;
let lastCall = 0;
const idle = () => calls === 0 && Date.now() - lastCall > IDLE_MS;
/**
 * Once the thread has been quiet a while after work, its heap's grown pages and its connection's page cache go
 * back to the system (services/idle-release.ts): a board answer or a run of suggestions left ~70 MB of garbage
 * that an idle thread never collected.
 */
const quiet = idleRelease({ release: () => open && releaseMemory(open.project.db), idle: () => calls === 0 });
port.on('message', (m: ToReader) => {
  if (m.type === 'call' && m.method.startsWith('boards.')) warmer.asked();
  calls++;
  lastCall = Date.now();
  quiet.busy();
  turn = turn.then(() => handle(m)).finally(() => {
    calls--;
    lastCall = Date.now();
    quiet.busy();
  });
});

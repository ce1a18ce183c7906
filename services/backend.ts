import { EventEmitter } from 'node:events';
import { accessSync, constants } from 'node:fs';
import { dirname } from 'node:path';
import { bypassesQueue, dispatch, isMethod, isReadMethod, runsOnReader, type ReaderMethod } from '../common/contract.js';
import { AppError } from '../common/errors.js';
import type { EventMap, EventName } from '../common/events.js';
import { openProject, type Project } from './project.js';
import { createHandlers, type Emit } from './handlers.js';
import type { PathCheck } from './path-policy.js';
import { createSerialQueue } from '../common/serial.js';
import { importSources, sourcesFromPaths } from './import/importer.js';
import { backupDatabase, backupPath, discardStaged, stageRestore, swapIn } from '../db/backup.js';
import { fileOf } from '../db/read-connection.js';
import { startReader, type Reader } from './reader/client.js';
import { idleRelease } from './idle-release.js';
import { releaseMemory, type OpenOptions } from '../db/open.js';
export type { Upgrade } from '../db/open.js';
import { inTurnWithOthers, type TurnDeps } from './write-turns.js';
import { totalChanges } from '../db/transaction.js';

/** What a host holds: one open project behind the contract. */
export interface Backend {
  /** Validates args against the contract and runs the handler; throws errors with a name and a message. */
  call(method: string, args: unknown): Promise<unknown>;
  on<E extends EventName>(event: E, cb: (payload: EventMap[E]) => void): () => void;
  readonly path: string;
  close(): void;
}

/** Whether this process may write the project file and create the journal files beside it. */
function writable(path: string): boolean {
  if (path === ':memory:') return true;
  try {
    accessSync(dirname(path), constants.W_OK);
    accessSync(path, constants.W_OK);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/** Opens writable when it can; a project on read-only media (or a read-only file) opens read-only instead. */
function openBest(dbPath: string, opts: OpenOptions): Project {
  if (opts.readOnly || !writable(dbPath)) return openProject(dbPath, { ...opts, readOnly: true });
  try {
    return openProject(dbPath, opts);
  } catch (e) {
    if (/readonly|read-only|EROFS|EACCES|unable to open/i.test((e as Error).message)) return openProject(dbPath, { ...opts, readOnly: true });
    throw e;
  }
}

/** How a backend opens its project. */
export interface BackendOptions {
  readOnly?: boolean;
  mustExist?: boolean;
  /** The host's check of paths (services/path-policy.ts). */
  pathCheck?: PathCheck;
  /**
   * Start the reader thread at open and let it prepare the first reads in the background (the boards' order, the
   * suggestions' vocabulary: services/reader/warm.ts), instead of at the first search or board, which would pay
   * for it (~0.4 s to start the thread, ~0.5 s for the claims board's order at 100,000 documents). For hosts,
   * where a person opens boards and searches; a CLI command that reads once leaves it off.
   */
  warm?: boolean;
  /** Told before an older project is copied and upgraded at open (db/open.ts), so that a host can say so. */
  upgrading?: OpenOptions['upgrading'];
}

/**
 * Opens the project at `dbPath` behind the contract. `pathCheck` is the host's check of paths (services/path-policy.ts),
 * which the handlers also apply to what a call reaches inside the folders it names (links met in a folder walk).
 */
export function openBackend(dbPath: string, opts: BackendOptions = {}): Backend {
  const events = new EventEmitter();
  events.setMaxListeners(100);
  const emit: Emit = (event, payload) => events.emit(event, payload);
  let project = openBest(dbPath, opts);
  // The reader thread (services/reader/client.ts) for calls the contract declares `queue: 'reader'`.
  let reader: Reader | null = null;
  let readerPaused = false;
  let handlers = wire(project);
  // Every other call, reads included, runs in turn: an import keeps its transaction open across event-loop turns
  // (so progress can be shown), and a read slipped into such a gap would see rows that may yet be rolled back.
  // (The reader thread reads on its own connection, which sees only what is committed.)
  const inTurn = createSerialQueue();

  function wire(p: Project) {
    return createHandlers(p, emit, { restore: (from: string) => withoutReader(() => restore(from)), pathCheck: opts.pathCheck });
  }

  /** Runs a reader method on the reader thread; in turn, in process, where no second connection can read the file. */
  function onReader(method: ReaderMethod, args: unknown): Promise<unknown> {
    const file = fileOf(project.db);
    if (readerPaused || !file) return inProcess(method, args);
    reader ??= startReader(file, project.path, inProcess);
    return reader.call(method, args);
  }

  /** A reader method run by the backend itself, in turn (where the reader thread is not available). */
  function inProcess(method: ReaderMethod, args: unknown): Promise<unknown> {
    return inTurn(() => dispatch(handlers, method, args));
  }

  /** Starts the reader thread now and has it warm up (opts.warm); nothing where no second connection can read. */
  function warmReader() {
    const file = fileOf(project.db);
    if (!opts.warm || readerPaused || !file) return;
    reader ??= startReader(file, project.path, inProcess);
    reader.warm();
  }

  function closeReader() {
    reader?.close();
    reader = null;
  }

  /**
   * Runs `fn` (a restore, inside the queue) with the reader closed: no connection of ours may read the file while
   * it is swapped. Reader calls meanwhile queue behind it; the next one after starts a reader on the new file.
   */
  async function withoutReader<T>(fn: () => Promise<T>): Promise<T> {
    closeReader();
    readerPaused = true;
    try {
      return await fn();
    } finally {
      readerPaused = false;
      warmReader();
    }
  }

  /**
   * Replaces the project with a backup. Everything that can be wrong with the backup is found on a checked
   * private copy before the project is touched (db/backup.ts stageRestore); a refusal leaves the project open
   * and as it was. The current state is backed up first, so a restore can itself be undone by restoring that
   * copy. Runs inside the call queue: nothing else of this backend touches the file meanwhile.
   */
  async function restore(from: string) {
    if (project.readOnly) throw new AppError('ReadOnly', 'This project is open read-only; it cannot be restored over.');
    const staged = await stageRestore(from, project.path, project.db);
    try {
      const safety = await backupDatabase(project.db, backupPath(project.path, ' before restore'));
      // One SQLite transaction on the live file: on failure it is rolled back and the project stays open as it was.
      await swapIn(staged, project.path);
      project.close();
      let failed: unknown;
      try {
        project = openBest(dbPath, opts);
      } catch (e) {
        // Not expected of a checked copy, but should it happen: put the state before the restore back, and say why.
        failed = e;
        await swapIn(safety.path, dbPath);
        project = openBest(dbPath, opts);
      }
      handlers = wire(project);
      if (failed) throw failed;
      emit('project.changed', { reason: 'restored' });
      return { restoredFrom: from, safetyBackup: safety.path };
    } finally {
      discardStaged(staged);
    }
  }

  warmReader();

  // Another window, host or the CLI may commit to the same file; SQLite counts those commits in data_version.
  let seen = project.dataVersion();
  const watch = setInterval(() => {
    try {
      const now = project.dataVersion();
      if (now !== seen) {
        seen = now;
        emit('project.changed', { reason: 'changed elsewhere' });
      }
    } catch {
      /* closed or being restored */
    }
  }, 1000);
  watch.unref();

  /** Where a call runs is the contract's `queue`: at once ('bypass'), on the reader thread ('reader'), or in turn. */
  function route(method: string, args: unknown): Promise<unknown> {
    if (isMethod(method) && bypassesQueue(method)) return dispatch(handlers, method, args);
    if (isMethod(method) && runsOnReader(method)) return onReader(method, args);
    // A write may find the file held by another process (the CLI importing, a second window): it takes turns.
    if (isMethod(method) && !isReadMethod(method)) return inTurn(() => inTurnWithOthers(() => dispatch(handlers, method, args), turns));
    return inTurn(() => dispatch(handlers, method, args));
  }
  const turns: TurnDeps = {
    changes: () => totalChanges(project.db),
    waiting: (waiting) => emit('project.waiting', { waiting }),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    now: () => Date.now(),
  };
  // Once no call has come for a while, the memory the last ones grew goes back (services/idle-release.ts).
  let inFlight = 0;
  const quiet = idleRelease({ release: () => releaseMemory(project.db), idle: () => inFlight === 0 });

  return {
    path: dbPath,
    call(method, args) {
      inFlight++;
      quiet.busy();
      const answer = route(method, args);
      const done = () => {
        inFlight--;
        quiet.busy();
      };
      answer.then(done, done);
      return answer;
    },
    on(event, cb) {
      events.on(event, cb as (p: unknown) => void);
      return () => events.off(event, cb as (p: unknown) => void);
    },
    close: () => {
      clearInterval(watch);
      quiet.stop();
      // First: the reader's connection closed, the backend's own close leaves one self-contained file.
      closeReader();
      project.close();
    },
  };
}

/** Creates a new project file at dbPath holding the sample articles from corpusDir. */
export async function createSampleProject(dbPath: string, corpusDir: string): Promise<void> {
  const project = openProject(dbPath);
  try {
    const { sources, report } = sourcesFromPaths([corpusDir]);
    await importSources(project.db, project.documents, sources, report);
  } finally {
    project.close();
  }
}

import { EventEmitter } from 'node:events';
import { accessSync, constants, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { bypassesQueue, dispatch, isMethod } from '../common/contract.js';
import { AppError } from '../common/errors.js';
import type { EventMap, EventName } from '../common/events.js';
import { openProject, type Project } from './project.js';
import { createHandlers, type Emit } from './handlers.js';
import { createSerialQueue } from '../common/serial.js';
import { importSources, sourcesFromPaths } from './import/importer.js';
import { backupDatabase, backupPath, inspectProject } from '../db/backup.js';

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
function openBest(dbPath: string, opts: { readOnly?: boolean; mustExist?: boolean }): Project {
  if (opts.readOnly || !writable(dbPath)) return openProject(dbPath, { ...opts, readOnly: true });
  try {
    return openProject(dbPath, opts);
  } catch (e) {
    if (/readonly|read-only|EROFS|EACCES|unable to open/i.test((e as Error).message)) return openProject(dbPath, { ...opts, readOnly: true });
    throw e;
  }
}

export function openBackend(dbPath: string, opts: { readOnly?: boolean; mustExist?: boolean } = {}): Backend {
  const events = new EventEmitter();
  events.setMaxListeners(100);
  const emit: Emit = (event, payload) => events.emit(event, payload);
  let project = openBest(dbPath, opts);
  let handlers = wire(project);
  // Every call, reads included, runs in turn: an import keeps its transaction open across event-loop turns
  // (so progress can be shown), and a read slipped into such a gap would see rows that may yet be rolled back.
  const inTurn = createSerialQueue();

  function wire(p: Project) {
    return createHandlers(p, emit, { restore: (from: string) => restore(from) });
  }

  /**
   * Replaces the project with a backup. The current state is backed up first, so a restore can itself be
   * undone by restoring that copy. Runs inside the call queue: nothing else touches the file meanwhile.
   */
  async function restore(from: string) {
    if (project.readOnly) throw new AppError('ReadOnly', 'This project is open read-only; it cannot be restored over.');
    inspectProject(from);
    const safety = await backupDatabase(project.db, backupPath(project.path, ' before restore'));
    const source = openProject(from, { readOnly: true });
    try {
      project.close();
      for (const suffix of ['-wal', '-shm']) rmSync(project.path + suffix, { force: true });
      await source.db.backup(project.path);
    } finally {
      source.close();
    }
    project = openBest(dbPath, opts);
    handlers = wire(project);
    emit('project.changed', { reason: 'restored' });
    return { restoredFrom: from, safetyBackup: safety.path };
  }

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

  return {
    path: dbPath,
    call: (method, args) =>
      isMethod(method) && bypassesQueue(method) ? dispatch(handlers, method, args) : inTurn(() => dispatch(handlers, method, args)),
    on(event, cb) {
      events.on(event, cb as (p: unknown) => void);
      return () => events.off(event, cb as (p: unknown) => void);
    },
    close: () => {
      clearInterval(watch);
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

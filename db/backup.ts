import Database from 'better-sqlite3';
import { copyFileSync, existsSync, lstatSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../common/errors.js';
import { backupsFolderName, projectName } from '../common/project-files.js';
import { cannotReadInPlace, crosscheckVersion, existingSqliteFile } from './file-check.js';
import { migrate } from './migrate.js';
import type { Db } from './open.js';

/** The folder beside a project that holds its backups: `<dir>/<name> backups` (it may not exist yet). */
export function backupsDir(projectPath: string): string {
  return join(dirname(projectPath), backupsFolderName(projectName(projectPath)));
}

/** `<dir>/<name> backups/<name> 2026-11-25 031200<suffix>.crosscheck`: sorts by time, never overwrites. */
export function backupPath(projectPath: string, suffix = '', now = new Date()): string {
  const name = projectName(projectPath);
  const stamp = now.toISOString().slice(0, 19).replace('T', ' ').replace(/:/g, '');
  const dir = backupsDir(projectPath);
  mkdirSync(dir, { recursive: true });
  let path = join(dir, `${name} ${stamp}${suffix}.crosscheck`);
  for (let i = 2; existsSync(path); i++) path = join(dir, `${name} ${stamp}${suffix} (${i}).crosscheck`);
  return path;
}

/**
 * A copy of the project made while it stays open, with SQLite's online backup API: readers and the writer
 * carry on, and the copy is one consistent state of the database.
 */
export async function backupDatabase(db: Db, dest: string): Promise<{ path: string; pages: number }> {
  try {
    const r = await db.backup(dest);
    return { path: dest, pages: r.totalPages };
  } catch (e) {
    throw new AppError('InvalidInput', `Cannot write a backup to ${dest}: ${(e as Error).message}`);
  }
}

const nativeBinding = () => process.env.CROSSCHECK_SQLITE_BINDING || undefined;
/** A refusal's message, and what did not happen. */
const notRestored = (message: string) => `${message.replace(/\.?$/, '.')} It was not restored; the project is unchanged.`;
let staging = 0;

/**
 * First half of a restore: a private copy of the backup `from`, made with SQLite's backup API into the
 * project's backups folder, checked completely (a regular file — FIFOs and the like are refused from lstat,
 * never opened —, SQLite's header, Crosscheck's tables, `PRAGMA integrity_check`, a schema history this build
 * knows and no newer than its own) and brought to this build's schema. Nothing of the project is touched, and
 * the copy cannot change under the checks the way `from` could. The caller swaps it in (swapIn) and removes
 * it (discardStaged).
 * @param live the open project: the copy is given its page size, as SQLite's backup API cannot copy a
 *   database of another page size into a WAL file.
 * @returns the path of the checked copy.
 * @throws AppError NotFound when nothing is at `from`; InvalidInput naming `from` for anything else wrong.
 */
export async function stageRestore(from: string, projectPath: string, live?: Db): Promise<string> {
  try {
    if (!existingSqliteFile(from)) throw new AppError('NotFound', `No backup file at ${from}.`);
  } catch (e) {
    if (e instanceof AppError && e.name === 'InvalidInput') throw new AppError('InvalidInput', notRestored(e.message));
    throw e;
  }
  const dir = backupsDir(projectPath);
  mkdirSync(dir, { recursive: true });
  // Not named *.crosscheck: it is never listed as a backup, even if a crash leaves it behind.
  const staged = join(dir, `.restoring ${process.pid}-${++staging}.tmp`);
  try {
    await copyWithSqlite(from, staged);
    checkAndUpgrade(staged, from, live ? (live.pragma('page_size', { simple: true }) as number) : undefined);
    return staged;
  } catch (e) {
    discardStaged(staged);
    if (e instanceof AppError) throw e;
    throw new AppError('InvalidInput', notRestored(`${from} is damaged or unreadable (${(e as Error).message})`));
  }
}

/** A consistent copy of `from` read through SQLite (its locks, its -wal), or the bytes as they are when SQLite cannot read it in place. */
async function copyWithSqlite(from: string, to: string): Promise<void> {
  const src = new Database(from, { readonly: true, fileMustExist: true, nativeBinding: nativeBinding() });
  try {
    await src.backup(to);
  } catch (e) {
    if (!cannotReadInPlace(e)) throw e;
    // A WAL backup in a read-only folder (SQLite needs its -shm beside it): nobody writes there, so the file and
    // its -wal copied as they are make the same database.
    copyFileSync(from, to);
    if (existsSync(`${from}-wal`) && lstatSync(`${from}-wal`).isFile()) copyFileSync(`${from}-wal`, `${to}-wal`);
  } finally {
    src.close();
  }
}

/** Refuses a damaged, foreign or newer copy (messages name `from`); upgrades an older one to this build's schema. */
function checkAndUpgrade(staged: string, from: string, pageSize: number | undefined): void {
  const db = new Database(staged, { fileMustExist: true, nativeBinding: nativeBinding() });
  try {
    let problems: string[];
    try {
      problems = (db.pragma('integrity_check(3)') as Record<string, string>[]).map((row) => String(Object.values(row)[0]));
    } catch (e) {
      problems = [(e as Error).message];
    }
    if (problems.join() !== 'ok') throw new AppError('InvalidInput', notRestored(`${from} is damaged (${problems.join('; ')})`));
    try {
      crosscheckVersion(db, from);
      migrate(db, undefined, from);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      throw new AppError('InvalidInput', notRestored(e.message));
    }
    const odd = schemaDifferences(db);
    if (odd.length) {
      throw new AppError('InvalidInput', notRestored(`${from} holds a schema Crosscheck did not make (${odd.slice(0, 3).join('; ')}${odd.length > 3 ? '; …' : ''})`));
    }
    db.pragma('journal_mode = DELETE');
    if (pageSize && db.pragma('page_size', { simple: true }) !== pageSize) {
      db.pragma(`page_size = ${Math.trunc(pageSize)}`);
      db.exec('VACUUM');
    }
  } finally {
    db.close();
  }
}

/** Tables, columns, indexes, triggers and views of a project, one line each (SQLite's own objects left out). */
function schemaShape(db: Database.Database): Set<string> {
  const objects = db.prepare("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").all() as { type: string; name: string }[];
  const shape = new Set(objects.map((o) => `${o.type} ${o.name}`));
  for (const o of objects) {
    if (o.type !== 'table') continue;
    for (const c of db.pragma(`table_info(${JSON.stringify(o.name)})`) as { name: string; type: string }[]) shape.add(`column ${o.name}.${c.name} ${c.type}`);
  }
  return shape;
}

/**
 * What a (migrated) backup has that a new project of this build does not, or lacks: a trigger of its own would
 * run on every later write (one that deletes labels was restored before this check), a renamed column would
 * fail only after the swap. Compared by name and column, against a new in-memory project.
 */
function schemaDifferences(db: Database.Database): string[] {
  const fresh = new Database(':memory:', { nativeBinding: nativeBinding() });
  let want: Set<string>;
  try {
    migrate(fresh);
    want = schemaShape(fresh);
  } finally {
    fresh.close();
  }
  const have = schemaShape(db);
  return [...[...have].filter((x) => !want.has(x)).map((x) => `an extra ${x}`), ...[...want].filter((x) => !have.has(x)).map((x) => `no ${x}`)];
}

/**
 * Second half of a restore: copies a staged backup into the live project file with SQLite's backup API. That
 * is one write transaction on the project: other connections (another window, the CLI) see the old state or
 * the new one, never a mix, and a failure part-way is rolled back by SQLite, leaving the project as it was.
 * (Renaming a file over the project would not be safe while another connection has it open: its -wal and
 * -shm would then belong to a different file.)
 * @throws the SQLite error when the copy fails; the project file is then unchanged.
 */
export async function swapIn(staged: string, projectPath: string): Promise<void> {
  const src = new Database(staged, { readonly: true, fileMustExist: true, nativeBinding: nativeBinding() });
  try {
    await src.backup(projectPath);
  } finally {
    src.close();
  }
}

/** Removes a staged copy and whatever SQLite left beside it. */
export function discardStaged(staged: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(staged + suffix, { force: true });
}

import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../common/errors.js';
import { backupsFolderName, projectName } from '../common/project-files.js';
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

/**
 * Checks that a file is a Crosscheck project this build can open, without changing it: what a restore must
 * know before it replaces anything.
 */
export function inspectProject(path: string): { version: number } {
  if (!existsSync(path)) throw new AppError('NotFound', `No backup file at ${path}.`);
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, nativeBinding: process.env.CROSSCHECK_SQLITE_BINDING || undefined });
    const ok = db.pragma('quick_check', { simple: true });
    if (ok !== 'ok') throw new AppError('InvalidInput', `${path} is damaged (${String(ok)}); it was not restored.`);
    const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'schema_migrations'").get();
    if (!hasTable) throw new AppError('InvalidInput', `${path} is not a Crosscheck project.`);
    return { version: (db.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get() as number) ?? 0 };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('InvalidInput', `${path} is not a Crosscheck project (${(e as Error).message}).`);
  } finally {
    db?.close();
  }
}

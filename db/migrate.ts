import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { AppError } from '../common/errors.js';
import { migrations as known, type Migration } from './migrations/index.js';

const checksum = (sql: string) => createHash('sha256').update(sql).digest('hex').slice(0, 16);

/** Highest schema version this build understands. */
export const latestVersion = known[known.length - 1].version;

/** The highest migration recorded in the file; 0 when it has no schema_migrations table. */
export function appliedVersion(db: Database.Database): number {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_migrations'").get();
  if (!hasTable) return 0;
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

type Applied = { version: number; name: string; checksum: string };

function appliedRows(db: Database.Database): Applied[] {
  if (appliedVersion(db) === 0) return [];
  return db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all() as Applied[];
}

/**
 * Checks, without writing, that every migration recorded in the file is one of this build's, with the same
 * SQL: what a read-only open and a restore need to know before they show or take anything.
 * `subject` starts the messages ("This project", or the file's path).
 * @returns the applied version (0 when the file has no schema_migrations table).
 * @throws AppError Unsupported for a project written by a newer Crosscheck; Conflict for a different history.
 */
export function checkHistory(db: Database.Database, subject = 'This project', migrations: Migration[] = known): number {
  const applied = appliedRows(db);
  const byVersion = new Map(migrations.map((m) => [m.version, m]));
  for (const a of applied) {
    const m = byVersion.get(a.version);
    if (!m) {
      throw new AppError(
        'Unsupported',
        `${subject} was written by a newer Crosscheck (schema ${a.version} "${a.name}"; this build reads up to ${migrations.at(-1)?.version ?? 0}); update Crosscheck to open it.`,
      );
    }
    if (checksum(m.sql) !== a.checksum) {
      throw new AppError(
        'Conflict',
        `${subject}'s schema history differs from this build at migration ${a.version} "${a.name}"; it was not opened.`,
      );
    }
  }
  return applied.length ? applied[applied.length - 1].version : 0;
}

/**
 * Brings the schema up to date, each migration in its own transaction. Refuses a project written by a newer
 * Crosscheck, or one whose applied history differs from ours, rather than guessing (see checkHistory).
 */
export function migrate(db: Database.Database, migrations: Migration[] = known, subject?: string): { from: number; to: number } {
  const from = checkHistory(db, subject, migrations);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  for (const m of migrations) {
    if (m.version <= from) continue;
    db.transaction(() => {
      db.exec(m.sql);
      m.seed?.(db);
      record.run(m.version, m.name, checksum(m.sql), new Date().toISOString());
    })();
  }
  return { from, to: migrations.length ? migrations[migrations.length - 1].version : 0 };
}

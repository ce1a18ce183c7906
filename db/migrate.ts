import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { AppError } from '../common/errors.js';
import { migrations as known, type Migration } from './migrations/index.js';

const checksum = (sql: string) => createHash('sha256').update(sql).digest('hex').slice(0, 16);

/** Highest schema version this build understands. */
export const latestVersion = known[known.length - 1].version;

export function appliedVersion(db: Database.Database): number {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_migrations'").get();
  if (!hasTable) return 0;
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

/**
 * Brings the schema up to date, each migration in its own transaction. Refuses a project written by a newer
 * Crosscheck, or one whose applied history differs from ours, rather than guessing.
 */
export function migrate(db: Database.Database, migrations: Migration[] = known): { from: number; to: number } {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all() as {
    version: number;
    name: string;
    checksum: string;
  }[];
  const byVersion = new Map(migrations.map((m) => [m.version, m]));
  for (const a of applied) {
    const m = byVersion.get(a.version);
    if (!m) {
      throw new AppError(
        'Unsupported',
        `This project was written by a newer Crosscheck (schema ${a.version} "${a.name}"); update Crosscheck to open it.`,
      );
    }
    if (checksum(m.sql) !== a.checksum) {
      throw new AppError(
        'Conflict',
        `This project's schema history differs from this build at migration ${a.version} "${a.name}"; it was not opened.`,
      );
    }
  }
  const from = applied.length ? applied[applied.length - 1].version : 0;
  const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  for (const m of migrations) {
    if (m.version <= from) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, checksum(m.sql), new Date().toISOString());
    })();
  }
  return { from, to: migrations.length ? migrations[migrations.length - 1].version : 0 };
}

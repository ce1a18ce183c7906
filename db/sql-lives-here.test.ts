import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Folders whose code must reach SQLite only through db/ (the bench's raw baselines too: db/baselines.ts). */
const layers = ['common', 'services', 'server', 'electron', 'cli', 'renderer', 'soak', 'bench', 'scripts', 'e2e'];
/** A prepared statement, a pragma, or SQL run through exec (RegExp#exec takes no SQL keyword string). */
const sql = /\.prepare\(|\.pragma\(|\.exec\(\s*[`'"]\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|BEGIN|COMMIT|ROLLBACK|PRAGMA|SAVEPOINT|RELEASE)\b/i;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
  });
}

test('no SQL outside db/: services and hosts compose repositories (issue 9)', () => {
  const found: string[] = [];
  for (const layer of layers) {
    for (const file of sources(join(root, layer))) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (sql.test(line)) found.push(`${relative(root, file)}:${i + 1}: ${line.trim()}`);
        });
    }
  }
  assert.deepEqual(found, []);
});

test('the check sees SQL where it is (db/ itself is full of it)', () => {
  const inDb = sources(join(root, 'db')).filter((f) => readFileSync(f, 'utf8').split('\n').some((l) => sql.test(l)));
  assert.ok(inDb.length >= 5, `found SQL in only ${inDb.length} db/ files`);
});

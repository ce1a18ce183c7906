import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from './commands.js';
import { latestVersion } from '../db/migrate.js';

const fixtures = fileURLToPath(new URL('../db/fixtures/', import.meta.url));

test('opening an older project says it is upgrading, from and to which schema, and where the copy is, before it starts', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-upgrade-notice-'));
  try {
    const db = join(dir, 'old.crosscheck');
    copyFileSync(join(fixtures, 'v2.crosscheck'), db);
    const error: string[] = [];
    const code = await runCli(['stats', '--db', db], { log: () => undefined, error: (s) => error.push(s) });
    assert.equal(code, 0, error.join('\n'));
    const notice = error.find((l) => l.startsWith('Upgrading '));
    assert.ok(notice, `no upgrade notice in: ${error.join(' | ')}`);
    assert.match(notice!, new RegExp(`from schema 2 to ${latestVersion}\\b`));
    const backup = /kept at (.+)$/.exec(notice!)?.[1];
    assert.ok(backup && existsSync(backup), `the copy it names exists: ${backup}`);
    // Opened again, it is current: nothing to say.
    const again: string[] = [];
    await runCli(['stats', '--db', db], { log: () => undefined, error: (s) => again.push(s) });
    assert.equal(again.filter((l) => l.startsWith('Upgrading ')).length, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

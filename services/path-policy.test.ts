import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathChecker, projectRoots } from './path-policy.js';

let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'crosscheck-policy-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

test('the default roots are the project folder, its backups and exports folders and --allow-path; never home', () => {
  const db = join(dir, 'desk', 'Mosul desk.crosscheck');
  assert.deepEqual(projectRoots(db, [join(dir, 'shared')]), [
    join(dir, 'desk'),
    join(dir, 'desk', 'Mosul desk backups'),
    join(dir, 'desk', 'Mosul desk exports'),
    join(dir, 'shared'),
  ]);
  const check = pathChecker(projectRoots(db));
  assert.throws(() => check(join(homedir(), '.bashrc'), 'write'), /outside the folders/);
  assert.throws(() => check(join(homedir(), 'Documents'), 'read'), /outside the folders/);
  check(join(dir, 'desk', 'Mosul desk exports', 'csv 2026-01-01 0000'), 'write');
});

test('below a root, a write that would create or touch a hidden name is refused; reading one is not', () => {
  // A project kept directly in the home folder makes home a root: .bash_profile must still be out of reach.
  const home = join(dir, 'home');
  mkdirSync(home);
  const check = pathChecker(projectRoots(join(home, 'p.crosscheck')));
  for (const hidden of ['.bash_profile', '.bashrc', join('.ssh', 'authorized_keys'), join('.config', 'autostart', 'x.desktop'), join('exports', '.x.jsonl')]) {
    assert.throws(() => check(join(home, hidden), 'write'), (e: Error) => e.name === 'InvalidInput' && /hidden/.test(e.message), hidden);
  }
  check(join(home, '.notes.txt'), 'read');
  check(join(home, 'exports', 'x.jsonl'), 'write');
  // Hidden folders above the root are the person's choice (the default project lives in ~/.config/Crosscheck).
  const hiddenRoot = join(dir, '.config', 'Crosscheck');
  pathChecker([hiddenRoot])(join(hiddenRoot, 'Sample project exports', 'csv'), 'write');
});

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { appEntry, electronBindingPath, ELECTRON_NOT_INSTALLED_MESSAGE, findElectronBinary, MISSING_ELECTRON_MESSAGE } from '../scripts/start-electron.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('start-electron', () => {
  it('reports a missing binary when loading the electron package throws', () => {
    const r = findElectronBinary(() => {
      throw new Error('Electron failed to install correctly');
    });
    assert.deepEqual(r, { ok: false, message: MISSING_ELECTRON_MESSAGE });
  });

  it('says to run npm install again when the electron package itself is gone (npm 10 removes a failed optional dependency)', () => {
    const r = findElectronBinary(() => {
      throw Object.assign(new Error("Cannot find module 'electron'"), { code: 'MODULE_NOT_FOUND' });
    });
    assert.deepEqual(r, { ok: false, message: ELECTRON_NOT_INSTALLED_MESSAGE });
    assert.doesNotMatch(ELECTRON_NOT_INSTALLED_MESSAGE, /\n/);
    assert.match(ELECTRON_NOT_INSTALLED_MESSAGE, /"npm install" again/);
    assert.match(ELECTRON_NOT_INSTALLED_MESSAGE, /npm run web/);
  });

  it('reports a missing binary when the path it names is not there', () => {
    assert.equal(findElectronBinary(() => '/nowhere/electron', () => false).ok, false);
    assert.equal(findElectronBinary(() => ({}), () => true).ok, false);
  });

  it('returns the binary when it is there', () => {
    assert.deepEqual(findElectronBinary(() => '/opt/electron', (p) => p === '/opt/electron'), { ok: true, path: '/opt/electron' });
  });

  it('says what to do in one line', () => {
    assert.doesNotMatch(MISSING_ELECTRON_MESSAGE, /\n/);
    assert.match(MISSING_ELECTRON_MESSAGE, /node node_modules\/electron\/install\.js/);
    assert.match(MISSING_ELECTRON_MESSAGE, /npm run web/);
  });

  it('prints exactly that line and exits 1 when run without a binary', () => {
    // A dist path that does not exist makes electron's own index.js point nowhere, on any machine.
    const r = spawnSync(process.execPath, [join(root, 'scripts', 'start-electron.mjs')], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: join(root, 'no-such-electron-dist') },
    });
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `${MISSING_ELECTRON_MESSAGE}\n`);
  });

  it('starts the app folder when package.json main is built, else the built main itself', () => {
    const built = join('/r', 'dist', 'electron', 'main.cjs');
    assert.equal(appEntry('/r', () => false), null);
    // /r/package.json does not exist: the built main is the entry.
    assert.equal(appEntry('/r', (p) => p === built), built);
  });

  it('keeps one Electron build of better-sqlite3 per version, platform and arch', () => {
    const a = electronBindingPath({ root: '/r', electronVersion: '40.1.0', sqliteVersion: '12.1.0', platform: 'linux', arch: 'x64' });
    const b = electronBindingPath({ root: '/r', electronVersion: '40.2.0', sqliteVersion: '12.1.0', platform: 'linux', arch: 'x64' });
    assert.notEqual(a, b);
    assert.ok(a.startsWith(join('/r', 'node_modules', '.cache')));
    assert.ok(a.endsWith('better_sqlite3.node'));
  });
});

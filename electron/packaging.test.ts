// The packaging config (electron-builder.cjs) as electron-builder will read it: the fuses that lock the shipped
// binary down, and what they depend on.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const config = createRequire(import.meta.url)('../electron-builder.cjs') as {
  electronVersion?: string;
  files?: string[];
  asar?: unknown;
  electronFuses?: Record<string, unknown>;
  extraMetadata?: { main?: string };
};

describe('packaging config', () => {
  it('is the one electron-builder finds: no config it would read first', () => {
    // A "build" key in package.json wins over every config file.
    assert.equal(JSON.parse(readFileSync(`${root}package.json`, 'utf8')).build, undefined);
    // electron-builder tries .yml, .yaml, .json, .json5, .toml, .js, then .cjs (app-builder-lib config/load.ts).
    for (const ext of ['yml', 'yaml', 'json', 'json5', 'toml', 'js']) {
      assert.equal(existsSync(`${root}electron-builder.${ext}`), false, `electron-builder.${ext} would shadow electron-builder.cjs`);
    }
  });

  it('flips every fuse that would let the signed app run other code', () => {
    const fuses = config.electronFuses;
    assert.ok(fuses, 'electronFuses is set');
    assert.equal(fuses.runAsNode, false, 'ELECTRON_RUN_AS_NODE off');
    assert.equal(fuses.enableNodeOptionsEnvironmentVariable, false, 'NODE_OPTIONS off');
    assert.equal(fuses.enableNodeCliInspectArguments, false, '--inspect off');
    assert.equal(fuses.onlyLoadAppFromAsar, true, 'only load the app from app.asar');
    assert.equal(fuses.enableEmbeddedAsarIntegrityValidation, true, 'asar integrity checked');
    assert.equal(fuses.grantFileProtocolExtraPrivileges, false, 'file: has no extra privileges');
    assert.equal(fuses.enableCookieEncryption, true, 'cookies encrypted');
  });

  it('sets only fuses electron-builder knows, each to a boolean', () => {
    const known = new Set([
      'runAsNode',
      'enableCookieEncryption',
      'enableNodeOptionsEnvironmentVariable',
      'enableNodeCliInspectArguments',
      'enableEmbeddedAsarIntegrityValidation',
      'onlyLoadAppFromAsar',
      'loadBrowserProcessSpecificV8Snapshot',
      'grantFileProtocolExtraPrivileges',
    ]);
    for (const [name, value] of Object.entries(config.electronFuses ?? {})) {
      assert.ok(known.has(name), `unknown fuse ${name}`);
      assert.equal(typeof value, 'boolean', name);
    }
  });

  it('names the Electron version itself (electron is an optional dependency, possibly not installed) and leaves electron\'s package out of the app', () => {
    const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
    assert.ok(pkg.optionalDependencies?.electron, 'electron is an optional dependency');
    assert.equal(pkg.devDependencies?.electron, undefined, 'not also a dev dependency (npm would then make it required)');
    const locked = JSON.parse(readFileSync(`${root}package-lock.json`, 'utf8')).packages['node_modules/electron'];
    assert.equal(config.electronVersion, locked.version);
    assert.equal(locked.optional, true, 'package-lock.json marks electron optional');
    assert.ok(config.files?.includes('!node_modules/electron{,/**}'));
  });

  it('packs the app into app.asar, which the asar fuses need, and starts the bundled main', () => {
    assert.equal(config.asar, true);
    assert.equal(config.extraMetadata?.main, 'dist/electron/main.cjs');
  });
});

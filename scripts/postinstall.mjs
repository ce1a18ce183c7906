// Runs after `npm install` in a checkout (package.json "postinstall"). Two things, neither of which may fail the
// install, since the browser workbench and the tests need neither of them to be possible:
//  1. Electron's binary. package.json's `allowScripts` keeps npm 11 from running electron's own download script,
//     and electron is an optional dependency, so that an install on a machine that cannot download it succeeds:
//     npm 11 skips the script, and npm 10 (which ignores `allowScripts`) lets an optional dependency's script fail.
//     Here the download is tried once, and where it fails we say so in one line (`npm start` says it again).
//  2. The bundles the documented commands run (dist/cli, dist/renderer): built now, in about two seconds, so that
//     the first `crosscheck` or `npm run web` starts at once; they also build themselves when missing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './start-electron.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const requireHere = createRequire(import.meta.url);

/** A download of about 100 MB on a slow line takes minutes; one that cannot connect fails in seconds. */
const DOWNLOAD_TIMEOUT_MS = 15 * 60_000;

function fetchElectron() {
  const installer = join(root, 'node_modules', 'electron', 'install.js');
  if (!existsSync(installer)) {
    console.error('crosscheck: Electron is not installed (its download failed during npm install); "npm install" again where the internet is reachable installs it. "npm run web" works without it.');
    return;
  }
  if (findElectronBinary().ok) return;
  const r = spawnSync(process.execPath, [installer], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', timeout: DOWNLOAD_TIMEOUT_MS });
  // Asked again: electron's index.js throws while path.txt is missing, and a module that threw is not cached.
  if (r.status === 0 && findElectronBinary().ok) {
    console.error(`crosscheck: downloaded Electron ${requireHere('electron/package.json').version} for "npm start".`);
    return;
  }
  const why = (r.error?.message ?? r.stderr ?? '').split('\n').find((l) => l.trim()) ?? `exit ${r.status}`;
  console.error(`crosscheck: Electron's binary could not be downloaded (${why.trim().slice(0, 160)}); "npm start" will say how to fetch it, and "npm run web" works without it.`);
}

function build() {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--renderer', '--if-stale'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) console.error('crosscheck: building the bundles failed (see above); "npm run web" and "npm run crosscheck" build them again when run.');
}

// A dependency of another package (not a checkout) has no sources to build from.
if (existsSync(join(root, 'scripts', 'build.mjs')) && existsSync(join(root, 'cli'))) {
  fetchElectron();
  build();
}

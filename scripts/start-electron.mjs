// `npm start`, after the build: runs the desktop shell with the project's own Electron.
//
// Two things stand between `npm install` and a running window, and this script deals with both:
//  1. The Electron binary is downloaded after `npm install` by scripts/postinstall.mjs (electron's own download
//     script is kept from failing the install: see there), which cannot succeed on an offline machine. Where the
//     binary is missing we say so in one line, with the command that fetches it, and point at the browser host
//     instead. Where npm removed the electron package itself (npm 10, whose failed download of an optional
//     dependency takes the package out), the line says to run `npm install` again.
//  2. better-sqlite3 is a native module built for Node's ABI, which Electron's differs from. Rebuilding it in
//     place would break `npm test` under plain Node, so a second copy is built for Electron into
//     node_modules/.cache/crosscheck/ and handed to the app through CROSSCHECK_SQLITE_BINDING, which
//     db/open.ts passes to better-sqlite3 as `nativeBinding`. A packaged app needs none of this:
//     electron-builder rebuilds its own copy for Electron.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const requireHere = createRequire(import.meta.url);

export const MISSING_ELECTRON_MESSAGE =
  'Electron binary not found (it could not be downloaded at npm install). Fetch it with ' +
  '"node node_modules/electron/install.js" where the internet is reachable, or run "npm run web" for the same ' +
  'workbench in your browser.';

export const ELECTRON_NOT_INSTALLED_MESSAGE =
  'Electron is not installed (its download failed during npm install). Run "npm install" again where the internet ' +
  'is reachable, or run "npm run web" for the same workbench in your browser.';

/**
 * Where the Electron executable is. `require('electron')` from Node returns its path, or throws when the
 * download never happened (or, MODULE_NOT_FOUND, when the package is not there at all); a path to a deleted
 * binary counts as missing too.
 * @param {(id: string) => unknown} [load]
 * @param {(path: string) => boolean} [exists]
 * @returns {{ ok: true, path: string } | { ok: false, message: string }}
 */
export function findElectronBinary(load = requireHere, exists = existsSync) {
  let path;
  try {
    path = load('electron');
  } catch (e) {
    const absent = /** @type {NodeJS.ErrnoException} */ (e)?.code === 'MODULE_NOT_FOUND';
    return { ok: false, message: absent ? ELECTRON_NOT_INSTALLED_MESSAGE : MISSING_ELECTRON_MESSAGE };
  }
  if (typeof path !== 'string' || !path || !exists(path)) return { ok: false, message: MISSING_ELECTRON_MESSAGE };
  return { ok: true, path };
}

/**
 * What to hand Electron: the app folder when package.json's "main" points at the built main, else the built
 * main itself (Electron accepts a script; main.ts fixes the app name and profile folder either way).
 * @param {string} dir the repository root
 * @param {(path: string) => boolean} [exists]
 * @returns {string | null}
 */
export function appEntry(dir, exists = existsSync) {
  const built = join(dir, 'dist', 'electron', 'main.cjs');
  if (!exists(built)) return null;
  try {
    const main = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).main;
    if (typeof main === 'string' && exists(join(dir, main))) return dir;
  } catch {
    // An unreadable package.json is no reason not to start: the script path works without it.
  }
  return built;
}

/**
 * The Electron copy of better-sqlite3's addon, keyed on everything that makes it incompatible with another.
 * @param {{ root: string, electronVersion: string, sqliteVersion: string, platform: string, arch: string }} o
 */
export function electronBindingPath(o) {
  const name = `better-sqlite3-${o.sqliteVersion}-electron-${o.electronVersion}-${o.platform}-${o.arch}`;
  return join(o.root, 'node_modules', '.cache', 'crosscheck', name, 'better_sqlite3.node');
}

/** @param {string} file */
function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/**
 * Loads the addon inside Electron (run as Node, so no window and no display needed): the only real proof
 * that it matches Electron's ABI.
 * @param {string} electron @param {string} sqliteDir @param {string} binding
 */
function loadsInElectron(electron, sqliteDir, binding) {
  const code = `const D = require(${JSON.stringify(sqliteDir)}); new D(':memory:', { nativeBinding: ${JSON.stringify(binding)} }).close();`;
  const r = spawnSync(electron, ['-e', code], {
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    stdio: 'ignore',
    timeout: 60_000,
  });
  return r.status === 0;
}

/**
 * @param {string} cmd @param {string[]} args @param {string} cwd
 * @returns {boolean}
 */
function quietly(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', timeout: 15 * 60_000 });
  return r.status === 0;
}

/** npm passes its bundled node-gyp to scripts; outside npm, look where npm keeps it. */
function findNodeGyp() {
  const candidates = [
    process.env.npm_config_node_gyp,
    join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    join(dirname(process.execPath), 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ];
  return candidates.find((p) => p && existsSync(p)) ?? null;
}

/**
 * Returns the path of an addon that loads in this Electron, building it the first time: a prebuilt binary
 * from better-sqlite3's releases (prebuild-install, which better-sqlite3 already depends on), else compiled
 * with node-gyp against Electron's headers. Both need internet once; the result is cached.
 * @param {string} electron the Electron executable
 * @returns {string}
 */
export function ensureElectronSqlite(electron) {
  const sqliteDir = dirname(requireHere.resolve('better-sqlite3/package.json'));
  const electronVersion = readJson(requireHere.resolve('electron/package.json')).version;
  const sqliteVersion = readJson(join(sqliteDir, 'package.json')).version;
  const target = electronBindingPath({ root, electronVersion, sqliteVersion, platform: process.platform, arch: process.arch });
  if (existsSync(target) && loadsInElectron(electron, sqliteDir, target)) return target;

  console.error(`Preparing better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (first start only)…`);
  const work = join(dirname(target), 'work');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(dirname(target), { recursive: true });
  // The copy leaves out build/, so nothing built for Node is mistaken for the Electron build.
  cpSync(sqliteDir, work, { recursive: true, filter: (src) => relative(sqliteDir, src).split(sep)[0] !== 'build' });

  const prebuild = createRequire(join(sqliteDir, 'package.json')).resolve('prebuild-install/bin.js');
  const arch = `--arch=${process.arch}`;
  const fetched = quietly(
    process.execPath,
    [prebuild, '--runtime=electron', `--target=${electronVersion}`, arch, `--platform=${process.platform}`],
    work,
  );
  const gyp = fetched ? null : findNodeGyp();
  const compiled =
    !fetched &&
    gyp !== null &&
    quietly(
      process.execPath,
      [gyp, 'rebuild', '--release', `--target=${electronVersion}`, arch, '--dist-url=https://electronjs.org/headers'],
      work,
    );
  const built = join(work, 'build', 'Release', 'better_sqlite3.node');
  if (!(fetched || compiled) || !existsSync(built)) {
    rmSync(work, { recursive: true, force: true });
    throw new Error(
      `Could not prepare better-sqlite3 for Electron ${electronVersion}: no prebuilt binary could be downloaded ` +
        'and compiling it failed (it needs internet for Electron\'s headers and a C++ toolchain). ' +
        'Run "npm run web" for the same workbench in your browser.',
    );
  }
  copyFileSync(built, target);
  rmSync(work, { recursive: true, force: true });
  if (!loadsInElectron(electron, sqliteDir, target)) {
    rmSync(target, { force: true });
    throw new Error(`The better-sqlite3 built for Electron ${electronVersion} does not load in it; delete node_modules/.cache/crosscheck and try again.`);
  }
  return target;
}

function main() {
  const electron = findElectronBinary();
  if (!electron.ok) return fail(electron.message);
  const entry = appEntry(root);
  if (!entry) return fail('dist/electron/main.cjs is missing: run "npm run build" first.');
  let binding;
  try {
    binding = ensureElectronSqlite(electron.path);
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  }

  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env, CROSSCHECK_SQLITE_BINDING: binding };
  // Set in a shell, it would make Electron start as plain Node and ignore the app.
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(electron.path, [entry, ...process.argv.slice(2)], { stdio: 'inherit', env });
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('error', (err) => fail(`Could not start Electron: ${err.message}`));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

/** One line, no stack trace: these are situations to act on, not bugs. @param {string} message */
function fail(message) {
  console.error(message);
  process.exit(1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();

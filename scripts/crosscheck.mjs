#!/usr/bin/env node
// The documented command line: `npm run crosscheck -- <command>`, and `crosscheck <command>` once package.json's
// `bin` is on PATH (`npm link`). It runs the bundled CLI (dist/cli/crosscheck.mjs, plain Node: about a quarter of
// the start-up time of compiling the TypeScript on every call), building it first when it is missing or older
// than its sources, so that the command always runs the code in the working tree. `serve` also needs the built
// renderer, which is checked the same way.
//
// Through a symbolic link (npm's bin links) Node resolves this file to its real path before it runs, so
// import.meta.url is always inside the repository.
import { spawnSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { staleness } from './freshness.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = process.env.CROSSCHECK_DIST ? resolve(process.env.CROSSCHECK_DIST) : join(root, 'dist');

/**
 * Which outputs `args` needs before it can run: the CLI always, the renderer for `serve`.
 * @param {string[]} args the command line after `crosscheck`
 * @returns {('cli' | 'renderer')[]}
 */
export function outputsFor(args) {
  return args[0] === 'serve' ? ['cli', 'renderer'] : ['cli'];
}

/**
 * Builds what `args` needs and is stale; says so on stderr (stdout is the command's). Exits when the build fails.
 * @param {string[]} args
 */
function ensureBuilt(args) {
  /** @type {{ output: 'cli' | 'renderer', why: string }[]} */
  const stale = [];
  for (const output of outputsFor(args)) {
    const s = staleness(root, dist, output);
    if (s.stale) stale.push({ output, why: s.why });
  }
  if (!stale.length) return;
  for (const { output, why } of stale) console.error(`crosscheck: building the ${output === 'cli' ? 'command line' : 'browser workbench'} (${why})…`);
  const flag = stale.length === 2 ? '--renderer' : stale[0].output === 'cli' ? '--cli' : '--renderer-only';
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), flag], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) {
    // A read-only install (a global one, a copy whose file times moved) cannot rebuild: the bundle it has still runs.
    const built = stale.every(({ output }) => existsSync(join(dist, ...(output === 'cli' ? ['cli', 'crosscheck.mjs'] : ['renderer', 'index.html']))));
    if (built) {
      console.error('crosscheck: the build failed (see above); running the bundle already built, which may be older than the sources.');
      return;
    }
    console.error('crosscheck: the build failed (see above); nothing was run.');
    process.exit(r.status ?? 1);
  }
}

/** Whether this file is the program being run (not imported by a test), also when started through a link. */
const isMain = () => {
  try {
    return !!process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
};

if (isMain()) {
  const args = process.argv.slice(2);
  ensureBuilt(args);
  // The bundle reads process.argv.slice(2) itself: the same arguments, since this file stands where it would.
  await import(pathToFileURL(join(dist, 'cli', 'crosscheck.mjs')).href);
}

// Whether a built bundle is older than the sources it is built from: a walk over file modification times, fast
// enough (a few milliseconds for the whole tree) to run before every CLI command. Plain JavaScript, since the
// launcher (scripts/crosscheck.mjs) runs it before anything could compile TypeScript.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Extensions of files a bundle is made from; tests, fixtures and data are not. */
const SOURCE_FILE = /\.(ts|tsx|mts|cts|js|mjs|cjs|css|html)$/;
const NOT_SOURCE = /\.test\.(ts|tsx|mjs|js)$/;
/** Folders under a source folder that hold no bundled code. */
const SKIPPED_DIRS = new Set(['node_modules', 'fixtures', '__snapshots__']);

/**
 * What each output is built from (scripts/build.mjs): folders walked for source files, plus single files (the
 * build script and the lock file, since a dependency's update changes the bundle too).
 */
export const SOURCES = {
  cli: { dirs: ['cli', 'common', 'db', 'services', 'server'], files: ['scripts/build.mjs', 'package-lock.json'] },
  renderer: { dirs: ['renderer', 'common'], files: ['renderer/index.html', 'scripts/build.mjs', 'package-lock.json'] },
};

/** Files scripts/build.mjs writes for each output, relative to the dist folder; the first one's time is compared. */
export const OUTPUTS = {
  cli: ['cli/crosscheck.mjs', 'cli/reader-worker.mjs', 'cli/preannotate-worker.mjs'],
  renderer: ['renderer/index.html', 'renderer/assets/app.js', 'renderer/assets/app.css'],
};

/** Modification time in ms, or null when `path` does not exist. @param {string} path @returns {number | null} */
function mtimeOf(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

/**
 * The newest source file under `root` for `sources`.
 * @param {string} root repository root
 * @param {{ dirs: string[], files: string[] }} sources
 * @returns {{ path: string, mtimeMs: number } | null} null when no source file exists at all
 */
export function newestSource(root, sources) {
  /** @type {{ path: string, mtimeMs: number } | null} */
  let best = null;
  /** @param {string} path @param {number | null} mtimeMs */
  const consider = (path, mtimeMs) => {
    if (mtimeMs !== null && (!best || mtimeMs > best.mtimeMs)) best = { path, mtimeMs };
  };
  /** @param {string} dir */
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIPPED_DIRS.has(e.name) && !e.name.startsWith('.')) walk(path);
      } else if (e.isFile() && SOURCE_FILE.test(e.name) && !NOT_SOURCE.test(e.name)) {
        consider(path, mtimeOf(path));
      }
    }
  };
  for (const d of sources.dirs) walk(join(root, d));
  for (const f of sources.files) consider(join(root, f), mtimeOf(join(root, f)));
  return best;
}

/**
 * Whether `output` must be (re)built: it is missing (any of its files), or a source is newer than its oldest file.
 * @param {string} root repository root
 * @param {string} dist the dist folder (dist/, or CROSSCHECK_DIST)
 * @param {'cli' | 'renderer'} output
 * @returns {{ stale: false } | { stale: true, why: string }} `why` is said to the person before building
 */
export function staleness(root, dist, output) {
  const times = OUTPUTS[output].map((f) => mtimeOf(join(dist, f)));
  if (times.some((t) => t === null)) return { stale: true, why: 'it is not built yet' };
  const built = Math.min(.../** @type {number[]} */ (times));
  const newest = newestSource(root, SOURCES[output]);
  if (newest && newest.mtimeMs > built) {
    return { stale: true, why: `${newest.path.slice(root.length).replace(/^[/\\]/, '')} changed since the last build` };
  }
  return { stale: false };
}

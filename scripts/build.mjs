// Bundles the renderer (browser), the CLI that serves it, and the Electron shell (main + preload) with esbuild.
// `--renderer` builds only what the browser host and e2e need: the renderer and the CLI. `--cli` builds the CLI
// alone (scripts/crosscheck.mjs, when its sources changed); `--renderer-only` the renderer alone (`crosscheck
// serve`, when it is missing). `--if-stale` skips what is newer than its sources (scripts/freshness.mjs).
import { build } from 'esbuild';
import { mkdirSync, renameSync, rmSync, existsSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { staleness } from './freshness.mjs';
import { dropChunkCss, refuseContract, writeIndexHtml } from './renderer-output.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// CROSSCHECK_DIST builds elsewhere (a developer running e2e specs beside another build); default dist/.
const out = process.env.CROSSCHECK_DIST ? resolve(process.env.CROSSCHECK_DIST) : join(root, 'dist');
const has = (flag) => process.argv.includes(flag);
const only = has('--cli') ? 'cli' : has('--renderer-only') ? 'renderer-only' : has('--renderer') ? 'renderer' : 'all';
const production = process.env.NODE_ENV !== 'development';
const wants = (output) => (output === 'renderer' ? only !== 'cli' : only !== 'renderer-only') && (!has('--if-stale') || staleness(root, out, output).stale);
const built = [];

if (wants('renderer')) {
  rmSync(join(out, 'renderer'), { recursive: true, force: true });
  mkdirSync(join(out, 'renderer', 'assets'), { recursive: true });
  const result = await build({
    entryPoints: { app: join(root, 'renderer/main.tsx') },
    outdir: join(out, 'renderer', 'assets'),
    bundle: true,
    // A module script, split: what the page needs at open is app.js; the views loaded later (renderer/app/
    // lazyViews.tsx) and what only they use are chunks beside it, fetched on first use. Both hosts serve the page
    // from an origin of its own (http://127.0.0.1:<port>, crosscheck://app), where module scripts load as
    // same-origin requests under the CSP's script-src 'self'; under file: they would not.
    format: 'esm',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
    platform: 'browser',
    target: ['chrome120'],
    jsx: 'automatic',
    // CROSSCHECK_NO_MINIFY=1 keeps function names, for reading CPU profiles of the bench.
    minify: production && !process.env.CROSSCHECK_NO_MINIFY,
    sourcemap: true,
    define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
    logLevel: 'warning',
  });
  refuseContract(result.metafile);
  dropChunkCss(result.metafile, join(out, 'renderer', 'assets', 'app.css'));
  writeIndexHtml(result.metafile, join(out, 'renderer', 'assets', 'app.js'), join(root, 'renderer/index.html'), join(out, 'renderer', 'index.html'));
  built.push('renderer');
}

// The backend's reader thread (services/reader/) is a file of its own beside each bundle that starts it; the
// bundle finds it by the name defined here (services/reader/client.ts, __CROSSCHECK_READER__).
const readerEntry = join(root, 'services/reader/worker.ts');
// Likewise pre-annotation's engine thread (services/preannotate/engine-thread.ts, __CROSSCHECK_PREANNOTATE__).
const preannotateEntry = join(root, 'services/preannotate/engine-worker.ts');

// The CLI as one plain-Node file: `npm run web` then starts in a fraction of the time and memory that
// compiling TypeScript on the fly (tsx) costs. CommonJS dependencies bundled into ESM still call require().
const cliOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['better-sqlite3'],
  banner: { js: "import { createRequire as __ccRequire } from 'node:module'; const require = __ccRequire(import.meta.url);" },
  define: { __CROSSCHECK_READER__: JSON.stringify('./reader-worker.mjs'), __CROSSCHECK_PREANNOTATE__: JSON.stringify('./preannotate-worker.mjs') },
  // A third smaller, so every command starts sooner (Node parses the whole file before running it); the source
  // map keeps stack traces readable (node --enable-source-maps). CROSSCHECK_NO_MINIFY=1 keeps names for profiles.
  minify: production && !process.env.CROSSCHECK_NO_MINIFY,
  sourcemap: true,
  logLevel: 'warning',
};
if (wants('cli')) {
  // Built beside dist/cli and renamed into it file by file: a CLI command started meanwhile (another terminal's
  // `crosscheck`, a running `serve`'s reader thread) loads either the old file or the new one, never half of one.
  const tmp = join(out, `.cli-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  try {
    await build({ ...cliOptions, entryPoints: [join(root, 'cli/main.ts')], outfile: join(tmp, 'crosscheck.mjs') });
    await build({ ...cliOptions, entryPoints: [readerEntry], outfile: join(tmp, 'reader-worker.mjs') });
    await build({ ...cliOptions, entryPoints: [preannotateEntry], outfile: join(tmp, 'preannotate-worker.mjs') });
    mkdirSync(join(out, 'cli'), { recursive: true });
    // The bundles last, after their source maps, so that a fresh bundle never points at an old map.
    const files = readdirSync(tmp).sort((a, b) => Number(a.endsWith('.mjs')) - Number(b.endsWith('.mjs')));
    for (const f of files) renameSync(join(tmp, f), join(out, 'cli', f));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  built.push('CLI');
}

if (only === 'all' && existsSync(join(root, 'electron/main.ts'))) {
  // CommonJS has no import.meta: in the main process's bundles, modules that find files beside themselves get
  // the bundle's own URL. (Not in the preload: a sandboxed preload may require almost nothing.)
  const mainProcess = {
    banner: { js: "const __ccImportMeta = { url: require('node:url').pathToFileURL(__filename).href };" },
    define: {
      'import.meta': '__ccImportMeta',
      __CROSSCHECK_READER__: JSON.stringify('./reader-worker.cjs'),
      __CROSSCHECK_PREANNOTATE__: JSON.stringify('./preannotate-worker.cjs'),
    },
  };
  const entries = [
    ['main', join(root, 'electron/main.ts'), mainProcess],
    ['preload', join(root, 'electron/preload.ts'), {}],
    ['reader-worker', readerEntry, mainProcess],
    ['preannotate-worker', preannotateEntry, mainProcess],
  ];
  for (const [name, entry, extra] of entries) {
    await build({
      entryPoints: [entry],
      outfile: join(out, 'electron', `${name}.cjs`),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['electron', 'better-sqlite3'],
      sourcemap: true,
      logLevel: 'warning',
      ...extra,
    });
  }
  built.push('electron shell');
}
const where = relative(process.cwd(), out) || '.';
// On stderr: `crosscheck` builds on demand, and what it prints on stdout is the command's own output.
const list = built.length > 1 ? `${built.slice(0, -1).join(', ')} and ${built.at(-1)}` : built[0];
console.error(built.length ? `built ${list} into ${where}/` : `${where}/ is up to date`);

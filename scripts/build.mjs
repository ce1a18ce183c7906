// Bundles the renderer (browser), the CLI that serves it, and the Electron shell (main + preload) with esbuild.
// `--renderer` builds only what the browser host and e2e need: the renderer and the CLI.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
// CROSSCHECK_DIST builds elsewhere (a developer running e2e specs beside another build); default dist/.
const out = process.env.CROSSCHECK_DIST ? resolve(process.env.CROSSCHECK_DIST) : join(root, 'dist');
const only = process.argv.includes('--renderer') ? 'renderer' : 'all';
const production = process.env.NODE_ENV !== 'development';

rmSync(join(out, 'renderer'), { recursive: true, force: true });
mkdirSync(join(out, 'renderer', 'assets'), { recursive: true });
await build({
  entryPoints: { app: join(root, 'renderer/main.tsx') },
  outdir: join(out, 'renderer', 'assets'),
  bundle: true,
  // A classic script, not a module: module scripts from file:// are refused as cross-origin in Electron.
  format: 'iife',
  platform: 'browser',
  target: ['chrome120'],
  jsx: 'automatic',
  // CROSSCHECK_NO_MINIFY=1 keeps function names, for reading CPU profiles of the bench.
  minify: production && !process.env.CROSSCHECK_NO_MINIFY,
  sourcemap: true,
  define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
  logLevel: 'warning',
});
copyFileSync(join(root, 'renderer/index.html'), join(out, 'renderer', 'index.html'));

// The backend's reader thread (services/reader/) is a file of its own beside each bundle that starts it; the
// bundle finds it by the name defined here (services/reader/client.ts, __CROSSCHECK_READER__).
const readerEntry = join(root, 'services/reader/worker.ts');

// The CLI as one plain-Node file: `npm run web` then starts in a fraction of the time and memory that
// compiling TypeScript on the fly (tsx) costs. CommonJS dependencies bundled into ESM still call require().
const cliOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['better-sqlite3'],
  banner: { js: "import { createRequire as __ccRequire } from 'node:module'; const require = __ccRequire(import.meta.url);" },
  define: { __CROSSCHECK_READER__: JSON.stringify('./reader-worker.mjs') },
  sourcemap: true,
  logLevel: 'warning',
};
await build({ ...cliOptions, entryPoints: [join(root, 'cli/main.ts')], outfile: join(out, 'cli', 'crosscheck.mjs') });
await build({ ...cliOptions, entryPoints: [readerEntry], outfile: join(out, 'cli', 'reader-worker.mjs') });

if (only === 'all' && existsSync(join(root, 'electron/main.ts'))) {
  // CommonJS has no import.meta: in the main process's bundles, modules that find files beside themselves get
  // the bundle's own URL. (Not in the preload: a sandboxed preload may require almost nothing.)
  const mainProcess = {
    banner: { js: "const __ccImportMeta = { url: require('node:url').pathToFileURL(__filename).href };" },
    define: { 'import.meta': '__ccImportMeta', __CROSSCHECK_READER__: JSON.stringify('./reader-worker.cjs') },
  };
  const entries = [
    ['main', join(root, 'electron/main.ts'), mainProcess],
    ['preload', join(root, 'electron/preload.ts'), {}],
    ['reader-worker', readerEntry, mainProcess],
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
}
console.log(`built ${only === 'all' ? 'renderer, CLI and electron shell' : 'renderer and CLI'} into dist/`);

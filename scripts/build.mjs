// Bundles the renderer (browser), the CLI that serves it, and the Electron shell (main + preload) with esbuild.
// `--renderer` builds only what the browser host and e2e need: the renderer and the CLI.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'dist');
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

// The CLI as one plain-Node file: `npm run web` then starts in a fraction of the time and memory that
// compiling TypeScript on the fly (tsx) costs. CommonJS dependencies bundled into ESM still call require().
await build({
  entryPoints: [join(root, 'cli/main.ts')],
  outfile: join(out, 'cli', 'crosscheck.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['better-sqlite3'],
  banner: { js: "import { createRequire as __ccRequire } from 'node:module'; const require = __ccRequire(import.meta.url);" },
  sourcemap: true,
  logLevel: 'warning',
});

if (only === 'all' && existsSync(join(root, 'electron/main.ts'))) {
  for (const name of ['main', 'preload']) {
    await build({
      entryPoints: [join(root, `electron/${name}.ts`)],
      outfile: join(out, 'electron', `${name}.cjs`),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['electron', 'better-sqlite3'],
      sourcemap: true,
      logLevel: 'warning',
    });
  }
}
console.log(`built ${only === 'all' ? 'renderer, CLI and electron shell' : 'renderer and CLI'} into dist/`);

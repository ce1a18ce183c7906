import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The per-user data folder, the same one Electron's app.getPath('userData') gives for productName "Crosscheck",
 * so `npm start` and `npm run web` open the same default project. CROSSCHECK_HOME overrides it (tests).
 */
export function userDataDir(): string {
  if (process.env.CROSSCHECK_HOME) return process.env.CROSSCHECK_HOME;
  const home = homedir();
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'Crosscheck');
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Crosscheck');
  return join(process.env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Crosscheck');
}

export const SAMPLE_PROJECT_NAME = 'Sample project.crosscheck';

/**
 * The repository root: the nearest folder above this module with a package.json. Walking up rather than
 * counting levels keeps it right both from source (services/ via tsx) and from the bundled CLI (dist/cli/).
 */
export const repoRoot = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(from: string): string {
  for (let dir = from; ; ) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) return join(from, '..');
    dir = up;
  }
}
export const sampleCorpusDir = join(repoRoot, 'samples', 'corpus');
/** The built renderer; CROSSCHECK_DIST (a developer's second build folder, see scripts/build.mjs) moves it. */
export const rendererDist = process.env.CROSSCHECK_DIST ? join(resolve(process.env.CROSSCHECK_DIST), 'renderer') : join(repoRoot, 'dist', 'renderer');

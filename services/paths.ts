import { homedir } from 'node:os';
import { join, dirname } from 'node:path';
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

/** The repository root when running from source (cli/, server/ via tsx). */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const sampleCorpusDir = join(repoRoot, 'samples', 'corpus');
export const rendererDist = join(repoRoot, 'dist', 'renderer');

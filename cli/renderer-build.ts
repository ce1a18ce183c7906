import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface RendererBuild {
  /** The built renderer's folder (services/paths.ts rendererDist). */
  dir: string;
  /** scripts/build.mjs of the checkout; absent where Crosscheck runs without its sources. */
  buildScript: string;
  /** Runs the build; returns whether it succeeded. Default: `node <buildScript> --renderer-only`, output on stderr. */
  run?: (buildScript: string) => boolean;
  /** Where to say what is happening (stderr: stdout's first line is the URL). */
  say: (line: string) => void;
}

const runBuild = (script: string) => spawnSync(process.execPath, [script, '--renderer-only'], { stdio: ['ignore', 2, 2] }).status === 0;

/**
 * Builds the browser workbench before `serve` when it is missing (a fresh clone whose first command is `crosscheck
 * serve`), instead of serving a page that says it is not built. A renderer that is merely older than its sources
 * is rebuilt by the documented launcher (scripts/crosscheck.mjs), not here: `node dist/cli/crosscheck.mjs serve`
 * (npm run web, the e2e suite) serves the build it was given, which a test run must not see change under it.
 * @returns 'built', 'present', or 'unbuildable' (no build script, or the build failed: the page will say so).
 */
export function ensureRendererBuilt(o: RendererBuild): 'built' | 'present' | 'unbuildable' {
  if (existsSync(join(o.dir, 'index.html'))) return 'present';
  if (!existsSync(o.buildScript)) return 'unbuildable';
  o.say(`Building the browser workbench into ${o.dir} (it is not built yet; a few seconds)…`);
  const ok = (o.run ?? runBuild)(o.buildScript) && existsSync(join(o.dir, 'index.html'));
  if (!ok) o.say('Building the browser workbench failed (see above); run "npm run build" and start again.');
  return ok ? 'built' : 'unbuildable';
}

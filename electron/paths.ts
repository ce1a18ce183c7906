/** Where the shell finds its files and which project it opens first; pure, so tests need no Electron. */
import { isAbsolute, join, resolve } from 'node:path';

export const PROJECT_EXTENSION = 'crosscheck';
export const SAMPLE_PROJECT_NAME = 'Sample project.crosscheck';

export interface ShellPaths {
  preload: string;
  rendererIndex: string;
  samplesDir: string;
}

/**
 * `dir` is the folder of the bundled main (dist/electron/). The renderer sits beside it in dist/renderer/;
 * the sample articles ship as an extraResource when packaged and live at <repo>/samples/corpus otherwise.
 */
export function shellPaths(opts: { dir: string; packaged: boolean; resourcesPath: string }): ShellPaths {
  return {
    preload: join(opts.dir, 'preload.cjs'),
    rendererIndex: join(opts.dir, '..', 'renderer', 'index.html'),
    samplesDir: opts.packaged
      ? join(opts.resourcesPath, 'samples', 'corpus')
      : join(opts.dir, '..', '..', 'samples', 'corpus'),
  };
}

export function sampleProjectPath(userData: string): string {
  return join(userData, SAMPLE_PROJECT_NAME);
}

/** `name` with the .crosscheck extension added unless it already has it. */
export function withExtension(name: string, ext: string = PROJECT_EXTENSION): string {
  return name.toLowerCase().endsWith(`.${ext}`) ? name : `${name}.${ext}`;
}

/**
 * A project file named on the command line (double-click on a .crosscheck file, or a second launch),
 * resolved against the launching process's working directory. Flags and Electron's own arguments are ignored.
 */
export function projectPathFromArgv(argv: readonly string[], cwd: string): string | null {
  for (let i = argv.length - 1; i >= 1; i--) {
    const a = argv[i];
    if (a.startsWith('-')) continue;
    if (a.toLowerCase().endsWith(`.${PROJECT_EXTENSION}`)) return isAbsolute(a) ? a : resolve(cwd, a);
  }
  return null;
}

export interface StartupChoice {
  path: string;
  /** The sample project has to be created before it is opened. */
  createSample: boolean;
}

/**
 * The projects to try at start, in order: the one named on the command line, the last one used, and the
 * sample project (created on first run, or when the others are gone).
 */
export function startupCandidates(opts: {
  argvProject: string | null;
  lastProject: string | null;
  samplePath: string;
  exists: (path: string) => boolean;
}): StartupChoice[] {
  const out: StartupChoice[] = [];
  for (const p of [opts.argvProject, opts.lastProject]) {
    if (p && opts.exists(p) && !out.some((c) => c.path === p)) out.push({ path: p, createSample: false });
  }
  if (!out.some((c) => c.path === opts.samplePath)) {
    out.push({ path: opts.samplePath, createSample: !opts.exists(opts.samplePath) });
  }
  return out;
}

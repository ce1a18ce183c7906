import { test as base, chromium, _electron, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openProject } from '../services/project.js';

export interface HostOptions {
  host: 'browser' | 'electron';
  /**
   * Leave the project's annotator unconfirmed, so the workbench asks "Your name as an annotator" on open (issue 13).
   * Default false: the fixture confirms the OS user's name first, and no other spec meets that dialog.
   */
  firstRun: boolean;
}

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The build the specs run (CROSSCHECK_DIST: a second build folder, see scripts/build.mjs). */
export const distDir = process.env.CROSSCHECK_DIST ? resolve(process.env.CROSSCHECK_DIST) : join(repoRoot, 'dist');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];

/** Path of the Electron binary, or null when it was never downloaded (as on the CI machine). */
export function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown as string;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

interface Workbench {
  page: Page;
  /** The project file this test owns. */
  dbPath: string;
  /** Reloads the window (browser reload / Electron webContents reload) and waits for the workbench. */
  reload(): Promise<void>;
  /** The browser host's URL with its token, as `serve` printed it (null under Electron). */
  url: string | null;
}

/** Reloads the window (browser reload / Electron webContents reload) and waits for the workbench again. */
async function reloadWorkbench(page: Page) {
  await page.reload();
  await page.locator('.topbar').waitFor();
}

/** Starts `crosscheck serve` on an empty temp project and resolves with the URL it prints first. */
async function startBrowserHost(dbPath: string): Promise<{ url: string; proc: ChildProcess }> {
  // The specs import generated folders from the temp directory: allow it, as a person would pass --allow-path.
  const proc = spawn(process.execPath, [join(distDir, 'cli/crosscheck.mjs'), 'serve', '--db', dbPath, '--port', '0', '--allow-path', tmpdir(), '--allow-path', repoRoot], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  proc.stderr!.on('data', (d) => (err += d));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d) => {
      out += d;
      const line = out.split('\n')[0];
      if (out.includes('\n')) resolve(line.trim());
    });
    proc.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
    setTimeout(() => reject(new Error(`serve printed no URL in 120 s: ${err}`)), 120_000);
  });
  return { url, proc };
}

export const test = base.extend<HostOptions & { workbench: Workbench }>({
  host: ['browser', { option: true }],
  firstRun: [false, { option: true }],

  workbench: async ({ host, firstRun }, use, testInfo) => {
    const dir = mkdtempSync(join(tmpdir(), 'crosscheck-e2e-'));
    const dbPath = join(dir, 'project.crosscheck');
    // The project exists before the host opens it; unless a spec asks for the first run, its name is confirmed.
    const project = openProject(dbPath);
    if (!firstRun) project.annotators.choose(project.annotators.current().name);
    project.close();
    /** Waits for the workbench on `page`, hands it to the test, then closes the host whatever happened. */
    const run = async (page: Page, url: string | null, close: () => Promise<unknown>) => {
      try {
        await page.locator('.topbar').waitFor();
        await use({ page, dbPath, reload: () => reloadWorkbench(page), url });
      } finally {
        await close();
      }
    };
    try {
      if (host === 'browser') {
        const { url, proc } = await startBrowserHost(dbPath);
        const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
        const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
        await page.goto(url);
        await run(page, url, async () => {
          await browser.close();
          // Wait for the host to be gone before its folder is removed: closing, it still writes beside the project
          // (the WAL checkpoint), which made the removal fail with ENOTEMPTY.
          const exited = proc.exitCode !== null || proc.signalCode !== null ? Promise.resolve() : new Promise((r) => proc.once('exit', r));
          proc.kill('SIGTERM');
          await exited;
        });
      } else {
        const binary = electronBinary();
        testInfo.skip(
          !binary,
          'Electron binary not present (it cannot be downloaded on this machine); the same spec ran against the browser host.',
        );
        // The app opens only existing projects from the command line (creating is File ▸ New): make an empty one.
        openProject(dbPath).close();
        const app = await _electron.launch({
          executablePath: binary!,
          args: [join(distDir, 'electron/main.cjs'), '--db', dbPath],
          env: { ...process.env, CROSSCHECK_HOME: dir } as Record<string, string>,
        });
        await run(await app.firstWindow(), null, () => app.close());
      }
    } finally {
      rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
    }
  },
});

export { expect } from '@playwright/test';

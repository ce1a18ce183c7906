import { defineConfig } from '@playwright/test';
import { electronBinary, type HostOptions } from './e2e/fixtures';

// Workers load this file too; say it once, from the runner.
if (!electronBinary() && process.env.TEST_WORKER_INDEX === undefined) {
  console.log(
    'Electron binary not present (it cannot be downloaded on this machine): the [electron] project\'s specs are ' +
      'skipped; the same specs run against the browser host in [chromium].',
  );
}

/**
 * The same specs run against both hosts: the browser host in Debian's Chromium (always), and the Electron app
 * where an Electron binary exists (the fixture skips, saying why, where it does not).
 * Chromium: CHROMIUM_PATH, else /usr/bin/chromium; Playwright never downloads a browser here.
 */
export default defineConfig<HostOptions>({
  testDir: 'e2e',
  // Both are hang guards: every step waits for its condition (auto-waiting locators and expects), never for a
  // time. The bounds are set far above what a step takes, so that a slow but healthy machine (2 cores shared
  // with other work) cannot trip them; a real fault still fails, only later.
  timeout: 180_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure', viewport: { width: 1440, height: 900 } },
  projects: [
    { name: 'chromium', use: { host: 'browser' } },
    { name: 'electron', use: { host: 'electron' } },
  ],
});

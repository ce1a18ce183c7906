// The documented CLI launcher (scripts/crosscheck.mjs) and its staleness check (scripts/freshness.mjs). They live
// here, beside start-electron's tests, because electron/tsconfig.json is the project that checks scripts/*.mjs.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { staleness } from '../scripts/freshness.mjs';
import { outputsFor } from '../scripts/crosscheck.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'cc-launcher-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `path` under `root` with its modification time `seconds` after an epoch of our own. */
function put(root: string, path: string, seconds: number, text = '') {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  const t = new Date(Date.UTC(2026, 0, 1) + seconds * 1000);
  utimesSync(file, t, t);
}

/** A checkout whose sources are at t = 10 and whose CLI bundle was built at t = 20. */
function checkout(name: string) {
  const root = join(dir, name);
  put(root, 'cli/main.ts', 10);
  put(root, 'services/export/run.ts', 10);
  put(root, 'renderer/main.tsx', 10);
  put(root, 'renderer/index.html', 10);
  put(root, 'scripts/build.mjs', 10);
  put(root, 'package-lock.json', 10);
  put(root, 'dist/cli/crosscheck.mjs', 20);
  put(root, 'dist/cli/reader-worker.mjs', 20);
  put(root, 'dist/cli/preannotate-worker.mjs', 20);
  return root;
}

describe('whether the CLI bundle must be rebuilt', () => {
  it('is fresh when it is newer than every source', () => {
    const root = checkout('fresh');
    assert.deepEqual(staleness(root, join(root, 'dist'), 'cli'), { stale: false });
  });

  it('is stale when missing, or when one of its files is', () => {
    const root = checkout('missing');
    assert.deepEqual(staleness(root, join(root, 'nodist'), 'cli'), { stale: true, why: 'it is not built yet' });
    rmSync(join(root, 'dist/cli/reader-worker.mjs'));
    assert.equal(staleness(root, join(root, 'dist'), 'cli').stale, true);
  });

  it('is stale when a source changed since, and names it', () => {
    const root = checkout('edited');
    put(root, 'services/export/run.ts', 30);
    assert.deepEqual(staleness(root, join(root, 'dist'), 'cli'), { stale: true, why: `${join('services', 'export', 'run.ts')} changed since the last build` });
  });

  it('is stale when the dependencies changed (the lock file)', () => {
    const root = checkout('deps');
    put(root, 'package-lock.json', 30);
    assert.equal(staleness(root, join(root, 'dist'), 'cli').stale, true);
  });

  it('ignores what is not bundled: tests, fixtures, node_modules, other outputs\' sources', () => {
    const root = checkout('ignored');
    put(root, 'services/export/run.test.ts', 30);
    put(root, 'services/formats/fixtures/a.json', 30);
    put(root, 'cli/node_modules/x/index.js', 30);
    put(root, 'renderer/app/App.tsx', 30);
    put(root, 'README.md', 30);
    assert.deepEqual(staleness(root, join(root, 'dist'), 'cli'), { stale: false });
  });

  it('checks the renderer against its own sources', () => {
    const root = checkout('renderer');
    for (const f of ['index.html', 'assets/app.js', 'assets/app.css']) put(root, `dist/renderer/${f}`, 20);
    assert.deepEqual(staleness(root, join(root, 'dist'), 'renderer'), { stale: false });
    put(root, 'renderer/app/App.tsx', 30);
    assert.equal(staleness(root, join(root, 'dist'), 'renderer').stale, true);
  });

  it('needs the renderer for serve only', () => {
    assert.deepEqual(outputsFor(['serve', '--db', 'x']), ['cli', 'renderer']);
    assert.deepEqual(outputsFor(['stats', '--db', 'x']), ['cli']);
    assert.deepEqual(outputsFor([]), ['cli']);
  });
});

describe('the crosscheck launcher', () => {
  /** A checkout holding the real launcher, a stub bundle that prints its arguments, and a stub build that records its flag. */
  function launcherCheckout(name: string) {
    const root = checkout(name);
    for (const f of ['crosscheck.mjs', 'freshness.mjs']) copyFileSync(join(repo, 'scripts', f), join(root, 'scripts', f));
    const bundle = "console.log(JSON.stringify(process.argv.slice(2)));\n";
    put(root, 'dist/cli/crosscheck.mjs', 20, bundle);
    // The stub build writes a bundle (new time) and says which flag it got.
    put(root, 'scripts/build.mjs', 10, `import { writeFileSync, appendFileSync } from 'node:fs';\nappendFileSync(${JSON.stringify(join(root, 'built.txt'))}, process.argv[2] + '\\n');\nwriteFileSync(${JSON.stringify(join(root, 'dist/cli/crosscheck.mjs'))}, ${JSON.stringify(bundle)});\n`);
    const bin = join(root, 'bin');
    mkdirSync(bin);
    symlinkSync(join(root, 'scripts', 'crosscheck.mjs'), join(bin, 'crosscheck'));
    return { root, link: join(bin, 'crosscheck') };
  }
  const run = (file: string, args: string[]) => {
    const env = { ...process.env };
    delete env.CROSSCHECK_DIST;
    return spawnSync(process.execPath, [file, ...args], { encoding: 'utf8', env, cwd: dir });
  };
  const built = (root: string) => {
    try {
      return readFileSync(join(root, 'built.txt'), 'utf8');
    } catch {
      return '';
    }
  };

  it('runs the bundle with the same arguments, through a symbolic link (npm link, a global install)', () => {
    const c = launcherCheckout('link');
    const r = run(c.link, ['stats', '--db', 'a b.crosscheck']);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), ['stats', '--db', 'a b.crosscheck']);
    assert.equal(built(c.root), '', 'nothing was rebuilt');
  });

  it('rebuilds the CLI first when a source is newer, saying so on stderr (stdout stays the command\'s)', () => {
    const c = launcherCheckout('stale');
    put(c.root, 'cli/main.ts', 30);
    const r = run(c.link, ['stats']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(built(c.root), '--cli\n');
    assert.match(r.stderr, /building the command line \(cli[/\\]main\.ts changed since the last build\)/);
    assert.deepEqual(JSON.parse(r.stdout), ['stats']);
  });

  it('runs the bundle it has when a stale one cannot be rebuilt (read-only install), and refuses when there is none', () => {
    const c = launcherCheckout('readonly');
    put(c.root, 'cli/main.ts', 30);
    put(c.root, 'scripts/build.mjs', 10, "console.error('EACCES: permission denied, mkdir dist/.cli-1'); process.exit(1);\n");
    const r = run(c.link, ['stats']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /running the bundle already built/);
    assert.deepEqual(JSON.parse(r.stdout), ['stats']);
    rmSync(join(c.root, 'dist', 'cli', 'crosscheck.mjs'));
    const none = run(c.link, ['stats']);
    assert.notEqual(none.status, 0);
    assert.match(none.stderr, /nothing was run/);
    assert.equal(none.stdout, '');
  });
});

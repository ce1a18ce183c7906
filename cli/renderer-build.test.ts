import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ensureRendererBuilt } from './renderer-build.js';

const dir = mkdtempSync(join(tmpdir(), 'cc-renderer-build-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A checkout with a build script and no built renderer, and a recorder for what serve says and runs. */
function checkout(name: string) {
  const root = join(dir, name);
  mkdirSync(join(root, 'scripts'), { recursive: true });
  writeFileSync(join(root, 'scripts', 'build.mjs'), '');
  const said: string[] = [];
  const ran: string[] = [];
  return { root, out: join(root, 'dist', 'renderer'), script: join(root, 'scripts', 'build.mjs'), said, ran };
}

describe('serve builds the renderer when it is missing', () => {
  it('builds a missing renderer, saying so first', () => {
    const c = checkout('missing');
    const r = ensureRendererBuilt({
      dir: c.out,
      buildScript: c.script,
      say: (l) => c.said.push(l),
      run: (s) => {
        c.ran.push(s);
        mkdirSync(c.out, { recursive: true });
        writeFileSync(join(c.out, 'index.html'), '<!doctype html>');
        return true;
      },
    });
    assert.equal(r, 'built');
    assert.deepEqual(c.ran, [c.script]);
    assert.equal(c.said.length, 1);
    assert.match(c.said[0], /^Building the browser workbench/);
  });

  it('leaves a built renderer as it is', () => {
    const c = checkout('present');
    mkdirSync(c.out, { recursive: true });
    writeFileSync(join(c.out, 'index.html'), '<!doctype html>');
    const r = ensureRendererBuilt({ dir: c.out, buildScript: c.script, say: (l) => c.said.push(l), run: (s) => (c.ran.push(s), true) });
    assert.equal(r, 'present');
    assert.deepEqual(c.ran, []);
    assert.deepEqual(c.said, []);
  });

  it('says what to do when the build fails or produced no page', () => {
    const c = checkout('fails');
    const r = ensureRendererBuilt({ dir: c.out, buildScript: c.script, say: (l) => c.said.push(l), run: () => true });
    assert.equal(r, 'unbuildable');
    assert.match(c.said.at(-1)!, /failed.*npm run build/);
  });

  it('does not try without a build script (Crosscheck installed without its sources)', () => {
    const c = checkout('nosources');
    const r = ensureRendererBuilt({ dir: c.out, buildScript: join(c.root, 'nowhere.mjs'), say: (l) => c.said.push(l), run: (s) => (c.ran.push(s), true) });
    assert.equal(r, 'unbuildable');
    assert.deepEqual(c.ran, []);
  });
});

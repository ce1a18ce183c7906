// The modules tests load must not need Electron at run time: its binary may be missing (as it is in CI).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const here = new URL('.', import.meta.url);
const wiring = new Set(['main.ts', 'preload.ts', 'window.ts', 'dialogs.ts']);

describe('electron/ modules', () => {
  it('import electron only for types, except the wiring files', () => {
    const files = readdirSync(here).filter((f) => f.endsWith('.ts') && !wiring.has(f));
    assert.ok(files.length > 5);
    for (const f of files) {
      const src = readFileSync(new URL(f, here), 'utf8');
      const valueImport = /^import\s+(?!type\b)[^;]*from\s+'electron'/m.test(src) || /require\(['"]electron['"]\)/.test(src);
      assert.equal(valueImport, false, `${f} imports electron at run time`);
    }
  });
});

import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  addRecent,
  defaultSettings,
  MAX_RECENT,
  mergeSettings,
  parseSettings,
  readSettings,
  removeRecent,
  writeSettings,
} from './settings.js';

const dir = mkdtempSync(join(tmpdir(), 'crosscheck-settings-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('settings file', () => {
  it('reads defaults when the file is missing', () => {
    assert.deepEqual(readSettings(join(dir, 'missing.json')), defaultSettings);
  });

  it('reads defaults when the file is not JSON', () => {
    const f = join(dir, 'broken.json');
    writeFileSync(f, '{"lastProject": "/a.cross');
    assert.deepEqual(readSettings(f), defaultSettings);
  });

  it('writes and reads back, creating the folder, leaving no temp file', () => {
    const f = join(dir, 'nested', 'settings.json');
    const s = mergeSettings(defaultSettings, {
      lastProject: '/p/a.crosscheck',
      recentProjects: ['/p/a.crosscheck', '/p/b.crosscheck'],
      windowBounds: { x: 10, y: 20, width: 900, height: 700, maximized: true },
    });
    writeSettings(f, s);
    assert.deepEqual(readSettings(f), s);
    assert.deepEqual(readdirSync(join(dir, 'nested')), ['settings.json']);
    assert.doesNotThrow(() => JSON.parse(readFileSync(f, 'utf8')));
  });

  it('keeps the good fields of a damaged file', () => {
    const s = parseSettings({
      lastProject: 42,
      recentProjects: ['/a.crosscheck', 7, '', '/a.crosscheck', '/b.crosscheck'],
      windowBounds: { width: 'wide', height: 600 },
    });
    assert.deepEqual(s, { lastProject: null, recentProjects: ['/a.crosscheck', '/b.crosscheck'], windowBounds: null });
    assert.deepEqual(parseSettings({ windowBounds: { width: 800, height: 600, x: 'left' } }).windowBounds, {
      width: 800,
      height: 600,
    });
    assert.deepEqual(parseSettings(null), defaultSettings);
    assert.deepEqual(parseSettings([1, 2]), defaultSettings);
  });

  it('merges a patch without touching the other fields', () => {
    const base = mergeSettings(defaultSettings, { lastProject: '/a.crosscheck', recentProjects: ['/a.crosscheck'] });
    const merged = mergeSettings(base, { windowBounds: { width: 1000, height: 800 } });
    assert.equal(merged.lastProject, '/a.crosscheck');
    assert.deepEqual(merged.recentProjects, ['/a.crosscheck']);
    assert.deepEqual(merged.windowBounds, { width: 1000, height: 800 });
    assert.equal(base.windowBounds, null, 'the base is not changed');
  });
});

describe('recent projects', () => {
  it('puts the newest first and drops its older entry', () => {
    assert.deepEqual(addRecent(['/a.crosscheck', '/b.crosscheck', '/c.crosscheck'], '/b.crosscheck'), [
      '/b.crosscheck',
      '/a.crosscheck',
      '/c.crosscheck',
    ]);
  });

  it('treats differently spelled paths to one file as one', () => {
    assert.deepEqual(addRecent(['/p/a.crosscheck'], '/p/x/../a.crosscheck'), ['/p/a.crosscheck']);
    assert.deepEqual(addRecent([], 'rel.crosscheck'), [resolve('rel.crosscheck')]);
  });

  it(`keeps at most ${MAX_RECENT}`, () => {
    let list: string[] = [];
    for (let i = 0; i < 15; i++) list = addRecent(list, `/p/${i}.crosscheck`);
    assert.equal(list.length, MAX_RECENT);
    assert.equal(list[0], '/p/14.crosscheck');
    assert.equal(list.at(-1), '/p/5.crosscheck');
    assert.equal(mergeSettings(defaultSettings, { recentProjects: [...list, ...list, '/x', '/y'] }).recentProjects.length, MAX_RECENT);
  });

  it('removes a project', () => {
    assert.deepEqual(removeRecent(['/a.crosscheck', '/b.crosscheck'], '/a.crosscheck'), ['/b.crosscheck']);
  });
});

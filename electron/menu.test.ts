import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate, type MenuActions, type MenuState } from './menu.js';

type Item = MenuItemConstructorOptions;

function recorder() {
  const log: string[] = [];
  const actions: MenuActions = {
    newProject: () => log.push('newProject'),
    openProject: () => log.push('openProject'),
    openRecent: (p) => log.push(`openRecent ${p}`),
    clearRecent: () => log.push('clearRecent'),
    importFiles: () => log.push('importFiles'),
    importFolder: () => log.push('importFolder'),
    exportJsonl: () => log.push('exportJsonl'),
    command: (c) => log.push(`command ${c}`),
  };
  return { log, actions };
}

const linux: MenuState = { platform: 'linux', dev: false, recent: [], appName: 'Crosscheck' };

function top(template: Item[], label: string): Item[] {
  const menu = template.find((m) => m.label?.replace('&', '') === label);
  assert.ok(menu, `menu ${label}`);
  return menu.submenu as Item[];
}

function item(items: Item[], label: string): Item {
  const found = items.find((i) => i.label === label);
  assert.ok(found, `item ${label}`);
  return found;
}

function click(i: Item): void {
  (i.click as () => void)();
}

describe('menu template', () => {
  it('has File, Edit, Annotate and View in that order', () => {
    const t = buildMenuTemplate(recorder().actions, linux);
    assert.deepEqual(t.map((m) => m.label), ['&File', '&Edit', '&Annotate', '&View']);
  });

  it('File offers the project, import and export actions, then Quit', () => {
    const r = recorder();
    const file = top(buildMenuTemplate(r.actions, linux), 'File');
    const labels = file.filter((i) => i.type !== 'separator').map((i) => i.label);
    assert.deepEqual(labels, [
      'New Project…',
      'Open Project…',
      'Open Recent',
      'Import Files…',
      'Import Folder…',
      'Export…',
      'Export JSONL to a File…',
      'Quit',
    ]);
    for (const [label, action] of [
      ['New Project…', 'newProject'],
      ['Open Project…', 'openProject'],
      ['Import Files…', 'importFiles'],
      ['Import Folder…', 'importFolder'],
      ['Export…', 'command export'],
      ['Export JSONL to a File…', 'exportJsonl'],
    ]) {
      click(item(file, label));
      assert.equal(r.log.at(-1), action);
    }
    assert.equal(item(file, 'Quit').role, 'quit');
  });

  it('Open Recent lists the recent projects and can be cleared', () => {
    const r = recorder();
    const recent = ['/home/u/a.crosscheck', '/data/R&D/b.crosscheck'];
    const file = top(buildMenuTemplate(r.actions, { ...linux, recent }), 'File');
    const sub = item(file, 'Open Recent').submenu as Item[];
    assert.equal(sub[0].label, 'a.crosscheck — /home/u');
    assert.equal(sub[1].label, 'b.crosscheck — /data/R&&D', 'an ampersand is not taken for a mnemonic');
    click(sub[1]);
    assert.equal(r.log.at(-1), 'openRecent /data/R&D/b.crosscheck');
    click(item(sub, 'Clear Recent'));
    assert.equal(r.log.at(-1), 'clearRecent');
  });

  it('Open Recent says so when there is nothing', () => {
    const file = top(buildMenuTemplate(recorder().actions, linux), 'File');
    const sub = item(file, 'Open Recent').submenu as Item[];
    assert.deepEqual(sub.map((i) => [i.label, i.enabled]), [['No Recent Projects', false]]);
  });

  it('Edit has Undo/Redo (sent to the renderer), Copy and Select All with their accelerators', () => {
    const r = recorder();
    const edit = top(buildMenuTemplate(r.actions, linux), 'Edit');
    assert.equal(item(edit, 'Undo').accelerator, 'CmdOrCtrl+Z');
    assert.equal(item(edit, 'Redo').accelerator, 'CmdOrCtrl+Shift+Z');
    click(item(edit, 'Undo'));
    click(item(edit, 'Redo'));
    assert.deepEqual(r.log, ['command undo', 'command redo']);
    assert.equal(item(edit, 'Copy').role, 'copy');
    assert.equal(item(edit, 'Copy').accelerator, 'CmdOrCtrl+C');
    assert.equal(item(edit, 'Select All').role, 'selectAll');
  });

  it('Annotate tags with labels 1, 2 and 3 without grabbing the digit keys', () => {
    const r = recorder();
    const annotate = top(buildMenuTemplate(r.actions, linux), 'Annotate');
    assert.deepEqual(annotate.map((i) => i.label), ['Tag as claim (1)', 'Tag as speaker (2)', 'Tag as figure (3)']);
    for (const i of annotate) {
      assert.equal(i.accelerator, undefined);
      click(i);
    }
    assert.deepEqual(r.log, ['command label:1', 'command label:2', 'command label:3']);
  });

  it('View has reload and zoom, and DevTools only in development', () => {
    const roles = (dev: boolean) => top(buildMenuTemplate(recorder().actions, { ...linux, dev }), 'View').map((i) => i.role);
    assert.ok(roles(false).includes('reload'));
    for (const zoom of ['resetZoom', 'zoomIn', 'zoomOut'] as const) assert.ok(roles(false).includes(zoom));
    assert.ok(!roles(false).includes('toggleDevTools'));
    assert.ok(roles(true).includes('toggleDevTools'));
  });

  it('on macOS puts Quit in the application menu', () => {
    const t = buildMenuTemplate(recorder().actions, { ...linux, platform: 'darwin' });
    assert.equal(t[0].label, 'Crosscheck');
    assert.ok((t[0].submenu as Item[]).some((i) => i.role === 'quit'));
    assert.ok(!top(t, 'File').some((i) => i.role === 'quit'));
  });

  it('gives every accelerator to one item only', () => {
    const seen = new Map<string, string>();
    const walk = (items: Item[]) => {
      for (const i of items) {
        if (typeof i.accelerator === 'string') {
          assert.ok(!seen.has(i.accelerator), `${i.accelerator} on ${i.label} and ${seen.get(i.accelerator)}`);
          seen.set(i.accelerator, String(i.label));
        }
        if (Array.isArray(i.submenu)) walk(i.submenu);
      }
    };
    walk(buildMenuTemplate(recorder().actions, { ...linux, dev: true, recent: ['/a.crosscheck'] }));
  });
});

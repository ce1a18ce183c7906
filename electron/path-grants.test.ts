import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AppError } from '../common/errors.js';
import { createIpcHandler, trustedSenderCheck } from './ipc.js';
import { createPathGrants, MAX_GRANTS, projectFolders, type Access } from './path-grants.js';
import { APP_INDEX_URL } from './urls.js';

// A home folder with the project saved right in it: the case where "the project's folder" would be all of home.
const tmp = realpathSync(mkdtempSync(join(tmpdir(), 'crosscheck-grants-')));
const home = join(tmp, 'home');
const project = join(home, 'Notes.crosscheck');
const bashrc = join(home, '.bashrc');
const corpus = join(home, 'corpus');
const backups = join(home, 'Notes backups');
const exportsDir = join(home, 'Notes exports');

function refusedWith(f: () => void, pattern: RegExp): void {
  assert.throws(f, (err: unknown) => err instanceof AppError && err.name === 'InvalidInput' && pattern.test(err.message));
}

before(() => {
  mkdirSync(corpus, { recursive: true });
  mkdirSync(backups, { recursive: true });
  writeFileSync(project, '');
  writeFileSync(bashrc, 'echo hi\n');
  writeFileSync(join(home, 'other.txt'), 'x');
  writeFileSync(join(corpus, 'a.txt'), 'a');
  writeFileSync(join(backups, 'Notes 2026-01-01 000000.crosscheck'), '');
  // A link inside a chosen folder that leads out of it.
  symlinkSync(bashrc, join(corpus, 'innocent.txt'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('path grants', () => {
  const may = (g: ReturnType<typeof createPathGrants>, path: string, access: Access): boolean => {
    try {
      g.check(path, access);
      return true;
    } catch (err) {
      if (err instanceof AppError && err.name === 'InvalidInput') return false;
      throw err;
    }
  };

  it("names the project's backups and exports folders, not the folder the project sits in", () => {
    assert.deepEqual(projectFolders(project), [
      { path: backups, access: 'read' },
      { path: exportsDir, access: 'write' },
    ]);
  });

  it('refuses ~/.bashrc and every other file the person did not choose, even beside the project', () => {
    const g = createPathGrants(() => project);
    for (const access of ['read', 'write'] as const) {
      assert.equal(may(g, bashrc, access), false, access);
      assert.equal(may(g, join(home, 'other.txt'), access), false, access);
      assert.equal(may(g, join(exportsDir, '..', '.bashrc'), access), false, access);
      assert.equal(may(g, '/etc/passwd', access), false, access);
    }
  });

  it('lets the window restore from the backups folder and export into the exports folder, nothing more', () => {
    const g = createPathGrants(() => project);
    assert.equal(may(g, join(backups, 'Notes 2026-01-01 000000.crosscheck'), 'read'), true);
    assert.equal(may(g, join(backups, 'x.jsonl'), 'write'), false);
    // The exports folder need not exist yet.
    assert.equal(may(g, join(exportsDir, 'jsonl 2026-01-01 0000'), 'write'), true);
    assert.equal(may(g, join(exportsDir, 'jsonl 2026-01-01 0000'), 'read'), true);
  });

  it('lets the window read what the person chose, and everything under a chosen folder', () => {
    const g = createPathGrants(() => project);
    g.grant([corpus], 'read');
    assert.equal(may(g, corpus, 'read'), true);
    assert.equal(may(g, join(corpus, 'a.txt'), 'read'), true);
    assert.equal(may(g, join(corpus, 'sub', 'b.txt'), 'read'), true);
    // Reading is not writing, a link out of the folder is not in it, and the folder's neighbours are not it.
    assert.equal(may(g, join(corpus, 'a.txt'), 'write'), false);
    assert.equal(may(g, join(corpus, 'innocent.txt'), 'read'), false);
    assert.equal(may(g, join(corpus, '..', '.bashrc'), 'read'), false);
    assert.equal(may(g, `${corpus}-evil/a.txt`, 'read'), false);
  });

  it('lets the window write a file the person chose as a destination', () => {
    const g = createPathGrants(() => project);
    const dest = join(home, 'Desktop', 'notes.jsonl');
    g.grant([dest], 'write');
    assert.equal(may(g, dest, 'write'), true);
    assert.equal(may(g, join(home, 'Desktop', 'other.jsonl'), 'write'), false);
  });

  it('ignores relative and NUL-bearing grants, and refuses a NUL in a checked path', () => {
    const g = createPathGrants(() => project);
    g.grant(['.bashrc', 'home/.bashrc', `${home}\0/x`], 'write');
    assert.equal(g.list().length, 2);
    refusedWith(() => g.check(`${corpus}\0/a.txt`, 'read'), /NUL/);
  });

  it('moves the project folders with the open project', () => {
    let open = project;
    const g = createPathGrants(() => open);
    assert.equal(may(g, join(exportsDir, 'x'), 'write'), true);
    open = join(corpus, 'Other.crosscheck');
    assert.equal(may(g, join(exportsDir, 'x'), 'write'), false);
    assert.equal(may(g, join(corpus, 'Other exports', 'x'), 'write'), true);
  });

  it('refuses every path while no project is open', () => {
    const g = createPathGrants(() => null);
    assert.throws(() => g.check(join(exportsDir, 'x'), 'write'), (e: unknown) => e instanceof AppError && e.name === 'Internal');
  });

  it('forgets the oldest choices beyond MAX_GRANTS', () => {
    const g = createPathGrants(() => project);
    g.grant([corpus], 'read');
    g.grant(Array.from({ length: MAX_GRANTS }, (_, i) => join(tmp, 'many', String(i))), 'read');
    assert.equal(g.list().length, MAX_GRANTS + 2);
    assert.equal(may(g, join(corpus, 'a.txt'), 'read'), false);
    assert.equal(may(g, join(tmp, 'many', String(MAX_GRANTS - 1)), 'read'), true);
  });

  it('says which path was refused and how to choose one instead', () => {
    const g = createPathGrants(() => project);
    refusedWith(() => g.check(bashrc, 'write'), new RegExp(`^${bashrc.replace(/[.]/g, '\\.')} was not chosen as a destination.*exports folder.*Export JSONL`));
    refusedWith(() => g.check(bashrc, 'read'), /was not chosen in this window\. Choose it with File ▸ Import Files…/);
  });
});

describe('the window calls, checked against the grants', () => {
  const frame = { senderFrame: { url: APP_INDEX_URL, parent: null } };
  const calls: string[] = [];
  const g = createPathGrants(() => project);
  const handle = createIpcHandler(
    () => ({
      call: async (method: string) => {
        calls.push(method);
        return { ok: true };
      },
    }),
    trustedSenderCheck({ rendererUrl: APP_INDEX_URL }),
    g.check,
  );

  it('refuses a call naming ~/.bashrc, for writing or reading, before the backend sees it', async () => {
    for (const [method, args] of [
      ['export.toFile', { format: 'jsonl', path: bashrc }],
      ['export.run', { format: 'jsonl', dest: join(home, '.config', 'autostart') }],
      ['import.paths', { paths: [join(corpus, 'a.txt'), bashrc] }],
      ['project.restore', { path: bashrc }],
    ] as const) {
      const reply = await handle(frame, method, args);
      assert.equal(!reply.ok && reply.error.name, 'InvalidInput', method);
      assert.match(!reply.ok ? reply.error.message : '', /was not chosen/, method);
    }
    assert.deepEqual(calls, []);
  });

  it('runs a call naming a chosen file, or a file under a chosen folder', async () => {
    const dest = join(home, 'Desktop', 'notes.jsonl');
    g.grant([corpus], 'read');
    g.grant([dest], 'write');
    for (const [method, args] of [
      ['import.paths', { paths: [corpus] }],
      ['import.paths', { paths: [join(corpus, 'a.txt')] }],
      ['export.toFile', { format: 'jsonl', path: dest }],
      ['export.run', { format: 'jsonl', dest: join(exportsDir, 'jsonl 1') }],
    ] as const) {
      const reply = await handle(frame, method, args);
      assert.equal(reply.ok, true, `${method}: ${JSON.stringify(reply)}`);
    }
    assert.deepEqual(calls, ['import.paths', 'import.paths', 'export.toFile', 'export.run']);
  });
});

import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { projectPathFromArgv, sampleProjectPath, shellPaths, startupCandidates, withExtension } from './paths.js';

describe('shellPaths', () => {
  it('finds the renderer and preload beside the bundled main, and the samples in the repo', () => {
    const p = shellPaths({ dir: '/repo/dist/electron', packaged: false, resourcesPath: '/ignored' });
    assert.equal(p.preload, join('/repo/dist/electron', 'preload.cjs'));
    assert.equal(p.rendererIndex, join('/repo/dist/renderer/index.html'));
    assert.equal(p.samplesDir, join('/repo/samples/corpus'));
  });

  it('finds the samples among the resources when packaged', () => {
    const p = shellPaths({ dir: '/opt/app/resources/app.asar/dist/electron', packaged: true, resourcesPath: '/opt/app/resources' });
    assert.equal(p.samplesDir, join('/opt/app/resources/samples/corpus'));
  });
});

describe('project file names', () => {
  it('adds the extension only when missing', () => {
    assert.equal(withExtension('/d/Notes'), '/d/Notes.crosscheck');
    assert.equal(withExtension('/d/Notes.crosscheck'), '/d/Notes.crosscheck');
    assert.equal(withExtension('/d/Notes.CROSSCHECK'), '/d/Notes.CROSSCHECK');
    assert.equal(withExtension('/d/out', 'jsonl'), '/d/out.jsonl');
  });

  it('names the sample project in the profile folder', () => {
    assert.equal(sampleProjectPath('/u/Crosscheck'), join('/u/Crosscheck', 'Sample project.crosscheck'));
  });

  it('takes a project from the command line, relative to the launch folder', () => {
    assert.equal(projectPathFromArgv(['/usr/bin/crosscheck', 'work/a.crosscheck'], '/home/u'), resolve('/home/u/work/a.crosscheck'));
    assert.equal(projectPathFromArgv(['electron', 'dist/electron/main.cjs', '--inspect', '/x/b.crosscheck'], '/'), '/x/b.crosscheck');
    assert.equal(projectPathFromArgv(['electron', 'dist/electron/main.cjs'], '/'), null);
    assert.equal(projectPathFromArgv(['x.crosscheck'], '/'), null, 'argv[0] is the executable');
    assert.equal(projectPathFromArgv(['app', '--flag=a.crosscheck'], '/'), null);
  });
});

describe('startupCandidates', () => {
  const sample = '/u/Crosscheck/Sample project.crosscheck';

  it('creates the sample project on first run', () => {
    assert.deepEqual(startupCandidates({ argvProject: null, lastProject: null, samplePath: sample, exists: () => false }), [
      { path: sample, createSample: true },
    ]);
  });

  it('opens the last project, falling back to the sample', () => {
    const exists = (p: string) => p === '/p/last.crosscheck';
    assert.deepEqual(startupCandidates({ argvProject: null, lastProject: '/p/last.crosscheck', samplePath: sample, exists }), [
      { path: '/p/last.crosscheck', createSample: false },
      { path: sample, createSample: true },
    ]);
  });

  it('skips a last project that is gone, and reuses an existing sample instead of recreating it', () => {
    const exists = (p: string) => p === sample;
    assert.deepEqual(startupCandidates({ argvProject: null, lastProject: '/gone.crosscheck', samplePath: sample, exists }), [
      { path: sample, createSample: false },
    ]);
  });

  it('prefers a project named on the command line', () => {
    const c = startupCandidates({ argvProject: '/a.crosscheck', lastProject: '/b.crosscheck', samplePath: sample, exists: () => true });
    assert.deepEqual(c.map((x) => x.path), ['/a.crosscheck', '/b.crosscheck', sample]);
  });

  it('does not list the sample twice when it is the last project', () => {
    const c = startupCandidates({ argvProject: null, lastProject: sample, samplePath: sample, exists: () => true });
    assert.deepEqual(c, [{ path: sample, createSample: false }]);
  });
});

import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { runInNewContext } from 'node:vm';
import { fullCollection, idleRelease } from './idle-release.js';

const QUIET = 30;
const pause = () => new Promise((r) => setImmediate(r));

describe('idleRelease', () => {
  test('releases once per quiet spell after work, never without work', (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const seen: string[] = [];
    const q = idleRelease({ quietMs: QUIET, release: () => seen.push('release'), collect: () => seen.push('collect') });
    t.mock.timers.tick(QUIET * 3);
    assert.deepEqual(seen, [], 'nothing was done: nothing to give back');
    q.busy();
    t.mock.timers.tick(QUIET - 1);
    assert.deepEqual(seen, [], 'not quiet long enough yet');
    t.mock.timers.tick(1);
    assert.deepEqual(seen, ['release', 'collect']);
    t.mock.timers.tick(QUIET * 3);
    assert.equal(q.releases, 1, 'one release per quiet spell');
    q.busy();
    t.mock.timers.tick(QUIET);
    assert.equal(q.releases, 2);
    q.stop();
  });

  test('collects once more a moment after the release, unless work came meanwhile', (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const seen: string[] = [];
    const q = idleRelease({ quietMs: QUIET, againMs: 100, release: () => seen.push('release'), collect: () => seen.push('collect') });
    q.busy();
    t.mock.timers.tick(QUIET);
    t.mock.timers.tick(99);
    assert.deepEqual(seen, ['release', 'collect']);
    t.mock.timers.tick(1);
    assert.deepEqual(seen, ['release', 'collect', 'collect'], 'the second collection, without a second release');
    t.mock.timers.tick(1000);
    assert.equal(seen.length, 3, 'and no more');
    q.busy();
    t.mock.timers.tick(QUIET);
    t.mock.timers.tick(50);
    q.busy();
    t.mock.timers.tick(QUIET);
    t.mock.timers.tick(100);
    assert.deepEqual(seen.slice(3), ['release', 'collect', 'release', 'collect', 'collect'], 'work put the second collection off to the next quiet spell');
    q.stop();
    t.mock.timers.tick(1000);
    assert.equal(seen.length, 8, 'stopped: no collection after');
  });

  test('work meanwhile puts the release off; a thread still at a call is not released', (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    let releases = 0;
    let idle = false;
    const q = idleRelease({ quietMs: QUIET, collect: () => releases++, idle: () => idle });
    q.busy();
    for (let i = 0; i < 5; i++) {
      t.mock.timers.tick(QUIET / 2);
      q.busy();
    }
    assert.equal(releases, 0, 'still working');
    t.mock.timers.tick(QUIET * 3);
    assert.equal(releases, 0, 'a call is still awaiting');
    idle = true;
    t.mock.timers.tick(QUIET);
    assert.equal(releases, 1);
    q.stop();
  });

  test('stopped, or with a release that throws, it neither releases nor fails', (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    let collected = 0;
    const stopped = idleRelease({ quietMs: QUIET, collect: () => collected++ });
    stopped.busy();
    stopped.stop();
    stopped.busy();
    const throwing = idleRelease({
      quietMs: QUIET,
      collect: () => collected++,
      release: () => {
        throw new Error('closed');
      },
    });
    throwing.busy();
    t.mock.timers.tick(QUIET * 4);
    assert.equal(collected, 1, 'the stopped one did nothing; the throwing release still collected');
    assert.equal(stopped.releases, 0);
  });
});

describe('fullCollection', () => {
  test('frees what nothing holds any more, and leaves later contexts without gc', async () => {
    const collect = fullCollection();
    assert.equal(typeof collect, 'function');
    let big: number[] | null = Array.from({ length: 100_000 }, (_, i) => i);
    const ref = new WeakRef(big);
    big = null;
    // A WeakRef's target lives until the current job ends.
    await pause();
    collect!();
    assert.equal(ref.deref(), undefined);
    assert.equal(runInNewContext('typeof gc'), 'undefined', 'the flag is not left on');
    assert.equal(fullCollection(), collect, 'made once');
  });
});

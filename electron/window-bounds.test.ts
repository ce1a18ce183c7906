import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { debounce, DEFAULT_SIZE, MIN_SIZE, sanitizeBounds } from './window-bounds.js';

const laptop = { x: 0, y: 0, width: 1440, height: 900 };
const rightMonitor = { x: 1440, y: 0, width: 2560, height: 1440 };

describe('sanitizeBounds', () => {
  it('opens centred at the default size the first time', () => {
    assert.deepEqual(sanitizeBounds(null, [rightMonitor]), DEFAULT_SIZE);
  });

  it('keeps bounds that are on a display', () => {
    const b = { x: 100, y: 50, width: 1200, height: 800 };
    assert.deepEqual(sanitizeBounds(b, [laptop]), b);
    const onSecond = { x: 1600, y: 100, width: 1800, height: 1200, maximized: true };
    assert.deepEqual(sanitizeBounds(onSecond, [laptop, rightMonitor]), onSecond);
  });

  it('drops the position when the display it was on is gone', () => {
    const b = sanitizeBounds({ x: 1600, y: 100, width: 1200, height: 800 }, [laptop]);
    assert.deepEqual(b, { width: 1200, height: 800 });
  });

  it('drops the position when the title bar is off-screen', () => {
    assert.equal(sanitizeBounds({ x: 100, y: -500, width: 1000, height: 700 }, [laptop]).x, undefined);
    assert.equal(sanitizeBounds({ x: 1400, y: 100, width: 1000, height: 700 }, [laptop]).x, undefined);
    assert.equal(sanitizeBounds({ x: -990, y: 100, width: 1000, height: 700 }, [laptop]).x, undefined);
  });

  it('tolerates a window a few pixels past the edge', () => {
    assert.equal(sanitizeBounds({ x: -7, y: 0, width: 1000, height: 700 }, [laptop]).x, -7);
  });

  it('clamps the size to the largest display and to the minimum', () => {
    assert.deepEqual(sanitizeBounds({ width: 5000, height: 4000 }, [laptop]), { width: 1440, height: 900 });
    assert.deepEqual(sanitizeBounds({ width: 10, height: 10 }, [laptop]), MIN_SIZE);
  });

  it('copes with no display information', () => {
    assert.deepEqual(sanitizeBounds({ x: 0, y: 0, width: 800, height: 600 }, []), { width: 800, height: 600 });
  });
});

describe('debounce', () => {
  // On a mocked clock: "quiet for 20 ms" is a count of the test's own ticks, the same on a busy machine.
  it('runs once after things are quiet, and flush runs a pending call at once', (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    let n = 0;
    const d = debounce(() => n++, 20);
    d();
    t.mock.timers.tick(15);
    d();
    d();
    t.mock.timers.tick(19);
    assert.equal(n, 0, 'each call starts the quiet period again');
    t.mock.timers.tick(1);
    assert.equal(n, 1);
    t.mock.timers.tick(1000);
    assert.equal(n, 1, 'once');
    d();
    d.flush();
    assert.equal(n, 2);
    d.flush();
    assert.equal(n, 2, 'nothing pending, nothing run');
    t.mock.timers.tick(1000);
    assert.equal(n, 2, 'a flushed call does not run again');
    d();
    d.cancel();
    t.mock.timers.tick(1000);
    assert.equal(n, 2);
  });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decades, escapeXml, logScale, scaleChart, spreadLabels, type ChartOptions } from './chart.js';

const opts: ChartOptions = { title: 'Cost & size', xLabel: 'documents', yLabel: 'CPU ms', groups: [{ key: 'request', label: 'per request' }] };

/** The points of the chart's polylines, in drawing order. */
const polylines = (svg: string) => [...svg.matchAll(/<polyline points="([^"]+)"/g)].map((m) => m[1].split(' ').map((p) => p.split(',').map(Number)));

test('log scale: each decade takes the same width', () => {
  const x = logScale(1000, 100_000, 0, 200);
  assert.equal(x(1000), 0);
  assert.equal(x(10_000), 100);
  assert.equal(x(100_000), 200);
  assert.ok(Math.abs(x(10 ** 3.5) - 50) < 1e-9);
});

test('decades cover the range with whole powers of ten, at least one decade', () => {
  assert.deepEqual(decades(0.3, 250), [0.1, 1, 10, 100, 1000]);
  assert.deepEqual(decades(10, 10), [10, 100]);
});

test('points sit at their log positions: equal steps for 1k, 10k, 100k and for 1, 10, 100 ms', () => {
  const svg = scaleChart([{ name: 'linear', group: 'request', points: [{ size: 1000, cost: 1 }, { size: 10_000, cost: 10 }, { size: 100_000, cost: 100 }] }], opts);
  const [line] = polylines(svg);
  assert.equal(line.length, 3);
  const [[x0, y0], [x1, y1], [x2, y2]] = line;
  assert.ok(Math.abs(x1 - x0 - (x2 - x1)) <= 0.1, 'x steps equal');
  assert.ok(Math.abs(y0 - y1 - (y1 - y2)) <= 0.1, 'y steps equal');
  assert.ok(y2 < y0, 'a higher cost is drawn higher');
  // Points are drawn in size order whatever order they come in.
  const shuffled = scaleChart([{ name: 'linear', group: 'request', points: [{ size: 100_000, cost: 100 }, { size: 1000, cost: 1 }, { size: 10_000, cost: 10 }] }], opts);
  assert.deepEqual(polylines(shuffled), [line]);
});

test('a flat series is a horizontal line', () => {
  const [line] = polylines(scaleChart([{ name: 'flat', group: 'request', points: [{ size: 1000, cost: 5 }, { size: 100_000, cost: 5 }] }, { name: 'other', group: 'request', points: [{ size: 1000, cost: 0.5 }, { size: 100_000, cost: 500 }] }], opts));
  assert.equal(line[0][1], line[1][1]);
});

test('a zero or missing cost gives no NaN in the SVG', () => {
  const svg = scaleChart(
    [
      { name: 'zero', group: 'request', points: [{ size: 1000, cost: 0 }, { size: 10_000, cost: 0.2 }] },
      { name: 'unknown', group: 'request', points: [{ size: 1000, cost: NaN }] },
      { name: 'none', group: 'request', points: [] },
    ],
    opts,
  );
  assert.ok(!svg.includes('NaN'));
  assert.ok(!svg.includes('Infinity'));
  assert.equal(polylines(svg).length, 1);
});

test('names and titles are escaped', () => {
  const svg = scaleChart([{ name: '<script>"x" & \'y\'', group: 'request', points: [{ size: 1000, cost: 1 }] }], opts);
  assert.ok(svg.includes('&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;'));
  assert.ok(svg.includes('Cost &amp; size'));
  assert.ok(!svg.includes('<script>'));
  assert.equal(escapeXml('a<b'), 'a&lt;b');
});

test('the chart has a white background, axis labels and one label per drawn operation', () => {
  const svg = scaleChart([{ name: 'search', group: 'request', points: [{ size: 1000, cost: 3 }] }, { name: 'export', group: 'request', points: [{ size: 1000, cost: 300 }] }], opts);
  assert.match(svg, /<rect width="\d+" height="\d+" fill="#ffffff"\/>/);
  assert.ok(svg.includes('>documents<') && svg.includes('>CPU ms<'));
  assert.ok(svg.includes('>search<') && svg.includes('>export<') && svg.includes('>per request<'));
});

test('labels are spread at least a line apart and keep their order', () => {
  const ys = spreadLabels([100, 101, 300, 99], 0, 500);
  const sorted = [...ys].sort((a, b) => a - b);
  for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i] - sorted[i - 1] >= 12.5 - 1e-9);
  assert.ok(ys[3] < ys[0] && ys[0] < ys[1] && ys[1] < ys[2]);
  assert.equal(ys[2], 300, 'a label with room stays where its line ends');
  const crowded = spreadLabels([495, 496, 497], 0, 500);
  assert.ok(Math.max(...crowded) <= 500);
});

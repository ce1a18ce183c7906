import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fmtMs, judge, markdownTable, rowsOf, type OpFigures } from './report.js';

const at = (cpu: number, wall = cpu, extra: object = {}) => ({ cpuMs: cpu, wallMs: wall, calls: 7, ...extra });

test('a per-request operation that grows with the corpus fails the exponent rule even when it meets its target', () => {
  const op: OpFigures = { name: 'documents.ids filter label', kind: 'request', target: { on: 'median', maxMs: 150, text: '≤ 150 ms' }, bySize: { 1000: at(0.1), 10_000: at(1.5), 100_000: at(20) } };
  const v = judge(op);
  assert.ok(v.exponent! > 1.1);
  assert.equal(v.exponentPass, false);
  assert.equal(v.targetPass, true);
  assert.equal(v.targetSize, 100_000);
  assert.equal(v.pass, false);
  const [exp, target] = rowsOf(v);
  assert.equal(exp.pass, false);
  assert.equal(exp.target, '≤ 1.1');
  assert.match(exp.metric, /at 1k · 10k · 100k: 0\.1 · 1\.5 · 20/);
  assert.equal(target.pass, true);
  assert.equal(target.value, 20);
});

test('a flat operation over its target fails on the target; exponent and target are on CPU, wall beside them', () => {
  const op: OpFigures = { name: 'search query set', kind: 'set', target: { on: 'p95', maxMs: 50, text: 'p95 ≤ 50 ms' }, bySize: { 1000: at(3, 4, { p95WallMs: 40, p95CpuMs: 30 }), 100_000: at(3, 40, { p95WallMs: 80, p95CpuMs: 60 }) } };
  const v = judge(op);
  assert.equal(v.exponent, 0);
  assert.ok(v.wallExponent! > 0.4);
  assert.equal(v.exponentPass, true);
  assert.equal(v.targetValue, 60, 'a set is held to its p95 CPU time');
  assert.equal(v.wallTargetValue, 80);
  assert.equal(v.pass, false);
  assert.match(rowsOf(v)[1].metric, /p95 CPU \(wall 80: over the target\)/);
});

test('a busy machine shows in the wall verdict, not in the pass', () => {
  const v = judge({ name: 'open project', kind: 'request', target: { on: 'median', maxMs: 1000, text: '≤ 1 s' }, bySize: { 1000: at(40, 100), 100_000: at(45, 1400) } });
  assert.equal(v.targetPass, true);
  assert.equal(v.wallTargetPass, false);
  assert.equal(v.pass, true);
});

test('whole-corpus work has no exponent rule; its ratio to the raw baseline at the largest size is the target', () => {
  const op: OpFigures = {
    name: 'CLI import',
    kind: 'corpus',
    maxRatio: 1.3,
    bySize: { 1000: { ...at(900, 1000), ratio: 1.5, baseline: { wallMs: 666, cpuMs: 600 } }, 10_000: { ...at(9000, 10_000), ratio: 1.2, baseline: { wallMs: 8333, cpuMs: 8000 } } },
  };
  const v = judge(op);
  assert.equal(v.exponentPass, undefined);
  assert.ok(Math.abs(v.exponent! - 1) < 1e-9);
  assert.equal(v.targetSize, 10_000);
  assert.equal(v.pass, true);
  const rows = rowsOf(v);
  assert.equal(rows[0].pass, undefined);
  assert.equal(rows[1].baseline, 8333);
  assert.equal(rows[1].ratio, 1.2);
});

test('a size that could not be measured is said so, in the rows and the table', () => {
  const op: OpFigures = { name: 'JSONL export', kind: 'corpus', maxRatio: 1.2, bySize: {}, missing: { 1000: 'not exported yet' } };
  const v = judge(op);
  assert.equal(v.exponent, null);
  assert.equal(v.pass, undefined);
  assert.ok(rowsOf(v).some((r) => /not measured \(not exported yet\)/.test(r.metric)));
  assert.match(markdownTable([v], [1000]), /\| JSONL export \| not measured \|/);
});

test('the README table has one column per size, p95 for sets, and marks failures', () => {
  const ok = judge({ name: 'stats.get', kind: 'request', bySize: { 1000: at(0.7, 0.71), 10_000: at(0.8, 0.9) } });
  const bad = judge({ name: 'a | b', kind: 'set', target: { on: 'p95', maxMs: 50, text: 'p95 ≤ 50 ms' }, bySize: { 1000: at(3, 4, { p95WallMs: 60, p95CpuMs: 45 }), 10_000: at(30, 40, { p95WallMs: 600, p95CpuMs: 450 }) } });
  const md = markdownTable([ok, bad], [1000, 10_000]).split('\n');
  assert.equal(md[0], '| operation | 1k docs | 10k docs | exponent | target | ok |');
  assert.equal(md[2], '| stats.get | 0.7 (0.71) | 0.8 (0.9) | 0.06 |  | yes |');
  assert.equal(md[3], '| a \\| b | 3 (4), p95 45 (60) | 30 (40), p95 450 (600) | 1.00 | p95 ≤ 50 ms | **no** |');
});

test('figures keep three significant digits at most', () => {
  assert.equal(fmtMs(1234.5), '1235');
  assert.equal(fmtMs(12.345), '12.3');
  assert.equal(fmtMs(0.0123), '0.01');
  assert.equal(fmtMs(null), '–');
});

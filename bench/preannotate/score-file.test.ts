import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { predictedLine, scoreFile } from './score-file.js';

const text = '“Fine,” said Ana. 60 civilians 😀 died.';

test('reads doccano and Crosscheck JSONL lines (labels lower-cased)', () => {
  assert.deepEqual(predictedLine(JSON.stringify({ text, label: [[1, 5, 'claim']] })).spans, [{ label: 'claim', start: 1, end: 5 }]);
  assert.deepEqual(predictedLine(JSON.stringify({ text, entities: [{ start_offset: 12, end_offset: 15, label: 'Speaker' }] })).spans, [{ label: 'speaker', start: 12, end: 15 }]);
  assert.deepEqual(predictedLine(JSON.stringify({ id: 1, title: 't', text, spans: [{ id: 3, start: 18, end: 30, label: 'figure', annotator: 'auto' }] })).spans, [{ label: 'figure', start: 18, end: 30 }]);
  assert.throws(() => predictedLine(JSON.stringify({ text, label: [['a', 5, 'claim']] })), /not start, end, label/);
  assert.throws(() => predictedLine('{"label": []}'), /no "text"/);
});

test('scores a Crosscheck export against gold by text; unpaired gold is missed, unknown texts ignored', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-score-file-'));
  try {
    const gold = join(dir, 'gold.jsonl');
    const other = 'Nobody said anything.';
    writeFileSync(gold, [
      JSON.stringify({ id: 'a', source: '', text, label: [[1, 5, 'claim'], [13, 16, 'speaker'], [18, 30, 'figure']] }),
      JSON.stringify({ id: 'b', source: '', text: 'Some 5 people.', label: [[0, 13, 'figure']] }),
    ].join('\n'));
    const pred = join(dir, 'auto.jsonl');
    writeFileSync(pred, [
      // Exact claim, speaker one code point short (overlap only), figure right; a second figure is a false positive.
      JSON.stringify({ id: 1, title: 'x', text, spans: [
        { start: 1, end: 5, label: 'claim' }, { start: 13, end: 15, label: 'speaker' }, { start: 18, end: 30, label: 'figure' }, { start: 31, end: 32, label: 'figure' },
      ] }),
      JSON.stringify({ id: 2, title: 'y', text: other, spans: [{ start: 0, end: 6, label: 'speaker' }] }),
    ].join('\n'));
    const out = scoreFile(pred, gold);
    assert.match(out, /2 gold documents; 1 paired .*\(1 unpaired: all their spans missed\); 1 predicted documents not in the gold set, ignored/);
    assert.match(out, /\nfigure\s+0\.500\s+0\.500\s+0\.500\s+1\/1\/1\s+0\.500\s+0\.500\s+0\.500\s+1\/1\/1/);
    assert.match(out, /\nspeaker\s+0\.000\s+0\.000\s+0\.000\s+0\/1\/1\s+1\.000\s+1\.000\s+1\.000\s+1\/0\/0/);
    assert.match(out, /\nclaim\s+1\.000\s+1\.000\s+1\.000\s+1\/0\/0/);
    writeFileSync(pred, 'not json\n');
    assert.throws(() => scoreFile(pred, gold), /auto\.jsonl:1:/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

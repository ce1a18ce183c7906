import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calibrate, DEV_GOLD, ruleCounts } from './calibrate.js';
import { RULE_CONFIDENCE } from '../../services/preannotate/confidence.js';
import { propose } from '../../services/preannotate/engine.js';

test('the confidence table is the dev calibration of the rules as they are now (run calibrate.ts after changing rules)', () => {
  const table = calibrate(ruleCounts(DEV_GOLD));
  assert.deepEqual(Object.fromEntries([...table].sort(([a], [b]) => a.localeCompare(b))), { ...RULE_CONFIDENCE });
});

test('every proposal carries its rule\'s calibrated confidence, between 0 and 1', () => {
  const { spans } = propose('At least 60 civilians were killed, the ministry said on Tuesday. “We will rebuild,” said Mayor Ana Lima.');
  assert.ok(spans.length >= 3);
  for (const s of spans) {
    assert.ok(s.confidence > 0 && s.confidence <= 1, `${s.rule} ${s.confidence}`);
    if (Object.hasOwn(RULE_CONFIDENCE, s.rule)) assert.equal(s.confidence, RULE_CONFIDENCE[s.rule], s.rule);
  }
});

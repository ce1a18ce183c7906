import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALL_LAYERS, layerOptions, layerWithProposals } from '../../../renderer/features/export/LayerSelect';

const layers = [{ name: 'ana' }, { name: 'auto' }, { name: 'gold' }];

test('the export offers the auto layer only with "Include proposals" ticked', () => {
  assert.deepEqual(layerOptions(layers, false).map((a) => a.name), ['ana', 'gold']);
  assert.deepEqual(layerOptions(layers, true).map((a) => a.name), ['ana', 'auto', 'gold']);
});

test('unticking "Include proposals" with auto chosen falls back to all layers; any other layer stays', () => {
  assert.equal(layerWithProposals('auto', false), ALL_LAYERS);
  assert.equal(layerWithProposals('auto', true), 'auto');
  assert.equal(layerWithProposals('ana', false), 'ana');
  assert.equal(layerWithProposals(ALL_LAYERS, false), ALL_LAYERS);
});

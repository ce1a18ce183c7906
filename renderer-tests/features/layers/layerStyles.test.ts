import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layerChoices, layerLooks, notYours, shownLayers, visibleAnnotations, LAYER_LINES } from '../../../renderer/features/layers/layerStyles';
import type { Annotator } from '../../../common/annotators';
import type { Annotation } from '../../../common/model';

const annotator = (id: number, name: string): Annotator => ({ id, name, reserved: false, spans: 0, links: 0, documents: 0 });
const span = (id: number, annotatorId: number) => ({ id, annotatorId }) as Annotation;

test('the current layer is filled; each other layer gets its own line style, in list order, skipping the current one', () => {
  const looks = layerLooks([annotator(1, 'ana'), annotator(2, 'ben'), annotator(3, 'cleo')], 2);
  assert.deepEqual([...looks.values()].map((l) => [l.name, l.line]), [
    ['ana', 'dashed'],
    ['ben', null],
    ['cleo', 'dotted'],
  ]);
  const many = layerLooks(Array.from({ length: 6 }, (_, i) => annotator(i + 1, `a${i}`)), 99);
  assert.deepEqual([...many.values()].map((l) => l.line), [...LAYER_LINES, ...LAYER_LINES.slice(0, 2)], 'styles go round');
});

test("the reader shows the current annotator's layer by default, and always with the ticked ones", () => {
  assert.deepEqual([...shownLayers(2, null)], [2]);
  assert.deepEqual([...shownLayers(2, [1, 3])].sort(), [1, 2, 3]);
  const shown = shownLayers(2, [3]);
  assert.deepEqual(visibleAnnotations([span(10, 1), span(11, 2), span(12, 3)], shown).map((a) => a.id), [11, 12]);
});

test("another annotator's span is refused with a message naming whose layer it is; one's own is not", () => {
  const names = new Map([[1, 'Dana']]);
  const eli = { id: 2, name: 'Eli' };
  assert.equal(notYours(span(5, 2), eli, (id) => names.get(id)), null);
  const why = notYours(span(5, 1), eli, (id) => names.get(id));
  assert.match(why!, /^This span is in Dana's layer: you are annotating as Eli\./);
  assert.match(notYours(span(5, 7), eli, () => undefined)!, /annotator 7's layer/);
});

test('the Layers control leaves out the auto layer (proposals are drawn dashed by the proposals feature), gold stays', () => {
  const list = [annotator(1, 'ana'), { ...annotator(2, 'auto'), reserved: true, spans: 40 }, { ...annotator(3, 'gold'), reserved: true }];
  assert.deepEqual(layerChoices(list).map((a) => a.name), ['ana', 'gold']);
  // After a run on a one-analyst project: nothing else to show, so no Layers control (it counted "1/2" before).
  assert.deepEqual(layerChoices([annotator(1, 'ana'), { ...annotator(2, 'auto'), reserved: true }]).map((a) => a.name), ['ana']);
});

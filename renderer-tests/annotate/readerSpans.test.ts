import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Annotation } from '../../common/model';
import { mulberry32 } from '../../common/random';
import type { HighlightSpan } from '../../renderer/editor/highlightSpecs';
import { ownSpans, type OwnSpans } from '../../renderer/features/annotate/readerSpans';

const ann = (id: number, start: number): Annotation => ({
  id,
  docId: 1,
  labelId: 1 + (id % 3),
  start,
  end: start + 5,
  text: `t${id}`,
  note: '',
  attributes: {},
  clusterId: null,
  createdAt: '',
  updatedAt: '',
  annotatorId: 1,
});
const make = (a: Annotation): HighlightSpan => ({ id: a.id, start: a.start, end: a.end, color: '#ff0000', label: `l${a.labelId}`, text: a.text });

test('ownSpans: one span per annotation, in order, the same object for an annotation seen before, through inserts, deletes and edits', () => {
  const rnd = mulberry32(3);
  let list = Array.from({ length: 50 }, (_, i) => ann(i + 1, i * 10));
  let cache = new WeakMap<Annotation, HighlightSpan>();
  let last: OwnSpans | null = null;
  let made = 0;
  const counted = (a: Annotation) => (made++, make(a));
  let seen = new Map<Annotation, HighlightSpan>();
  for (let step = 0; step < 300; step++) {
    const r = rnd();
    const at = Math.floor(rnd() * (list.length + 1));
    if (r < 0.4) list = [...list.slice(0, at), ann(1000 + step, at * 10 + 1), ...list.slice(at)];
    else if (r < 0.7 && list.length) list = list.filter((_, i) => i !== at);
    else if (r < 0.85 && list.length) list = list.map((a, i) => (i === at ? { ...a, labelId: a.labelId + 1 } : a));
    else if (r < 0.9) list = [...list].reverse();
    else (cache = new WeakMap()), (seen = new Map()); // labels or layers changed: every span is made anew
    made = 0;
    last = ownSpans(list, last, cache, counted);
    assert.deepEqual(last.spans, list.map(make), `step ${step}`);
    let fresh = 0;
    list.forEach((a, i) => {
      const before = seen.get(a);
      if (before) assert.equal(last!.spans[i], before, `step ${step}: an annotation seen before keeps its span object`);
      else fresh++;
    });
    assert.equal(made, fresh, `step ${step}: only new annotation objects make a span`);
    seen = new Map(list.map((a, i) => [a, last!.spans[i]]));
  }
});

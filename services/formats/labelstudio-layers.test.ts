import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ingest } from './ingest.js';
import { parseLabelStudio } from './labelstudio.js';
import { layerOfCompletedBy } from './labelstudio-layers.js';
import { layerAnnotations } from './labelstudio-export.js';
import { collectingContext } from './types.js';
import { layerRows, linkRows, readLayersFixture, withProject } from './layers-test-helpers.js';

/** Parses and ingests Label Studio JSON (text) into a new project; `body` sees the project, report and context. */
function imported<T>(json: string, body: (r: { rows: ReturnType<typeof layerRows>; links: ReturnType<typeof linkRows>; report: ReturnType<typeof ingest>; ctx: ReturnType<typeof collectingContext> }) => T, annotator?: string): T {
  return withProject((p) => {
    const ctx = collectingContext('t.json', annotator === undefined ? {} : { annotator });
    const report = ingest(p, parseLabelStudio(json, 't.json', ctx), 't.json', ctx);
    return body({ rows: layerRows(p), links: linkRows(p), report, ctx });
  });
}

test("issue 13's example: an empty first annotation no longer hides a colleague's span; it imports into layer user-2 and the notes count the empty one", () => {
  imported(readLayersFixture('labelstudio-issue13.json'), ({ rows, report, ctx }) => {
    assert.deepEqual(rows, [['user-2', 'speaker', 'The mayor']]);
    assert.deepEqual(report.layers, ['user-2']);
    assert.equal(report.spans, 1);
    assert.deepEqual(ctx.notes.filter((n) => n.includes('no results')), ['t.json: 1 annotation with no results (task 1 by user-1): nothing to import from it']);
  });
});

test('every annotation of a task is its annotator\'s layer (email, else user-<id>); identical spans of two annotators are two spans; a relation stays in its annotation\'s layer; a prediction goes to auto with model_version and score', () => {
  imported(readLayersFixture('labelstudio-two-annotators.json'), ({ rows, links, report }) => {
    assert.deepEqual(rows, [
      ['ana@example.org', 'speaker', 'The mayor'],
      ['user-5', 'speaker', 'The mayor'],
      ['ana@example.org', 'claim', 'denied the report'],
      ['auto', 'date', 'Friday'],
    ]);
    assert.deepEqual(links, [['ana@example.org', 'said-by', 'denied the report', 'The mayor']]);
    assert.deepEqual(report.layers, ['ana@example.org', 'user-5', 'auto']);
  });
  const [doc] = parseLabelStudio(readLayersFixture('labelstudio-two-annotators.json'), 't.json');
  assert.deepEqual(doc.spans.find((s) => s.label === 'date')?.attributes, { model_version: 'ner-2', score: '0.64' }, "the result's own score wins over the prediction's 0.81");
});

test('--annotator names the layer of annotations without completed_by; annotations that name their user keep it', () => {
  const text = 'The mayor denied the report on Friday.';
  const r = (id: string) => ({ id, type: 'labels', from_name: 'label', to_name: 'text', value: { start: 0, end: 9, text: 'The mayor', labels: ['speaker'] } });
  const json = JSON.stringify([{ data: { text }, annotations: [{ result: [r('a')] }, { completed_by: 4, result: [r('b')] }] }]);
  imported(json, ({ rows }) => assert.deepEqual(rows, [['dora', 'speaker', 'The mayor'], ['user-4', 'speaker', 'The mayor']]), 'dora');
});

test('completed_by of odd types: a string is its name, an object without email uses its id, and a negative, fractional, empty-object, list or boolean value drops that annotation with the reason, never a crash', () => {
  assert.deepEqual(layerOfCompletedBy('ben@example.org'), { layer: 'ben@example.org' });
  assert.deepEqual(layerOfCompletedBy({ id: 8, first_name: 'B' }), { layer: 'user-8' });
  assert.deepEqual(layerOfCompletedBy({ id: '12' }), { layer: 'user-12' });
  assert.deepEqual(layerOfCompletedBy(null), { layer: null });
  assert.deepEqual(layerOfCompletedBy(''), { layer: null });
  assert.match((layerOfCompletedBy(-3) as { why: string }).why, /-3 is not a user id/);
  assert.match((layerOfCompletedBy(2.5) as { why: string }).why, /2\.5 is not a user id/);
  assert.match((layerOfCompletedBy({ user: { email: 'x@y' } }) as { why: string }).why, /has neither an email nor a user id/);
  assert.match((layerOfCompletedBy({ id: -1 }) as { why: string }).why, /has neither an email nor a user id/);
  assert.match((layerOfCompletedBy([1]) as { why: string }).why, /is not a user id, an email or a user object/);
  assert.match((layerOfCompletedBy(true) as { why: string }).why, /is not a user id, an email or a user object/);

  const text = 'The mayor denied the report on Friday.';
  const r = { id: 'a', type: 'labels', from_name: 'label', to_name: 'text', value: { start: 0, end: 9, text: 'The mayor', labels: ['speaker'] } };
  const odd = [-3, { user: { email: 'x@y' } }, 'carla', { id: 6 }];
  const json = JSON.stringify([{ id: 1, data: { text }, annotations: odd.map((completed_by, k) => ({ id: k + 1, completed_by, result: [r] })) }]);
  imported(json, ({ rows, ctx }) => {
    assert.deepEqual(rows, [['carla', 'speaker', 'The mayor'], ['user-6', 'speaker', 'The mayor']]);
    assert.deepEqual(
    ctx.dropped.map((d) => [d.where, d.what, d.why]),
    [
      ['task 1, annotation 1', 'an annotation with 1 result', "its completed_by -3 is not a user id (a whole number from 1 up to 2^53-1); Crosscheck cannot tell whose layer it belongs to"],
      ['task 1, annotation 2', 'an annotation with 1 result', 'its completed_by {"user":{"email":"x@y"}} has neither an email nor a user id; Crosscheck cannot tell whose layer it belongs to'],
    ],
  );
  });
});

test('an annotator name Crosscheck cannot hold (over 60 characters, control characters) drops that annotation\'s spans with the reason; the rest imports', () => {
  const text = 'The mayor denied the report on Friday.';
  const r = (id: string) => ({ id, type: 'labels', from_name: 'label', to_name: 'text', value: { start: 0, end: 9, text: 'The mayor', labels: ['speaker'] } });
  const json = JSON.stringify([
    { id: 1, data: { text }, annotations: [{ completed_by: { email: 'x'.repeat(70) + '@example.org' }, result: [r('a')] }, { completed_by: 'bad\u0007name', result: [r('b')] }, { completed_by: 3, result: [r('c')] }] },
  ]);
  imported(json, ({ rows, ctx }) => {
    assert.deepEqual(rows, [['user-3', 'speaker', 'The mayor']]);
    assert.deepEqual(
      ctx.dropped.map((d) => d.why),
      [
        `its annotator "${'x'.repeat(39)}…" cannot name a layer: an annotator name is at most 60 characters`,
        'its annotator "bad\\u0007name" cannot name a layer: an annotator name cannot hold control characters',
      ],
    );
  });
});

test('JSON-MIN: each record\'s annotator (an email or an id) is its layer', () => {
  const base = { text: 'Kyiv said 60 were killed.', id: 4, annotation_id: 9, created_at: 'x', updated_at: 'x', lead_time: 1 };
  const json = JSON.stringify([
    { ...base, annotator: 'ana@example.org', label: [{ start: 0, end: 4, text: 'Kyiv', labels: ['place'] }] },
    { ...base, annotator: 2, annotation_id: 10, label: [{ start: 0, end: 4, text: 'Kyiv', labels: ['place'] }] },
  ]);
  imported(json, ({ rows }) => assert.deepEqual(rows, [['ana@example.org', 'place', 'Kyiv'], ['user-2', 'place', 'Kyiv']]));
});

test("Crosscheck's own Label Studio export (one annotation per layer with completed_by {email: layer}, the auto layer as a crosscheck-auto prediction) imports back into the same layers, without a model_version attribute", () => {
  const region = (id: string) => ({ id, type: 'labels', from_name: 'label', to_name: 'text', value: { start: 0, end: 9, text: 'The mayor', labels: ['speaker'] } });
  const byLayer = new Map([
    ['ana', [region('a')]],
    ['gold', [region('g')]],
    ['auto', [region('p')]],
  ]);
  const task = { id: 1, data: { text: 'The mayor denied the report on Friday.' }, ...layerAnnotations(byLayer) };
  const [doc] = parseLabelStudio(JSON.stringify([task]), 't.json');
  assert.deepEqual(doc.spans.map((s) => [s.annotator, s.attributes ?? {}]), [['ana', {}], ['gold', {}], ['auto', {}]]);
});

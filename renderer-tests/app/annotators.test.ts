import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeBackend, workbenchOn } from './fakeBackend';

/** Annotator commands (issue 13) on the fake backend: choosing a name, switching, and each layer's own edits. */
async function ready() {
  const backend = fakeBackend();
  const wb = workbenchOn(backend);
  await wb.commands.load();
  await wb.commands.openDoc(1);
  const first = await wb.commands.loadAnnotators();
  return { backend, wb, first };
}
const methods = (calls: [string, unknown][]) => calls.map(([m]) => m);

test('first run: nothing chosen yet; choosing a name makes it current and confirmed, and boards read again', async () => {
  const { wb, first } = await ready();
  assert.deepEqual(first.current, { id: 1, name: 'ana', chosen: false });
  const seq = wb.state.linkSeq;
  const r = await wb.commands.chooseAnnotator('Dana');
  assert.ok(r.ok);
  assert.equal(r.ok && r.value.current.name, 'Dana');
  assert.equal(r.ok && r.value.current.chosen, true);
  assert.ok(r.ok && r.value.annotators.some((a) => a.name === 'Dana'), 'the list is read again');
  assert.equal(wb.state.linkSeq, seq + 1);
});

test('a reserved name is refused with the contract message, to show where it was typed; nothing changes', async () => {
  const { backend, wb } = await ready();
  for (const name of ['gold', 'AUTO']) {
    const r = await wb.commands.chooseAnnotator(name);
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.error : '', /is a reserved layer name \(auto: proposals, gold: adjudicated\); choose another/);
  }
  assert.equal((await backend.call('annotators.current', {})).name, 'ana');
  assert.equal(wb.state.error, null, 'shown inline, not in the toast');
});

test("as Eli, Dana's span cannot be deleted, relabelled or linked: the toast names her layer and nothing is sent", async () => {
  const { backend, wb } = await ready();
  await wb.commands.chooseAnnotator('Dana');
  await wb.commands.tag(1, { start: 0, end: 5 });
  const danas = wb.state.selectedId!;
  await wb.commands.chooseAnnotator('Eli');
  const from = backend.calls.length;
  await wb.commands.remove(danas);
  assert.match(wb.state.error ?? '', /^This span is in Dana's layer: you are annotating as Eli\./);
  await wb.commands.update(danas, { labelId: 2 });
  await wb.commands.link(danas, 999, 1);
  await wb.commands.dismissSuggestion(danas, 'a:9');
  assert.deepEqual(methods(backend.since(from)), [], 'no write reached the backend');
  assert.ok(backend.annotations.has(danas));

  // Eli tags and deletes his own as ever.
  await wb.commands.tag(1, { start: 6, end: 10 });
  const elis = wb.state.selectedId!;
  const eliId = wb.commands.layersKnown()!.current.id;
  assert.equal(backend.annotations.get(elis)!.annotatorId, eliId);
  assert.notEqual(backend.annotations.get(danas)!.annotatorId, eliId);
  await wb.commands.remove(elis);
  assert.ok(!backend.annotations.has(elis));
});

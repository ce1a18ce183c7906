/**
 * A board chosen while the project is still opening holds (a tester's early click on "Claims" was lost on the
 * 100k project: the load's 'project' action started the state afresh, view included). The browser side, with
 * project.info held back, is e2e/opening-view.spec.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ProjectInfo } from '../../common/model';
import { initialState, reducer } from '../../renderer/app/workbench';

const project = { name: 'p', path: '/p.crosscheck', readOnly: false, schemaVersion: 1 } as unknown as ProjectInfo;

test('the view chosen before the project arrives is kept when it does; the rest starts afresh', () => {
  let s = reducer(initialState, { type: 'view', view: 'claims' });
  s = reducer({ ...s, selectedId: 7 }, { type: 'project', project, labels: [], linkTypes: [] });
  assert.equal(s.view, 'claims');
  assert.equal(s.project, project);
  assert.equal(s.selectedId, null);
  // Without a choice the window opens on the documents, as before.
  assert.equal(reducer(initialState, { type: 'project', project, labels: [], linkTypes: [] }).view, 'documents');
});

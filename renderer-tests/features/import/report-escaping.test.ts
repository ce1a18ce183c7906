/**
 * The import report shows a file name's control characters escaped, in the browser as in the CLI's report
 * (common/file-names.ts escapedPath): a line break in a name neither vanishes into a space nor breaks a line.
 * (ImportReportDialog itself imports CSS, which Node cannot load; its table of dropped spans is rendered here.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as React from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { DroppedEntry } from '../../../common/model';
import { DroppedTable } from '../../../renderer/features/import/DroppedTable';

// The test runner (tsx) compiles the component's JSX to React.createElement calls on a global React.
(globalThis as { React?: typeof React }).React = React;

test('a path with a line break or a bell is shown escaped in the report table, as the CLI report shows it (cli/report-lines.test.ts)', () => {
  const dropped = [{ path: 'nl/new\nline.txt', where: 'line 1', what: 'span', why: 'off the text' }] as unknown as DroppedEntry[];
  const html = renderToStaticMarkup(React.createElement(DroppedTable, { entries: dropped, testId: 'dropped' }));
  assert.ok(html.includes('<code>nl/new\\nline.txt</code>'), html);
  assert.ok(!html.includes('new\nline'), html);
});

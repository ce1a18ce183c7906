import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errorText, exportSummary, importSummary, progressValue } from './reports.js';

describe('dialog texts', () => {
  it('summarises a clean import', () => {
    const s = importSummary({ imported: [{ path: '/a.txt', id: 1, title: 'A' }], duplicates: [], skipped: [] });
    assert.equal(s.type, 'info');
    assert.equal(s.detail, '1 document imported.');
  });

  it('lists skipped files, a few of them by name', () => {
    const skipped = Array.from({ length: 10 }, (_, i) => ({ path: `/in/f${i}.pdf`, reason: 'not a text file' }));
    const s = importSummary({ imported: [], duplicates: [{ path: '/in/x.txt', of: 3 }], skipped });
    assert.equal(s.type, 'warning');
    assert.match(s.detail, /^0 documents imported\.\n1 duplicate left out/);
    assert.match(s.detail, /10 files skipped:\n {2}f0\.pdf: not a text file/);
    assert.match(s.detail, /… and 2 more$/);
  });

  it('summarises an export', () => {
    assert.deepEqual(exportSummary({ path: '/o.jsonl', documents: 5, spans: 1 }), {
      message: 'Export finished',
      detail: '5 documents and 1 annotation written to\n/o.jsonl',
    });
  });

  it('puts the path above the message', () => {
    assert.equal(errorText('/p.crosscheck', new Error('locked')), '/p.crosscheck\n\nlocked');
    assert.equal(errorText('', 'x'), 'x');
  });

  it('maps import progress to the task bar', () => {
    assert.equal(progressValue({ done: 0, total: 0 }), 2);
    assert.equal(progressValue({ done: 1, total: 4 }), 0.25);
    assert.equal(progressValue({ done: 4, total: 4 }), -1);
  });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileName, restoredMessage } from '../../../renderer/features/project/restoredMessage';

test('the restore message names the backup, its date and what the project holds now', () => {
  const modified = '2025-11-30T13:04:00.000Z';
  const msg = restoredMessage(
    { path: '/home/a/p backups/p 2025-11-30.crosscheck', size: 1e6, modified },
    { restoredFrom: '/home/a/p backups/p 2025-11-30.crosscheck', safetyBackup: 'C:\\\\p backups\\\\before restore.crosscheck', stats: { documents: 5, annotations: 1, byLabel: {}, links: 0, clusters: 0 } as never },
  );
  assert.equal(
    msg,
    `Restored p 2025-11-30.crosscheck (${new Date(modified).toLocaleString()}): 5 documents, 1 annotation. The state before the restore was saved as before restore.crosscheck.`,
  );
});

test('fileName takes the last part of a POSIX or Windows path', () => {
  assert.equal(fileName('/a/b/c.crosscheck'), 'c.crosscheck');
  assert.equal(fileName('C:\\\\a\\\\d.crosscheck'), 'd.crosscheck');
  assert.equal(fileName('plain'), 'plain');
});

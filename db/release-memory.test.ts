import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { releaseMemory } from './open.js';

describe('releaseMemory', () => {
  test('the connection reads on as before after its cache is given back; a closed one is left alone', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (x TEXT)');
    const put = db.prepare('INSERT INTO t VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 2000; i++) put.run(`row ${i} ${'x'.repeat(200)}`);
    })();
    releaseMemory(db);
    assert.equal(db.prepare('SELECT count(*) FROM t').pluck().get(), 2000);
    db.close();
    assert.doesNotThrow(() => releaseMemory(db));
  });
});

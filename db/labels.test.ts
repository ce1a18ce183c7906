import { test, describe, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { openDatabase, type Db } from './open.js';
import { labelsRepo, type LabelsRepo } from './labels.js';
import { documentsRepo } from './documents.js';
import { annotationsRepo } from './annotations.js';
import { AppError } from '../common/errors.js';

let db: Db;
let labels: LabelsRepo;
beforeEach(() => {
  db = openDatabase(':memory:');
  labels = labelsRepo(db);
});
afterEach(() => db.close());

function rejects(fn: () => unknown, name: string, re?: RegExp) {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof AppError, String(e));
    assert.equal(e.name, name, e.message);
    if (re) assert.match(e.message, re);
    return true;
  });
}

describe('labels', () => {
  test('a new project has claim, speaker, figure with keys 1-3, in position order', () => {
    assert.deepEqual(
      labels.list().map((l) => [l.name, l.key, l.position]),
      [['claim', '1', 0], ['speaker', '2', 1], ['figure', '3', 2]],
    );
  });

  test('create appends at the next position and returns the stored label', () => {
    const l = labels.create('source', '#112233', 'q');
    assert.deepEqual({ ...l, id: 0 }, { id: 0, name: 'source', color: '#112233', key: 'q', position: 3 });
    const m = labels.create('place', '#445566', null);
    assert.equal(m.position, 4);
    assert.equal(m.key, null);
    assert.deepEqual(labels.list().map((x) => x.name), ['claim', 'speaker', 'figure', 'source', 'place']);
    assert.deepEqual(labels.get(l.id), l);
  });

  test('several labels may have no key', () => {
    labels.create('a', '#000000', null);
    labels.create('b', '#000000', null);
    assert.equal(labels.list().filter((l) => l.key === null).length, 2);
  });

  test('a duplicate name, in any case, is a Conflict and nothing is added', () => {
    rejects(() => labels.create('Claim', '#000000', null), 'Conflict', /"Claim" already exists/);
    rejects(() => labels.create('SPEAKER', '#000000', 'z'), 'Conflict');
    assert.equal(labels.list().length, 3);
  });

  test('a duplicate non-ASCII name in another case is a Conflict too (Cyrillic, accented)', () => {
    labels.create('Источник', '#000000', null);
    rejects(() => labels.create('источник', '#000000', null), 'Conflict');
    labels.create('Éditorial', '#000000', null);
    rejects(() => labels.create('éditorial', '#000000', null), 'Conflict');
  });

  test('a duplicate key is a Conflict naming the label that has it', () => {
    rejects(() => labels.create('new', '#000000', '2'), 'Conflict', /Key 2 .*"speaker"/);
    assert.equal(labels.list().length, 3);
  });

  test('update changes name, colour and key; omitted fields are kept', () => {
    const claim = labels.list()[0];
    const u = labels.update(claim.id, { name: 'Claim!', color: '#abcdef' });
    assert.equal(u.name, 'Claim!');
    assert.equal(u.color, '#abcdef');
    assert.equal(u.key, '1');
    assert.equal(u.position, claim.position);
    const k = labels.update(claim.id, { key: 'c' });
    assert.equal(k.key, 'c');
    assert.equal(k.name, 'Claim!');
  });

  test('update can clear a key with null, freeing it for another label', () => {
    const [claim, speaker] = labels.list();
    assert.equal(labels.update(claim.id, { key: null }).key, null);
    assert.equal(labels.update(speaker.id, { key: '1' }).key, '1');
  });

  test('update to its own name in another case, or its own key, is not a conflict', () => {
    const claim = labels.list()[0];
    assert.equal(labels.update(claim.id, { name: 'CLAIM', key: '1' }).name, 'CLAIM');
  });

  test("update to another label's name (any case) or key is a Conflict and changes nothing", () => {
    const [claim] = labels.list();
    rejects(() => labels.update(claim.id, { name: 'Speaker' }), 'Conflict');
    rejects(() => labels.update(claim.id, { key: '3' }), 'Conflict', /"figure"/);
    assert.deepEqual(labels.get(claim.id), claim);
  });

  test('update or delete of an unknown label is NotFound', () => {
    rejects(() => labels.update(999, { name: 'x' }), 'NotFound', /Label 999/);
    rejects(() => labels.delete(999), 'NotFound');
    rejects(() => labels.get(999), 'NotFound');
  });

  test('delete removes an unused label', () => {
    const l = labels.create('temp', '#000000', 't');
    labels.delete(l.id);
    assert.ok(!labels.list().some((x) => x.id === l.id));
    // Its name and key are free again.
    labels.create('temp', '#000000', 't');
  });

  test('delete is refused while annotations use the label, with the count in the message', () => {
    const text = 'Some text to annotate.';
    const docId = documentsRepo(db).insert(
      { title: 't', date: null, source: null, path: null, hash: createHash('sha256').update(text).digest('hex'), text, length: text.length },
      '2024-01-01T00:00:00.000Z',
    );
    const claim = labels.list()[0];
    const ann = annotationsRepo(db);
    const a1 = ann.create({ docId, labelId: claim.id, start: 0, end: 4 });
    ann.create({ docId, labelId: claim.id, start: 5, end: 9 });
    rejects(() => labels.delete(claim.id), 'Conflict', /used by 2 annotations/);
    assert.ok(labels.list().some((l) => l.id === claim.id));
    ann.delete(a1.id);
    rejects(() => labels.delete(claim.id), 'Conflict', /used by 1 annotation;/);
    ann.delete(ann.listForDocument(docId)[0].id);
    labels.delete(claim.id);
    assert.ok(!labels.list().some((l) => l.id === claim.id));
  });
});

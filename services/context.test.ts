import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase } from '../db/open.js';
import { documentsRepo } from '../db/documents.js';
import { annotationsRepo } from '../db/annotations.js';
import { cpLength } from '../common/offsets.js';
import { contextReader, documentContextReader } from './context.js';

test('the export context reader (document read once, windows cut in JS) gives what the SQL-window reader gives', () => {
  const db = openDatabase(':memory:');
  const docs = documentsRepo(db);
  const ann = annotationsRepo(db);
  // Long enough that windows start and end inside the text; astral characters so code points and UTF-16 differ.
  const sentence = (i: number) => `Gen. Rudskoy 😀 said ${i} civilians 👩‍👩‍👧 were killed in Mosul 🇺🇦 on day ${i}. `;
  const texts = [Array.from({ length: 60 }, (_, i) => sentence(i)).join(''), 'Short 😀 one. Port officials said no.'];
  const ids: number[] = [];
  texts.forEach((text, d) => {
    const docId = docs.insert({ title: `d${d}`, date: null, source: null, path: null, hash: `h${d}`, text, length: cpLength(text) }, 'now');
    for (let at = text.indexOf('said'); at >= 0; at = text.indexOf('said', at + 1)) {
      const start = cpLength(text.slice(0, at));
      ids.push(ann.create({ docId, labelId: 1, start, end: start + 4 }).id);
    }
  });
  ids.push(999_999); // missing ids are left out by both
  const shuffled = [...ids].reverse();
  assert.deepEqual(documentContextReader(db, 1).annotations(shuffled), contextReader(db).annotations(shuffled));
  assert.equal(documentContextReader(db).annotations(ids).length, ids.length - 1);
  db.close();
});

/** Shared by the WebAnno TSV3 tests (webanno.test.ts, webanno-errors.test.ts): fixtures and span/link views. Not a test. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sliceCp } from '../../common/offsets.js';
import type { ParsedDoc } from './types.js';
import { parseWebAnnoTsv3 } from './webanno-import.js';

export const FIXTURES = fileURLToPath(new URL('./fixtures/webanno-tsv3/', import.meta.url));
export const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
export const parse = (name: string) => parseWebAnnoTsv3(fixture(name), name);
/** Spans as [label, text] in file order, with the text checked against the code-point offsets. */
export const spans = (d: ParsedDoc) =>
  d.spans.map((s) => {
    assert.equal(sliceCp(d.text, s.start, s.end), s.text, `span ${s.key} text matches its code-point offsets`);
    return [s.label, s.text];
  });
/** Links as [type, from text, to text]. */
export const links = (d: ParsedDoc) => {
  const text = new Map(d.spans.map((s) => [s.key, s.text]));
  return d.links.map((l) => [l.type, text.get(l.from), text.get(l.to)]);
};

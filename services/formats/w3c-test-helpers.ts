/**
 * Shared by the W3C tests (w3c.test.ts: export; w3c-import.test.ts: import; not a test itself): the W3C test
 * suite's MUST assertions as a validator, and small builders of annotations on one short text.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import type { ValidateFunction } from 'ajv-draft-04';

/** The W3C test suite files (web-annotation-tests) under fixtures/. */
export const FIXTURES = join(import.meta.dirname, 'fixtures', 'w3c-web-annotation');
export const read = (rel: string) => readFileSync(join(FIXTURES, rel), 'utf8');
export const cp = (s: string) => Array.from(s).length;

export interface Assertion {
  path: string;
  schema: { assertionType: string; expectedResult: 'valid' | 'invalid'; errorMessage?: string };
  validate: ValidateFunction;
}

/**
 * The test suite's MUST assertions (annotations/annotationMusts.test): JSON Schema draft-04 files whose $refs name
 * the definitions by their "id" ("id.json#/definitions/stringUri").
 */
export function loadMusts(): Assertion[] {
  const ajv = new Ajv({ strict: false, allErrors: true });
  // The schemas use formats "uri" and "date-time"; ajv-formats is not installed, so they are defined here,
  // strictly enough that a non-URI id or a non-date "created" fails (tested in w3c.test.ts).
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]*$/i);
  ajv.addFormat('date-time', (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(s) && !Number.isNaN(Date.parse(s)));
  for (const f of readdirSync(join(FIXTURES, 'definitions'))) ajv.addSchema(JSON.parse(read(join('definitions', f))));
  const list = JSON.parse(read('assertions/annotationMusts.test')).assertions as string[];
  return list.map((p) => {
    const schema = JSON.parse(read(join('assertions', p.replace(/^annotations\//, ''))));
    return { path: p, schema, validate: ajv.compile(schema) };
  });
}

/** The assertions of `musts` an annotation fails: valid when expected "invalid" or invalid when expected "valid". */
export const failuresOf = (musts: Assertion[], anno: unknown) => musts.filter((a) => a.validate(anno) !== (a.schema.expectedResult === 'valid')).map((a) => a.path);

/** A source resolver over fixed texts, titled "title of <IRI>". */
export const resolver = (texts: Record<string, string>) => (source: string) => (source in texts ? { text: texts[source], title: `title of ${source}` } : null);

export const TXT = 'Alpha 😀 beta gamma beta delta 🇺🇦 beta.';
export const src = resolver({ 'urn:doc': TXT });
/** An annotation on urn:doc (TXT), tagged "claim" unless `body` says otherwise. */
export const anno = (id: string, target: unknown, body: unknown = [{ type: 'TextualBody', purpose: 'tagging', value: 'claim' }], extra: object = {}) => ({
  '@context': 'http://www.w3.org/ns/anno.jsonld',
  id,
  type: 'Annotation',
  body,
  target,
  ...extra,
});
export const quote = (exact: string, prefix?: string, suffix?: string) => ({ source: 'urn:doc', selector: { type: 'TextQuoteSelector', exact, prefix, suffix } });
export const pos = (start: number, end: number) => ({ source: 'urn:doc', selector: { type: 'TextPositionSelector', start, end } });

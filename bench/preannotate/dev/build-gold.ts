/**
 * Builds bench/preannotate/dev/gold.jsonl from the hand annotations in spans/*.ts and the texts they name
 * (samples/corpus/*.txt, dev/texts/*.txt). Each span is written as (label, exact substring, occurrence number),
 * never as offsets: this script finds the substring, computes code-point offsets and checks that
 * text[start:end] is the substring, so that an offset can never be wrong.
 *
 *   npx tsx bench/preannotate/dev/build-gold.ts            writes gold.jsonl, prints counts per label
 *   npx tsx bench/preannotate/dev/build-gold.ts --show ID  prints document ID with its spans bracketed, to review
 *
 * Errors (exit 1, nothing written): a substring not in the text, one found more than once without an occurrence
 * number, an occurrence beyond the count, a span starting or ending in white space, a span given twice.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codePointLength, goldLine, sliceCodePoints, type GoldDoc, type GoldSpan } from '../gold.js';
import type { DocSpec } from './spec.js';
import { sampleDocs } from './spans/sample.js';
import { batch1 } from './spans/batch1.js';
import { batch2 } from './spans/batch2.js';
import { batch3 } from './spans/batch3.js';
import { batch4 } from './spans/batch4.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..', '..');
const specs: DocSpec[] = [...sampleDocs, ...batch1, ...batch2, ...batch3, ...batch4];

/** UTF-16 indexes of every occurrence of `needle` in `text` (overlapping ones included). */
function occurrences(text: string, needle: string): number[] {
  const at: number[] = [];
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) at.push(i);
  return at;
}

/** The gold document of one spec; throws an Error naming the document and span on any problem. */
export function buildDoc(spec: DocSpec, text: string): GoldDoc {
  const spans: GoldSpan[] = [];
  const seen = new Set<string>();
  const errors: string[] = [];
  for (const [label, sub, nth] of spec.spans) {
    try {
      const where = `${spec.id}: ${label} "${sub}"${nth ? ` #${nth}` : ''}`;
      if (sub !== sub.trim()) throw new Error(`${where}: starts or ends in white space`);
      const at = occurrences(text, sub);
      if (!at.length) throw new Error(`${where}: not in the text`);
      if (nth === undefined && at.length > 1) throw new Error(`${where}: found ${at.length} times, give the occurrence number`);
      const i = at[(nth ?? 1) - 1];
      if (i === undefined) throw new Error(`${where}: only ${at.length} occurrence(s)`);
      const start = codePointLength(text.slice(0, i));
      const end = start + codePointLength(sub);
      if (sliceCodePoints(text, start, end) !== sub) throw new Error(`${where}: offsets [${start}, ${end}] do not give the substring back`);
      const key = `${label}:${start}:${end}`;
      if (seen.has(key)) throw new Error(`${where}: given twice`);
      seen.add(key);
      spans.push({ label, start, end });
    } catch (e) {
      errors.push((e as Error).message);
    }
  }
  if (errors.length) throw new Error(errors.join('\n'));
  return { id: spec.id, source: spec.source, text, spans };
}

/** The text with every span bracketed as [label| … ] (nested where spans nest), for review. */
function show(doc: GoldDoc): string {
  const cps = Array.from(doc.text);
  const opens = new Map<number, string[]>();
  const closes = new Map<number, number>();
  const sorted = [...doc.spans].sort((a, b) => a.start - b.start || b.end - a.end);
  for (const s of sorted) {
    opens.set(s.start, [...(opens.get(s.start) ?? []), s.label]);
    closes.set(s.end, (closes.get(s.end) ?? 0) + 1);
  }
  let out = '';
  cps.forEach((c, i) => {
    out += ']'.repeat(closes.get(i) ?? 0);
    for (const l of opens.get(i) ?? []) out += `[${l[0].toUpperCase()}|`;
    out += c;
  });
  return out + ']'.repeat(closes.get(cps.length) ?? 0);
}

const problems: string[] = [];
const docs = specs.flatMap((s) => {
  try {
    return [buildDoc(s, readFileSync(join(repo, s.file), 'utf8'))];
  } catch (e) {
    problems.push((e as Error).message);
    return [];
  }
});
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
const showAt = process.argv.indexOf('--show');
if (showAt >= 0) {
  const want = process.argv[showAt + 1];
  for (const d of docs.filter((d) => !want || d.id === want)) console.log(`=== ${d.id}\n${show(d)}\n`);
} else {
  writeFileSync(join(here, 'gold.jsonl'), docs.map(goldLine).join('\n') + '\n');
  const count = (l: string) => docs.reduce((n, d) => n + d.spans.filter((s) => s.label === l).length, 0);
  const words = docs.reduce((n, d) => n + d.text.split(/\s+/).filter(Boolean).length, 0);
  console.log(`gold.jsonl: ${docs.length} documents, ${words} words; figure ${count('figure')}, speaker ${count('speaker')}, claim ${count('claim')}`);
}

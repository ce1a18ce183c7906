/**
 * Gold sets of pre-annotation (GUIDELINES.md): one `gold.jsonl` per set in doccano's JSONL shape,
 * `{"id", "source", "text", "label": [[start, end, label], …]}`, offsets in Unicode code points, half-open.
 * This module reads and writes that shape; the scorer (score.ts) works on the spans it returns.
 */
import { existsSync, readFileSync } from 'node:fs';

/** One labelled span: code points, half-open. */
export interface GoldSpan {
  label: string;
  start: number;
  end: number;
}

/** One document of a gold set. */
export interface GoldDoc {
  id: string;
  source: string;
  text: string;
  spans: GoldSpan[];
}

/** The code-point length of `text` (offsets everywhere outside the renderer are code points). */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** `text[start:end]` in code points, as Python slices it. */
export function sliceCodePoints(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}

/** One doccano JSONL line (no trailing newline) for `doc`; spans sorted by start, end, label. */
export function goldLine(doc: GoldDoc): string {
  const label = [...doc.spans]
    .sort((a, b) => a.start - b.start || a.end - b.end || a.label.localeCompare(b.label))
    .map((s) => [s.start, s.end, s.label]);
  return JSON.stringify({ id: doc.id, source: doc.source, text: doc.text, label });
}

/**
 * Reads a gold.jsonl. Throws an Error naming the file and line when a line is not JSON, lacks `text` or
 * `label`, or has a span outside its text or with end ≤ start.
 */
export function readGold(path: string): GoldDoc[] {
  const docs: GoldDoc[] = [];
  const lines = readFileSync(path, 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const where = `${path}:${i + 1}`;
    let row: { id?: unknown; source?: unknown; text?: unknown; label?: unknown };
    try {
      row = JSON.parse(line);
    } catch (e) {
      throw new Error(`${where}: not JSON (${(e as Error).message})`);
    }
    if (typeof row.text !== 'string' || !Array.isArray(row.label)) throw new Error(`${where}: needs "text" (string) and "label" (array)`);
    const length = codePointLength(row.text);
    const spans = row.label.map((s: unknown, k: number): GoldSpan => {
      if (!Array.isArray(s) || s.length < 3 || !Number.isInteger(s[0]) || !Number.isInteger(s[1]) || typeof s[2] !== 'string')
        throw new Error(`${where}: label ${k} is not [start, end, "label"]`);
      const [start, end, label] = s as [number, number, string];
      if (start < 0 || end <= start || end > length) throw new Error(`${where}: label ${k} [${start}, ${end}] is outside the text (${length} code points) or empty`);
      return { label, start, end };
    });
    docs.push({ id: String(row.id ?? `line-${i + 1}`), source: String(row.source ?? ''), text: row.text, spans });
  });
  return docs;
}

/** readGold, or null when the file is not there (the held-out set is written by someone else, maybe later). */
export function readGoldIfThere(path: string): GoldDoc[] | null {
  return existsSync(path) ? readGold(path) : null;
}

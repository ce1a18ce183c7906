/**
 * Scores a JSONL file of predicted spans against a gold set, by document text:
 *
 *   npx tsx bench/preannotate/score-file.ts predictions.jsonl [--gold bench/preannotate/dev/gold.jsonl]
 *
 * The predictions may be doccano JSONL (`"label": [[start, end, "label"], …]` or `"entities": [{start_offset,
 * end_offset, label}]`) or Crosscheck's JSONL export (`"spans": [{start, end, label, …}]`, services/formats/
 * jsonl.ts), e.g. `crosscheck export --db P --layer auto --include-proposals --format jsonl`. Offsets are code
 * points. A predicted document is paired with the gold document of the same text; labels compare
 * case-insensitively. Prints the score table (score.ts: exact and overlap P/R/F1 per label) and how many
 * documents paired; gold documents with no predicted document count all their spans as missed.
 * Exit 2 on a usage error or a file that cannot be read (the message says which line).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROPOSAL_LABELS } from '../../common/proposals.js';
import { readGold } from './gold.js';
import { formatScores, scoreSet, type ScoredSpan } from './score.js';

/** The text and spans of one line of a doccano or Crosscheck JSONL file; throws an Error saying what is wrong. */
export function predictedLine(line: string): { text: string; spans: ScoredSpan[] } {
  const row = JSON.parse(line) as Record<string, unknown>;
  if (typeof row.text !== 'string') throw new Error('no "text" string');
  const spans: ScoredSpan[] = [];
  const add = (start: unknown, end: unknown, label: unknown) => {
    if (!Number.isInteger(start) || !Number.isInteger(end) || typeof label !== 'string') throw new Error(`span ${JSON.stringify([start, end, label])} is not start, end, label`);
    spans.push({ label: label.toLowerCase(), start: start as number, end: end as number });
  };
  if (Array.isArray(row.spans)) for (const s of row.spans as Record<string, unknown>[]) add(s.start, s.end, s.label);
  else if (Array.isArray(row.label)) for (const s of row.label as unknown[][]) add(s[0], s[1], s[2]);
  else if (Array.isArray(row.entities)) for (const s of row.entities as Record<string, unknown>[]) add(s.start_offset, s.end_offset, s.label);
  return { text: row.text, spans };
}

/** Pairs predicted documents with gold ones by text and scores them; the report as text. */
export function scoreFile(predPath: string, goldPath: string): string {
  const gold = readGold(goldPath);
  const predicted = new Map<string, ScoredSpan[]>();
  readFileSync(predPath, 'utf8').split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const { text, spans } = predictedLine(line);
      predicted.set(text, [...(predicted.get(text) ?? []), ...spans]);
    } catch (e) {
      throw new Error(`${predPath}:${i + 1}: ${(e as Error).message}`);
    }
  });
  const paired = gold.filter((d) => predicted.has(d.text)).length;
  const goldTexts = new Set(gold.map((d) => d.text));
  const extra = [...predicted.keys()].filter((t) => !goldTexts.has(t)).length;
  const scores = scoreSet(
    gold.map((d) => ({ gold: d.spans.map((s) => ({ ...s, label: s.label.toLowerCase() })), pred: predicted.get(d.text) ?? [] })),
    PROPOSAL_LABELS,
  );
  return [
    `${goldPath}: ${gold.length} gold documents; ${paired} paired with a predicted document of the same text` +
      (paired < gold.length ? ` (${gold.length - paired} unpaired: all their spans missed)` : '') +
      (extra ? `; ${extra} predicted documents not in the gold set, ignored` : ''),
    formatScores(scores),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const g = args.indexOf('--gold');
  const goldPath = g >= 0 ? args[g + 1] : join(fileURLToPath(new URL('.', import.meta.url)), 'dev', 'gold.jsonl');
  const rest = g >= 0 ? args.filter((_, i) => i !== g && i !== g + 1) : args;
  if (rest.length !== 1 || !goldPath) {
    console.error('usage: npx tsx bench/preannotate/score-file.ts predictions.jsonl [--gold gold.jsonl]');
    process.exit(2);
  }
  try {
    console.log(scoreFile(rest[0], goldPath));
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
}

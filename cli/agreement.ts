/**
 * `crosscheck agreement`: the agreement report (issue 13) as JSON (`--json`, the shape of common/agreement.ts),
 * CSV (`--csv`, common/agreement-csv.ts) or a table for a person: pairs across, measures down, then α per label.
 */
import type { AgreementReport, PairAgreement } from '../common/agreement.js';
import { agreementCsv } from '../common/agreement-csv.js';
import type { Call } from '../common/contract.js';
import { UsageError } from './args.js';

type Out = { log(s: string): void; error(s: string): void };

/** What the command takes from the command line (cli/args.ts). */
export interface AgreementArgs {
  annotators?: string[];
  labels: string[];
  query?: string;
  done: boolean;
  perDocument: boolean;
  json: boolean;
  csv: boolean;
}

/** A figure with three decimals, or — where it is 0/0. */
const fig = (x: number | null) => (x === null ? '—' : x.toFixed(3));

/** Rows of a table, two spaces apart: figures right-aligned, the first column and those in `left` left-aligned. */
function table(rows: readonly string[][], left: readonly number[] = [0]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => [...r[c]].length)));
  const pad = (cell: string, c: number) => (left.includes(c) ? cell.padEnd(widths[c]) : cell.padStart(widths[c]));
  return rows.map((r) => r.map(pad).join('  ').trimEnd());
}

/** The rows of the pair table: one per measure, one column per pair. */
function pairRows(pairs: readonly PairAgreement[]): string[][] {
  const rows: string[][] = [['', ...pairs.map((p) => `${p.a} × ${p.b}`)], ['documents', ...pairs.map((p) => String(p.documents))]];
  const row = (name: string, value: (p: PairAgreement) => number | null) => rows.push([name, ...pairs.map((p) => fig(value(p)))]);
  const labels = Object.keys(pairs[0]?.spans ?? {});
  for (const label of labels) {
    row(`${label}  exact F1`, (p) => p.spans[label].exactF1);
    row(`${label}  overlap F1`, (p) => p.spans[label].overlapF1);
    row(`${label}  Cohen's κ`, (p) => p.spans[label].kappa);
  }
  for (const [key, name] of [['muc', 'MUC'], ['b3', 'B³'], ['ceafe', 'CEAF-e'], ['blanc', 'BLANC']] as const) {
    row(`clusters  ${name} F1`, (p) => p.clusters[key].f1);
  }
  row('clusters  CoNLL', (p) => p.clusters.conll);
  for (const type of Object.keys(pairs[0]?.links ?? {})) row(`links  ${type} F1`, (p) => p.links[type].f1);
  return rows;
}

/** The report as a person reads it on a terminal. */
export function formatAgreement(r: AgreementReport): string {
  const lines = [
    `Agreement of ${r.annotators.join(', ')} over ${r.documents} document${r.documents === 1 ? '' : 's'} annotated by at least two.`,
    '',
    ...table(pairRows(r.pairs)),
    '',
    "Krippendorff's α (nominal, word units)",
    ...table(Object.entries(r.alpha).map(([label, a]) => [`  ${label}`, fig(a)])),
  ];
  if (r.perDocument) {
    lines.push('', 'By document, most disagreement first (1 − mean overall overlap F1 of its pairs)');
    lines.push(...table([['  document', 'disagreement', 'annotators'], ...r.perDocument.map((d) => [`  #${d.docId} ${d.title}`, fig(d.disagreement), d.annotators.join(', ')])], [0, 2]));
  }
  lines.push('', '— : 0/0 (no spans of that label on either side, or a constant coding). Recall and precision: --json or --csv.');
  return lines.join('\n');
}

/** Runs the command on a backend's contract; returns the exit code. */
export async function agreementCommand(call: Call, a: AgreementArgs, out: Out): Promise<number> {
  if (a.json && a.csv) throw new UsageError('--json and --csv are two output formats; give one');
  const report = await call('agreement.report', {
    annotators: a.annotators,
    labels: a.labels.length ? a.labels : undefined,
    query: a.query,
    done: a.done || undefined,
    perDocument: a.perDocument || undefined,
  });
  if (a.json) out.log(JSON.stringify(report));
  else if (a.csv) out.log(agreementCsv(report).trimEnd());
  else out.log(formatAgreement(report));
  return 0;
}

/**
 * `crosscheck preannotate --db P [--labels figure,speaker,claim] [--query "…" | --done] [--json]`: figures,
 * speakers and claims proposed into the `auto` layer (issue 14; services/preannotate/). `--json` prints the
 * PreannotateReport of common/proposals.ts, `documents` and `proposals` first; for a person, one line per label,
 * the links, what was skipped and the notes. Progress goes to stderr when it is a terminal. Ctrl+C (SIGINT)
 * cancels: the batch being written finishes, the report prints with `"cancelled": true` and the exit code is 130
 * (128 + SIGINT, as shells report a command stopped so).
 */
import type { Call } from '../common/contract.js';
import { PROPOSAL_LABELS, type PreannotateReport, type ProposalLabel } from '../common/proposals.js';
import { UsageError } from './args.js';

type Out = { log(s: string): void; error(s: string): void };

/** What the command takes from the command line (cli/args.ts). */
export interface PreannotateArgs {
  labels: string[];
  query?: string;
  done: boolean;
  json: boolean;
  /** Positional arguments: the command takes none. */
  paths: string[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Exit code of a run cancelled with Ctrl+C: 128 + SIGINT's number, as a shell reports it. */
export const EXIT_INTERRUPTED = 130;

/**
 * `--labels` as proposal kinds (any case). @throws UsageError (brief: a line naming the unknown labels, then the
 * kinds there are, without the whole usage).
 */
export function proposalLabelsOf(labels: readonly string[]): ProposalLabel[] | undefined {
  if (!labels.length) return undefined;
  const out = labels.map((l) => l.toLowerCase());
  const bad = out.filter((l) => !(PROPOSAL_LABELS as readonly string[]).includes(l));
  if (bad.length) {
    const names = bad.map((l) => JSON.stringify(l)).join(', ');
    throw new UsageError(`preannotate proposes no label ${names}\nlabels: ${PROPOSAL_LABELS.join(', ')}`, true);
  }
  return [...new Set(out)] as ProposalLabel[];
}

/** The report as a person reads it on a terminal. */
export function formatPreannotateReport(r: PreannotateReport): string {
  const added = Object.values(r.proposals).reduce((a, b) => a + b, 0);
  const lines = [
    `${r.cancelled ? 'Cancelled after' : 'Pre-annotated'} ${plural(r.documents, 'document')}: ${plural(added, 'proposal')} added to the auto layer.`,
    ...Object.entries(r.proposals).map(([label, n]) => `  ${label.padEnd(10)} ${n} new${r.skipped[label] ? `, ${r.skipped[label]} skipped (proposed, decided or tagged already)` : ''}`),
  ];
  const links = Object.entries(r.links);
  if (links.length) lines.push(`  links      ${links.map(([type, n]) => `${n} ${type}`).join(', ')}`);
  for (const n of r.notes) lines.push(`  note       ${n}`);
  if (r.cancelled) lines.push('  What was added stays; run again to go on.');
  return lines.join('\n');
}

/** Where Ctrl+C comes from: the process, or a test's stand-in. */
export interface Interrupts {
  once(event: 'SIGINT', f: () => void): unknown;
  off(event: 'SIGINT', f: () => void): unknown;
}

/**
 * Runs the command; returns the exit code (0, or EXIT_INTERRUPTED after Ctrl+C). `onProgress` subscribes to the
 * run's progress events (returns an unsubscribe function). @throws UsageError for positional arguments or
 * unknown labels.
 */
export async function preannotateCommand(
  call: Call,
  a: PreannotateArgs,
  out: Out,
  onProgress?: (f: (p: { done: number; total: number }) => void) => () => void,
  progressTo: { isTTY?: boolean; write(s: string): unknown } = process.stderr,
  interrupts: Interrupts = process,
): Promise<number> {
  if (a.paths.length) throw new UsageError(`preannotate takes no file or folder (got ${a.paths.join(' ')}); choose documents with --query or --done`);
  if (a.query !== undefined && !a.query.trim()) throw new UsageError('--query needs words to search for');
  const labels = proposalLabelsOf(a.labels);
  const off = progressTo.isTTY && onProgress ? onProgress((pr) => progressTo.write(`\r${pr.done}/${pr.total} documents`)) : () => {};
  const jobId = `cli-${process.pid}`;
  // Ctrl+C cancels the run (it stops after the batch it is writing); a second one is Node's default: it kills.
  const interrupt = () => {
    if (progressTo.isTTY) progressTo.write('\nCancelling after the current batch…\n');
    void call('preannotate.cancel', { jobId });
  };
  interrupts.once('SIGINT', interrupt);
  try {
    const report = await call('preannotate.run', {
      ...(labels ? { labels } : {}),
      docs: a.query !== undefined ? { kind: 'query', q: a.query } : a.done ? { kind: 'done' } : { kind: 'all' },
      jobId,
    });
    if (progressTo.isTTY && onProgress) progressTo.write('\n');
    out.log(a.json ? JSON.stringify(report) : formatPreannotateReport(report));
    return report.cancelled ? EXIT_INTERRUPTED : 0;
  } finally {
    interrupts.off('SIGINT', interrupt);
    off();
  }
}

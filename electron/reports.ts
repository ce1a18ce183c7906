/** The words of the shell's native dialogs, kept pure so tests can read them. */
import { basename } from 'node:path';
import type { ImportReport } from '../common/model.js';

const MAX_LISTED = 8;

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function importSummary(r: ImportReport): { type: 'info' | 'warning'; message: string; detail: string } {
  const lines = [`${plural(r.imported.length, 'document')} imported.`];
  if (r.duplicates.length) {
    lines.push(`${plural(r.duplicates.length, 'duplicate')} left out: the same text is already in the project.`);
  }
  if (r.skipped.length) {
    lines.push(`${plural(r.skipped.length, 'file')} skipped:`);
    for (const s of r.skipped.slice(0, MAX_LISTED)) lines.push(`  ${basename(s.path)}: ${s.reason}`);
    if (r.skipped.length > MAX_LISTED) lines.push(`  … and ${r.skipped.length - MAX_LISTED} more`);
  }
  return { type: r.skipped.length ? 'warning' : 'info', message: 'Import finished', detail: lines.join('\n') };
}

export function exportSummary(r: { path: string; documents: number; spans: number }): {
  message: string;
  detail: string;
} {
  return {
    message: 'Export finished',
    detail: `${plural(r.documents, 'document')} and ${plural(r.spans, 'annotation')} written to\n${r.path}`,
  };
}

export function errorText(path: string, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return path ? `${path}\n\n${message}` : message;
}

/** The taskbar progress for an import event: a fraction, indeterminate (2) before the total is known, off (-1) when done. */
export function progressValue(p: { done: number; total: number }): number {
  if (p.total <= 0) return 2;
  if (p.done >= p.total) return -1;
  return p.done / p.total;
}

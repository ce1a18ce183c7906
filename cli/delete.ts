/**
 * `crosscheck delete --db P <id|path>... [--yes]`: deletes documents with their annotations and links, after
 * saying what goes. Without --yes it asks on a terminal and refuses elsewhere (a script must mean it).
 */
import { createInterface } from 'node:readline/promises';
import type { Call } from '../common/contract.js';
import type { DocumentSummary } from '../common/model.js';
import { AppError } from '../common/errors.js';
import { UsageError } from './args.js';

type Out = { log(s: string): void; error(s: string): void };

/** Asks a yes/no question; resolves true only on an answer starting with y. Null: nobody to ask (not a terminal). */
export type Ask = ((question: string) => Promise<boolean>) | null;

/** Asks on the terminal when stdin and stderr are one; null otherwise. */
export function terminalAsk(): Ask {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return null;
  return async (question) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      return /^y/i.test((await rl.question(`${question} [y/N] `)).trim());
    } finally {
      rl.close();
    }
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Every document of the project, page by page (the CLI resolves paths against their stored paths). */
async function allDocuments(call: Call): Promise<DocumentSummary[]> {
  const out: DocumentSummary[] = [];
  for (;;) {
    const page = await call('documents.list', { offset: out.length, limit: 5000 });
    out.push(...page.items);
    if (page.items.length === 0 || out.length >= page.total) return out;
  }
}

/**
 * The documents `targets` name: a number is a document id; anything else a document's stored path, or a path
 * ending in it (`~/news/corpus/a.txt` names the document stored as `corpus/a.txt`).
 * @throws AppError NotFound naming a target that matches no document, InvalidInput one that matches several.
 */
export async function resolveTargets(call: Call, targets: string[]): Promise<DocumentSummary[]> {
  const docs = await allDocuments(call);
  const byId = new Map(docs.map((d) => [d.id, d]));
  const found = new Map<number, DocumentSummary>();
  for (const t of targets) {
    if (/^\d+$/.test(t)) {
      const d = byId.get(Number(t));
      if (!d) throw new AppError('NotFound', `there is no document ${t} in this project; nothing was deleted`);
      found.set(d.id, d);
      continue;
    }
    const wanted = t.replace(/\\/g, '/');
    const exact = docs.filter((d) => d.path === wanted);
    const matches = exact.length ? exact : docs.filter((d) => d.path && wanted.endsWith(`/${d.path}`));
    if (matches.length === 0) throw new AppError('NotFound', `no document was imported from ${t}; nothing was deleted (give its id, or its path as exports show it)`);
    if (matches.length > 1) throw new AppError('InvalidInput', `${t} names ${matches.length} documents (${matches.map((d) => `#${d.id}`).join(', ')}); give their ids`);
    found.set(matches[0].id, matches[0]);
  }
  return [...found.values()];
}

/** Runs `delete`; returns the exit code (1 when refused: nothing deleted). */
export async function deleteCommand(call: Call, targets: string[], yes: boolean, out: Out, ask: Ask): Promise<number> {
  if (targets.length === 0) throw new UsageError('delete needs at least one document id or path');
  const docs = await resolveTargets(call, targets);
  const ids = docs.map((d) => d.id);
  const impact = await call('documents.deleteImpact', { ids });
  const what = `${plural(impact.documents, 'document')} with ${plural(impact.annotations, 'annotation')} and ${plural(impact.links, 'link')}`;
  if (!yes) {
    if (!ask) {
      out.error(`crosscheck: would delete ${what}; not a terminal, so nothing was deleted: add --yes to mean it`);
      return 1;
    }
    for (const d of docs) out.error(`  #${d.id} ${d.title}${d.path ? `  (${d.path})` : ''}`);
    if (!(await ask(`Delete ${what}?`))) {
      out.error('Nothing was deleted.');
      return 1;
    }
  }
  const { deleted } = await call('documents.deleteMany', { ids });
  for (const d of deleted.documents) {
    const spans = deleted.annotations.filter((a) => a.docId === d.id).length;
    out.log(`deleted  #${d.id} ${d.title}${d.path ? `  (${d.path})` : ''}: ${plural(spans, 'annotation')}`);
  }
  out.error(`Deleted ${plural(deleted.documents.length, 'document')}, ${plural(deleted.annotations.length, 'annotation')} and ${plural(deleted.links.length, 'link')}.`);
  return 0;
}

import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Call } from '../common/contract.js';
import type { ImportReport, Stats } from '../common/model.js';
import { openBackend, createSampleProject, type Backend, type Upgrade } from '../services/backend.js';
import { startHttpHost } from '../server/http-host.js';
import { pathChecker, projectRoots } from '../services/path-policy.js';
import { rendererDist, repoRoot, sampleCorpusDir, userDataDir, SAMPLE_PROJECT_NAME } from '../services/paths.js';
import { ensureRendererBuilt } from './renderer-build.js';
import { UsageError, usage, parseCli, importFormatOf, exportFormatOf } from './args.js';
import { exportFormats, takesOption } from '../common/formats.js';
import { deleteCommand, terminalAsk, type Ask } from './delete.js';
import { agreementCommand } from './agreement.js';
import { mergeCommand } from './merge.js';
import { preannotateCommand } from './preannotate.js';
import { escapedPath } from '../common/file-names.js';

type Out = { log(s: string): void; error(s: string): void };

/** The CLI calls the same contract as every host, directly. */
const typed = (b: Backend): Call => (method, args) => b.call(method, args) as never;

function needDb(db: string | undefined): string {
  if (!db) throw new UsageError('--db <file> is required');
  return resolve(db);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function formatReport(r: ImportReport): string {
  const lines = [
    `Imported ${r.imported.length}, duplicates ${r.duplicates.length}, skipped ${r.skipped.length}${r.dropped?.length ? `, dropped ${r.dropped.length}` : ''}.`,
    ...(r.spans === undefined
      ? []
      : [
          `  annotated  ${r.spans} span${r.spans === 1 ? '' : 's'}, ${r.links ?? 0} link${r.links === 1 ? '' : 's'}, ${r.clusters ?? 0} new cluster${r.clusters === 1 ? '' : 's'} (on new documents and on the duplicates' copies)`,
          ...(r.labelsAdded?.length ? [`  new labels ${r.labelsAdded.join(', ')}`] : []),
          ...(r.linkTypesAdded?.length ? [`  new link types ${r.linkTypesAdded.join(', ')}`] : []),
          ...(r.layers?.length ? [`  layers     ${r.layers.join(', ')}`] : []),
        ]),
    ...r.imported.map((f) => `  imported   ${escapedPath(f.path)}  →  #${f.id} ${f.title}`),
    ...r.duplicates.map((f) => `  duplicate  ${escapedPath(f.path)}  (same text as #${f.of}${f.ofTitle !== undefined ? ` ${f.ofTitle}` : ''}${f.ofPath ? `, ${escapedPath(f.ofPath)}` : ''})`),
    // A reason may quote the name (its extension): escaped too, so that every file stays on one line.
    ...r.skipped.map((f) => `  skipped    ${escapedPath(f.path)}: ${escapedPath(f.reason)}`),
    ...(r.dropped ?? []).map((d) => `  dropped    ${escapedPath(d.path)}: ${escapedPath(`${d.where}: ${d.what}: ${d.why}`)}`),
    ...(r.notes ?? []).map((n) => `  note       ${escapedPath(n)}`),
  ];
  return lines.join('\n');
}

/**
 * Runs one CLI command; returns the exit code. `serve` resolves only when the server stops. `ask` puts `delete`'s
 * question to a person (default: on the terminal, when there is one).
 */
export async function runCli(argv: string[], out: Out = console, ask: Ask = terminalAsk()): Promise<number> {
  const a = parseCli(argv);
  // Opening a project of an older schema upgrades it first, after copying it: say so before the wait.
  const upgrading = (u: Upgrade) =>
    out.error(`Upgrading ${u.path} from schema ${u.from} to ${u.to} (once; about a minute at 100,000 documents). The project as it was is kept at ${u.backup}`);
  switch (a.command) {
    case 'help':
      out.log(usage);
      return 0;
    case 'import': {
      if (a.paths.length === 0) throw new UsageError('import needs at least one file or folder');
      const format = importFormatOf(a.format);
      const b = openBackend(needDb(a.db), { upgrading });
      try {
        const options = { strict: a.strict, offsets: a.offsets, encoding: a.encoding, labelNames: a.labelNames, annotator: a.annotator };
        const report = await typed(b)('import.paths', { paths: a.paths, format, options });
        out.log(a.json ? JSON.stringify(report) : formatReport(report));
        return 0;
      } finally {
        b.close();
      }
    }
    case 'export': {
      const format = exportFormatOf(a.format);
      if (!a.out) throw new UsageError('--out <path> is required');
      // An option the format does not take would be silently ignored: say so instead.
      for (const [flag, given, option] of [['--offsets', a.offsets !== undefined, 'offsets'], ['--sentences', a.sentences, 'sentences'], ['--singletons', a.singletons, 'singletons'], ['--negatives', a.negatives !== undefined, 'negatives']] as const) {
        if (given && !takesOption(format, option)) {
          const takers = exportFormats.filter((f) => takesOption(f, option));
          throw new UsageError(`${flag} is for ${takers.join(', ')}; --format ${format} does not take it`);
        }
      }
      // Said here in the CLI's own words (the backend's message also names the contract's includeProposals).
      if (a.layer?.toLowerCase() === 'auto' && !a.includeProposals) throw new Error('The auto layer holds proposals: add --include-proposals to export it.');
      const b = openBackend(needDb(a.db), { mustExist: true, upgrading });
      try {
        const call = typed(b);
        const plain = !a.labels.length && !a.query && !a.done && !a.split;
        // The one-file form of the first release: `--format jsonl --out x.jsonl` writes that file.
        if (format === 'jsonl' && plain && /\.jsonl$/i.test(a.out)) {
          const r = await call('export.toFile', { format: 'jsonl', path: resolve(a.out), replace: a.force, absolutePaths: a.absolutePaths || undefined, layer: a.layer, includeProposals: a.includeProposals || undefined });
          out.error(`Wrote ${plural(r.documents, 'document')} and ${plural(r.spans, 'span')} to ${r.path}`);
          return 0;
        }
        const off = b.on('export.progress', (pr) => process.stderr.isTTY && process.stderr.write(`\r${pr.done}/${pr.total} documents`));
        const r = await call('export.run', {
          format,
          dest: resolve(a.out),
          replace: a.force,
          labels: a.labels,
          docs: a.query ? { kind: 'query', q: a.query } : a.done ? { kind: 'done' } : { kind: 'all' },
          split: a.split ? { ...a.split, seed: a.seed ?? 1 } : undefined,
          negatives: a.negatives,
          seed: a.seed,
          offsets: a.offsets,
          sentences: a.sentences || undefined,
          singletons: a.singletons || undefined,
          absolutePaths: a.absolutePaths || undefined,
          layer: a.layer,
          includeProposals: a.includeProposals || undefined,
        });
        off();
        if (process.stderr.isTTY) process.stderr.write('\n');
        out.error(`Wrote ${plural(r.documents, 'document')}, ${plural(r.spans, 'span')}, ${plural(r.links, 'link')} to ${r.dest}`);
        for (const n of r.notes) out.error(`note: ${n}`);
        out.log(JSON.stringify({ dest: r.dest, files: r.files }));
        return 0;
      } finally {
        b.close();
      }
    }
    case 'delete': {
      const b = openBackend(needDb(a.db), { mustExist: true, upgrading });
      try {
        return await deleteCommand(typed(b), a.paths, a.yes, out, ask);
      } finally {
        b.close();
      }
    }
    case 'stats': {
      const b = openBackend(needDb(a.db), { mustExist: true, upgrading });
      try {
        const s: Stats = await typed(b)('stats.get', {});
        out.log(JSON.stringify(s, null, 2));
        return 0;
      } finally {
        b.close();
      }
    }
    case 'merge': {
      const b = openBackend(needDb(a.db), { mustExist: true, upgrading });
      try {
        return await mergeCommand(typed(b), { paths: a.paths.map((p) => resolve(p)), as: a.as, json: a.json }, out);
      } finally {
        b.close();
      }
    }
    case 'preannotate': {
      const b = openBackend(needDb(a.db), { mustExist: true, upgrading });
      try {
        return await preannotateCommand(typed(b), a, out, (f) => b.on('preannotate.progress', f));
      } finally {
        b.close();
      }
    }
    case 'agreement': {
      const b = openBackend(needDb(a.db), { mustExist: true, upgrading });
      try {
        return await agreementCommand(typed(b), a, out);
      } finally {
        b.close();
      }
    }
    case 'serve': {
      const db = a.db ? resolve(a.db) : await defaultProject(out);
      const host = a.host ?? '127.0.0.1';
      if (host !== '127.0.0.1' && host !== 'localhost') {
        if (!a.allowRemote) {
          throw new UsageError(`--host ${host} would expose your project beyond this machine; add --allow-remote to mean it`);
        }
        out.error(`WARNING: serving on ${host}: anyone who can reach this address and has the token can read and change the project.`);
      }
      // The project's folder (its backups and exports beside it) and what the person allowed; not the home folder.
      const allowedRoots = projectRoots(db, a.allowPaths);
      // The host checks the paths a call names; the backend checks what a folder walk reaches (links) the same way.
      ensureRendererBuilt({ dir: rendererDist, buildScript: join(repoRoot, 'scripts', 'build.mjs'), say: (l) => out.error(l) });
      const b = openBackend(db, { pathCheck: pathChecker(allowedRoots), warm: true, upgrading });
      const server = await startHttpHost({ backend: b, staticDir: rendererDist, port: a.port, host, allowedRoots });
      out.log(server.url);
      out.error(`Serving ${db} (Ctrl+C to stop)`);
      await new Promise<void>((resolveStop) => {
        const stop = () => void server.close().then(() => (b.close(), resolveStop()));
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      return 0;
    }
    default:
      throw new UsageError(`unknown command "${String((a as { command: unknown }).command)}"`);
  }
}

/** The project `npm run web` opens: the sample project in the user data folder, created on first run. */
async function defaultProject(out: Out): Promise<string> {
  const path = join(userDataDir(), SAMPLE_PROJECT_NAME);
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    await createSampleProject(path, sampleCorpusDir);
    out.error(`Created the sample project at ${path}`);
  }
  return path;
}

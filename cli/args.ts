import { parseArgs } from 'node:util';
import { annotatorNameProblem } from '../common/annotators.js';
import { exportFormats, formats, importFormats, offsetUnits, type ExportFormat, type ImportFormat, type OffsetUnit } from '../common/formats.js';

export class UsageError extends Error {
  override name = 'UsageError';
  /** `brief`: the message says all there is to fix; the CLI prints it without the whole usage after it. */
  constructor(
    message: string,
    readonly brief = false,
  ) {
    super(message);
  }
}

/** `  jsonl        Crosscheck JSONL — lossless: …`: one line per format, from the registry (common/formats.ts). */
const formatLines = (ids: readonly string[], withOptions = false) =>
  ids
    .map((id) => {
      const f = formats[id as keyof typeof formats];
      const options = withOptions && 'export' in f && f.export.options.length ? ` [${f.export.options.map((o) => `--${o}`).join(' ')}]` : '';
      return `      ${id.padEnd(12)} ${f.label} — ${f.what}${options}`;
    })
    .join('\n');

export const usage = `Usage: crosscheck <command> [options]

  import <path>... --db <file> [--json] [--format <f>] [--strict] [--offsets codepoint|utf16|grapheme]
         [--encoding NAME] [--label-names 7=claim,8=speaker] [--annotator NAME]
                                            import text files and folders (recursive) or annotated files;
                                            --format auto (the default) tells them apart by extension and content.
                                            What a file holds that cannot be imported is listed as "dropped";
                                            --strict refuses the import instead (exit 1, nothing kept).
                                            --offsets: the unit of a file's offsets (default: the format's own,
                                            or the only one the data allows); --encoding: of plain-text files
                                            (e.g. windows-1250) instead of a guess; --label-names: label ids
                                            to names for files that store ids (doccano 1.x); --annotator:
                                            the layer of spans whose file names no annotator (default: the
                                            current annotator; files with several annotators keep theirs)
  export --db <file> --format <f> --out <path> [--labels claim,figure] [--query "..." | --done]
         [--split 80,10,10] [--seed N] [--negatives K] [--offsets U] [--sentences] [--singletons]
         [--absolute-paths] [--force] [--layer NAME|all] [--include-proposals]
                                            --out is a new folder (jsonl alone may name a .jsonl file);
                                            nothing there is written over: --force replaces only an
                                            earlier Crosscheck export; --negatives, --offsets, --sentences,
                                            --singletons for the formats that list them in [ ] below;
                                            documents' paths are relative to the folder they were imported
                                            from unless --absolute-paths; --layer: one annotator's
                                            layer (gold: the adjudicated one) or all (the default);
                                            every span and link carries its annotator;
                                            the auto layer's proposals are left out unless
                                            --include-proposals (--layer auto needs it)
  preannotate --db <file> [--labels figure,speaker,claim] [--query "..." | --done] [--json]
                                            propose figures, speakers and claims (with said-by and
                                            cites links) in the auto layer, offline; nothing already
                                            proposed, accepted, rejected or tagged is proposed again.
                                            --json: {"documents": N, "proposals": {"<label>": n}, ...}
  serve [--db <file>] [--port N] [--host 127.0.0.1] [--allow-remote] [--allow-path <folder>]...
                                            browser host; prints the URL to open first. File paths in calls
                                            must lie in the project's folder (its backups and exports
                                            folders included) or an --allow-path folder
  stats --db <file>                         JSON counts of documents and annotations per label
  agreement --db <file> [--annotators a,b,…] [--labels claim,speaker] [--query "..." | --done]
         [--per-document] [--json | --csv]
                                            inter-annotator agreement: span F1 (exact, overlap), Cohen's κ,
                                            Krippendorff's α, cluster scores (MUC, B³, CEAF-e, BLANC, CoNLL),
                                            link F1; default annotators: all with spans but auto
  merge <source> --db <file> [--as NAME] [--json]
                                            bring another analyst's work in as their layer(s): a .crosscheck
                                            project or a file/folder in an import format. Spans, links and
                                            cluster names attach to the documents present (same text, any
                                            title or path); new documents are added; nothing here changes;
                                            merging again adds nothing. --as names the layer of a source with
                                            one analyst (or none); several keep their names
  delete --db <file> <id|path>... [--yes]   delete documents (by id or the path they were imported from) with
                                            their annotations and links; asks first, and without a terminal
                                            deletes only with --yes

  import formats (--format):
${formatLines(importFormats.filter((f) => f !== 'auto'))}
  export formats (--format):
${formatLines(exportFormats, true)}
`;

/** The import format `--format` names ('auto' when absent). @throws UsageError naming the formats there are. */
export function importFormatOf(value: string | undefined): ImportFormat {
  const f = value ?? 'auto';
  if (!(importFormats as readonly string[]).includes(f)) throw new UsageError(`--format for import is one of ${importFormats.join(', ')} (got ${f})`);
  return f as ImportFormat;
}

/** The export format `--format` names. @throws UsageError naming the formats there are. */
export function exportFormatOf(value: string | undefined): ExportFormat {
  if (!value || !(exportFormats as readonly string[]).includes(value)) {
    throw new UsageError(`--format must be one of ${exportFormats.join(', ')} (got ${value ?? 'nothing'})`);
  }
  return value as ExportFormat;
}

export function parseCli(argv: string[]) {
  const [command, ...rest] = argv;
  const helpWords = ['--help', '-h', 'help'];
  if (!command || helpWords.includes(command) || rest.some((r) => r === '--help' || r === '-h')) return { command: 'help' as const };
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        db: { type: 'string' },
        json: { type: 'boolean', default: false },
        format: { type: 'string' },
        out: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        'allow-remote': { type: 'boolean', default: false },
        labels: { type: 'string' },
        annotators: { type: 'string' },
        'per-document': { type: 'boolean', default: false },
        csv: { type: 'boolean', default: false },
        layer: { type: 'string' },
        query: { type: 'string' },
        done: { type: 'boolean', default: false },
        split: { type: 'string' },
        seed: { type: 'string' },
        negatives: { type: 'string' },
        'allow-path': { type: 'string', multiple: true },
        force: { type: 'boolean', default: false },
        strict: { type: 'boolean', default: false },
        offsets: { type: 'string' },
        encoding: { type: 'string' },
        'label-names': { type: 'string' },
        sentences: { type: 'boolean', default: false },
        singletons: { type: 'boolean', default: false },
        'absolute-paths': { type: 'boolean', default: false },
        'include-proposals': { type: 'boolean', default: false },
        yes: { type: 'boolean', default: false },
        as: { type: 'string' },
        annotator: { type: 'string' },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const v = parsed.values;
  const port = v.port === undefined ? undefined : Number(v.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new UsageError(`--port must be a number from 0 to 65535, not "${v.port}"`);
  }
  const int = (name: string, v: string | undefined) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a whole number, not "${v}"`);
    return n;
  };
  let split: { train: number; dev: number; test: number } | undefined;
  if (v.split !== undefined) {
    const parts = v.split.split(',').map(Number);
    if (parts.length !== 3 || parts.some((x) => !Number.isFinite(x) || x < 0) || parts.reduce((a, b) => a + b, 0) <= 0) {
      throw new UsageError(`--split takes three ratios for train,dev,test such as 80,10,10, not "${v.split}"`);
    }
    split = { train: parts[0], dev: parts[1], test: parts[2] };
  }
  if (v.offsets !== undefined && !(offsetUnits as readonly string[]).includes(v.offsets)) {
    throw new UsageError(`--offsets is one of ${offsetUnits.join(', ')} (got ${v.offsets})`);
  }
  let labelNames: Record<string, string> | undefined;
  if (v['label-names'] !== undefined) {
    labelNames = {};
    for (const pair of v['label-names'].split(',')) {
      const m = /^\s*([^=\s]+)\s*=\s*(.+?)\s*$/.exec(pair);
      if (!m) throw new UsageError(`--label-names takes id=name pairs such as 7=claim,8=speaker, not "${pair}"`);
      labelNames[m[1]] = m[2];
    }
  }
  if (v.query !== undefined && v.done) throw new UsageError('--query and --done choose the documents in two ways; give one');
  if (command === 'preannotate' && v.labels !== undefined && !v.labels.split(',').some((l) => l.trim())) {
    throw new UsageError('--labels needs at least one label (labels: figure, speaker, claim); leave it out for all three', true);
  }
  const annotatorProblem = v.annotator === undefined ? null : annotatorNameProblem(v.annotator, true);
  if (annotatorProblem) throw new UsageError(`--annotator: ${annotatorProblem}`);
  return {
    labels: v.labels ? v.labels.split(',').map((l) => l.trim()).filter(Boolean) : [],
    annotators: v.annotators ? v.annotators.split(',').map((n) => n.trim()).filter(Boolean) : undefined,
    perDocument: v['per-document'] ?? false,
    csv: v.csv ?? false,
    layer: v.layer,
    query: v.query,
    done: v.done ?? false,
    split,
    seed: int('seed', v.seed),
    negatives: int('negatives', v.negatives),
    command: command as 'import' | 'export' | 'serve' | 'stats' | 'delete' | 'agreement' | 'merge' | 'preannotate',
    as: v.as,
    annotator: v.annotator?.trim(),
    paths: parsed.positionals,
    db: v.db,
    json: v.json ?? false,
    format: v.format,
    out: v.out,
    port,
    host: v.host,
    allowRemote: v['allow-remote'] ?? false,
    allowPaths: (v['allow-path'] as string[] | undefined) ?? [],
    force: v.force ?? false,
    strict: v.strict ?? false,
    offsets: v.offsets as OffsetUnit | undefined,
    encoding: v.encoding,
    labelNames,
    sentences: v.sentences ?? false,
    singletons: v.singletons ?? false,
    absolutePaths: v['absolute-paths'] ?? false,
    includeProposals: v['include-proposals'] ?? false,
    yes: v.yes ?? false,
  };
}

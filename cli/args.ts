import { parseArgs } from 'node:util';

export class UsageError extends Error {
  override name = 'UsageError';
}

export const usage = `Usage: crosscheck <command> [options]

  import <path>... --db <file> [--json]     import .txt/.md files and folders (recursive)
  export --db <file> --format jsonl --out <file>
  serve [--db <file>] [--port N] [--host 127.0.0.1] [--allow-remote]
                                            browser host; prints the URL to open first
  stats --db <file>                         JSON counts of documents and annotations per label
`;

export function parseCli(argv: string[]) {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') return { command: 'help' as const };
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
  return {
    command: command as 'import' | 'export' | 'serve' | 'stats',
    paths: parsed.positionals,
    db: v.db,
    json: v.json ?? false,
    format: v.format,
    out: v.out,
    port,
    host: v.host,
    allowRemote: v['allow-remote'] ?? false,
  };
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCli, UsageError } from './args.js';
import { runCli } from './commands.js';

const layers = fileURLToPath(new URL('../services/formats/fixtures/layers/', import.meta.url));

/** Runs the CLI in-process; returns what it printed. */
async function run(...argv: string[]): Promise<string> {
  const lines: string[] = [];
  const out = { log: (s: string) => void lines.push(s), error: (s: string) => void lines.push(s) };
  await runCli(argv, out);
  return lines.join('\n');
}

test('import --annotator NAME reaches the parsed command (trimmed); a name no layer can have is a usage error', () => {
  assert.equal(parseCli(['import', 'a.jsonl', '--db', 'p', '--annotator', ' dora ']).annotator, 'dora');
  assert.equal(parseCli(['import', 'a.jsonl', '--db', 'p']).annotator, undefined);
  assert.throws(() => parseCli(['import', 'a', '--db', 'p', '--annotator', 'x'.repeat(61)]), (e: Error) => e instanceof UsageError && /--annotator: an annotator name is at most 60 characters/.test(e.message));
  assert.throws(() => parseCli(['import', 'a', '--db', 'p', '--annotator', '   ']), (e: Error) => e instanceof UsageError && /--annotator: an annotator name cannot be empty/.test(e.message));
});

test("crosscheck import: the human report lists the layers written; --annotator names the layer of a file without annotators, and a file's own annotators keep theirs", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-cli-layers-'));
  try {
    const db = join(dir, 'p.crosscheck');
    const before13 = await run('import', join(layers, 'jsonl-before-issue13.jsonl'), '--db', db, '--annotator', 'dora');
    assert.match(before13, /^ {2}layers {5}dora$/m);
    const issue = await run('import', join(layers, 'labelstudio-issue13.json'), '--db', join(dir, 'q.crosscheck'), '--annotator', 'dora');
    assert.match(issue, /^ {2}layers {5}user-2$/m, "the example's colleague keeps their layer");
    assert.match(issue, /1 annotation with no results \(task 1 by user-1\)/);
    const json = JSON.parse(await run('import', join(layers, 'jsonl-two-annotators.jsonl'), '--db', join(dir, 'r.crosscheck'), '--annotator', 'dora', '--json'));
    assert.deepEqual(json.layers, ['ana', 'ben', 'dora']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The absolute path of a module beside this file, for `import` lines in a child script. */
export const beside = (file: string): string => JSON.stringify(fileURLToPath(new URL(file, import.meta.url)));

/**
 * Runs an ES module script in a fresh Node (through tsx) and returns the JSON it printed last on stdout.
 * A child process, because what these tests check either could block a thread for good (a FIFO opened by
 * mistake: the test runner's own timeout cannot fire while its thread is blocked, the spawn timeout here can)
 * or needs a user that file permissions stop. Root ignores permissions (CI runs as root), so with
 * `unprivileged` a root parent runs the script as "nobody" through `setpriv`; without setpriv the test fails
 * saying so, it is never skipped.
 * @param timeoutMs a generous backstop only: the script is expected to finish at once.
 */
export function runScript(script: string, opts: { unprivileged?: boolean; timeoutMs?: number } = {}): unknown {
  const node = [process.execPath, '--import', 'tsx', '--input-type=module', '-e', script];
  const asNobody = !!opts.unprivileged && process.getuid?.() === 0;
  const [cmd, ...args] = asNobody ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', ...node] : node;
  const run = spawnSync(cmd, args, { encoding: 'utf8', cwd: process.cwd(), timeout: opts.timeoutMs ?? 120_000 });
  assert.ok(run.signal !== 'SIGTERM', 'the script did not finish in time: something blocked (a FIFO opened?)');
  assert.equal(run.error, undefined, `could not run ${cmd}: ${String(run.error)}`);
  assert.equal(
    run.status,
    0,
    asNobody && /ERR_MODULE_NOT_FOUND|EACCES/.test(run.stderr)
      ? `user "nobody" cannot reach this checkout (every folder above it needs o+x; .ci/run sets it): ${run.stderr}`
      : run.stderr,
  );
  return JSON.parse(run.stdout.trim().split('\n').pop()!);
}

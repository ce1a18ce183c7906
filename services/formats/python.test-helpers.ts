/**
 * Python for the optional real-tool tests (Hugging Face `datasets`, pandas as the CheckThat! lab's scorer reads
 * files, spaCy): they run our exports through the tools themselves, and are skipped — saying why — where the
 * tool is not installed. Not a test itself.
 *
 * Interpreters tried, in order: $CROSSCHECK_PYTHON, the active virtual environment ($VIRTUAL_ENV/bin/python), a
 * `.venv` at the checkout's top (README: `python3 -m venv .venv && .venv/bin/pip install spacy datasets`, then
 * `npm test` runs them), `python3`, `python`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `.venv/bin/python` at the top of the checkout, where the README's optional-tools step makes it. */
const checkoutVenv = fileURLToPath(new URL('../../.venv/bin/python', import.meta.url));

function candidates(): string[] {
  const list = [
    process.env.CROSSCHECK_PYTHON,
    process.env.VIRTUAL_ENV && join(process.env.VIRTUAL_ENV, 'bin', 'python'),
    existsSync(checkoutVenv) ? checkoutVenv : undefined,
    'python3',
    'python',
  ];
  return [...new Set(list.filter((p): p is string => !!p))];
}

const found = new Map<string, { python: string } | { skip: string }>();

/**
 * The first interpreter that imports every module of `modules` (Python import names), or why there is none, to
 * pass to `t.skip`. `install` is what to pip-install (defaults to the module names). Cached per module list.
 * @example const py = findPython(['datasets']); if ('skip' in py) return t.skip(py.skip);
 */
export function findPython(modules: readonly string[], install = modules.join(' ')): { python: string } | { skip: string } {
  const key = modules.join(',');
  const known = found.get(key);
  if (known) return known;
  const tried = candidates();
  let result: { python: string } | { skip: string } = {
    skip: `${modules.join(', ')} not importable by ${tried.join(', ')}: python3 -m venv .venv && .venv/bin/pip install ${install} (the tests find .venv)`,
  };
  for (const python of tried) {
    const r = spawnSync(python, ['-c', modules.map((m) => `import ${m}`).join('; ')], { encoding: 'utf8', timeout: 120_000 });
    if (r.status === 0) {
      result = { python };
      break;
    }
  }
  found.set(key, result);
  return result;
}

/**
 * Runs a Python script (source text) with `args` (sys.argv[1:]) and returns its stdout. Fails the test with the
 * script's stderr when it exits with an error: a tool refusing our file is a failure, never a skip.
 */
export function runPython(python: string, script: string, args: readonly string[] = [], timeoutMs = 600_000, env?: NodeJS.ProcessEnv): string {
  const r = spawnSync(python, ['-c', script, ...args], { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 << 20, env: env && { ...process.env, ...env } });
  assert.equal(r.error, undefined, `could not run ${python}: ${String(r.error)}`);
  assert.equal(r.status, 0, `${python} failed:\n${r.stderr}`);
  return r.stdout;
}

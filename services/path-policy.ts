import { existsSync, realpathSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { contract, parseArgs, pathsIn, type Method } from '../common/contract.js';
import { AppError } from '../common/errors.js';
import { backupsFolderName, exportsFolderName, projectName } from '../common/project-files.js';

/** Checks one file-system path a call names; throws AppError('InvalidInput') when it may not be used. */
export type PathCheck = (path: string, access: 'read' | 'write') => void;

/** How a refusal reads: who refuses, and how the person allows another folder. */
export interface Refusal {
  who: string;
  hint: string;
}

const browserHost: Refusal = { who: 'this browser host may use', hint: 'restart it with --allow-path <folder> to allow another' };

/**
 * A host's check of the paths a call names: only inside `roots` (the project's folder, and what the person who
 * started the host allowed). Symlinks are resolved first, so a link cannot lead out; a path not written yet is
 * judged by its nearest existing parent. A write is refused, too, when it would create or touch a hidden name
 * (`.bash_profile`, `.ssh/…`, `.config/autostart/…`) below the root: shells, ssh and desktops run what they find
 * there, and no export of Crosscheck is hidden.
 * @param roots folders, absolute or relative to the working directory.
 * @param refusal the words of the error: who refuses and how to allow another folder (default: the browser host's).
 * @throws AppError('InvalidInput') from the returned function, naming the path and the allowed folders.
 */
export function pathChecker(roots: string[], refusal: Refusal = browserHost): PathCheck {
  const real = roots.map((r) => realOrNearest(resolve(r)));
  return (path, access) => {
    const p = realOrNearest(resolve(path));
    const root = real.find((r) => p === r || p.startsWith(r.endsWith(sep) ? r : r + sep));
    if (root === undefined) {
      throw new AppError(
        'InvalidInput',
        `${path} is outside the folders ${refusal.who} (${roots.join(', ')}); ${refusal.hint}.`,
      );
    }
    if (access === 'write' && relative(root, p).split(sep).some((part) => part.startsWith('.'))) {
      throw new AppError('InvalidInput', `${path}: Crosscheck does not write hidden files or into hidden folders; choose a name that does not start with ".".`);
    }
  };
}

/**
 * The folders a browser host may use unless told more: the project's own folder and the backups and exports
 * folders beside it (common/project-files.ts names them), plus each `--allow-path`. Not the home folder: a call
 * with the token could otherwise reach every file the person owns.
 * @param dbPath the project file (absolute or relative to the working directory).
 */
export function projectRoots(dbPath: string, allowPaths: readonly string[] = []): string[] {
  const dir = dirname(resolve(dbPath));
  const name = projectName(dbPath);
  return [dir, join(dir, backupsFolderName(name)), join(dir, exportsFolderName(name)), ...allowPaths.map((p) => resolve(p))];
}

/**
 * Runs `check` on every path the contract says `method` takes (common/contract.ts `paths`), before the call
 * runs: what every host does with a call from a window or tab. `args` are the call's raw arguments; they are
 * validated here (parseArgs) only when the method declares a path, so other calls (an upload of many files
 * among them) are not parsed twice.
 * @throws AppError InvalidInput from parseArgs or from `check`.
 */
export function checkCallPaths(method: Method, args: unknown, check: PathCheck): void {
  if (contract[method].paths.length === 0) return;
  for (const { path, access } of pathsIn(method, parseArgs(method, args))) check(path, access);
}

/** The real path of `p`, or of its nearest existing parent joined with the rest (for files not yet written). */
function realOrNearest(p: string): string {
  let head = p;
  let tail = '';
  while (!existsSync(head)) {
    const up = dirname(head);
    if (up === head) return p;
    tail = tail ? `${head.slice(up.length + 1)}${sep}${tail}` : head.slice(up.length + 1);
    head = up;
  }
  const real = realpathSync(head);
  return tail ? resolve(real, tail) : real;
}

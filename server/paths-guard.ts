import { existsSync, realpathSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { AppError } from '../common/errors.js';

/**
 * The browser host is reachable by any page that has the token, so the file paths it is given (to import from,
 * export or back up to, restore from) must stay inside folders the person who started it allowed: the
 * project's folder, their home, and any `--allow-path`. Symlinks are resolved first, so a link cannot lead out.
 */
export function pathChecker(roots: string[]) {
  const real = roots.map((r) => realOrNearest(resolve(r)));
  return (path: string) => {
    const p = realOrNearest(resolve(path));
    if (!real.some((r) => p === r || p.startsWith(r.endsWith(sep) ? r : r + sep))) {
      throw new AppError(
        'InvalidInput',
        `${path} is outside the folders this browser host may use (${roots.join(', ')}); restart it with --allow-path <folder> to allow another.`,
      );
    }
  };
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

/** The file paths inside a call's arguments, by method: what the host must check before passing it on. */
export function pathsIn(method: string, args: unknown): string[] {
  const a = (args ?? {}) as Record<string, unknown>;
  switch (method) {
    case 'import.paths':
      return Array.isArray(a.paths) ? a.paths.filter((x): x is string => typeof x === 'string') : [];
    case 'export.run':
      return typeof a.dest === 'string' ? [a.dest] : [];
    case 'export.toFile':
    case 'project.restore':
      return typeof a.path === 'string' ? [a.path] : [];
    default:
      return [];
  }
}

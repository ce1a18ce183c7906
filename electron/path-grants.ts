/**
 * Which file-system paths the window may name in a call (the contract's `paths`, checked by ipc.ts before the
 * call runs): the open project's own folders, and what the person chose in this session — in a native dialog
 * shown by main, or by dropping it on the window. Anything else, `~/.bashrc` included, is refused, so a page
 * script that slipped into the renderer cannot reach a file the person did not choose.
 *
 * How a drop reaches here: only the preload can tell a dropped File's path (webUtils.getPathForFile; a File made
 * by a script has none), and it reports each path it tells on DROP_CHANNEL, which main accepts from the app's
 * own page only (ipc.ts `createDropHandler`). A renderer whose process itself were compromised could send that
 * message with any path, so a drop grants reading only: writing needs a dialog main showed, or the project's
 * exports folder.
 */
import { dirname, isAbsolute, join } from 'node:path';
import { AppError } from '../common/errors.js';
import { backupsFolderName, exportsFolderName, projectName } from '../common/project-files.js';
import { pathChecker, type PathCheck } from '../services/path-policy.js';

export type Access = 'read' | 'write';

/** A file or folder (and everything under it) the window may use; 'write' includes reading. */
export interface Grant {
  path: string;
  access: Access;
}

/** The most choices remembered; the oldest are forgotten first (a runaway renderer cannot grow main's memory). */
export const MAX_GRANTS = 1000;

/**
 * The folders Crosscheck keeps beside a project (common/project-files.ts): its backups, which the window may
 * restore from, and its exports, which it may write into. Not the project's whole folder: a project saved in
 * the home folder would otherwise open the whole home folder.
 */
export function projectFolders(projectPath: string): Grant[] {
  const dir = dirname(projectPath);
  const name = projectName(projectPath);
  return [
    { path: join(dir, backupsFolderName(name)), access: 'read' },
    { path: join(dir, exportsFolderName(name)), access: 'write' },
  ];
}

export interface PathGrants {
  /** Remembers paths the person chose (absolute; anything else is ignored). */
  grant(paths: readonly string[], access: Access): void;
  /** The check for ipc.ts `createIpcHandler`; throws AppError('InvalidInput') naming the path when refused. */
  check: PathCheck;
  /** What is granted now, project folders first (for messages and tests). */
  list(): Grant[];
}

/**
 * The session's grants. `projectPath` is read at every check, so switching projects moves the project folders
 * with it; chosen paths stay granted for the session (never written to disk).
 * @throws from `check`: AppError('Internal') when no project is open, AppError('InvalidInput') when refused.
 */
export function createPathGrants(projectPath: () => string | null): PathGrants {
  const picked: Grant[] = [];
  let version = 0;
  // pathChecker resolves its roots' real paths once; rebuild it only when the roots change.
  let cache: { key: string; read: PathCheck; write: PathCheck } | null = null;

  const checkers = (project: string): { read: PathCheck; write: PathCheck } => {
    const key = `${version}\0${project}`;
    if (cache?.key !== key) {
      const all = [...projectFolders(project), ...picked];
      const roots = (access: Access) => all.filter((g) => access === 'read' || g.access === 'write').map((g) => g.path);
      // The words of a refusal to leave the roots are replaced by `refusal` below, which says how to choose instead.
      const who = { who: 'this window may use', hint: 'choose it' };
      cache = { key, read: pathChecker(roots('read'), who), write: pathChecker(roots('write'), who) };
    }
    return cache;
  };

  return {
    grant(paths, access) {
      for (const path of paths) {
        if (typeof path !== 'string' || !isAbsolute(path) || path.includes('\0')) continue;
        picked.push({ path, access });
      }
      picked.splice(0, Math.max(0, picked.length - MAX_GRANTS));
      version++;
    },

    check(path, access) {
      const project = projectPath();
      if (!project) throw new AppError('Internal', 'No project is open.');
      if (path.includes('\0')) throw new AppError('InvalidInput', 'A file path may not contain a NUL character.');
      const inRoots = checkers(project)[access];
      // First whether the path is in a granted root at all (a 'read' check tests only that), with our own words;
      // then the full check for the access, whose other refusals (e.g. hidden names for writes) speak for themselves.
      try {
        inRoots(path, 'read');
      } catch (err) {
        if (!(err instanceof AppError) || err.name !== 'InvalidInput') throw err;
        throw new AppError('InvalidInput', refusal(path, access, project));
      }
      if (access === 'write') inRoots(path, 'write');
    },

    list() {
      const project = projectPath();
      return [...(project ? projectFolders(project) : []), ...picked];
    },
  };
}

/** Says what the window may use instead: the person, not the renderer, picks paths outside the project. */
function refusal(path: string, access: Access, project: string): string {
  const [backups, exports] = projectFolders(project).map((g) => g.path);
  return access === 'write'
    ? `${path} was not chosen as a destination in this window. Export into the project's exports folder ` +
        `(${exports}), or choose a file elsewhere with File ▸ Export JSONL to a File….`
    : `${path} was not chosen in this window. Choose it with File ▸ Import Files… or Import Folder…, drop it ` +
        `on the window, or restore from the project's backups folder (${backups}).`;
}

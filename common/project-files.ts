/**
 * How a project file names itself and the folders Crosscheck keeps beside it. One place, so the window title,
 * `project.info`, backups, restore and export folders all agree. Pure string work (no node:path), so the
 * renderer may use it too; both `/` and `\` separate folders.
 */

/** `/data/Mosul desk.crosscheck` → `Mosul desk`: the file's name without its folder and its last extension. */
export function projectName(path: string): string {
  const file = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = file.lastIndexOf('.');
  return dot > 0 ? file.slice(0, dot) : file;
}

/** The folder beside the project that holds its backups: `Mosul desk backups`. */
export const backupsFolderName = (name: string) => `${name} backups`;

/** The folder beside the project that new exports go into: `Mosul desk exports`. */
export const exportsFolderName = (name: string) => `${name || 'crosscheck'} exports`;

/**
 * Handing an export to the person (the contract's `export.deliver`, declared `delivers`): what is handed over, and
 * its bytes as the browser host sends them: one file as it is, a folder as a zip streamed file by file (fflate),
 * so that a large export never sits in memory whole. Only exports are handed over: a path in the project's exports
 * folder, or one an export of this process wrote (a folder the person typed elsewhere).
 */
import { constants, createReadStream, existsSync, lstatSync, openSync, readdirSync, realpathSync, type Stats } from 'node:fs';
import { once } from 'node:events';
import { basename, dirname, extname, join, resolve, sep } from 'node:path';
import type { Writable } from 'node:stream';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { AppError } from '../../common/errors.js';
import type { Result } from '../../common/contract.js';
import { exportsFolderName } from '../../common/project-files.js';

export type Delivery = Result<'export.deliver'>;

/** Paths exports of this process wrote (export.run's folders, export.toFile's files), resolved. */
const written = new Set<string>();

/** Remembers that an export wrote `path` (a folder or a file), so that it may be handed over wherever it is. */
export function recordExported(path: string): void {
  written.add(resolve(path));
  if (existsSync(path)) written.add(realpathSync(path));
}

/**
 * `path` with every link in it followed, or null when it is not there. Checking the real path (not the spelling)
 * is what keeps a link inside the exports folder (`exports/up -> /`) from handing over the files it points to.
 */
function real(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

/** Opens a regular file for reading without following a link put in its place since it was checked. */
function readNoFollow(path: string) {
  return createReadStream('', { fd: openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0)) });
}

/** Whether `path` is `dir` or lies inside it. */
const within = (path: string, dir: string) => path === dir || path.startsWith(dir + sep);

/** Regular files under `dir` (relative paths, platform separators, sorted) and every folder, empty ones too. */
function walk(dir: string, rel = '', out = { files: [] as string[], dirs: [] as string[] }) {
  for (const name of readdirSync(join(dir, rel)).sort()) {
    const r = rel ? join(rel, name) : name;
    const st = lstatSync(join(dir, r));
    if (st.isDirectory()) {
      out.dirs.push(r);
      walk(dir, r, out);
    } else if (st.isFile()) out.files.push(r);
    // Links, pipes and devices are none of an export's: left out, never followed.
  }
  return out;
}

/**
 * What handing over `dest` means: the file itself, the one file of a one-file folder (named after the folder:
 * `jsonl 2026-11-25 031245.jsonl`), or the folder as `<folder>.zip`.
 * @param project the open project's path and name (its exports folder is beside it)
 * @throws AppError('InvalidInput') when `dest` is missing, a link, or not an export of this project
 */
export function describeDelivery(dest: string, project: { path: string; name: string }): Delivery {
  const path = resolve(dest);
  const exportsDir = resolve(dirname(project.path), exportsFolderName(project.name));
  const realPath = real(path);
  const realExports = real(exportsDir);
  // Both the spelling and the real path must be an export: a link anywhere along the way leads elsewhere.
  const isExport = (p: string, dir: string | null) => written.has(p) || (dir !== null && within(p, dir));
  if (!isExport(path, exportsDir) || (realPath !== null && !isExport(realPath, realExports))) {
    throw new AppError('InvalidInput', `${dest} is not an export of this project; only exports can be handed over.`);
  }
  let st: Stats;
  try {
    st = lstatSync(path);
  } catch {
    throw new AppError('InvalidInput', `${dest} is not there any more.`);
  }
  if (st.isFile()) return { path, name: basename(path), kind: 'file', files: 1, bytes: st.size };
  if (!st.isDirectory()) throw new AppError('InvalidInput', `${dest} is neither a file nor a folder.`);
  const { files, dirs } = walk(path);
  if (files.length === 1 && dirs.length === 0) {
    const only = join(path, files[0]);
    return { path: only, name: `${basename(path)}${extname(only)}`, kind: 'file', files: 1, bytes: lstatSync(only).size };
  }
  const bytes = files.reduce((n, f) => n + lstatSync(join(path, f)).size, 0);
  return { path, name: `${basename(path)}.zip`, kind: 'zip', files: files.length, bytes };
}

/**
 * Writes what `d` names to `out`: the file's bytes, or a zip whose one top folder is the export folder (empty
 * split folders included), compressed file by file and written as it goes, pausing while `out` is full.
 * Does not end `out` on failure; the caller destroys it.
 */
export async function streamDelivery(d: Delivery, out: Writable): Promise<void> {
  if (d.kind === 'file') {
    for await (const chunk of readNoFollow(d.path)) await write(out, chunk as Buffer);
    out.end();
    return;
  }
  const top = basename(d.path);
  const { files, dirs } = walk(d.path);
  let failure: Error | null = null;
  const zip = new Zip((err, chunk, final) => {
    if (err) failure = err;
    else if (!out.destroyed) {
      out.write(chunk);
      if (final) out.end();
    }
  });
  const entry = (rel: string) => `${top}/${rel.split(sep).join('/')}`;
  for (const dir of dirs) {
    const folder = new ZipPassThrough(`${entry(dir)}/`);
    zip.add(folder);
    folder.push(new Uint8Array(0), true);
  }
  for (const rel of files) {
    const file = new ZipDeflate(entry(rel), { level: 5 });
    zip.add(file);
    let pending: Buffer | null = null;
    // One chunk behind, so that the last one goes with `final`.
    for await (const chunk of readNoFollow(join(d.path, rel))) {
      if (pending) file.push(pending);
      pending = chunk as Buffer;
      if (out.destroyed) throw new AppError('Cancelled', 'The download was closed.');
      if (out.writableNeedDrain) await drained(out);
    }
    file.push(pending ?? new Uint8Array(0), true);
    if (failure) throw failure;
  }
  zip.end();
  if (failure) throw failure;
}

/** Writes `chunk`, waiting while `out` is full. */
async function write(out: Writable, chunk: Buffer): Promise<void> {
  if (out.destroyed) throw new AppError('Cancelled', 'The download was closed.');
  if (!out.write(chunk)) await drained(out);
}

/** Until `out` can take more, or is closed (a download cancelled in the browser never drains). */
const drained = (out: Writable) => Promise.race([once(out, 'drain'), once(out, 'close')]);

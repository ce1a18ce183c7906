import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHandlers } from './handlers.js';
import { openProject, type Project } from './project.js';
import { mulberry32 } from '../common/random.js';
import { AppError } from '../common/errors.js';
import type { DeletedDocuments } from '../common/model.js';

const corpus = fileURLToPath(new URL('../samples/corpus', import.meta.url));

/** Runs a write; one the project refuses (an AppError: a twin span, a link across layers) is skipped. */
export async function refusedOrDone<T>(write: () => T | Promise<T>): Promise<T | undefined> {
  try {
    return await write();
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return undefined;
  }
}

/**
 * A project at `path` holding the sample corpus and 40 random spans (claim, speaker or figure, 1–20 characters in
 * the first 220) spread over the layers named (created as needed; `auto` as the reserved layer), by the seeded
 * random numbers the caller goes on drawing from: for the property tests of what triggers keep.
 */
export async function seededProject(path: string, seed: number, layerNames: string[]) {
  const p = openProject(path);
  const h = createHandlers(p, () => {});
  const r = await h['import.paths']({ paths: [corpus], format: 'auto' });
  const docs = r.imported.map((d) => d.id);
  const rand = mulberry32(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const layers = [p.annotators.currentId(), ...layerNames.map((n) => p.annotators.ensure(n, n === 'auto'))];
  const ids: number[] = [];
  for (let i = 0; i < 40; i++) {
    const start = Math.floor(rand() * 200);
    const a = await refusedOrDone(() => p.annotations.create({ docId: pick(docs), labelId: 1 + Math.floor(rand() * 3), start, end: start + 1 + Math.floor(rand() * 20), annotatorId: pick(layers) }));
    if (a) ids.push(a.id);
  }
  return { p, h, docs, rand, pick, layers, ids };
}

/**
 * Two steps of the property tests over a seeded project: delete one random document (two are always kept) into a
 * trash, and restore the last one deleted, as undo does.
 */
export function documentTrashSteps({ p, h, pick }: Pick<Awaited<ReturnType<typeof seededProject>>, 'p' | 'h' | 'pick'>) {
  const trash: DeletedDocuments[] = [];
  return {
    'delete document': async () => {
      const live = p.documents.ids('imported', 'asc', {});
      if (live.length > 2) trash.push((await h['documents.deleteMany']({ ids: [pick(live)] })).deleted);
    },
    'restore document': async () => {
      const b = trash.pop();
      if (b) await h['documents.restore']({ deleted: b });
    },
  };
}

/**
 * The project a property test writes to, `dir/p<seed>.crosscheck`, made by `make`, and beside it a colleague's
 * (`colleague`: `dir/o<seed>.crosscheck`, made by `make` from another seed, its annotator renamed Kim, closed) for
 * the tests' project-merge step.
 */
export async function withColleague<S extends { p: Project }>(
  dir: string,
  seed: number,
  make: (path: string, seed: number) => Promise<S>,
): Promise<S & { colleague: string }> {
  const s = await make(join(dir, `p${seed}.crosscheck`), seed);
  const colleague = join(dir, `o${seed}.crosscheck`);
  const other = await make(colleague, seed + 100);
  other.p.annotators.rename(other.p.annotators.currentId(), 'Kim');
  other.p.close();
  return { ...s, colleague };
}

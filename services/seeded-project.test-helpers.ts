import { fileURLToPath } from 'node:url';
import { createHandlers } from './handlers.js';
import { openProject } from './project.js';
import { mulberry32 } from '../common/random.js';
import { AppError } from '../common/errors.js';

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

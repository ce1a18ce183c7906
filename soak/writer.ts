/**
 * The child of the crash-safety harness (soak/kill-harness.ts): opens a project and writes to it forever,
 * until the harness kills it with SIGKILL.
 *
 *   node --import tsx soak/writer.ts --db <project> --root <folder for generated imports> --seed <n> --life <n>
 *
 * Protocol, one JSON object per stdout line, each written with a single writeSync (a line is far below
 * PIPE_BUF, so a kill never leaves half a line, and a line written is in the pipe before the next step runs):
 *   {"t":"ready", ...}                         the project is open
 *   {"t":"begin","seq":n,"op":{...}}           a write is about to be called (its intent, so that the harness
 *                                              can settle an in-flight write after the kill)
 *   {"t":"ack","seq":n,...}                    that write's call RESOLVED (its transaction committed): from
 *                                              here on the harness requires it to be in the file
 *   {"t":"error","seq":n,"message":...}        a write failed that should not have: a harness failure
 *
 * Everything written is derived from (seed, life, seq) by a seeded PRNG, so that a rerun with the same seed
 * makes the same requests. Notes are unique ("L<life>#<seq>"), batch tags are unique ("bt<life>x<k>"), and
 * every imported document's path and text carry its batch tag and the batch size, so the harness can tell a
 * half-applied import from the file alone.
 */
import { writeSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '../common/random.js';

// ---------------------------------------------------------------------------------------------------------------
// Deterministic randomness (common/random.ts, the one seeded generator the harness uses too).

const WORDS = [
  'minister', 'said', 'budget', 'deficit', 'percent', 'claimed', 'rose', 'fell', 'according', 'report', 'sources',
  'election', 'turnout', 'ministry', 'denied', 'statement', 'figures', 'growth', 'inflation', 'spokesperson',
  'Zürich', 'Øresund', 'naïve', 'café', 'Москва', 'заявил', '東京', '😀', '🇺🇦', '👩‍👩‍👧', 'e\u0301', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
];

/** Shape of a write, as announced in a "begin" line. */
export type Op =
  | { k: 'create'; docId: number; labelId: number; start: number; end: number; note: string; attributes: Record<string, string> }
  | { k: 'update'; id: number; labelId: number; start: number; end: number; note: string }
  | { k: 'delete'; id: number }
  | { k: 'link'; fromId: number; toId: number; typeId: number }
  | { k: 'import'; batch: string; n: number; dir: string };

/** Folder name of a generated import: the batch tag and its file count, which the harness reads back from paths. */
export const batchDirName = (batch: string, n: number) => `${batch}-n${n}`;
export const BATCH_IN_PATH = /(bt\d+x\d+)-n(\d+)[\\/]f\d+\.txt$/;

// ---------------------------------------------------------------------------------------------------------------
// Two ways in: the backend as every host uses it, or (while the backend does not load) the project's
// repositories plus the text importer, called exactly as the handlers call them.

interface Api {
  mode: string;
  hotDocs(limit: number): Promise<{ id: number; text: string }[]>;
  annotations(docId: number): Promise<{ id: number }[]>;
  linkTypes(): Promise<{ id: number }[]>;
  create(op: Extract<Op, { k: 'create' }>): Promise<number>;
  update(op: Extract<Op, { k: 'update' }>): Promise<void>;
  remove(id: number): Promise<void>;
  link(op: Extract<Op, { k: 'link' }>): Promise<number>;
  importFolder(dir: string): Promise<{ imported: number; duplicates: number; skipped: number }>;
}

async function viaBackend(db: string): Promise<Api> {
  const { openBackend } = await import('../services/backend.js');
  const b = openBackend(db);
  const call = (m: string, a: unknown) => b.call(m, a) as Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  return {
    mode: 'backend',
    async hotDocs(limit) {
      const { items } = await call('documents.list', { sort: 'imported', dir: 'asc', limit });
      const out: { id: number; text: string }[] = [];
      for (const d of items as { id: number }[]) out.push({ id: d.id, text: (await call('documents.get', { id: d.id })).text });
      return out;
    },
    annotations: (docId) => call('annotations.listForDocument', { docId }),
    linkTypes: () => call('linkTypes.list', {}),
    create: async ({ docId, labelId, start, end, note, attributes }) =>
      (await call('annotations.create', { docId, labelId, start, end, note, attributes })).id,
    update: async ({ id, labelId, start, end, note }) => void (await call('annotations.update', { id, labelId, start, end, note })),
    remove: async (id) => void (await call('annotations.delete', { id })),
    link: async ({ fromId, toId, typeId }) => (await call('links.create', { fromId, toId, typeId })).link.id,
    async importFolder(dir) {
      const r = await call('import.paths', { paths: [dir], format: 'text' });
      return { imported: r.imported.length, duplicates: r.duplicates.length, skipped: r.skipped.length };
    },
  };
}

async function viaProject(db: string, why: string): Promise<Api> {
  const { openProject } = await import('../services/project.js');
  const { importSources, sourcesFromPaths } = await import('../services/import/importer.js');
  const { createSerialQueue } = await import('../common/serial.js');
  const p = openProject(db);
  const inTurn = createSerialQueue();
  return {
    mode: `project (backend did not load: ${why.split('\n')[0].slice(0, 200)})`,
    hotDocs: async (limit) => p.documents.list('imported', 'asc', 0, limit).items.map((d) => ({ id: d.id, text: p.documents.get(d.id).text })),
    annotations: async (docId) => p.annotations.listForDocument(docId),
    linkTypes: async () => p.links.types(),
    create: (op) => inTurn(() => p.annotations.create(op).id),
    update: ({ id, labelId, start, end, note }) => inTurn(() => void p.annotations.update(id, { labelId, start, end, note })),
    remove: (id) => inTurn(() => void p.annotations.delete(id)),
    link: ({ fromId, toId, typeId }) => inTurn(() => p.links.create(fromId, toId, typeId).link.id),
    importFolder: (dir) =>
      inTurn(async () => {
        const { sources, report } = sourcesFromPaths([dir]);
        const r = await importSources(p.db, p.documents, sources, report);
        return { imported: r.imported.length, duplicates: r.duplicates.length, skipped: r.skipped.length };
      }),
  };
}

// ---------------------------------------------------------------------------------------------------------------

/** Every line carries the child's clock (ms), so that the harness can time writes without its own lag. */
const emit = (o: object) => {
  writeSync(1, JSON.stringify({ ...o, at: Math.round(performance.now() * 100) / 100 }) + '\n');
};

/** Code-point length (the child stays free of project modules other than the API it exercises). */
const cpLen = (s: string) => Array.from(s).length;

export const HOT_DOCS = 16;

async function main() {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    if (i < 0 || i + 1 >= process.argv.length) throw new Error(`writer: --${name} is required`);
    return process.argv[i + 1];
  };
  // Never outlive a harness that died without killing us: the harness kills every writer well before this
  // (and a closed stdout already ends us at the next line, with EPIPE).
  setTimeout(() => process.exit(5), 60_000).unref();
  const db = arg('db');
  const root = arg('root');
  const seed = Number(arg('seed'));
  const life = Number(arg('life'));
  const rnd = mulberry32((seed * 1_000_003 + life * 7919) >>> 0);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1)); // inclusive
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];

  let api: Api;
  if (process.env.SOAK_WRITER_MODE === 'project') api = await viaProject(db, 'SOAK_WRITER_MODE=project');
  else {
    try {
      api = await viaBackend(db);
    } catch (e) {
      api = await viaProject(db, (e as Error).message);
    }
  }

  let hot: { id: number; text: string; len: number }[] = [];
  const live = new Map<number, number>(); // annotation id -> doc id
  const refresh = async () => {
    hot = (await api.hotDocs(HOT_DOCS)).map((d) => ({ ...d, len: cpLen(d.text) }));
    live.clear();
    for (const d of hot) for (const a of await api.annotations(d.id)) live.set(a.id, d.id);
  };
  await refresh();
  const typeIds = (await api.linkTypes()).map((t) => t.id).slice(0, 3); // same-as (transitive), contradicts, supports
  emit({ t: 'ready', mode: api.mode, life, hot: hot.length, live: live.size, pid: process.pid });

  let seq = 0;
  let batchNo = 0;
  const createdThisLife: number[] = [];
  const linked = new Set<string>();

  /** Announces, calls, acknowledges. A rejected call is reported and ends the child (the harness fails). */
  async function write<T>(op: Op, run: () => Promise<T>, ack: (r: T) => object = () => ({})): Promise<T> {
    const s = ++seq;
    emit({ t: 'begin', seq: s, op });
    let r: T;
    try {
      r = await run();
    } catch (e) {
      emit({ t: 'error', seq: s, op, message: `${(e as Error).name}: ${(e as Error).message}` });
      process.exit(3);
    }
    emit({ t: 'ack', seq: s, ...ack(r) });
    return r;
  }

  const randomSpan = (len: number) => {
    const start = int(0, len - 2);
    const end = Math.min(len, start + int(1, 60));
    return { start, end };
  };

  async function annotationOp() {
    const r = rnd();
    if (live.size === 0 || r < 0.4) {
      const d = pick(hot);
      const { start, end } = randomSpan(d.len);
      const note = `L${life}#${seq + 1} ${pick(WORDS)}`;
      const op: Op = { k: 'create', docId: d.id, labelId: int(1, 3), start, end, note, attributes: { life: String(life), seq: String(seq + 1) } };
      const id = await write(op, () => api.create(op), (id) => ({ id }));
      live.set(id, d.id);
      createdThisLife.push(id);
    } else if (r < 0.65) {
      const id = pick([...live.keys()]);
      const d = hot.find((h) => h.id === live.get(id))!;
      const { start, end } = randomSpan(d.len);
      const op: Op = { k: 'update', id, labelId: int(1, 3), start, end, note: `L${life}#${seq + 1}u ${pick(WORDS)}` };
      await write(op, () => api.update(op));
    } else if (r < 0.8 || createdThisLife.length === 0 || live.size < 2) {
      const id = pick([...live.keys()]);
      await write({ k: 'delete', id }, () => api.remove(id));
      live.delete(id);
      const i = createdThisLife.indexOf(id);
      if (i >= 0) createdThisLife.splice(i, 1);
    } else {
      // `from` was created in this life, so no earlier life can have linked it: no duplicate link is ever asked for.
      const fromId = pick(createdThisLife);
      const toId = pick([...live.keys()].filter((x) => x !== fromId));
      const typeId = pick(typeIds);
      const key = `${Math.min(fromId, toId)}-${Math.max(fromId, toId)}-${typeId}`;
      if (linked.has(key)) return;
      linked.add(key);
      const op: Op = { k: 'link', fromId, toId, typeId };
      await write(op, () => api.link(op), (id) => ({ id }));
    }
  }

  async function importBatch() {
    batchNo++;
    const batch = `bt${life}x${batchNo}`;
    // Over 250 files, the importer yields to the event loop mid-transaction (between chunks): kills land there too.
    const n = int(20, 600);
    const dir = join(root, batchDirName(batch, n));
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < n; i++) {
      const words: string[] = [];
      const count = int(20, 160);
      for (let w = 0; w < count; w++) words.push(pick(WORDS));
      const eol = rnd() < 0.2 ? '\r\n' : '\n';
      // The batch token (letters and digits only) lets the harness count the batch through the FTS index.
      const body = `Report ${batch} file ${i}${eol}${eol}${batch}tok ${words.join(' ')}.${eol}`;
      writeFileSync(join(dir, `f${String(i).padStart(4, '0')}.txt`), (rnd() < 0.1 ? '\uFEFF' : '') + body);
    }
    const r = await write({ k: 'import', batch, n, dir }, () => api.importFolder(dir), (r) => ({ batch, files: n, ...r }));
    if (r.imported !== n) {
      emit({ t: 'error', seq, message: `import ${batch}: ${r.imported} of ${n} files imported (${r.duplicates} duplicates, ${r.skipped} skipped)` });
      process.exit(3);
    }
  }

  for (;;) {
    if (hot.length < HOT_DOCS) {
      await importBatch();
      await refresh();
      continue;
    }
    const k = int(5, 45);
    for (let i = 0; i < k; i++) await annotationOp();
    await importBatch();
  }
}

const isMain = process.argv[1] && /writer\.[cm]?[tj]s$/.test(process.argv[1]);
if (isMain) {
  main().catch((e) => {
    emit({ t: 'error', seq: -1, message: `writer crashed: ${(e as Error)?.stack ?? String(e)}` });
    process.exit(4);
  });
}

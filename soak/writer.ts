/**
 * The child of the crash-safety harness (soak/kill-harness.ts): opens a project and writes to it forever,
 * until the harness kills it with SIGKILL.
 *
 *   node --import tsx soak/writer.ts --db <project> --root <folder for generated imports> --seed <n> --life <n>
 *                                    [--stop <phase>:<kind>:<nth>]
 *
 * Protocol, one JSON object per stdout line, each written with a single writeSync (a line is far below
 * PIPE_BUF, so a kill never leaves half a line, and a line written is in the pipe before the next step runs):
 *   {"t":"starting"}                           the child runs; the project is not open yet
 *   {"t":"ready", ...}                         the project is open
 *   {"t":"begin","seq":n,"op":{...}}           a write is about to be called (its intent, so that the harness
 *                                              can settle an in-flight write after the kill)
 *   {"t":"progress","seq":n,"done":d,"total":t} the import in flight reported progress (import.progress)
 *   {"t":"ack","seq":n,...}                    that write's call RESOLVED (its transaction committed): from
 *                                              here on the harness requires it to be in the file
 *   {"t":"stopped","seq":n,"where":...}        the writer reached its --stop point and waits there to be killed
 *   {"t":"error","seq":n,"message":...}        a write failed that should not have: a harness failure
 *
 * `--stop` pins the kill to a point of progress, whatever the machine's speed: at the nth write of a kind
 * ('import' or 'annotation', which includes links) of this life, the writer stops (blocks its thread) at that
 * phase and waits for SIGKILL:
 *   before-call     announced, not yet called: the write must be absent after the kill
 *   after-call      the call resolved (committed), not yet acknowledged: the write must be there
 *   in-transaction  imports only: at a progress report with files still to go, i.e. inside the import's one
 *                   transaction with part of the batch written: the whole batch must be absent
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
  /** Registers the listener for the import in flight's progress (files done / in all). */
  onImportProgress(cb: (p: { done: number; total: number }) => void): void;
  hotDocs(limit: number): Promise<{ id: number; text: string }[]>;
  annotations(docId: number): Promise<{ id: number; labelId: number; start: number; end: number }[]>;
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
    onImportProgress: (cb) => void b.on('import.progress', cb),
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
  let onProgress: (p: { done: number; total: number }) => void = () => {};
  return {
    mode: `project (backend did not load: ${why.split('\n')[0].slice(0, 200)})`,
    onImportProgress: (cb) => void (onProgress = cb),
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
        const r = await importSources(p.db, p.documents, sources, report, { onProgress: (pr) => onProgress(pr) });
        return { imported: r.imported.length, duplicates: r.duplicates.length, skipped: r.skipped.length };
      }),
  };
}

// ---------------------------------------------------------------------------------------------------------------

/** One protocol line, in one write (see the top of this file). */
const emit = (o: object) => {
  writeSync(1, JSON.stringify(o) + '\n');
};

/** Where `--stop` pins this life's kill (see the top of this file). */
export interface StopPoint {
  phase: 'before-call' | 'after-call' | 'in-transaction';
  kind: 'import' | 'annotation';
  nth: number;
}

/** Parses `<phase>:<kind>:<nth>`; throws on anything else. */
export function parseStop(s: string): StopPoint {
  const m = /^(before-call|after-call|in-transaction):(import|annotation):([1-9]\d*)$/.exec(s);
  if (!m || (m[1] === 'in-transaction' && m[2] !== 'import')) throw new Error(`writer: --stop wants <phase>:<kind>:<nth> (in-transaction only for import), not ${s}`);
  return { phase: m[1] as StopPoint['phase'], kind: m[2] as StopPoint['kind'], nth: Number(m[3]) };
}

/** The harness's pid while it lives: a writer whose harness died (no one left to kill it) ends itself. */
const harnessPid = process.ppid;
const harnessAlive = () => {
  try {
    process.kill(harnessPid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Announces the stop and blocks this thread until the harness's SIGKILL: nothing runs meanwhile, so the kill lands
 * exactly here (inside an open transaction, when called from an import's progress report). Polls that the harness
 * still lives, once a second, only to end an orphan.
 */
function stopHere(seq: number, where: string): never {
  emit({ t: 'stopped', seq, where });
  const cell = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    Atomics.wait(cell, 0, 0, 1000);
    if (!harnessAlive()) process.exit(5);
  }
}

/**
 * Code-point offsets (0 and the length included) of the text's extended grapheme cluster boundaries: spans start
 * and end only there, as the contract requires (a flag, a ZWJ family or a base with its combining mark is one
 * character). Computed here so that the child stays free of project modules other than the API it exercises.
 */
const graphemeBounds = (s: string): number[] => {
  const out = [0];
  let cp = 0;
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(s)) out.push((cp += Array.from(segment).length));
  return out;
};

export const HOT_DOCS = 16;

async function main() {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    if (i < 0 || i + 1 >= process.argv.length) throw new Error(`writer: --${name} is required`);
    return process.argv[i + 1];
  };
  // Never outlive a harness that died without killing us (a closed stdout also ends us, at the next line, with
  // EPIPE). A liveness poll, not a deadline: however slow the machine, a writer with a live harness runs on.
  setInterval(() => harnessAlive() || process.exit(5), 1000).unref();
  const db = arg('db');
  const root = arg('root');
  const seed = Number(arg('seed'));
  const life = Number(arg('life'));
  const stopAt = process.argv.includes('--stop') ? parseStop(arg('stop')) : null;
  emit({ t: 'starting', life, pid: process.pid });
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

  let hot: { id: number; text: string; bounds: number[] }[] = [];
  const live = new Map<number, number>(); // annotation id -> doc id
  // annotation id -> its span: the contract refuses a twin (same document, label and offsets), so none is asked for
  const spanOf = new Map<number, string>();
  const spanKey = (docId: number, labelId: number, start: number, end: number) => `${docId}:${labelId}:${start}:${end}`;
  const twinOf = (key: string, self = 0) => [...spanOf].some(([id, k]) => k === key && id !== self);
  const refresh = async () => {
    hot = (await api.hotDocs(HOT_DOCS)).map((d) => ({ ...d, bounds: graphemeBounds(d.text) }));
    live.clear();
    spanOf.clear();
    for (const d of hot) {
      for (const a of await api.annotations(d.id)) {
        live.set(a.id, d.id);
        spanOf.set(a.id, spanKey(d.id, a.labelId, a.start, a.end));
      }
    }
  };
  await refresh();
  const typeIds = (await api.linkTypes()).map((t) => t.id).slice(0, 3); // same-as (transitive), contradicts, supports
  emit({ t: 'ready', mode: api.mode, life, hot: hot.length, live: live.size, pid: process.pid });

  let seq = 0;
  let batchNo = 0;
  const createdThisLife: number[] = [];
  const linked = new Set<string>();

  // Writes of each kind so far in this life, to find the --stop point.
  const count = { import: 0, annotation: 0 };
  /** Whether the next write of `kind` is the one --stop names (for `phase`, or any phase when omitted). */
  const pinsNext = (kind: StopPoint['kind'], phase?: StopPoint['phase']) =>
    stopAt !== null && stopAt.kind === kind && stopAt.nth === count[kind] + 1 && (phase === undefined || stopAt.phase === phase);

  // The import in flight (set between its begin and its ack): progress reports are tagged with it, and a stop
  // inside its transaction happens at the first report with files still to go.
  let importing: { seq: number; pinned: boolean; midReports: number } | null = null;
  api.onImportProgress(({ done, total }) => {
    if (!importing) return;
    emit({ t: 'progress', seq: importing.seq, done, total });
    if (done < total) {
      importing.midReports++;
      if (importing.pinned) stopHere(importing.seq, `inside import transaction, ${done} of ${total} files written`);
    }
  });

  /** Announces, calls, acknowledges. A rejected call is reported and ends the child (the harness fails). */
  async function write<T>(op: Op, run: () => Promise<T>, ack: (r: T) => object = () => ({})): Promise<T> {
    const s = ++seq;
    const kind = op.k === 'import' ? 'import' : 'annotation';
    const pinned = pinsNext(kind) ? stopAt!.phase : null;
    count[kind]++;
    emit({ t: 'begin', seq: s, op });
    if (pinned === 'before-call') stopHere(s, `${op.k} announced, not called`);
    if (kind === 'import') importing = { seq: s, pinned: pinned === 'in-transaction', midReports: 0 };
    let r: T;
    try {
      r = await run();
    } catch (e) {
      emit({ t: 'error', seq: s, op, message: `${(e as Error).name}: ${(e as Error).message}` });
      process.exit(3);
    }
    if (importing?.pinned) {
      // The stop was never reached: say why rather than leave the harness waiting for a stop that will not come.
      emit({ t: 'error', seq: s, message: `--stop ${stopAt!.phase}: import ${s} reported no progress with files still to go (${importing.midReports} such reports)` });
      process.exit(3);
    }
    importing = null;
    if (pinned === 'after-call') stopHere(s, `${op.k} committed, not acknowledged`);
    emit({ t: 'ack', seq: s, ...ack(r) });
    return r;
  }

  /**
   * A label and a span of 1 to 60 whole characters (grapheme clusters, as code-point offsets) of `doc` that no
   * annotation but `self` has; null when a few draws found none (the caller then skips its write).
   */
  const freshSpan = (doc: { id: number; bounds: number[] }, self = 0) => {
    const { bounds } = doc;
    for (let draw = 0; draw < 8; draw++) {
      const i = int(0, bounds.length - 2);
      const span = { labelId: int(1, 3), start: bounds[i], end: bounds[Math.min(bounds.length - 1, i + int(1, 60))] };
      const key = spanKey(doc.id, span.labelId, span.start, span.end);
      if (!twinOf(key, self)) return { ...span, key };
    }
    return null;
  };

  async function annotationOp() {
    const r = rnd();
    if (live.size === 0 || r < 0.4) {
      const d = pick(hot);
      const span = freshSpan(d);
      if (!span) return;
      const { labelId, start, end } = span;
      const note = `L${life}#${seq + 1} ${pick(WORDS)}`;
      const op: Op = { k: 'create', docId: d.id, labelId, start, end, note, attributes: { life: String(life), seq: String(seq + 1) } };
      const id = await write(op, () => api.create(op), (id) => ({ id }));
      live.set(id, d.id);
      spanOf.set(id, span.key);
      createdThisLife.push(id);
    } else if (r < 0.65) {
      const id = pick([...live.keys()]);
      const d = hot.find((h) => h.id === live.get(id))!;
      const span = freshSpan(d, id);
      if (!span) return;
      const { labelId, start, end } = span;
      const op: Op = { k: 'update', id, labelId, start, end, note: `L${life}#${seq + 1}u ${pick(WORDS)}` };
      await write(op, () => api.update(op));
      spanOf.set(id, span.key);
    } else if (r < 0.8 || createdThisLife.length === 0 || live.size < 2) {
      const id = pick([...live.keys()]);
      await write({ k: 'delete', id }, () => api.remove(id));
      live.delete(id);
      spanOf.delete(id);
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
    // Over 250 files, the importer yields to the event loop mid-transaction (between chunks), reporting progress:
    // kills land there too. An import whose kill is pinned inside its transaction gets enough files for a report.
    const drawn = int(20, 600);
    const n = pinsNext('import', 'in-transaction') ? 300 + (drawn % 301) : drawn;
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

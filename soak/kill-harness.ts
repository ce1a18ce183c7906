/**
 * Crash-safety soak ("nothing lost"): kills a writer with SIGKILL again and again on the same project file, and
 * after every kill opens the file and checks that
 *   - PRAGMA integrity_check is ok and PRAGMA foreign_key_check is empty,
 *   - the external-content FTS index agrees with the documents table: 'integrity-check' (the index is sound)
 *     and 'integrity-check' with rank 1 (the index holds exactly the documents' rows — plain 'integrity-check'
 *     does NOT compare an external-content index with its table), plus one MATCH per import batch,
 *   - every acknowledged write is there (and every acknowledged delete is not), with exactly its content,
 *   - nothing else is: the write that was in flight at the kill is either wholly there or wholly absent,
 *   - no import is half-applied: every batch's documents are all there or none is,
 *   - the cluster cache (annotations.cluster_id) equals the components of the transitive links.
 *
 *   npx tsx soak/kill-harness.ts [--kills N] [--seed K] [--keep] [--backstop S]
 *
 * The run is bounded by count, never by the clock: exactly N lives, each ended by one kill at a point the writer
 * reached by progress (see `Plan`), so that what is checked does not depend on how busy the machine is. Every
 * other life pins its kill (the writer stops at a given point and waits for it: inside an import's transaction,
 * after a call committed but before its ack, after an announcement but before the call); the others kill as soon
 * as a given line arrives (the nth ack, an import's start or progress, the start-up), and the writer, running on,
 * is caught wherever the scheduler has taken it — inside a COMMIT's fsync included. The only clock is a per-life
 * backstop (`--backstop`, default 300 s) against a writer that hangs; a life takes a second or two, several on a
 * loaded machine, so it cannot trip on a slow but healthy one, and it says so when it does.
 *
 * Prints a summary table and exits 1 on any failure. `runSoak` is the same thing for tests. The after-kill
 * check is soak/check.ts; it reads the file through db/audit.ts.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Op } from './writer.js';
import { applyOp, checkProject, emptyModel } from './check.js';
import { mulberry32 } from '../common/random.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..');
const writerPath = join(here, 'writer.ts');

/** Default per-life hang guard, in seconds: far above any healthy life (1–3 s here, a few more under load). */
export const LIFE_BACKSTOP_SECONDS = 300;

export interface SoakOptions {
  /** Kills to perform: the run is exactly this many lives, each ended by one kill (default 60). */
  kills?: number;
  seed?: number;
  /** Seconds a life may take to reach its kill point before it is killed anyway and reported as a hang. */
  backstopSeconds?: number;
  /** Keep the temporary project folder (it is always kept when something failed). */
  keep?: boolean;
  /** Progress lines; silent when omitted. */
  log?: (line: string) => void;
}

export interface SoakSummary {
  seed: number;
  mode: string;
  kills: number;
  /** Kills at a point the writer stopped at and waited (see `Plan`), and kills on the arrival of a line. */
  killsPinned: number;
  killsOnArrival: number;
  killsDuringImports: number;
  killsDuringAnnotationWrites: number;
  /** Kills while the writer was starting, between two writes, or preparing an import's files. */
  killsElsewhere: number;
  /** Acknowledged writes (annotation creates/updates/deletes, links, imports) over all lives. */
  acknowledgedWrites: number;
  /** In-flight writes at a kill that turned out committed / not committed. */
  inFlightCommitted: number;
  inFlightAbsent: number;
  /** Of the kills during imports, those that hit after the COMMIT (all documents there) and before the ack. */
  importsCommittedAtKill: number;
  /** Of the kills during imports, those that hit inside its transaction with part of the batch written. */
  importsKilledMidTransaction: number;
  /** Sum over all checks of the acknowledged writes each one verified (every check verifies the whole history). */
  acknowledgedWritesVerified: number;
  /** Final state, for the record. */
  documents: number;
  annotations: number;
  links: number;
  batches: number;
  failures: string[];
  /** Wall time of the run, for the record only: nothing depends on it. */
  seconds: number;
  projectDir: string;
}

/** One line the writer prints (soak/writer.ts describes the protocol). */
type Line =
  | { t: 'starting' }
  | { t: 'ready'; mode: string; life: number; hot: number; live: number }
  | { t: 'begin'; seq: number; op: Op }
  | { t: 'progress'; seq: number; done: number; total: number }
  | { t: 'ack'; seq: number; id?: number; batch?: string; files?: number; imported?: number }
  | { t: 'stopped'; seq: number; where: string }
  | { t: 'error'; seq: number; message: string };

/**
 * Where a life's kill goes, as a point of progress (never a time):
 *   pinned     the writer is started with `--stop <point>`, stops there and waits; the kill follows its "stopped"
 *              line, so it lands exactly there, and the write in flight must then be `expect` (committed/absent);
 *   on-arrival the kill is sent when the harness reads the nth line of a kind; the writer runs on meanwhile, so
 *              it lands a little later, wherever the writer got to (the randomness a crash test needs).
 */
type Plan =
  | { kind: 'pinned'; stop: string; expect: 'committed' | 'absent'; what: string }
  | { kind: 'on-arrival'; line: 'starting' | 'ack' | 'import-begin' | 'import-progress'; nth: number; what: string };

/**
 * The plan of life `life`: odd lives pin, in turn, each of the four points below (so that any 8 lives pin every
 * one, and a 12-kill run pins each at least once); even lives kill on arrival of a line drawn by the seeded PRNG.
 */
function planFor(life: number, rnd: () => number): Plan {
  if (life % 2 === 1) {
    const j = 1 + Math.floor(rnd() * 30);
    const pins: Plan[] = [
      { kind: 'pinned', stop: 'in-transaction:import:1', expect: 'absent', what: 'pinned inside an import transaction' },
      { kind: 'pinned', stop: `before-call:annotation:${j}`, expect: 'absent', what: `pinned before annotation write ${j}` },
      { kind: 'pinned', stop: 'after-call:import:1', expect: 'committed', what: 'pinned after an import committed' },
      { kind: 'pinned', stop: `after-call:annotation:${j}`, expect: 'committed', what: `pinned after annotation write ${j}` },
    ];
    return pins[((life - 1) / 2) % pins.length];
  }
  const r = rnd();
  if (r < 0.15) return { kind: 'on-arrival', line: 'starting', nth: 1, what: 'at start-up' };
  if (r < 0.6) {
    const n = 1 + Math.floor(rnd() * 50);
    return { kind: 'on-arrival', line: 'ack', nth: n, what: `on ack ${n}` };
  }
  if (r < 0.8) return { kind: 'on-arrival', line: 'import-begin', nth: 1, what: 'on an import start' };
  return { kind: 'on-arrival', line: 'import-progress', nth: 1, what: 'on import progress' };
}

interface Life {
  lines: Line[];
  stderr: string;
  /** How the child ended: 'SIGKILL' when we killed it, else its exit code. */
  ended: string;
  /** The backstop killed it: it never reached its kill point. */
  hung: boolean;
}

/** Runs one writer until the kill its plan calls for (or the backstop's) and returns what it printed. */
function runLife(o: { dbPath: string; root: string; seed: number; life: number; plan: Plan; backstopSeconds: number }): Promise<Life> {
  return new Promise((resolve) => {
    const args = [writerPath, '--db', o.dbPath, '--root', o.root, '--seed', String(o.seed), '--life', String(o.life)];
    if (o.plan.kind === 'pinned') args.push('--stop', o.plan.stop);
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env } });
    const lines: Line[] = [];
    let buf = '';
    let stderr = '';
    let hung = false;
    const killNow = () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    };
    // A hang guard only (see LIFE_BACKSTOP_SECONDS): the kill normally follows a line, below.
    const backstop = setTimeout(() => {
      hung = true;
      killNow();
    }, o.backstopSeconds * 1000);
    let seen = 0;
    let importSeq = -1;
    const reached = (line: Line): boolean => {
      const p = o.plan;
      if (p.kind === 'pinned') return line.t === 'stopped';
      if (line.t === 'begin' && line.op.k === 'import') importSeq = line.seq;
      const counts =
        (p.line === 'starting' && line.t === 'starting') ||
        (p.line === 'ack' && line.t === 'ack') ||
        (p.line === 'import-begin' && line.t === 'begin' && line.op.k === 'import') ||
        // An import reports progress at least at its end; its ack stands in should an importer report none.
        (p.line === 'import-progress' && (line.t === 'progress' || (line.t === 'ack' && line.seq === importSeq)));
      return counts && ++seen === p.nth;
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buf += chunk;
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const raw = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        let line: Line;
        try {
          line = JSON.parse(raw) as Line;
        } catch {
          line = { t: 'error', seq: -1, message: `unreadable line from the writer: ${raw.slice(0, 200)}` };
        }
        lines.push(line);
        if (reached(line)) killNow();
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (c: string) => {
      if (stderr.length < 20_000) stderr += c;
    });
    child.on('close', (code, signal) => {
      clearTimeout(backstop);
      // A last line without its newline was not fully written: it is neither an announcement nor an ack.
      resolve({ lines, stderr, ended: signal ?? `exit code ${code}`, hung });
    });
  });
}

export async function runSoak(opts: SoakOptions = {}): Promise<SoakSummary> {
  const kills = opts.kills ?? 60;
  const seed = opts.seed ?? 20240611;
  const backstopSeconds = opts.backstopSeconds ?? LIFE_BACKSTOP_SECONDS;
  const log = opts.log ?? (() => {});
  const rnd = mulberry32(seed);
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-soak-'));
  const dbPath = join(dir, 'soak.crosscheck');
  const root = join(dir, 'imports');
  mkdirSync(root);
  const model = emptyModel();
  const s: SoakSummary = {
    seed,
    mode: '',
    kills: 0,
    killsPinned: 0,
    killsOnArrival: 0,
    killsDuringImports: 0,
    killsDuringAnnotationWrites: 0,
    killsElsewhere: 0,
    acknowledgedWrites: 0,
    inFlightCommitted: 0,
    inFlightAbsent: 0,
    importsCommittedAtKill: 0,
    importsKilledMidTransaction: 0,
    acknowledgedWritesVerified: 0,
    documents: 0,
    annotations: 0,
    links: 0,
    batches: 0,
    failures: [],
    seconds: 0,
    projectDir: dir,
  };
  const t0 = Date.now();

  for (let life = 1; life <= kills; life++) {
    const plan = planFor(life, rnd);
    const lifeStart = Date.now();
    const L = await runLife({ dbPath, root, seed, life, plan, backstopSeconds });
    const failuresBefore = s.failures.length;
    const fail = (m: string) => s.failures.push(`life ${life} (${plan.what}): ${m}`);
    if (L.hung) {
      fail(
        `BACKSTOP: the writer did not reach its kill point within ${backstopSeconds} s and was killed anyway. This bound ` +
          `only guards against a hang (a healthy life takes seconds, even on a loaded machine): the writer hangs, or the ` +
          `machine is stalled. Last lines: ${JSON.stringify(L.lines.slice(-3))}; stderr: ${L.stderr.slice(-1000)}`,
      );
    } else if (L.ended !== 'SIGKILL') fail(`the writer ended by itself (${L.ended}) instead of being killed: ${L.stderr.slice(-2000)}`);
    if (L.ended === 'SIGKILL') s.kills++;
    if (L.ended === 'SIGKILL' && !L.hung) s[plan.kind === 'pinned' ? 'killsPinned' : 'killsOnArrival']++;

    // Replay what the writer printed: acknowledged writes go into the model.
    let pending: { seq: number; op: Op } | null = null;
    let stopped: { seq: number; where: string } | null = null;
    let midTransaction = false;
    for (const line of L.lines) {
      if (line.t === 'ready') {
        s.mode ||= line.mode;
      } else if (line.t === 'begin') {
        if (pending) fail(`write ${pending.seq} was never acknowledged before write ${line.seq} began`);
        pending = { seq: line.seq, op: line.op };
        midTransaction = false;
      } else if (line.t === 'progress') {
        midTransaction = pending?.seq === line.seq && line.done < line.total;
      } else if (line.t === 'stopped') {
        stopped = line;
      } else if (line.t === 'ack') {
        if (!pending || pending.seq !== line.seq) fail(`ack of write ${line.seq} that was not in flight`);
        else {
          applyOp(model, pending.op, line.id);
          s.acknowledgedWrites++;
          pending = null;
        }
      } else if (line.t === 'error') {
        fail(`writer error: ${line.message}`);
        pending = null;
      }
    }
    const inFlight = pending?.op ?? null;
    if (inFlight?.k === 'import') s.killsDuringImports++;
    else if (inFlight) s.killsDuringAnnotationWrites++;
    else s.killsElsewhere++;

    const { failures, settled } = checkProject(dbPath, model, inFlight);
    for (const f of failures) fail(f);
    if (settled === 'committed') s.inFlightCommitted++;
    if (settled === 'committed' && inFlight?.k === 'import') s.importsCommittedAtKill++;
    if (settled === 'absent') s.inFlightAbsent++;
    if (inFlight?.k === 'import' && midTransaction && stopped) s.importsKilledMidTransaction++;
    s.acknowledgedWritesVerified += s.acknowledgedWrites;

    // A pinned kill landed where the writer stopped, so what the file holds of that write is known in advance.
    if (plan.kind === 'pinned' && L.ended === 'SIGKILL' && !L.hung) {
      if (!stopped) fail('the writer was killed at its stop point but never said it stopped');
      else if (stopped.seq !== pending?.seq) fail(`the writer stopped at write ${stopped.seq}, but write ${pending?.seq ?? '-'} was in flight`);
      else if (settled !== plan.expect) fail(`killed at "${stopped.where}", the write should be ${plan.expect}, and is ${settled ?? 'unsettled'}`);
    }

    // A writer that stopped by itself (could not start, a write failed) or hung makes every further life meaningless.
    if (L.ended !== 'SIGKILL' || L.hung) break;

    const where = inFlight ? (inFlight.k === 'import' ? `during import ${inFlight.batch}` : `during ${inFlight.k}`) : 'between writes';
    log(
      `kill ${String(s.kills).padStart(3)}  ${plan.what.padEnd(36)} landed ${where.padEnd(24)} ` +
        `in flight: ${(settled ?? '-').padEnd(9)}  acked so far ${String(s.acknowledgedWrites).padStart(5)}  ${s.failures.length > failuresBefore ? 'FAIL' : 'ok'}  (${Date.now() - lifeStart} ms)`,
    );
  }

  s.documents = [...model.batches.values()].reduce((a, b) => a + b, 0);
  s.annotations = model.annotations.size;
  s.links = model.links.size;
  s.batches = model.batches.size;
  s.seconds = (Date.now() - t0) / 1000;
  if (s.kills < kills && !s.failures.length) s.failures.push(`${s.kills} of ${kills} kills were made`);
  if (!s.failures.length && !opts.keep) rmSync(dir, { recursive: true, force: true });
  return s;
}

export function formatSummary(s: SoakSummary): string {
  const rows: [string, string | number][] = [
    ['writer went through', s.mode],
    ['seed', s.seed],
    ['kills (SIGKILL)', s.kills],
    ['  pinned (the writer stopped there) / on a line\'s arrival', `${s.killsPinned} / ${s.killsOnArrival}`],
    ['  during imports', s.killsDuringImports],
    ['    pinned inside its transaction, part of the batch written', s.importsKilledMidTransaction],
    ['  during annotation/link writes', s.killsDuringAnnotationWrites],
    ['  elsewhere (start-up, between writes)', s.killsElsewhere],
    ['in-flight writes found committed / absent', `${s.inFlightCommitted} / ${s.inFlightAbsent}`],
    ['  imports found whole at the kill (after COMMIT)', s.importsCommittedAtKill],
    ['acknowledged writes', s.acknowledgedWrites],
    ['acknowledged writes verified (sum over checks)', s.acknowledgedWritesVerified],
    ['final: documents / batches / annotations / links', `${s.documents} / ${s.batches} / ${s.annotations} / ${s.links}`],
    ['failures', s.failures.length],
    ['wall time (for the record; nothing depends on it)', `${s.seconds.toFixed(1)} s`],
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  const lines = rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`);
  if (s.failures.length) lines.push('', 'FAILURES:', ...s.failures.slice(0, 50).map((f) => `  ${f}`), `project kept in ${s.projectDir}`);
  return lines.join('\n');
}

async function main() {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const num = (name: string) => {
    const v = arg(name);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} wants a positive number, not ${v}`);
    return n;
  };
  if (arg('seconds') !== undefined) throw new Error('--seconds is gone: the soak is bounded by --kills (and --backstop, a per-life hang guard)');
  const s = await runSoak({
    kills: num('kills'),
    backstopSeconds: num('backstop'),
    seed: num('seed'),
    keep: process.argv.includes('--keep'),
    log: (l) => console.log(l),
  });
  console.log('\n' + formatSummary(s));
  process.exit(s.failures.length ? 1 : 0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e) => {
    console.error(e);
    process.exit(2);
  });
}

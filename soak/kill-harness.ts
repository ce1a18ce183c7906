/**
 * Crash-safety soak ("nothing lost"): kills a writer with SIGKILL at random moments, again and again on the same
 * project file, and after every kill opens the file and checks that
 *   - PRAGMA integrity_check is ok and PRAGMA foreign_key_check is empty,
 *   - the external-content FTS index agrees with the documents table: 'integrity-check' (the index is sound)
 *     and 'integrity-check' with rank 1 (the index holds exactly the documents' rows — plain 'integrity-check'
 *     does NOT compare an external-content index with its table), plus one MATCH per import batch,
 *   - every acknowledged write is there (and every acknowledged delete is not), with exactly its content,
 *   - nothing else is: the write that was in flight at the kill is either wholly there or wholly absent,
 *   - no import is half-applied: every batch's documents are all there or none is,
 *   - the cluster cache (annotations.cluster_id) equals the components of the transitive links.
 *
 *   npx tsx soak/kill-harness.ts [--kills N] [--seconds S] [--seed K] [--keep]
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

export interface SoakOptions {
  /** Kills to perform (the run also stops when `seconds` have passed). */
  kills?: number;
  /** Wall-clock bound for the kill loop, in seconds. */
  seconds?: number;
  seed?: number;
  /** Keep the temporary project folder (it is always kept when something failed). */
  keep?: boolean;
  /** Progress lines; silent when omitted. */
  log?: (line: string) => void;
}

export interface SoakSummary {
  seed: number;
  mode: string;
  kills: number;
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
  /** Sum over all checks of the acknowledged writes each one verified (every check verifies the whole history). */
  acknowledgedWritesVerified: number;
  /** Final state, for the record. */
  documents: number;
  annotations: number;
  links: number;
  batches: number;
  failures: string[];
  seconds: number;
  projectDir: string;
}

/** One line the writer prints; `at`: the writer's clock (performance.now(), ms) when it wrote the line. */
type Line = { at: number } & (
  | { t: 'ready'; mode: string; life: number; hot: number; live: number }
  | { t: 'begin'; seq: number; op: Op }
  | { t: 'ack'; seq: number; id?: number; batch?: string; files?: number; imported?: number }
  | { t: 'error'; seq: number; message: string }
);

type Target = 'import' | 'annotation' | 'startup';

interface Life {
  lines: Line[];
  stderr: string;
  /** How the child ended: 'SIGKILL' when we killed it, else its exit code. */
  ended: string;
  aimedAt: Target;
}

/** Runs one writer until the kill aimed at `target` (or a safety timeout) and returns what it printed. */
function runLife(o: { dbPath: string; root: string; seed: number; life: number; target: Target; rnd: () => number; msPerFile: number }): Promise<Life> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', writerPath, '--db', o.dbPath, '--root', o.root, '--seed', String(o.seed), '--life', String(o.life)],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env } },
    );
    const lines: Line[] = [];
    let buf = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    const killNow = () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    };
    const schedule = (ms: number) => {
      if (timer === undefined) timer = setTimeout(killNow, ms);
    };
    // Safety net: a writer that never reaches the aimed-at phase is killed anyway.
    const safety = setTimeout(killNow, 15_000);
    if (o.target === 'startup') schedule(o.rnd() * 700);
    let opsSeen = 0;
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
          line = { t: 'error', seq: -1, at: 0, message: `unreadable line from the writer: ${raw.slice(0, 200)}` };
        }
        lines.push(line);
        if (line.t === 'begin') {
          if (o.target === 'import' && line.op.k === 'import') {
            // Aim inside the import: half of the time anywhere in it, half of the time around its end (the COMMIT
            // and its fsync), judging by how long such imports have been taking from announcement to ack.
            const expected = o.msPerFile * line.op.n;
            schedule(o.rnd() < 0.5 ? o.rnd() * expected : expected * (0.8 + 0.4 * o.rnd()));
          } else if (o.target === 'annotation' && line.op.k !== 'import' && ++opsSeen >= 2) {
            schedule(o.rnd() * 25);
          }
        }
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (c: string) => {
      if (stderr.length < 20_000) stderr += c;
    });
    child.on('close', (code, signal) => {
      clearTimeout(safety);
      if (timer) clearTimeout(timer);
      // A last line without its newline was not fully written: it is neither an announcement nor an ack.
      resolve({ lines, stderr, ended: signal ?? `exit code ${code}`, aimedAt: o.target });
    });
  });
}

export async function runSoak(opts: SoakOptions = {}): Promise<SoakSummary> {
  const kills = opts.kills ?? 60;
  const seconds = opts.seconds ?? 60;
  const seed = opts.seed ?? 20240611;
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
    killsDuringImports: 0,
    killsDuringAnnotationWrites: 0,
    killsElsewhere: 0,
    acknowledgedWrites: 0,
    inFlightCommitted: 0,
    inFlightAbsent: 0,
    importsCommittedAtKill: 0,
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
  // Milliseconds per imported file, learnt from acknowledged imports (announcement to ack, by the writer's clock).
  let msPerFile = 2;
  const importTimes: number[] = [];

  for (let life = 1; s.kills < kills && (Date.now() - t0) / 1000 < seconds; life++) {
    // Aim at whichever kind of kill is behind; now and then at the writer's start (open, WAL recovery, reads).
    const target: Target =
      life > 1 && rnd() < 0.08 ? 'startup' : s.killsDuringImports <= s.killsDuringAnnotationWrites ? 'import' : 'annotation';
    const lifeStart = Date.now();
    const L = await runLife({ dbPath, root, seed, life, target, rnd, msPerFile });
    const failuresBefore = s.failures.length;
    const fail = (m: string) => s.failures.push(`life ${life}: ${m}`);
    if (L.ended !== 'SIGKILL') fail(`the writer ended by itself (${L.ended}) instead of being killed: ${L.stderr.slice(-2000)}`);
    s.kills += L.ended === 'SIGKILL' ? 1 : 0;

    // Replay what the writer printed: acknowledged writes go into the model.
    let pending: { seq: number; op: Op } | null = null;
    for (const line of L.lines) {
      if (line.t === 'ready') {
        s.mode ||= line.mode;
      } else if (line.t === 'begin') {
        if (pending) fail(`write ${pending.seq} was never acknowledged before write ${line.seq} began`);
        pending = { seq: line.seq, op: line.op };
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
    s.acknowledgedWritesVerified += s.acknowledgedWrites;

    // Learn how long imports take (announcement to ack, by the writer's clock), to aim the next import kill inside one.
    L.lines.forEach((l, i) => {
      const next = L.lines[i + 1];
      if (l.t === 'begin' && l.op.k === 'import' && next?.t === 'ack' && next.seq === l.seq) importTimes.push((next.at - l.at) / l.op.n);
    });
    if (importTimes.length) {
      const sorted = [...importTimes].sort((a, b) => a - b);
      msPerFile = Math.max(0.05, sorted[Math.floor(sorted.length / 2)]);
    }

    // A writer that stopped by itself (could not start, a write failed) makes every further life meaningless.
    if (L.ended !== 'SIGKILL') break;

    const where = inFlight ? (inFlight.k === 'import' ? `during import ${inFlight.batch}` : `during ${inFlight.k}`) : 'between writes';
    log(
      `kill ${String(s.kills).padStart(3)}  aimed at ${L.aimedAt.padEnd(10)} landed ${where.padEnd(26)} ` +
        `in flight: ${(settled ?? '-').padEnd(9)}  acked so far ${s.acknowledgedWrites}  import ~${msPerFile.toFixed(2)} ms/file  ${s.failures.length > failuresBefore ? 'FAIL' : 'ok'}  (${Date.now() - lifeStart} ms)`,
    );
  }

  s.documents = [...model.batches.values()].reduce((a, b) => a + b, 0);
  s.annotations = model.annotations.size;
  s.links = model.links.size;
  s.batches = model.batches.size;
  s.seconds = (Date.now() - t0) / 1000;
  if (s.kills < kills) s.failures.push(`only ${s.kills} of ${kills} kills fitted in ${seconds} s`);
  if (!s.failures.length && !opts.keep) rmSync(dir, { recursive: true, force: true });
  return s;
}

export function formatSummary(s: SoakSummary): string {
  const rows: [string, string | number][] = [
    ['writer went through', s.mode],
    ['seed', s.seed],
    ['kills (SIGKILL)', s.kills],
    ['  during imports', s.killsDuringImports],
    ['  during annotation/link writes', s.killsDuringAnnotationWrites],
    ['  elsewhere (start-up, between writes)', s.killsElsewhere],
    ['in-flight writes found committed / absent', `${s.inFlightCommitted} / ${s.inFlightAbsent}`],
    ['  imports found whole at the kill (after COMMIT)', s.importsCommittedAtKill],
    ['acknowledged writes', s.acknowledgedWrites],
    ['acknowledged writes verified (sum over checks)', s.acknowledgedWritesVerified],
    ['final: documents / batches / annotations / links', `${s.documents} / ${s.batches} / ${s.annotations} / ${s.links}`],
    ['failures', s.failures.length],
    ['duration', `${s.seconds.toFixed(1)} s`],
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
  const s = await runSoak({
    kills: num('kills'),
    seconds: num('seconds'),
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

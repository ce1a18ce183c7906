/**
 * Pre-annotation runs (issue 14, common/proposals.ts): the engine (engine.ts) proposes figures, speakers and
 * claims for each document chosen, and this writes them into the reserved `auto` layer with their provenance
 * (`rule`, `confidence` span attributes) and the `said-by` / `cites` links among them.
 *
 * Nothing is proposed twice: a span already in `auto` (same document, label and offsets), decided by anyone
 * (proposal_decisions) or in the running analyst's layer is skipped and counted. Documents are written in
 * batches, one transaction each; between batches the run reports progress, yields to the event loop and looks at
 * its cancel flag, so a cancelled run keeps every batch it committed and a second run goes on from there.
 *
 * Speed (bench/entries/preannotate.ts): a large run proposes on an engine thread as well as here, while this
 * thread writes (pipeline.ts), and each batch is read in three statements and written many rows to a statement
 * (db/proposals.ts). Where the proposals were made changes nothing written: run.test.ts compares both ways.
 */
import type { Project } from '../project.js';
import { docSpanKey, proposalsRepo } from '../../db/proposals.js';
import { exportStreamRepo } from '../../db/export-stream.js';
import { AppError } from '../../common/errors.js';
import { AUTO_LAYER } from '../../common/annotators.js';
import { PROPOSAL_LABELS, type PreannotateReport, type ProposalLabel } from '../../common/proposals.js';
import type { ProposedLink } from './types.js';
import { LINK_TYPE_CODES, type PreparedChunk } from './prepared.js';
import { pipeline, type PreparedBatch } from './pipeline.js';

export { confidenceText } from './prepared.js';

/** Which documents a run takes (contract `preannotate.run` `docs`). */
export type PreannotateDocs = { kind: 'all' } | { kind: 'done' } | { kind: 'query'; q: string } | { kind: 'ids'; ids: number[] };

export interface PreannotateOptions {
  /** The kinds to propose; all three when absent. */
  labels?: readonly ProposalLabel[];
  docs?: PreannotateDocs;
  /** Set `aborted` to stop the run at the next batch boundary. */
  signal?: { aborted: boolean };
  /** Documents done out of total, after each committed batch (and once at the start). */
  onProgress?: (p: { done: number; total: number }) => void;
  /** Documents per transaction (200: large enough that commits cost little, small enough to cancel quickly). */
  batch?: number;
  /**
   * Whether the engine also runs on a thread of its own while this one writes (pipeline.ts): 'auto' (default)
   * for runs over more than THREAD_MIN_DOCS documents; 'always' / 'never' (tests compare the two).
   */
  thread?: 'auto' | 'always' | 'never';
}

/** Runs over more documents than this propose on an engine thread too (pipeline.ts): its start then pays. */
const THREAD_MIN_DOCS = 200;

/**
 * The documents a run takes, ascending ids. @throws AppError InvalidInput (an empty or malformed search, a query
 * too broad, see db/fts-bounds.ts), NotFound (an id that is no document).
 */
function chosenDocs(p: Project, docs: PreannotateDocs): number[] {
  if (docs.kind !== 'ids') return exportStreamRepo(p.db).docIds(docs);
  const ids = [...new Set(docs.ids)].sort((a, b) => a - b);
  const known = new Set(exportStreamRepo(p.db).docIds({ kind: 'all' }));
  const missing = ids.filter((id) => !known.has(id));
  if (missing.length) throw new AppError('NotFound', `No document with id ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''} in this project.`);
  return ids;
}

/**
 * Runs pre-annotation over the documents `o.docs` (default: all) for `o.labels` (default: figure, speaker,
 * claim) and returns what it added (PreannotateReport). Labels or link types the project lacks are left out
 * with a note, never an error. @throws AppError as chosenDocs.
 */
export async function runPreannotate(p: Project, o: PreannotateOptions = {}): Promise<PreannotateReport> {
  const repo = proposalsRepo(p.db);
  const wanted = [...new Set(o.labels?.length ? o.labels : PROPOSAL_LABELS)];
  const notes: string[] = [];
  const labelIds = new Map<string, number>();
  const projectLabels = p.labels.list();
  for (const name of wanted) {
    const label = projectLabels.find((l) => l.name.toLowerCase() === name);
    if (label) labelIds.set(name, label.id);
    else notes.push(`This project has no label "${name}": nothing was proposed for it.`);
  }
  const linkTypeIds = new Map<string, number>();
  const projectTypes = p.links.types();
  // Links only join written or already proposed spans of both kinds: said-by needs speakers, cites figures.
  const linkEnds: Record<ProposedLink['type'], ProposalLabel> = { 'said-by': 'speaker', cites: 'figure' };
  if (labelIds.has('claim')) {
    // The link types a run writes, by name (the defaults every project is made with, db/migrations/0002_links.ts).
    for (const name of LINK_TYPE_CODES) {
      const type = projectTypes.find((t) => t.name.toLowerCase() === name);
      if (type) linkTypeIds.set(name, type.id);
      else if (projectLabels.some((l) => l.name.toLowerCase() === linkEnds[name])) notes.push(`This project has no link type "${name}": no ${name} links were made.`);
    }
  }
  const docIds = chosenDocs(p, o.docs ?? { kind: 'all' });
  const report: PreannotateReport = { documents: 0, proposals: {}, links: {}, skipped: {}, cancelled: false, notes };
  for (const name of labelIds.keys()) report.proposals[name] = 0;
  for (const name of linkTypeIds.keys()) report.links[name] = 0;
  if (!labelIds.size) return report;

  const autoId = p.transaction(() => p.annotators.ensure(AUTO_LAYER, true));
  const me = p.annotators.currentId();
  // Claims are found from speakers and figures, and link to those already proposed: the engine runs on all kinds then.
  const engineLabels: ProposalLabel[] = labelIds.has('claim') ? [...PROPOSAL_LABELS] : [...labelIds.keys()] as ProposalLabel[];
  // Label ids of every kind the project has: a link's far end may be an `auto` span of a kind not asked for now.
  const anyLabelId = new Map(PROPOSAL_LABELS.flatMap((n) => {
    const l = projectLabels.find((x) => x.name.toLowerCase() === n);
    return l ? [[n, l.id] as const] : [];
  }));
  let dropped = 0;

  /**
   * Writes one batch's proposals (inside its transaction): what the batch's documents hold is read in three
   * statements, the new spans then the new links are inserted many to a statement.
   */
  function write({ docIds: docs, chunks }: PreparedBatch, at: string): void {
    const inAuto = repo.layerKeysOf(autoId, docs);
    const decided = repo.decidedKeysOf(docs);
    const mine = me === autoId ? new Map<string, number>() : repo.layerKeysOf(me, docs);
    // Each span of the batch, in order: an `auto` id there already (> 0), none (0), or new row k (-(k + 1)).
    const refs: number[] = [];
    const rows: (string | number)[] = [];
    // Written by this batch (the engine repeating a span is neither a skip nor a second proposal): key → row.
    const written = new Map<string, number>();
    let d = 0;
    for (const c of chunks) {
      for (let doc = 0, j = 0; doc < c.spanCounts.length; doc++, d++) {
        const docId = docs[d];
        for (const end = j + c.spanCounts[doc]; j < end; j++) refs.push(spanRef(c, j, docId));
      }
    }

    function spanRef(c: PreparedChunk, j: number, docId: number): number {
      const label = c.labels[j];
      const labelId = anyLabelId.get(label);
      if (labelId === undefined) return 0;
      if (c.starts[j] < 0) {
        dropped++;
        return 0;
      }
      const key = docSpanKey(docId, { labelId, start: c.starts[j], end: c.ends[j] });
      const row = written.get(key);
      if (row !== undefined) return -(row + 1);
      const there = inAuto.get(key);
      const asked = labelIds.has(label);
      if (there !== undefined) {
        if (asked) report.skipped[label] = (report.skipped[label] ?? 0) + 1;
        return there;
      }
      if (!asked) return 0;
      if (decided.has(key) || mine.has(key)) {
        report.skipped[label] = (report.skipped[label] ?? 0) + 1;
        return 0;
      }
      rows.push(docId, labelId, c.starts[j], c.ends[j], c.texts[j], c.attributes[j]);
      written.set(key, written.size);
      report.proposals[label]++;
      return -written.size;
    }

    const ids = repo.insertSpans(rows, autoId, at);
    const idOf = (ref: number) => (ref < 0 ? ids[-ref - 1] : ref);
    // Links with a new end cannot be there yet: once each, many to a statement. Between two spans there
    // before, the links table says whether it is new.
    const newLinks: number[] = [];
    const seen = new Set<string>();
    let base = 0;
    for (const c of chunks) {
      for (let doc = 0, j = 0; doc < c.spanCounts.length; base += c.spanCounts[doc], doc++) {
        for (const end = j + c.linkCounts[doc] * 3; j < end; j += 3) {
          const type = LINK_TYPE_CODES[c.links[j]];
          const typeId = linkTypeIds.get(type);
          const fromRef = refs[base + c.links[j + 1]], toRef = refs[base + c.links[j + 2]];
          const from = idOf(fromRef), to = idOf(toRef);
          if (typeId === undefined || !from || !to || from === to) continue;
          if (fromRef > 0 && toRef > 0) {
            if (repo.insertLink(from, to, typeId, autoId, at)) report.links[type]++;
            continue;
          }
          const key = `${from}:${to}:${typeId}`;
          if (seen.has(key)) continue;
          seen.add(key);
          newLinks.push(from, to, typeId);
          report.links[type]++;
        }
      }
    }
    repo.insertNewLinks(newLinks, autoId, at);
  }

  const size = Math.max(1, o.batch ?? 200);
  const batches: number[][] = [];
  for (let i = 0; i < docIds.length; i += size) batches.push(docIds.slice(i, i + size));
  const useThread = o.thread === 'always' || (o.thread !== 'never' && docIds.length > THREAD_MIN_DOCS);
  const engine = pipeline(batches, (id) => repo.text(id), engineLabels, useThread);
  try {
    o.onProgress?.({ done: 0, total: docIds.length });
    for (let b = 0; b < batches.length; b++) {
      if (o.signal?.aborted) {
        report.cancelled = true;
        break;
      }
      const prepared = await engine.batch(b);
      const at = new Date().toISOString();
      p.transaction(() => write(prepared, at));
      report.documents += batches[b].length;
      o.onProgress?.({ done: report.documents, total: docIds.length });
      // Let progress events out and a cancel call in before the next batch.
      await new Promise((r) => setImmediate(r));
    }
  } finally {
    engine.stop();
  }
  if (dropped) notes.push(`${dropped} proposal${dropped === 1 ? '' : 's'} with offsets outside the text ${dropped === 1 ? 'was' : 'were'} left out.`);
  return report;
}

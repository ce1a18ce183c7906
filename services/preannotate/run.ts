/**
 * Pre-annotation runs (issue 14, common/proposals.ts): the engine (engine.ts) proposes figures, speakers and
 * claims for each document chosen, and this writes them into the reserved `auto` layer with their provenance
 * (`rule`, `confidence` span attributes) and the `said-by` / `cites` links among them.
 *
 * Nothing is proposed twice: a span already in `auto` (same document, label and offsets), decided by anyone
 * (proposal_decisions) or in the running analyst's layer is skipped and counted. Documents are written in
 * batches, one transaction each; between batches the run reports progress, yields to the event loop and looks at
 * its cancel flag, so a cancelled run keeps every batch it committed and a second run goes on from there. Each
 * batch is an IMMEDIATE transaction (it reads what is there, then writes): two processes running at once take
 * turns under the project's busy timeout (db/open.ts) instead of one failing with "database is locked".
 *
 * The engine always proposes every kind, whatever labels were asked: only the asked labels are written, but the
 * engine's links are made between any spans now in `auto`, so `--labels claim` then `--labels speaker` links the
 * claims written first to the speakers written second. A document the engine fails on is left out with a note
 * (prepared.ts); the run goes on.
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
import { LINK_TYPE_CODES, MAX_CLAIM_CP, MAX_LINKS_PER_SPAN, type DocNote, type PreparedChunk } from './prepared.js';
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
  /**
   * Documents proposed out of total: once at the start (0), after every chunk of documents proposed (about 20,
   * pipeline.ts CHUNK_DOCS) and after each committed batch; in order, never going back.
   */
  onProgress?: (p: { done: number; total: number }) => void;
  /** Documents per transaction (200: large enough that commits cost little, small enough to cancel quickly). */
  batch?: number;
  /**
   * Whether the engine also runs on a thread of its own while this one writes (pipeline.ts): 'auto' (default)
   * for runs over more than THREAD_MIN_DOCS documents; 'always' / 'never' (tests compare the two).
   */
  thread?: 'auto' | 'always' | 'never';
}

/** Notes of one kind naming documents (a failure, claims left out…) before the rest are only counted. */
const NOTES_PER_KIND = 20;

/** Runs over more documents than this propose on an engine thread too (pipeline.ts): its start then pays. */
const THREAD_MIN_DOCS = 200;

/**
 * The documents a run takes, ascending ids. @throws AppError InvalidInput (an empty or malformed search, a query
 * too broad, see db/fts-bounds.ts), NotFound (an id that is no document).
 */
function chosenDocs(p: Project, docs: PreannotateDocs): number[] {
  if (docs.kind !== 'ids') {
    try {
      return exportStreamRepo(p.db).docIds(docs);
    } catch (e) {
      // The shared document chooser speaks of exports.
      if (e instanceof AppError) throw new AppError(e.name, e.message.replace('to export', 'to pre-annotate'));
      throw e;
    }
  }
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
  // Links join a claim to a speaker (said-by) or a figure (cites), new or proposed by an earlier run.
  const linkEnds: Record<ProposedLink['type'], ProposalLabel> = { 'said-by': 'speaker', cites: 'figure' };
  const hasLabel = (name: string) => projectLabels.some((l) => l.name.toLowerCase() === name);
  // The link types a run writes, by name (the defaults every project is made with, db/migrations/0002_links.ts).
  for (const name of LINK_TYPE_CODES) {
    const type = projectTypes.find((t) => t.name.toLowerCase() === name);
    if (type) linkTypeIds.set(name, type.id);
    else if (hasLabel('claim') && hasLabel(linkEnds[name]) && (labelIds.has('claim') || labelIds.has(linkEnds[name]))) {
      notes.push(`This project has no link type "${name}": no ${name} links were made.`);
    }
  }
  const docs = o.docs ?? { kind: 'all' };
  const docIds = chosenDocs(p, docs);
  if (!docIds.length && docs.kind === 'done') notes.push('No document is marked done: nothing was pre-annotated.');
  if (!docIds.length && docs.kind === 'query') notes.push('The search matched no document: nothing was pre-annotated.');
  // Every label asked and both link types, 0 when none (a script reading --json finds each key).
  const report: PreannotateReport = { documents: 0, proposals: {}, links: {}, skipped: {}, cancelled: false, notes };
  for (const name of wanted) report.proposals[name] = 0;
  for (const name of LINK_TYPE_CODES) report.links[name] = 0;
  if (!labelIds.size) return report;

  const autoId = p.transaction(() => p.annotators.ensure(AUTO_LAYER, true));
  const me = p.annotators.currentId();
  // The engine proposes every kind: claims are found from speakers and figures, and a link's far end may be a
  // span of a kind not asked for now but proposed by an earlier run (or by a later one, linking back to these).
  const engineLabels: ProposalLabel[] = [...PROPOSAL_LABELS];
  // Label ids of every kind the project has: a link's far end may be an `auto` span of a kind not asked for now.
  const anyLabelId = new Map(PROPOSAL_LABELS.flatMap((n) => {
    const l = projectLabels.find((x) => x.name.toLowerCase() === n);
    return l ? [[n, l.id] as const] : [];
  }));
  let dropped = 0;
  // Per kind of note (prepared.ts DocNote), the documents it concerns.
  const docNotes: { docId: number; note: DocNote }[] = [];

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
      for (const n of c.notes) docNotes.push({ docId: docs[d + n.doc], note: n });
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
  // Progress: the first documents proposed (ahead of those written when the thread works ahead), never going back.
  let shown = 0;
  const progress = (done: number) => {
    if (done <= shown) return;
    shown = done;
    o.onProgress?.({ done, total: docIds.length });
  };
  const engine = pipeline(batches, (id) => repo.text(id), engineLabels, useThread, undefined, {
    signal: o.signal,
    onReady: (n) => progress(n),
  });
  try {
    o.onProgress?.({ done: 0, total: docIds.length });
    // Let the first event out before the engine's first chunk.
    await new Promise((r) => setImmediate(r));
    for (let b = 0; b < batches.length; b++) {
      // A batch whose proposals are all made is written even when cancelled meanwhile; the next one is not.
      const prepared = o.signal?.aborted ? null : await engine.batch(b);
      if (!prepared) {
        report.cancelled = true;
        break;
      }
      const at = new Date().toISOString();
      repo.writeTransaction(() => write(prepared, at));
      report.documents += batches[b].length;
      progress(report.documents);
      // Let progress events out and a cancel call in before the next batch.
      await new Promise((r) => setImmediate(r));
    }
  } finally {
    engine.stop();
  }
  if (dropped) notes.push(`${dropped} proposal${dropped === 1 ? '' : 's'} with offsets outside the text ${dropped === 1 ? 'was' : 'were'} left out.`);
  // Each kind of note names its first documents, then counts the rest: a faulty rule must not flood the report.
  for (const kind of ['failed', 'long-claims', 'links', 'values'] as const) {
    const of = docNotes.filter((d) => d.note.kind === kind);
    for (const { docId, note } of of.slice(0, NOTES_PER_KIND)) notes.push(docNoteText(p, docId, note));
    if (of.length > NOTES_PER_KIND) notes.push(`… and ${of.length - NOTES_PER_KIND} more documents with the same note.`);
  }
  return report;
}

/** A document as a note names it: its title in quotes and its id. */
function docName(p: Project, docId: number): string {
  const title = p.documents.nameOf(docId)?.title ?? '';
  return `${JSON.stringify(title.length > 60 ? `${title.slice(0, 59)}…` : title)} (document ${docId})`;
}

/** A note about what the engine's output lost in one document (prepared.ts DocNote), for a person. */
function docNoteText(p: Project, docId: number, n: DocNote): string {
  const count = n.count ?? 0;
  const s = count === 1 ? '' : 's';
  switch (n.kind) {
    case 'failed':
      return `The pre-annotation engine failed on ${docName(p, docId)}: ${n.message}. That document got no proposals; the run went on.`;
    case 'long-claims':
      return `${count} claim${s} over ${MAX_CLAIM_CP.toLocaleString('en-US')} characters left out in ${docName(p, docId)}.`;
    case 'links':
      return `${count} link${s} over the limit of ${MAX_LINKS_PER_SPAN} per proposal left out in ${docName(p, docId)}.`;
    case 'values':
      return `${count} figure value${s} that ${count === 1 ? 'is' : 'are'} not a finite number left out in ${docName(p, docId)}.`;
  }
}

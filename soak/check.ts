/**
 * The check the crash soak runs after every kill (soak/kill-harness.ts): opens the project file as a fresh
 * process would and compares it with a model of every acknowledged write. See the harness for the list of
 * checks; this module holds the model and the comparison, so that both can be tested without killing anything.
 */
import { openAudit, type AuditAnnotation } from '../db/audit.js';
import { BATCH_IN_PATH, type Op } from './writer.js';
import { buildOffsetIndex, cpLength, sliceCp } from '../common/offsets.js';

/** An annotation as its last acknowledged write left it. */
export interface AnnState {
  docId: number;
  labelId: number;
  start: number;
  end: number;
  note: string;
  attributes: Record<string, string>;
}

/** What must be in the file: built from acknowledged writes, plus in-flight writes found committed. */
export interface Model {
  annotations: Map<number, AnnState>;
  /** key `from>to>type` -> link id */
  links: Map<string, number>;
  batches: Map<string, number>;
}

/** A model with nothing acknowledged yet. */
export const emptyModel = (): Model => ({ annotations: new Map(), links: new Map(), batches: new Map() });

const linkKey = (from: number, to: number, type: number) => `${from}>${to}>${type}`;

/** Adds an acknowledged (or found committed) write to the model. */
export function applyOp(m: Model, op: Op, id: number | undefined) {
  switch (op.k) {
    case 'create':
      m.annotations.set(id!, { docId: op.docId, labelId: op.labelId, start: op.start, end: op.end, note: op.note, attributes: op.attributes });
      break;
    case 'update': {
      const cur = m.annotations.get(op.id)!;
      m.annotations.set(op.id, { ...cur, labelId: op.labelId, start: op.start, end: op.end, note: op.note });
      break;
    }
    case 'delete':
      m.annotations.delete(op.id);
      // Links go with the annotation (ON DELETE CASCADE).
      for (const k of [...m.links.keys()]) {
        const [f, t] = k.split('>').map(Number);
        if (f === op.id || t === op.id) m.links.delete(k);
      }
      break;
    case 'link':
      m.links.set(linkKey(op.fromId, op.toId, op.typeId), id!);
      break;
    case 'import':
      m.batches.set(op.batch, op.n);
      break;
  }
}

const sameAnn = (r: AuditAnnotation, s: AnnState) =>
  r.doc_id === s.docId && r.label_id === s.labelId && r.start === s.start && r.end === s.end && r.note === s.note;

/**
 * Opens the project as a fresh process would after the crash, settles the write that was in flight (adding it to
 * the model when it committed) and compares everything with the model. Returns failures (empty = all good).
 */
export function checkProject(dbPath: string, model: Model, inFlight: Op | null): { failures: string[]; settled: 'committed' | 'absent' | null } {
  const failures: string[] = [];
  const fail = (s: string) => failures.push(s);
  let settled: 'committed' | 'absent' | null = null;
  const db = openAudit(dbPath);
  try {
    for (const p of db.problems()) fail(p);

    // ---- documents: every batch complete or absent
    const docs = db.documents();
    const perBatch = new Map<string, { n: number; have: number }>();
    for (const d of docs) {
      const m = d.path ? BATCH_IN_PATH.exec(d.path) : null;
      if (!m) {
        fail(`document ${d.id} has a path no import made: ${JSON.stringify(d.path)}`);
        continue;
      }
      const b = perBatch.get(m[1]) ?? { n: Number(m[2]), have: 0 };
      b.have++;
      perBatch.set(m[1], b);
    }
    for (const [batch, b] of perBatch) if (b.have !== b.n) fail(`import ${batch} is half-applied: ${b.have} of its ${b.n} documents are in the project`);

    // ---- settle the in-flight write
    const anns = new Map(db.annotations().map((r) => [r.id, r]));
    const links = db.links();
    const linkByKey = new Map(links.map((l) => [linkKey(l.from_id, l.to_id, l.type_id), l.id]));
    if (inFlight) {
      let committed: boolean | null = null;
      let id: number | undefined;
      switch (inFlight.k) {
        case 'create': {
          const found = [...anns.values()].filter((r) => r.note === inFlight.note);
          if (found.length > 1) fail(`in-flight create "${inFlight.note}" is in the project ${found.length} times`);
          committed = found.length > 0;
          id = found[0]?.id;
          break;
        }
        case 'update': {
          const r = anns.get(inFlight.id);
          const before = model.annotations.get(inFlight.id)!;
          const after = { ...before, labelId: inFlight.labelId, start: inFlight.start, end: inFlight.end, note: inFlight.note };
          if (!r) fail(`annotation ${inFlight.id} vanished while an update of it was in flight`);
          else if (sameAnn(r, after)) committed = true;
          else if (sameAnn(r, before)) committed = false;
          else fail(`in-flight update of annotation ${inFlight.id} is half-applied: ${JSON.stringify(r)}`);
          break;
        }
        case 'delete': {
          committed = !anns.has(inFlight.id);
          break;
        }
        case 'link': {
          id = linkByKey.get(linkKey(inFlight.fromId, inFlight.toId, inFlight.typeId));
          committed = id !== undefined;
          break;
        }
        case 'import': {
          const b = perBatch.get(inFlight.batch);
          committed = !!b && b.have === b.n; // a half-applied one was reported above
          break;
        }
      }
      if (committed !== null) {
        settled = committed ? 'committed' : 'absent';
        if (committed) applyOp(model, inFlight, id);
      }
    }

    // ---- annotations: exactly the model's, with exactly its content
    const texts = new Map<number, string>();
    for (const [id, s] of model.annotations) {
      const r = anns.get(id);
      if (!r) {
        fail(`acknowledged annotation ${id} ("${s.note}") is missing`);
        continue;
      }
      if (!sameAnn(r, s)) fail(`annotation ${id} is ${JSON.stringify(r)}, acknowledged as ${JSON.stringify(s)}`);
      if (r.attributes !== JSON.stringify(s.attributes)) fail(`annotation ${id} attributes are ${r.attributes}, acknowledged as ${JSON.stringify(s.attributes)}`);
      let text = texts.get(r.doc_id);
      if (text === undefined) {
        const d = db.documentText(r.doc_id);
        text = d?.text ?? '';
        if (d && d.length !== cpLength(d.text)) fail(`document ${r.doc_id}: stored length ${d.length} is not its ${cpLength(d.text)} code points`);
        texts.set(r.doc_id, text);
      }
      try {
        const want = sliceCp(text, r.start, r.end, buildOffsetIndex(text));
        if (r.text !== want) fail(`annotation ${id}: text ${JSON.stringify(r.text)} is not text[${r.start}:${r.end}] = ${JSON.stringify(want)}`);
      } catch (e) {
        fail(`annotation ${id}: ${r.start}..${r.end} is outside its document (${(e as Error).message})`);
      }
    }
    for (const [id, r] of anns) if (!model.annotations.has(id)) fail(`annotation ${id} ("${r.note}") is in the project but was never written (or was deleted)`);

    // ---- links
    for (const [k, id] of model.links) if (linkByKey.get(k) !== id) fail(`acknowledged link ${id} (${k}) is missing`);
    for (const [k, id] of linkByKey) if (!model.links.has(k)) fail(`link ${id} (${k}) is in the project but was never written (or its annotation was deleted)`);

    // ---- imports: acknowledged batches complete, none other present; the FTS index finds each batch whole
    for (const [batch, n] of model.batches) {
      const b = perBatch.get(batch);
      if (!b) fail(`acknowledged import ${batch} (${n} files) is missing`);
    }
    for (const batch of perBatch.keys()) if (!model.batches.has(batch)) fail(`import ${batch} is in the project but was never acknowledged nor in flight`);
    for (const [batch, n] of model.batches) {
      const hits = db.countMatches(`${batch}tok`);
      if (hits !== n) fail(`search for import ${batch} finds ${hits} documents, not ${n}`);
    }

    // ---- cluster cache = components of transitive links with two or more members
    const transitive = new Set(db.transitiveTypeIds());
    const parent = new Map<number, number>();
    const find = (x: number): number => {
      let r = x;
      while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
      parent.set(x, r);
      return r;
    };
    for (const l of links) {
      if (!transitive.has(l.type_id)) continue;
      for (const x of [l.from_id, l.to_id]) if (!parent.has(x)) parent.set(x, x);
      const a = find(l.from_id);
      const b = find(l.to_id);
      if (a !== b) parent.set(a, b);
    }
    const clusterOfComponent = new Map<number, number | null>();
    const componentOfCluster = new Map<number, number>();
    for (const [id, r] of anns) {
      if (!parent.has(id)) {
        if (r.cluster_id !== null) fail(`annotation ${id} has no same-as link but sits in cluster ${r.cluster_id}`);
        continue;
      }
      const c = find(id);
      if (!clusterOfComponent.has(c)) clusterOfComponent.set(c, r.cluster_id);
      else if (clusterOfComponent.get(c) !== r.cluster_id) fail(`annotation ${id} is in cluster ${r.cluster_id}, others linked to it in ${clusterOfComponent.get(c)}`);
      if (r.cluster_id === null) fail(`annotation ${id} has same-as links but no cluster`);
      else if ((componentOfCluster.get(r.cluster_id) ?? c) !== c) fail(`cluster ${r.cluster_id} holds annotations that are not linked together`);
      else componentOfCluster.set(r.cluster_id, c);
    }
    const emptyClusters = db.emptyClusters();
    if (emptyClusters) fail(`${emptyClusters} clusters have no member`);
  } finally {
    db.close();
  }
  return { failures, settled };
}

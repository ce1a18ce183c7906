/**
 * Merge of another analyst's `.crosscheck` project (issue 13): its documents matched to ours by content hash (an
 * unknown one added as the source has it), its spans, links and cluster names brought in as its layers. The source
 * is opened read-only (db/open.ts: a newer schema is refused, an older one read through an upgraded private copy)
 * and checked like a restore: a damaged file, a row naming what does not exist, a span off its document's text or
 * a link across layers refuses the whole merge, naming the rule, and nothing is written.
 */
import { realpathSync } from 'node:fs';
import type { Id } from '../../common/model.js';
import type { MergeReport, NotMerged } from '../../common/merge.js';
import { AppError } from '../../common/errors.js';
import { buildOffsetIndex, sliceCp } from '../../common/offsets.js';
import { closeDatabase, openDatabase } from '../../db/open.js';
import { attachMergeSource, detachMergeSource } from '../../db/merge-fast.js';
import { inAsyncTransaction } from '../../db/transaction.js';
import { ADDED_COLOURS, ingestWriter } from '../../db/ingest.js';
import { mergeSourceReader, mergeTargetWrites } from '../../db/merge-source.js';
import { mergeWrites, spanKey } from '../../db/merge-writes.js';
import { keptSpanDiffers } from '../formats/ingest.js';
import type { Project } from '../project.js';
import { intoOwnLayer, planLayers, shownName } from './layer-plan.js';
import { addedNothing, dropEmptyNewLayers, layerReports, layerSnapshot } from './layers.js';
import type { MergeOptions } from './options.js';
import { mergeFastPath } from './project-fast.js';
import { parseAttributes, placeDocument } from './place-document.js';

/** Documents merged between two yields to the event loop (progress goes out then). */
const CHUNK = 250;
const LABEL_NAME_MAX = 60;
const ACROSS_LAYERS = "it joins spans of different annotators' layers (or lies in another layer than its spans); a link joins spans of one layer";
/** The longest cluster name: common/contract.ts clusters.rename (`max(1000)`). */
const CLUSTER_NAME_MAX = 1000;
const colourOk = (c: string) => /^#[0-9a-f]{6}$/i.test(c);

/**
 * Merges the project at `sourcePath` into `p` as one transaction.
 * @throws AppError NotFound (no file), InvalidInput (not a project, damaged, a broken row, `--as` with several
 *   analysts, the current layer without `--as`), Unsupported (newer schema): each names the source; nothing is
 *   written then.
 */
export async function mergeProject(p: Project, sourcePath: string, o: MergeOptions = {}): Promise<MergeReport> {
  const shown = o.shownAs ?? sourcePath;
  if (p.path !== ':memory:' && sameFile(sourcePath, p.path)) {
    throw new AppError('InvalidInput', `${shown} is this project; a project cannot be merged into itself.`);
  }
  const src = openDatabase(sourcePath, { readOnly: true });
  // The fast path (project-fast.ts) reads the source through the target's connection: the file itself, or the
  // private (upgraded) copy db/open.ts made of it. ATTACH and DETACH must be outside the transaction.
  const attached = !o.rowByRow && attachMergeSource(p.db, src.name);
  try {
    return await mergeOpen(p, src, shown, o, attached);
  } catch (e) {
    if (e instanceof AppError && e.name !== 'Internal') throw e;
    throw new AppError('InvalidInput', `${shown} cannot be merged: ${(e as Error).message}. Nothing was merged.`);
  } finally {
    if (attached) detachMergeSource(p.db);
    closeDatabase(src, true);
  }
}

/**
 * Refuses a source with a row breaking a rule the schema does not hold (db/merge-source.ts, one query per rule),
 * before anything is written, naming the first such row: offsets that are not whole numbers, a span text that is
 * not text, a label name with control characters, a cluster name over 1,000 characters, a link across layers, a
 * cluster in another layer than its spans, `curated_by` naming no annotator.
 */
function refuseForgedRows(r: ReturnType<typeof mergeSourceReader>, refuse: (what: string, why: string) => never): void {
  const offsets = r.offsetsNotWhole()[0];
  if (offsets) refuse(`annotation ${offsets.id}`, `its offsets ${String(offsets.start)}..${String(offsets.end)} are not whole numbers`);
  const text = r.textNotText()[0];
  if (text) refuse(`annotation ${text.id}`, `its text is not text (stored as ${text.type})`);
  const label = r.labelControl()[0];
  if (label) refuse(`label ${label.id} ${shownName(label.name)}`, 'a label name has no control characters');
  const cluster = r.longClusterName(CLUSTER_NAME_MAX)[0];
  if (cluster) refuse(`cluster ${cluster.id}`, `its name is ${cluster.name.length} characters long; a cluster name holds at most ${CLUSTER_NAME_MAX}`);
  const link = r.linkAcrossLayers()[0];
  if (link !== undefined) refuse(`link ${link}`, ACROSS_LAYERS);
  const layer = r.clusterLayer()[0];
  if (layer) {
    refuse(`cluster ${layer.cluster}`, `it is annotator ${layer.clusterLayer}'s, but its member annotation ${layer.annotation} is in annotator ${layer.spanLayer}'s layer; a cluster takes its members' layer`);
  }
  const curated = r.curatedByNowhere()[0];
  if (curated) refuse(`${curated.kind} ${curated.id}`, `its curated_by names annotator ${String(curated.curatedBy)}, which the file does not hold`);
}

function sameFile(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

async function mergeOpen(p: Project, src: Parameters<typeof mergeSourceReader>[0], shown: string, o: MergeOptions, attached: boolean): Promise<MergeReport> {
  const r = mergeSourceReader(src);
  const refuse = (what: string, why: string): never => {
    throw new AppError('InvalidInput', `${shown}: ${what}: ${why}. Nothing was merged.`);
  };
  const damage = r.damage();
  if (damage.length) refuse('the file is damaged', damage.join('; '));
  const broken = r.brokenReferences()[0];
  if (broken) refuse(`${broken.table} row ${broken.rowid}`, `it names a ${broken.parent} row that the file does not hold`);
  const unknownLayer = r.unknownAnnotators()[0];
  if (unknownLayer !== undefined) refuse(`annotator ${unknownLayer}`, 'spans or links name it, but the file has no such annotator');
  const orphan = r.orphanSpans()[0];
  if (orphan) refuse(`annotation ${orphan.id}`, `it belongs to document ${orphan.doc_id}, which the file does not hold`);
  refuseForgedRows(r, refuse);

  const sourceLayers = r.annotators();
  const plan = planLayers(shown, sourceLayers.map((l) => ({ id: l.id, name: l.name, work: l.spans + l.links })), o.as, p.annotators.current().name);
  const sourceNames = new Map([...plan].map(([id, name]) => [name.toLowerCase(), sourceLayers.find((l) => l.id === id)!.name]));
  const before = layerSnapshot(p);
  const notMerged: NotMerged[] = [];
  const notes: string[] = [];
  const labelsAdded: string[] = [];
  const linkTypesAdded: string[] = [];
  const counts = { matched: 0, added: 0, spansPresent: 0, linksPresent: 0 };
  const ids = r.documentIds();

  await inAsyncTransaction(p.db, 'immediate', async () => {
    const target = mergeTargetWrites(p.db);
    // Labels and link types the project lacks are added first, with the source's colours and link semantics
    // (directed, transitive); the writer's name tables then find them all.
    const knownLabels = new Set(p.labels.list().map((l) => l.name.toLowerCase()));
    const labelIds = new Map<Id, string | { why: string }>();
    for (const l of r.labels()) {
      const name = l.name.trim();
      if (!name || name.length > LABEL_NAME_MAX) {
        labelIds.set(l.id, { why: name ? `its label is ${name.length} characters long; Crosscheck label names hold at most ${LABEL_NAME_MAX}` : 'its label has no name' });
        continue;
      }
      labelIds.set(l.id, name);
      if (!knownLabels.has(name.toLowerCase())) {
        p.labels.create(name, colourOk(l.color) ? l.color : ADDED_COLOURS[knownLabels.size % ADDED_COLOURS.length], null);
        knownLabels.add(name.toLowerCase());
        labelsAdded.push(name);
      }
    }
    const knownTypes = new Set(p.links.types().map((t) => t.name.toLowerCase()));
    const typeNames = new Map<Id, string>();
    for (const t of r.linkTypes()) {
      const name = t.name.trim().slice(0, LABEL_NAME_MAX) || 'related';
      typeNames.set(t.id, name);
      if (!knownTypes.has(name.toLowerCase())) {
        p.links.createType(name, !!t.directed, !!t.transitive, colourOk(t.color) ? t.color : ADDED_COLOURS[knownTypes.size % ADDED_COLOURS.length]);
        knownTypes.add(name.toLowerCase());
        linkTypesAdded.push(name);
      }
    }
    const w = ingestWriter(p);
    const layerIds = new Map([...plan].map(([sourceId, name]) => [sourceId, w.layerId(name)]));
    // planLayers refused a layer named like ours; this also holds for any name that would resolve to it.
    if (o.as === undefined && [...layerIds.values()].includes(p.annotators.currentId())) throw intoOwnLayer(shown, p.annotators.current().name);
    const clusterNames = r.clusterNames();
    /** Source span id → its id here, its source layer and whether this merge added it; absent when not merged (then `left` says why). */
    const spans = new Map<Id, { id: Id; layer: Id; added: boolean }>();
    const left = new Map<Id, string>();
    const hints = new Map<Id, string>();
    const now = new Date().toISOString();
    const fast = attached
      ? await mergeFastPath(p, { r, ids, labelIds, typeNames, layerIds, w, target, refuse, counts, now, chunk: CHUNK, onProgress: o.onProgress })
      : undefined;
    if (fast) {
      p.links.clusters.recluster(fast.touched, fast.hints);
      dropEmptyNewLayers(p, before);
      return;
    }

    const bulk = mergeWrites(p.db);
    let nextSpan = bulk.nextSpanId();
    // Every span in one read, in document order: the loop below takes each document's run of them.
    const sourceSpans = r.allSpans();
    let at = 0;

    for (let i = 0; i < ids.length; i++) {
      const d = r.document(ids[i]);
      const docId = placeDocument(p, target, d, refuse, counts, now);
      const index = buildOffsetIndex(d.text);
      const from = at;
      while (at < sourceSpans.length && sourceSpans[at].doc_id === d.id) at++;
      /** By target layer: the spans this document holds there (by spanKey), read once; a new layer has none. */
      const held = new Map<Id, Map<string, Id>>();
      for (let k = from; k < at; k++) {
        const s = sourceSpans[k];
        const what = `annotation ${s.id}`;
        if (!Number.isInteger(s.start) || !Number.isInteger(s.end)) refuse(what, `its offsets ${String(s.start)}..${String(s.end)} are not whole numbers`);
        if (typeof s.text !== 'string') refuse(what, 'its text is not text');
        if (s.start < 0 || !(s.start < s.end) || s.end > index.length) {
          refuse(what, `span ${s.start}..${s.end} is not inside document ${d.id} (0..${index.length} code points)`);
        }
        const text = sliceCp(d.text, s.start, s.end, index);
        if (text !== s.text) refuse(what, `its text ${JSON.stringify(s.text.slice(0, 60))} is not the text at ${s.start}..${s.end} of document ${d.id} (${JSON.stringify(text.slice(0, 60))})`);
        const label = labelIds.get(s.label_id);
        if (label === undefined) refuse(what, `its label id ${s.label_id} is not one of the file's labels`);
        const layer = layerIds.get(s.annotator_id);
        if (layer === undefined) refuse(what, `its annotator id ${s.annotator_id} is not one of the file's annotators`);
        if (typeof label !== 'string') {
          left.set(s.id, label!.why);
          notMerged.push({ where: `${what} (document ${d.id})`, what: `span ${s.start}..${s.end} ${JSON.stringify(s.text.slice(0, 60))}`, why: label!.why });
          continue;
        }
        const attributes = parseAttributes(s.attributes) ?? refuse(what, 'its attributes are not a JSON object of texts');
        const labelId = w.labelId(label);
        let here = held.get(layer!);
        if (!here) held.set(layer!, (here = bulk.layerSpans(docId, layer!)));
        const key = spanKey(labelId, s.start, s.end);
        // The same span (label, offsets) already in the layer here, or earlier in this file, is kept, not doubled.
        let id = here.get(key);
        if (id === undefined) {
          id = nextSpan++;
          bulk.addSpan({ id, docId, labelId, start: s.start, end: s.end, text, note: s.note, attributes: s.attributes === '{}' ? '{}' : JSON.stringify(attributes), at: s.created_at || now, annotatorId: layer! });
          here.set(key, id);
          spans.set(s.id, { id, layer: s.annotator_id, added: true });
        } else {
          spans.set(s.id, { id, layer: s.annotator_id, added: false });
          counts.spansPresent++;
          bulk.flush(); // the kept span may still be queued
          const why = keptSpanDiffers(p, id, s.note, attributes);
          if (why) notMerged.push({ where: `${what} (document ${d.id})`, what: `the note and attributes of span ${s.start}..${s.end}`, why });
        }
        if (s.cluster_id !== null && clusterNames.has(s.cluster_id)) hints.set(id, clusterNames.get(s.cluster_id)!);
      }
      if ((i + 1) % CHUNK === 0) {
        bulk.flush();
        o.onProgress?.({ done: i + 1, total: ids.length, current: d.title });
        await new Promise((resolve) => setImmediate(resolve));
      }
    }

    bulk.flush();

    const touched: Id[] = [];
    const transitive = new Set(p.links.types().filter((t) => t.transitive).map((t) => t.id));
    const directed = new Set(p.links.types().filter((t) => t.directed).map((t) => t.id));
    /** Links made between spans this merge added (type:from:to): the only ones that can repeat among them. */
    const made = new Set<string>();
    const linkedAt = new Date().toISOString();
    let nextLink = bulk.nextLinkId();
    for (const l of r.links()) {
      const what = `link ${l.id}`;
      const from = spans.get(l.from_id);
      const to = spans.get(l.to_id);
      const gone = [l.from_id, l.to_id].find((a) => left.has(a));
      if (gone !== undefined) {
        notMerged.push({ where: what, what: `a ${typeNames.get(l.type_id) ?? 'link'} link ${l.from_id} → ${l.to_id}`, why: `it names annotation ${gone}, which was not merged (${left.get(gone)})` });
        continue;
      }
      if (!from || !to) refuse(what, `it names annotation ${!from ? l.from_id : l.to_id}, which the file does not hold`);
      if (l.from_id === l.to_id) refuse(what, 'it links an annotation to itself');
      if (from!.layer !== to!.layer || from!.layer !== l.annotator_id) {
        refuse(what, ACROSS_LAYERS);
      }
      const type = typeNames.get(l.type_id) ?? refuse(what, `its type id ${l.type_id} is not one of the file's link types`);
      const typeId = w.linkTypeId(type);
      let added: boolean;
      if (from!.added && to!.added && from!.id !== to!.id) {
        // Both ends are new here: no link of the project names them, and both lie in the link's own layer.
        const key = `${typeId}:${from!.id}:${to!.id}`;
        added = !made.has(key) && (directed.has(typeId) || !made.has(`${typeId}:${to!.id}:${from!.id}`));
        if (added) {
          made.add(key);
          bulk.addLink({ id: nextLink++, fromId: from!.id, toId: to!.id, typeId, at: linkedAt, annotatorId: layerIds.get(l.annotator_id)! });
        }
      } else {
        // An end the project had: the repository's checks (already linked, one layer, not to itself) decide.
        bulk.flush();
        added = w.link(from!.id, to!.id, typeId);
        nextLink = bulk.nextLinkId();
      }
      if (!added) counts.linksPresent++;
      // Only transitive (same-as) links make clusters: the recluster walks only what they touched.
      else if (transitive.has(typeId)) touched.push(from!.id, to!.id);
    }
    bulk.flush();
    // One recluster for the whole merge; a cluster it makes takes the source's name for it (db/clusters.ts
    // recluster's hints), while a cluster this project had keeps its own.
    p.links.clusters.recluster(touched, hints);
    // A layer whose every span was left out (see notMerged) is not left behind empty.
    dropEmptyNewLayers(p, before);
  });
  o.onProgress?.({ done: ids.length, total: ids.length, current: '' });

  if (r.hasProposalDecisions()) notes.push(`${shown} records decisions about proposals (accepted, rejected): proposal decisions are not merged.`);
  if (o.as !== undefined && plan.size === 0) notes.push(`--as ${o.as} named no layer: ${shown} holds no spans or links.`);
  const layers = layerReports(p, [...plan.values()], before, sourceNames);
  return {
    source: shown,
    kind: 'project',
    documents: { matched: counts.matched, added: counts.added },
    layers,
    alreadyPresent: { spans: counts.spansPresent, links: counts.linksPresent },
    labelsAdded,
    linkTypesAdded,
    notMerged,
    notes,
    nothingNew: addedNothing(counts.added, layers, labelsAdded, linkTypesAdded),
  };
}

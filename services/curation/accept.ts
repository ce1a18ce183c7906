import type { Project } from '../project.js';
import type { Annotation, Link } from '../../common/model.js';
import type { CurationAccepted } from '../../common/curation.js';
import { GOLD_LAYER } from '../../common/annotators.js';
import { AppError } from '../../common/errors.js';
import { spanKey } from './diff.js';

/** What one curation decision asks (common/contract.ts `curation.accept`). */
export interface AcceptArgs {
  docId: number;
  /** Spans of the compared layers to copy into gold (same label, offsets, note and attributes). */
  annotationIds: number[];
  /** Links of the compared layers to copy into gold; gold must have (or get in this call) both ends. */
  linkIds: number[];
  /** Gold spans of the item to take away (a span also being accepted is kept, not remade). */
  remove: number[];
  /** Gold links to take away. */
  unlink: number[];
}

/**
 * Writes one curation decision into the `gold` layer (created on first use), as one transaction: first the gold
 * links in `unlink` go, then the gold spans in `remove`, then each accepted span is copied (unless gold already
 * has its twin), then links: every link of an accepted span's own layer whose other end also has a gold twin is
 * copied between the twins (direction kept), and so is every link in `linkIds`. Everything made records the
 * current annotator as `curated_by`. Accepting what gold already holds changes nothing (idempotent). "Neither"
 * is a call with nothing to accept, removing gold's version if it had one.
 * Returns what was done, in order, for undo (common/curation.ts CurationAccepted).
 * @throws AppError NotFound (document, annotation, link), InvalidInput (a span of another document or of gold
 * to accept, a span to remove that is not gold's, a link whose ends gold lacks).
 */
export function acceptIntoGold(p: Project, a: AcceptArgs): CurationAccepted {
  return p.transaction(() => {
    p.documents.get(a.docId);
    const goldId = p.annotators.ensure(GOLD_LAYER, true);
    const curator = p.annotators.currentId();
    const twinInGold = (s: Pick<Annotation, 'docId' | 'labelId' | 'start' | 'end'>) => p.annotations.sameSpan(s.docId, s.labelId, s.start, s.end, goldId);

    const sources = a.annotationIds.map((id) => p.annotations.get(id));
    for (const s of sources) {
      if (s.docId !== a.docId) throw new AppError('InvalidInput', `Annotation ${s.id} is in document ${s.docId}, not ${a.docId}.`);
      if (s.annotatorId === goldId) throw new AppError('InvalidInput', `Annotation ${s.id} is already in the gold layer.`);
    }
    const keep = new Set(sources.map(spanKey));
    const goners = a.remove.map((id) => p.annotations.get(id));
    for (const g of goners) {
      if (g.annotatorId !== goldId || g.docId !== a.docId) throw new AppError('InvalidInput', `Annotation ${g.id} is not a gold span of document ${a.docId}.`);
    }

    const out: CurationAccepted = { unlinked: { links: [], clusterNames: [] }, removed: [], created: [], links: [] };
    for (const id of a.unlink) {
      if (p.links.get(id).annotatorId !== goldId) throw new AppError('InvalidInput', `Link ${id} is not a gold link.`);
      const r = p.links.delete(id);
      out.unlinked.links.push(r.deleted);
      out.unlinked.clusterNames.push(...r.clusterNames);
    }
    for (const g of goners.filter((x) => !keep.has(spanKey(x)))) {
      const d = p.annotations.delete(g.id);
      out.removed.push({ deleted: d.annotation, links: d.links, clusterName: d.clusterName });
    }
    for (const s of sources) {
      if (twinInGold(s) !== undefined) continue;
      const made = p.annotations.create({ docId: s.docId, labelId: s.labelId, start: s.start, end: s.end, note: s.note, attributes: s.attributes, annotatorId: goldId, curatedBy: curator });
      out.created.push(made);
    }

    const touched: number[] = [];
    const copy = (l: Link, required: boolean) => {
      const from = twinInGold(p.annotations.get(l.fromId));
      const to = twinInGold(p.annotations.get(l.toId));
      if (from === undefined || to === undefined) {
        if (required) throw new AppError('InvalidInput', `Link ${l.id} joins spans gold does not have yet: accept both of its spans first.`);
        return;
      }
      const made = p.links.insertUnlessLinked(from, to, l.typeId, curator);
      if (!made) return;
      out.links.push(made);
      if (p.links.getType(l.typeId).transitive) touched.push(from, to);
    };
    for (const s of sources) for (const l of p.links.forAnnotation(s.id)) copy(l, false);
    for (const id of a.linkIds) {
      const l = p.links.get(id);
      if (l.annotatorId === goldId) throw new AppError('InvalidInput', `Link ${id} is already in the gold layer.`);
      copy(l, true);
    }
    if (touched.length) p.links.clusters.recluster(touched);
    // Cluster ids as they are after the links (the created rows were read before them).
    out.created = out.created.map((c) => p.annotations.get(c.id));
    return out;
  });
}

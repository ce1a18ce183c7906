import type { Project } from '../project.js';
import type { AgreementsMerged, CurationDiff } from '../../common/curation.js';
import type { Annotation, Link } from '../../common/model.js';
import { GOLD_LAYER, isReservedLayerName } from '../../common/annotators.js';
import { AppError } from '../../common/errors.js';
import { goldRepo, type LayerSpan } from '../../db/gold.js';
import { diffLinks, diffSpans, spanKey } from './diff.js';
import { planAgreements } from './agreements.js';
import { acceptIntoGold, type AcceptArgs } from './accept.js';

/**
 * Adjudication (issue 13): compares annotators' layers and builds the `gold` layer from them. Reads and writes
 * go through the project's repositories (db/gold.ts reads; annotations and links repositories write).
 */
export function curation(p: Project) {
  const gold = goldRepo(p.db);
  const goldId = () => p.annotators.idByName(GOLD_LAYER);
  const typeOf = (id: number) => p.links.getType(id);

  /** Annotators by name, in the order given. @throws AppError NotFound (unknown), InvalidInput (gold or a repeat). */
  function layersNamed(names: string[]): { id: number; name: string }[] {
    const seen = new Set<number>();
    return names.map((n) => {
      const id = p.annotators.idByName(n);
      if (id === undefined) throw new AppError('NotFound', `No annotator is called "${n}".`);
      if (id === goldId()) throw new AppError('InvalidInput', 'The gold layer is what curation builds; compare the annotators\' own layers.');
      if (seen.has(id)) throw new AppError('InvalidInput', `"${n}" is named twice.`);
      seen.add(id);
      return { id, name: p.annotators.name(id) };
    });
  }

  return {
    /**
     * One document's items across the layers (services/curation/diff.ts): `annotators` by name, or by default
     * every non-reserved annotator with a span in the document, by name. @throws AppError NotFound (document,
     * annotator), InvalidInput (gold named, a name twice).
     */
    diff(docId: number, annotators?: string[]): CurationDiff {
      p.documents.get(docId);
      const layers = annotators?.length
        ? layersNamed(annotators)
        : p.annotators
            .list()
            .filter((a) => !a.reserved && !isReservedLayerName(a.name))
            .filter((a) => gold.documents([a.id]).includes(docId))
            .map(({ id, name }) => ({ id, name }));
      const g = goldId();
      const ids = layers.map((l) => l.id);
      const goldSpans = g === undefined ? [] : gold.spans([g], [docId]);
      const { items, goldOnly } = diffSpans(layers, gold.spans(ids, [docId]), goldSpans);
      const links = gold.links(ids, [docId]);
      const endDocs = [...new Set(links.flatMap((l) => [l.from.docId, l.to.docId]))];
      const goldLinks = g === undefined ? [] : gold.links([g], [docId]);
      const goldEnds = g === undefined ? [] : gold.spans([g], endDocs);
      return { docId, annotators: layers, items, links: diffLinks(layers, links, goldLinks, goldEnds, (t) => typeOf(t).directed), goldOnly };
    },

    accept: (a: AcceptArgs) => acceptIntoGold(p, a),

    /**
     * "Merge all agreements" (services/curation/agreements.ts planAgreements): fills gold with what a strict
     * majority of `annotators` (at least two) agree on, in `docIds` or every document one of them annotated.
     * With `preview`, only counts. Made spans and links record the current annotator as curated_by.
     * @throws AppError NotFound (annotator, document), InvalidInput (fewer than two annotators, gold named).
     */
    mergeAgreements(annotators: string[], docIds: number[] | undefined, preview: boolean): AgreementsMerged {
      const layers = layersNamed(annotators);
      if (layers.length < 2) throw new AppError('InvalidInput', 'Merging agreements needs at least two annotators.');
      for (const d of docIds ?? []) if (!gold.docExists(d)) throw new AppError('NotFound', `Document ${d} does not exist.`);
      const ids = layers.map((l) => l.id);
      const docs = docIds ?? gold.documents(ids);
      const run = (): AgreementsMerged => {
        const g = preview ? goldId() : p.annotators.ensure(GOLD_LAYER, true);
        const goldSpans = g === undefined ? [] : gold.spans([g], docs);
        const plan = planAgreements(layers.length, gold.spans(ids, docs), gold.links(ids, docs), goldSpans, g === undefined ? [] : gold.links([g], docs), typeOf);
        const touchedDocs = new Set([...plan.spans.map((s) => s.docId), ...plan.links.map((l) => Number(l.from.split(':')[0]))]);
        const counts = { documents: touchedDocs.size, spans: plan.spans.length, links: plan.links.length, clusterLinks: plan.clusterLinks.length };
        if (preview || g === undefined) return { ...counts, created: [], createdLinks: [] };
        return { ...counts, ...write(g, plan, goldSpans) };
      };
      return preview ? run() : p.transaction(run);
    },
  };

  /** Writes a plan into gold (inside the caller's transaction). */
  function write(g: number, plan: ReturnType<typeof planAgreements>, goldSpans: LayerSpan[]) {
    const curator = p.annotators.currentId();
    const idOf = new Map(goldSpans.map((s) => [spanKey(s), s.id]));
    const created: Annotation[] = [];
    for (const s of plan.spans) {
      const src = p.annotations.get(s.id);
      const made = p.annotations.create({ docId: s.docId, labelId: s.labelId, start: s.start, end: s.end, note: src.note, attributes: src.attributes, annotatorId: g, curatedBy: curator });
      created.push(made);
      idOf.set(spanKey(s), made.id);
    }
    const createdLinks: Link[] = [];
    const touched: number[] = [];
    const add = (from: string, to: string, typeId: number) => {
      const l = p.links.insertUnlessLinked(idOf.get(from)!, idOf.get(to)!, typeId, curator);
      if (l) createdLinks.push(l);
      return l;
    };
    for (const l of plan.links) add(l.from, l.to, l.typeId);
    const sameAs = p.links.types().find((t) => t.transitive);
    if (plan.clusterLinks.length && !sameAs) throw new AppError('Conflict', 'No transitive link type exists to join gold clusters with.');
    for (const c of plan.clusterLinks) if (add(c.from, c.to, sameAs!.id)) touched.push(idOf.get(c.from)!, idOf.get(c.to)!);
    if (touched.length) p.links.clusters.recluster(touched);
    return { created, createdLinks };
  }
}

export type Curation = ReturnType<typeof curation>;

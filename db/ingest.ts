import type { AnnotationsRepo, CheckedSpan } from './annotations.js';
import type { LabelsRepo } from './labels.js';
import type { LinksRepo } from './links.js';

/**
 * Colours given in turn to the labels and link types an import adds (the project's own keep theirs): the one
 * list every importer uses, so that the same file imported by any route colours its new labels alike.
 */
export const ADDED_COLOURS: readonly string[] = ['#8b5cf6', '#db2777', '#0891b2', '#65a30d', '#c2410c', '#475569', '#b45309', '#0f766e'];

/** The repositories an import writes through (a Project has them all). */
export interface IngestRepos {
  labels: LabelsRepo;
  links: LinksRepo;
  annotations: AnnotationsRepo;
}

/**
 * Ids by name for an import, any case: an unknown name is created with the next of ADDED_COLOURS (by how many
 * names the project has, so colours go round) and listed in `added`.
 */
function nameTable(known: { id: number; name: string }[], create: (name: string, colour: string) => number) {
  const ids = new Map(known.map((k) => [k.name.toLowerCase(), k.id]));
  const added: string[] = [];
  return {
    added,
    id(name: string): number {
      let id = ids.get(name.toLowerCase());
      if (id === undefined) {
        id = create(name, ADDED_COLOURS[ids.size % ADDED_COLOURS.length]);
        ids.set(name.toLowerCase(), id);
        added.push(name);
      }
      return id;
    },
  };
}

/**
 * The writes of one annotated import, shared by every importer: labels and link types found or added by name,
 * spans inserted unless the document already has the same one, links inserted unless they exist, and one
 * recluster at the end. Make it and use it inside the import's transaction (the name tables read the project
 * once, at the start). Offsets and texts are checked by the caller (see CheckedSpan).
 */
export function ingestWriter(r: IngestRepos) {
  const labels = nameTable(r.labels.list(), (name, colour) => r.labels.create(name, colour, null).id);
  const linkTypes = nameTable(r.links.types(), (name, colour) => r.links.createType(name, false, false, colour).id);
  const touched: number[] = [];
  return {
    labelId: labels.id,
    linkTypeId: linkTypes.id,
    /** Names of the labels and link types this import added, in the order it added them. */
    labelsAdded: labels.added,
    linkTypesAdded: linkTypes.added,

    /** The span's id: the document's identical span (same label and offsets) when there is one, else a new row. */
    span(s: CheckedSpan): { id: number; added: boolean } {
      const same = r.annotations.sameSpan(s.docId, s.labelId, s.start, s.end);
      return same !== undefined ? { id: same, added: false } : { id: r.annotations.insertChecked(s), added: true };
    },

    /** Links two spans; false when they are already linked with that type (an import of a file seen before). */
    link(fromId: number, toId: number, typeId: number): boolean {
      if (!r.links.insertUnlessLinked(fromId, toId, typeId)) return false;
      touched.push(fromId, toId);
      return true;
    },

    /** Recomputes the clusters of every span a new link touched: once, after the last link. */
    recluster(): void {
      r.links.clusters.recluster(touched);
    },
  };
}

export type IngestWriter = ReturnType<typeof ingestWriter>;

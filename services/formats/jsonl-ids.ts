import { z } from 'zod';
import type { Db } from '../../db/open.js';
import { externalIdsRepo, type ExternalIdTable } from '../../db/export-stream.js';

/**
 * Ids in Crosscheck's JSONL (issue 11, item 0). A file may name its documents, spans and links by any JSON string
 * or integer ("doc-17", "h1-spk", 17); the importer keeps each as the row's external id, typed ("s:doc-17",
 * "n:17": db/migrations/0004_interop.ts), and the export writes it back in `id`, `from` and `to`, so import →
 * export of a file gives the same ids. Rows without one are written with their Crosscheck id, as before.
 *
 * One JSON type per key across a file (what typed readers such as Hugging Face `datasets` need): when any
 * document, span or link of the project has a string id, every id of the export is written as a string
 * (17 → "17"); otherwise every id is a number.
 *
 * Ids stay unique within their kind, so that `from` and `to` name one span: where two rows would be written
 * with the same id (two files both named a span "e1", or a file's 17 is the Crosscheck id of another span), the
 * row with no external id keeps its Crosscheck id, then the row with the lowest Crosscheck id keeps the shared
 * one, and every other row is written with its Crosscheck id (and so on, until no two ids are the same).
 */

/** A JSON id as a file gives it: a string, or an integer JSON.parse reads exactly (|n| ≤ 2^53 − 1). */
export const jsonId = z.union([z.string(), z.number().int()]);
export type JsonId = z.infer<typeof jsonId>;

/** The typed text an external id is stored as: "s:" + a string, "n:" + an integer in decimal. */
export const encodeJsonId = (id: JsonId): string => (typeof id === 'string' ? `s:${id}` : `n:${id}`);

/** The JSON id stored as `stored` (see encodeJsonId). */
export const decodeJsonId = (stored: string): JsonId => (stored.startsWith('s:') ? stored.slice(2) : Number(stored.slice(2)));

/** How one document's line writes its ids: the document's own, and those of spans and links by Crosscheck id. */
export interface LineIds {
  doc(id: number): JsonId;
  span(id: number): JsonId;
  link(id: number): JsonId;
}

/** Crosscheck's own ids, as numbers: a line written with no external ids at all. */
export const crosscheckIds: LineIds = { doc: (id) => id, span: (id) => id, link: (id) => id };

/**
 * The ids of one export run: decides once (scanning the project's external ids) whether ids are strings and which
 * rows cannot keep theirs (`shadowed` counts them), then gives each document's LineIds with one lookup of its external ids.
 * Use it on the export's read connection (one snapshot).
 */
export function jsonlIds(db: Db): { strings: boolean; shadowed: number; forDoc(docId: number): LineIds } {
  const repo = externalIdsRepo(db);
  const strings = repo.anyString();
  const shadowed = {
    documents: shadowedIds(repo, 'documents'),
    annotations: shadowedIds(repo, 'annotations'),
    links: shadowedIds(repo, 'links'),
  };
  const own = (id: number): JsonId => (strings ? String(id) : id);
  const written = (id: number, external: string | null | undefined, table: ExternalIdTable): JsonId => {
    if (external == null || shadowed[table].has(id)) return own(id);
    const v = decodeJsonId(external);
    return strings ? String(v) : v;
  };
  return {
    strings,
    /** How many rows are written with their Crosscheck id although they have an external id. */
    shadowed: shadowed.documents.size + shadowed.annotations.size + shadowed.links.size,
    forDoc(docId) {
      const ext = repo.ofDoc(docId);
      return {
        doc: (id) => written(id, id === docId ? ext.doc : null, 'documents'),
        span: (id) => written(id, ext.spans.get(id), 'annotations'),
        link: (id) => written(id, ext.links.get(id), 'links'),
      };
    },
  };
}

/**
 * The rows of `table` that are written with their Crosscheck id although they have an external id (see the top
 * of this module). Starts from the rows that clash on their face, then follows each such row: its Crosscheck id
 * may be another row's external id, which then gives way in turn. Only clashing rows are held in memory.
 */
function shadowedIds(repo: ReturnType<typeof externalIdsRepo>, table: ExternalIdTable): Set<number> {
  const shadowed = new Set(repo.clashing(table));
  let frontier = [...shadowed];
  while (frontier.length) {
    const next: number[] = [];
    for (const id of frontier) {
      for (const other of repo.withKey(table, String(id))) {
        if (other !== id && !shadowed.has(other)) {
          shadowed.add(other);
          next.push(other);
        }
      }
    }
    frontier = next;
  }
  return shadowed;
}

/**
 * The fast path of a project merge (issue 13, services/merge/project-fast.ts): the source file ATTACHed to the
 * target connection as `merge_src` and its spans and links copied by `INSERT … SELECT`, so no row crosses into
 * JavaScript. Why: a 10,000-document merge spent about half its time reading 300,000 spans into objects, walking
 * them and binding them back into INSERTs; SQLite copies them row to row itself.
 *
 * The fast path only decides the common case; `eligible` (and `copy`'s per-span checks) say whether it applies,
 * and when it does not the caller rolls back to its savepoint and takes the row-by-row path (services/merge/project-source.ts), which names the exact rule a file
 * breaks. Id order is the row-by-row path's: spans by source document, start, end, source id; links by source id.
 *
 * Temp tables (connection-private, dropped by `end`): merge_doc(src → dst, len = code points of the source text),
 * merge_label, merge_type, merge_layer (src → dst), merge_attr (src span → attributes as the slow path writes them),
 * merge_span (src span → its id here).
 */
import type { Db } from './open.js';

const SRC = 'merge_src';

/**
 * Attaches the source file at `path` to `db` (outside any transaction: SQLite refuses ATTACH inside one). Only
 * SELECTs name it. A plain path, not a `file:…?mode=ro` URI: better-sqlite3 opens connections without URI
 * support. The caller keeps its own read-only connection to the file open until after `detachMergeSource`, so
 * this one is never the last to close a WAL file (the one that would checkpoint into it).
 * @returns false when SQLite refuses (the caller then merges row by row).
 */
export function attachMergeSource(db: Db, path: string): boolean {
  if (db.inTransaction) return false;
  try {
    db.prepare(`ATTACH DATABASE ? AS ${SRC}`).run(path);
    return true;
  } catch {
    return false;
  }
}

/** Detaches what `attachMergeSource` attached (outside the transaction; a no-op when nothing is attached). */
export function detachMergeSource(db: Db): void {
  const attached = (db.pragma('database_list') as { name: string }[]).some((d) => d.name === SRC);
  if (attached && !db.inTransaction) db.exec(`DETACH DATABASE ${SRC}`);
}

/** The temp-table statements of one fast merge, inside the merge's write transaction. */
export function mergeFast(db: Db) {
  db.exec(`
    DROP TABLE IF EXISTS temp.merge_doc; DROP TABLE IF EXISTS temp.merge_label; DROP TABLE IF EXISTS temp.merge_type;
    DROP TABLE IF EXISTS temp.merge_layer; DROP TABLE IF EXISTS temp.merge_attr; DROP TABLE IF EXISTS temp.merge_span;
    CREATE TEMP TABLE merge_doc (src INTEGER PRIMARY KEY, dst INTEGER NOT NULL, len INTEGER NOT NULL);
    CREATE TEMP TABLE merge_label (src INTEGER PRIMARY KEY, dst INTEGER NOT NULL);
    CREATE TEMP TABLE merge_type (src INTEGER PRIMARY KEY, dst INTEGER NOT NULL, directed INTEGER NOT NULL);
    CREATE TEMP TABLE merge_layer (src INTEGER PRIMARY KEY, dst INTEGER NOT NULL);
    CREATE TEMP TABLE merge_attr (src INTEGER PRIMARY KEY, json TEXT NOT NULL);
    CREATE TEMP TABLE merge_span (dst INTEGER PRIMARY KEY, src INTEGER NOT NULL);`);
  const put = (table: string, columns: string) => {
    const s = db.prepare(`INSERT INTO temp.${table} VALUES (${columns})`);
    return (...values: unknown[]) => void s.run(values);
  };
  return {
    /** Opens the savepoint the fast path runs in (inside the caller's transaction). */
    begin: () => db.exec('SAVEPOINT merge_fast'),
    /** Keeps what the fast path wrote. */
    release: () => db.exec('RELEASE merge_fast'),
    /** Takes back everything the fast path wrote (it declined, or a document was refused). */
    rollback: () => {
      db.exec('ROLLBACK TO merge_fast');
      db.exec('RELEASE merge_fast');
    },
    /** Source document `src` is `dst` here; `len` its text's length in code points. */
    doc: put('merge_doc', '?, ?, ?'),
    label: put('merge_label', '?, ?'),
    /** A source link type, its id here and whether that type is directed (an undirected link repeats reversed). */
    type: put('merge_type', '?, ?, ?'),
    layer: put('merge_layer', '?, ?'),
    /** A span's attributes as the row path writes them (re-serialised), for spans whose stored ones are not '{}'. */
    attributes: put('merge_attr', '?, ?'),
    /** Source spans whose attributes are not '{}' (few): the caller parses them. */
    oddAttributes: () => db.prepare(`SELECT id, attributes FROM ${SRC}.annotations WHERE attributes <> '{}'`).raw().all() as [number, string][],
    /**
     * Whether the source's spans and links can be copied as they are, none kept rather than added (so that the
     * row path's report would be "all added, nothing present, nothing left out"): its documents, labels and
     * layers each land on a row of their own here; no target layer holds a span in a target document yet; no two
     * source spans are twins (document, layer, label, offsets); every link joins two distinct spans of its own
     * layer, has a mapped type and repeats no other (nor another reversed, for an undirected type). The checks of
     * each span (offsets, text, label, attributes) are `copy`'s.
     */
    eligible(): boolean {
      const first = (sql: string) => db.prepare(sql).get() !== undefined;
      // Two source rows landing on one here (the same text twice, names differing in case) could make twins.
      for (const t of ['merge_doc', 'merge_label', 'merge_layer']) {
        if (first(`SELECT 1 FROM temp.${t} GROUP BY dst HAVING COUNT(*) > 1 LIMIT 1`)) return false;
      }
      if (first(`SELECT 1 FROM temp.merge_layer l JOIN temp.merge_doc d WHERE EXISTS (SELECT 1 FROM main.annotations a WHERE a.annotator_id = l.dst AND a.doc_id = d.dst) LIMIT 1`)) {
        return false;
      }
      // Twins share offsets: only offsets held twice (found in the index's order, without a sort) are looked into.
      const twin = `SELECT 1 FROM (SELECT doc_id, start, "end" FROM ${SRC}.annotations GROUP BY doc_id, start, "end" HAVING COUNT(*) > 1) g
        JOIN ${SRC}.annotations s ON s.doc_id = g.doc_id AND s.start = g.start AND s."end" = g."end"
        GROUP BY g.doc_id, g.start, g."end", s.label_id, s.annotator_id HAVING COUNT(*) > 1 LIMIT 1`;
      if (first(twin)) return false;
      const badLink = `SELECT 1 FROM ${SRC}.links k
          LEFT JOIN ${SRC}.annotations f ON f.id = k.from_id
          LEFT JOIN ${SRC}.annotations t ON t.id = k.to_id
        WHERE f.id IS NULL OR t.id IS NULL OR k.from_id = k.to_id
          OR f.annotator_id IS NOT t.annotator_id OR f.annotator_id IS NOT k.annotator_id
          OR k.type_id NOT IN (SELECT src FROM temp.merge_type) OR k.annotator_id NOT IN (SELECT src FROM temp.merge_layer)
        LIMIT 1`;
      if (first(badLink)) return false;
      const repeated = `SELECT 1 FROM ${SRC}.links a JOIN temp.merge_type ta ON ta.src = a.type_id
          JOIN ${SRC}.links b ON b.id <> a.id
            AND ((b.from_id = a.from_id AND b.to_id = a.to_id) OR (ta.directed = 0 AND b.from_id = a.to_id AND b.to_id = a.from_id))
          JOIN temp.merge_type tb ON tb.src = b.type_id AND tb.dst = ta.dst
        LIMIT 1`;
      return !first(repeated);
    },
    /**
     * Copies every source span, then every link (only after `eligible` said yes). Spans get ids from `firstId` up
     * in the row path's order (by document, start, end, source id; `now` where a span has no creation time),
     * links from `firstLink` up by source id (created `linkedAt`). Each span is checked as it is copied: integer
     * offsets with 0 ≤ start < end ≤ its text's code points, its text equal to that slice (SQLite's substr counts
     * characters, which are code points in UTF-8 text), label and layer mapped, attributes '{}' or re-serialised
     * (merge_attr); a span failing them is written with no document, which its NOT NULL refuses.
     * @returns false when a span failed (SqliteError caught) or the ids did not come out as counted: the
     *   caller rolls back.
     */
    copy(firstId: number, firstLink: number, now: string, linkedAt: string): boolean {
      // Documents outer, their spans by the annotations_by_doc index (doc_id, start, end, then rowid): the row
      // path's order with no sort, each document's text read once. merge_span numbers them in that order from
      // a first row placed just below `firstId` (a window function would sort every row).
      const order = `FROM temp.merge_doc d CROSS JOIN ${SRC}.annotations s ON s.doc_id = d.src`;
      db.prepare('INSERT INTO temp.merge_span (dst, src) VALUES (?, 0)').run(firstId - 1);
      const numbered = db.prepare(`INSERT INTO temp.merge_span (src) SELECT s.id ${order} ORDER BY d.src, s.start, s."end", s.id`).run().changes;
      db.prepare('DELETE FROM temp.merge_span WHERE dst = ?').run(firstId - 1);
      if (numbered !== db.prepare(`SELECT COUNT(*) FROM ${SRC}.annotations`).pluck().get()) return false;
      db.exec('CREATE UNIQUE INDEX temp.merge_span_by_src ON merge_span(src)');
      try {
        // No id given: AUTOINCREMENT hands out firstId onwards in this order (checked below).
        const written = db
          .prepare(
            `INSERT INTO main.annotations (doc_id, label_id, start, "end", text, note, attributes, created_at, updated_at, annotator_id)
             SELECT
               CASE WHEN typeof(s.start) = 'integer' AND typeof(s."end") = 'integer' AND s.start >= 0 AND s.start < s."end" AND s."end" <= d.len
                 AND typeof(s.text) = 'text' AND substr(sd.text, s.start + 1, s."end" - s.start) IS s.text
                 AND (s.attributes = '{}' OR a.src IS NOT NULL) THEN d.dst END,
               b.dst, s.start, s."end", s.text, s.note, COALESCE(a.json, s.attributes),
               COALESCE(NULLIF(s.created_at, ''), @now), COALESCE(NULLIF(s.created_at, ''), @now), l.dst
             FROM temp.merge_doc d CROSS JOIN ${SRC}.documents sd ON sd.id = d.src CROSS JOIN ${SRC}.annotations s ON s.doc_id = d.src
               LEFT JOIN temp.merge_layer l ON l.src = s.annotator_id LEFT JOIN temp.merge_label b ON b.src = s.label_id
               LEFT JOIN temp.merge_attr a ON a.src = s.id
             ORDER BY d.src, s.start, s."end", s.id`,
          )
          .run({ now });
        if (written.changes !== numbered || (numbered > 0 && Number(written.lastInsertRowid) !== firstId + numbered - 1)) return false;
      } catch {
        return false;
      }
      db.prepare(
        `INSERT INTO main.links (id, from_id, to_id, type_id, created_at, annotator_id)
         SELECT @first + row_number() OVER (ORDER BY k.id) - 1, f.dst, t.dst, ty.dst, @at, l.dst
         FROM ${SRC}.links k JOIN temp.merge_span f ON f.src = k.from_id JOIN temp.merge_span t ON t.src = k.to_id
           JOIN temp.merge_type ty ON ty.src = k.type_id JOIN temp.merge_layer l ON l.src = k.annotator_id
         ORDER BY k.id`,
      ).run({ first: firstLink, at: linkedAt });
      return true;
    },
    /** The ends of the links written from `firstLink` on whose type is one of `types` (transitive), by link id. */
    linkEnds: (firstLink: number, types: number[]) =>
      (db.prepare(`SELECT from_id, to_id FROM main.links WHERE id >= ? AND type_id IN (SELECT value FROM json_each(?)) ORDER BY id`).raw().all(firstLink, JSON.stringify(types)) as [number, number][]).flat(),
    /** The source's cluster names of the copied spans, by their id here. */
    clusterHints: () =>
      new Map(
        db
          .prepare(`SELECT m.dst, c.name FROM temp.merge_span m JOIN ${SRC}.annotations s ON s.id = m.src JOIN ${SRC}.clusters c ON c.id = s.cluster_id ORDER BY m.dst`)
          .raw()
          .all() as [number, string][],
      ),
    /** Drops the temp tables. */
    end: () =>
      db.exec(`DROP TABLE IF EXISTS temp.merge_doc; DROP TABLE IF EXISTS temp.merge_label; DROP TABLE IF EXISTS temp.merge_type;
        DROP TABLE IF EXISTS temp.merge_layer; DROP TABLE IF EXISTS temp.merge_attr; DROP TABLE IF EXISTS temp.merge_span;`),
  };
}

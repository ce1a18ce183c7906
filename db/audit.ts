import Database from 'better-sqlite3';
import type { AnnotationRow } from './annotations.js';

/** An annotation row exactly as stored (attributes still JSON text), without its times. */
export type AuditAnnotation = Omit<AnnotationRow, 'created_at' | 'updated_at'>;

export interface AuditLink {
  id: number;
  from_id: number;
  to_id: number;
  type_id: number;
}

/**
 * A project file opened as a fresh process opens it after a crash, for an audit (the kill soak): SQLite's own
 * checks, and the rows read straight from the tables with no repository in between, so that a fault in a
 * repository cannot hide itself. Runs no migration. Opened for writing because FTS5's integrity checks are
 * issued as INSERT commands (they change nothing). Close it when done.
 */
export function openAudit(path: string) {
  const db = new Database(path, { fileMustExist: true, nativeBinding: process.env.CROSSCHECK_SQLITE_BINDING || undefined });
  db.pragma('foreign_keys = ON');
  // Prepared on first use: a file killed before its schema was written must still open and report.
  let textOf: Database.Statement | undefined;
  return {
    /**
     * What SQLite finds wrong, one message each; empty when sound: integrity_check, foreign_key_check, and FTS5's
     * 'integrity-check' twice: plain (the index is sound) and with rank 1 (the index holds exactly the documents'
     * rows; plain 'integrity-check' does not compare an external-content index with its table).
     */
    problems(): string[] {
      const out: string[] = [];
      const integrity = db.pragma('integrity_check') as { integrity_check: string }[];
      if (integrity.length !== 1 || integrity[0].integrity_check !== 'ok') {
        out.push(`integrity_check: ${integrity.map((r) => r.integrity_check).join('; ').slice(0, 500)}`);
      }
      const fk = db.pragma('foreign_key_check') as unknown[];
      if (fk.length) out.push(`foreign_key_check: ${fk.length} violations, e.g. ${JSON.stringify(fk.slice(0, 3))}`);
      for (const [what, sql] of [
        ['FTS integrity-check', "INSERT INTO documents_fts(documents_fts) VALUES('integrity-check')"],
        ['FTS integrity-check against the documents table', "INSERT INTO documents_fts(documents_fts, rank) VALUES('integrity-check', 1)"],
      ]) {
        try {
          db.exec(sql);
        } catch (e) {
          out.push(`${what}: ${(e as Error).message}`);
        }
      }
      return out;
    },
    documents: () => db.prepare('SELECT id, path FROM documents').all() as { id: number; path: string | null }[],
    /** A document's stored text and stored length (code points); undefined when there is no such document. */
    documentText(id: number) {
      textOf ??= db.prepare('SELECT text, length FROM documents WHERE id = ?');
      return textOf.get(id) as { text: string; length: number } | undefined;
    },
    annotations: () => db.prepare('SELECT id, doc_id, label_id, start, end, text, note, attributes, cluster_id FROM annotations').all() as AuditAnnotation[],
    links: () => db.prepare('SELECT id, from_id, to_id, type_id FROM links').all() as AuditLink[],
    /** Ids of the link types that make clusters (same-as). */
    transitiveTypeIds: () => db.prepare('SELECT id FROM link_types WHERE transitive = 1').pluck().all() as number[],
    /** How many documents the corpus index finds for an FTS5 query. */
    countMatches: (fts: string) => db.prepare('SELECT COUNT(*) FROM documents_fts WHERE documents_fts MATCH ?').pluck().get(fts) as number,
    /** Clusters that no annotation belongs to (the cluster cache should never leave one). */
    emptyClusters: () =>
      db.prepare('SELECT COUNT(*) FROM clusters WHERE id NOT IN (SELECT cluster_id FROM annotations WHERE cluster_id IS NOT NULL)').pluck().get() as number,
    close: () => db.close(),
  };
}

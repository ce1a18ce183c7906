/**
 * The raw better-sqlite3 work `npm run bench` measures Crosscheck against: the least any program must do for
 * the same result, with no Crosscheck around it. Here because db/ is the one place with SQL; nothing but the
 * bench calls these.
 */
import Database from 'better-sqlite3';

/**
 * A bare table plus an FTS5 index with the same pragmas and tokenizer as a project, in a new file at `path`.
 * `fill` runs in one transaction and calls `insert(title, text)` once per document (reading files in between is
 * the caller's, and counts); opening and creating the tables happen before, so a timer can start after them.
 */
export function openRawFts(path: string): { fill(fill: (insert: (title: string, text: string) => void) => void): void; close(): void } {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT, text TEXT);
    CREATE VIRTUAL TABLE docs_fts USING fts5(title, text, content='docs', content_rowid='id', tokenize='unicode61 remove_diacritics 2');`);
  const ins = db.prepare('INSERT INTO docs (title, text) VALUES (?, ?)');
  const fts = db.prepare('INSERT INTO docs_fts (rowid, title, text) VALUES (?, ?, ?)');
  const insert = (title: string, text: string) => void fts.run(ins.run(title, text).lastInsertRowid, title, text);
  return {
    fill: (fill) => db.transaction(() => fill(insert))(),
    close: () => db.close(),
  };
}

/** Every document row, then every annotation row, of the project at `path`, read-only, as plain objects in id order. */
export function* rawProjectRows(path: string): Generator<Record<string, unknown>> {
  const db = new Database(path, { readonly: true });
  try {
    yield* db.prepare('SELECT id, title, date, source, path, text FROM documents ORDER BY id').iterate() as Iterable<Record<string, unknown>>;
    yield* db
      .prepare('SELECT id, doc_id, label_id, start, end, text, note, attributes, cluster_id FROM annotations ORDER BY doc_id, start')
      .iterate() as Iterable<Record<string, unknown>>;
  } finally {
    db.close();
  }
}

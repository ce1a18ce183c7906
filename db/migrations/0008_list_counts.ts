/**
 * The document list and the project's counts at 100,000 documents (issue 15). Every per-request read of the list,
 * the layers bar, `stats.get` and the dashboard used to count spans or walk the wide `documents` rows (each holds
 * its text), so each cost grew with the corpus. This migration keeps what they read, small and indexed, beside the
 * rows it summarises, maintained by triggers so that no write path (create, delete, label change, restore, undo,
 * merge, import, curation, proposals) can forget it:
 * - `document_list`: one slim row per document with the fields the list sorts and filters on (title, date, source,
 *   done, done_at) and `annotations`, its spans outside the `auto` layer (db/auto-layer.ts). Its indexes hold every
 *   sort of the list (title and source folding case, as the list sorts them; ties by id), each with the filter
 *   columns beside it, so a sorted, filtered walk reads index entries only.
 * - `document_label_counts`: spans per document and label outside `auto`, a row only while there is one: the badges
 *   and the label filter.
 * - `label_counts`: spans and documents per label outside `auto` (stats, dashboard).
 * - `layer_document_counts` / `layer_counts`: spans per document and layer, and per layer its spans, links and
 *   documents, `auto` included (the layers bar counts a layer's own size).
 * Backfilled by one grouped scan of the annotations. The `auto` annotator is known by its reserved name, which no
 * layer can take or give up (common/annotators.ts), so the triggers can test it when a row is written.
 */
const AUTO = "(SELECT id FROM annotators WHERE name = 'auto')";

/**
 * What a span row (`r` is NEW or OLD) outside `auto` adds to the list's counts (`d` = 1) or takes from them (-1).
 * The triggers that run it test "outside `auto`" once, in their WHEN clause (measured: a third less per span than
 * testing it in each statement).
 */
function listCounts(r: 'NEW' | 'OLD', d: 1 | -1): string {
  return d > 0
    ? `INSERT INTO label_counts (label_id, annotations) VALUES (${r}.label_id, 1)
    ON CONFLICT (label_id) DO UPDATE SET annotations = annotations + 1;
  INSERT INTO document_label_counts (doc_id, label_id, annotations) VALUES (${r}.doc_id, ${r}.label_id, 1)
    ON CONFLICT (doc_id, label_id) DO UPDATE SET annotations = annotations + 1;
  UPDATE document_list SET annotations = annotations + 1 WHERE doc_id = ${r}.doc_id;`
    : `UPDATE label_counts SET annotations = annotations - 1 WHERE label_id = ${r}.label_id;
  UPDATE document_label_counts SET annotations = annotations - 1 WHERE doc_id = ${r}.doc_id AND label_id = ${r}.label_id;
  DELETE FROM document_label_counts WHERE doc_id = ${r}.doc_id AND label_id = ${r}.label_id AND annotations <= 0;
  UPDATE document_list SET annotations = annotations - 1 WHERE doc_id = ${r}.doc_id;`;
}

/** What a span row of any layer adds to its layer's counts (`d` = 1) or takes from them (-1). */
function layerCounts(r: 'NEW' | 'OLD', d: 1 | -1): string {
  return d > 0
    ? `INSERT INTO layer_counts (annotator_id, spans) VALUES (${r}.annotator_id, 1)
    ON CONFLICT (annotator_id) DO UPDATE SET spans = spans + 1;
  INSERT INTO layer_document_counts (doc_id, annotator_id, spans) VALUES (${r}.doc_id, ${r}.annotator_id, 1)
    ON CONFLICT (doc_id, annotator_id) DO UPDATE SET spans = spans + 1;`
    : `UPDATE layer_document_counts SET spans = spans - 1 WHERE doc_id = ${r}.doc_id AND annotator_id = ${r}.annotator_id;
  DELETE FROM layer_document_counts WHERE doc_id = ${r}.doc_id AND annotator_id = ${r}.annotator_id AND spans <= 0;
  UPDATE layer_counts SET spans = spans - 1 WHERE annotator_id = ${r}.annotator_id;`;
}

/** An UPDATE of a span that moves it to another document, label or layer. */
const moved = 'OLD.doc_id IS NOT NEW.doc_id OR OLD.label_id IS NOT NEW.label_id OR OLD.annotator_id IS NOT NEW.annotator_id';

const listColumns = 'title, date, source, done, done_at';

export const sql = `
CREATE TABLE document_list (
  doc_id      INTEGER PRIMARY KEY,
  title       TEXT NOT NULL,
  date        TEXT,
  source      TEXT,
  done        INTEGER NOT NULL,
  done_at     TEXT,
  annotations INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE document_label_counts (
  doc_id      INTEGER NOT NULL,
  label_id    INTEGER NOT NULL,
  annotations INTEGER NOT NULL,
  PRIMARY KEY (doc_id, label_id)
) WITHOUT ROWID;
CREATE TABLE label_counts (
  label_id    INTEGER PRIMARY KEY,
  annotations INTEGER NOT NULL DEFAULT 0,
  documents   INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE layer_document_counts (
  doc_id       INTEGER NOT NULL,
  annotator_id INTEGER NOT NULL,
  spans        INTEGER NOT NULL,
  PRIMARY KEY (doc_id, annotator_id)
) WITHOUT ROWID;
CREATE TABLE layer_counts (
  annotator_id INTEGER PRIMARY KEY,
  spans        INTEGER NOT NULL DEFAULT 0,
  links        INTEGER NOT NULL DEFAULT 0,
  documents    INTEGER NOT NULL DEFAULT 0
);

CREATE TEMP TABLE span_groups AS
  SELECT doc_id, label_id, annotator_id, COUNT(*) AS n FROM annotations GROUP BY doc_id, label_id, annotator_id;
INSERT INTO document_label_counts (doc_id, label_id, annotations)
  SELECT doc_id, label_id, SUM(n) FROM temp.span_groups WHERE annotator_id IS NOT ${AUTO} GROUP BY doc_id, label_id;
INSERT INTO layer_document_counts (doc_id, annotator_id, spans)
  SELECT doc_id, annotator_id, SUM(n) FROM temp.span_groups GROUP BY doc_id, annotator_id;
DROP TABLE temp.span_groups;
INSERT INTO document_list (doc_id, ${listColumns}, annotations)
  SELECT d.id, d.title, d.date, d.source, d.done, d.done_at, COALESCE(c.n, 0)
  FROM documents d LEFT JOIN (SELECT doc_id, SUM(annotations) AS n FROM document_label_counts GROUP BY doc_id) c ON c.doc_id = d.id;
INSERT INTO label_counts (label_id, annotations, documents)
  SELECT l.id, COALESCE(SUM(c.annotations), 0), COUNT(c.doc_id) FROM labels l LEFT JOIN document_label_counts c ON c.label_id = l.id GROUP BY l.id;
INSERT INTO layer_counts (annotator_id, spans, links, documents)
  SELECT a.id, COALESCE((SELECT SUM(spans) FROM layer_document_counts WHERE annotator_id = a.id), 0),
    (SELECT COUNT(*) FROM links WHERE annotator_id = a.id),
    (SELECT COUNT(*) FROM layer_document_counts WHERE annotator_id = a.id)
  FROM annotators a;

CREATE INDEX document_list_by_title ON document_list(title COLLATE NOCASE, doc_id, done, source, date, done_at);
CREATE INDEX document_list_by_date ON document_list(date, doc_id, done, source, done_at);
CREATE INDEX document_list_by_source ON document_list(source COLLATE NOCASE, doc_id, done, date, done_at);
CREATE INDEX document_list_by_annotations ON document_list(annotations, doc_id, done, source, date, done_at);
CREATE INDEX document_list_by_exact_source ON document_list(source, doc_id) WHERE source IS NOT NULL;
CREATE INDEX document_label_counts_by_label ON document_label_counts(label_id, doc_id);

CREATE TRIGGER document_list_insert AFTER INSERT ON documents BEGIN
  INSERT INTO document_list (doc_id, ${listColumns}) VALUES (NEW.id, NEW.title, NEW.date, NEW.source, NEW.done, NEW.done_at);
END;
CREATE TRIGGER document_list_update AFTER UPDATE OF ${listColumns} ON documents BEGIN
  UPDATE document_list SET title = NEW.title, date = NEW.date, source = NEW.source, done = NEW.done, done_at = NEW.done_at
  WHERE doc_id = NEW.id;
END;
CREATE TRIGGER document_list_delete AFTER DELETE ON documents BEGIN
  DELETE FROM document_list WHERE doc_id = OLD.id;
  DELETE FROM document_label_counts WHERE doc_id = OLD.id;
  DELETE FROM layer_document_counts WHERE doc_id = OLD.id;
END;

CREATE TRIGGER document_label_counts_insert AFTER INSERT ON document_label_counts BEGIN
  INSERT INTO label_counts (label_id, documents) VALUES (NEW.label_id, 1)
    ON CONFLICT (label_id) DO UPDATE SET documents = documents + 1;
END;
CREATE TRIGGER document_label_counts_delete AFTER DELETE ON document_label_counts BEGIN
  UPDATE label_counts SET documents = documents - 1 WHERE label_id = OLD.label_id;
END;
CREATE TRIGGER layer_document_counts_insert AFTER INSERT ON layer_document_counts BEGIN
  UPDATE layer_counts SET documents = documents + 1 WHERE annotator_id = NEW.annotator_id;
END;
CREATE TRIGGER layer_document_counts_delete AFTER DELETE ON layer_document_counts BEGIN
  UPDATE layer_counts SET documents = documents - 1 WHERE annotator_id = OLD.annotator_id;
END;

CREATE TRIGGER annotations_count_insert AFTER INSERT ON annotations WHEN NEW.annotator_id IS NOT ${AUTO} BEGIN
  ${listCounts('NEW', 1)}
END;
CREATE TRIGGER annotations_count_delete AFTER DELETE ON annotations WHEN OLD.annotator_id IS NOT ${AUTO} BEGIN
  ${listCounts('OLD', -1)}
END;
CREATE TRIGGER annotations_count_update_old AFTER UPDATE OF doc_id, label_id, annotator_id ON annotations
WHEN (${moved}) AND OLD.annotator_id IS NOT ${AUTO} BEGIN
  ${listCounts('OLD', -1)}
END;
CREATE TRIGGER annotations_count_update_new AFTER UPDATE OF doc_id, label_id, annotator_id ON annotations
WHEN (${moved}) AND NEW.annotator_id IS NOT ${AUTO} BEGIN
  ${listCounts('NEW', 1)}
END;
CREATE TRIGGER annotations_layer_insert AFTER INSERT ON annotations BEGIN
  ${layerCounts('NEW', 1)}
END;
CREATE TRIGGER annotations_layer_delete AFTER DELETE ON annotations BEGIN
  ${layerCounts('OLD', -1)}
END;
CREATE TRIGGER annotations_layer_update AFTER UPDATE OF doc_id, annotator_id ON annotations
WHEN OLD.doc_id IS NOT NEW.doc_id OR OLD.annotator_id IS NOT NEW.annotator_id BEGIN
  ${layerCounts('OLD', -1)}
  ${layerCounts('NEW', 1)}
END;

CREATE TRIGGER links_count_insert AFTER INSERT ON links BEGIN
  INSERT INTO layer_counts (annotator_id, links) VALUES (NEW.annotator_id, 1)
    ON CONFLICT (annotator_id) DO UPDATE SET links = links + 1;
END;
CREATE TRIGGER links_count_delete AFTER DELETE ON links BEGIN
  UPDATE layer_counts SET links = links - 1 WHERE annotator_id = OLD.annotator_id;
END;
CREATE TRIGGER links_count_update AFTER UPDATE OF annotator_id ON links WHEN OLD.annotator_id IS NOT NEW.annotator_id BEGIN
  UPDATE layer_counts SET links = links - 1 WHERE annotator_id = OLD.annotator_id;
  INSERT INTO layer_counts (annotator_id, links) VALUES (NEW.annotator_id, 1)
    ON CONFLICT (annotator_id) DO UPDATE SET links = links + 1;
END;

CREATE TRIGGER label_counts_delete AFTER DELETE ON labels BEGIN
  DELETE FROM label_counts WHERE label_id = OLD.id;
END;
CREATE TRIGGER layer_counts_delete AFTER DELETE ON annotators BEGIN
  DELETE FROM layer_counts WHERE annotator_id = OLD.id;
END;
`;

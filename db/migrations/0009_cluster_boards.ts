/**
 * The claims and speakers boards at 100,000 documents (issue 15). A board's order (documents desc, then name) and
 * which board a cluster belongs on (its major label) used to be worked out by one pass over every clustered mention
 * after each write; this migration keeps them per cluster, maintained by triggers on the rows they summarise, so
 * that a board's page is a walk of one index (services/boards.ts, db/boards.ts):
 * - `cluster_document_counts`: mentions per cluster and document (a row only while there is one): the cluster's
 *   distinct documents, and the documents whose dates and sources a board's header adds up.
 * - `cluster_label_counts`: mentions per cluster and label: which label is the cluster's major one.
 * - `cluster_boards`: one row per cluster: its layer, name, mentions (of any label), documents, and `label_id`, the
 *   label most of its mentions carry (a tie goes to the label whose first mention in board order, earliest dated
 *   document first, undated last, then document id and offset, is earliest; then the lower label id); NULL while it
 *   has no mention. Indexed in board order per layer and label, and per label across layers (the dashboard).
 * - `cluster_board_changes`: one number, moved by every change to what a board's header adds up (its clusters'
 *   mentions and documents, a cluster moving between boards, a clustered document's date or source), and not by a
 *   rename: the header's totals are kept until it moves.
 * Backfilled by one grouped pass over the clustered mentions.
 */

/** The first mention in board order of `label` in cluster `cluster` (SQL): as db/boards.ts's tie rule reads it. */
const firstOf = (cluster: string, label: string) => `(SELECT min((d.date IS NULL) || ifnull(d.date, '') || char(1) || printf('%012d %012d', d.id, a.start))
    FROM annotations a CROSS JOIN documents d ON d.id = a.doc_id WHERE a.cluster_id = ${cluster} AND a.label_id = ${label})`;

/**
 * The major label of cluster `cluster` (SQL). The first mention is looked up only for labels that tie on mentions,
 * so that the common cluster (one label) costs one read of its one or two label rows.
 */
const majorOf = (cluster: string) => `(SELECT c.label_id FROM cluster_label_counts c WHERE c.cluster_id = ${cluster}
    ORDER BY c.mentions DESC,
      CASE WHEN EXISTS (SELECT 1 FROM cluster_label_counts o WHERE o.cluster_id = c.cluster_id AND o.label_id <> c.label_id AND o.mentions = c.mentions)
        THEN ${firstOf('c.cluster_id', 'c.label_id')} END,
      c.label_id
    LIMIT 1)`;

/** What a clustered mention (`r` is NEW or OLD) adds to its cluster's counts (`d` = 1) or takes from them (-1). */
function mentionCounts(r: 'NEW' | 'OLD', d: 1 | -1): string {
  const where = `${r}.cluster_id IS NOT NULL`;
  return d > 0
    ? `INSERT INTO cluster_document_counts (cluster_id, doc_id, mentions) SELECT ${r}.cluster_id, ${r}.doc_id, 1 WHERE ${where}
    ON CONFLICT (cluster_id, doc_id) DO UPDATE SET mentions = mentions + 1;
  INSERT INTO cluster_label_counts (cluster_id, label_id, mentions) SELECT ${r}.cluster_id, ${r}.label_id, 1 WHERE ${where}
    ON CONFLICT (cluster_id, label_id) DO UPDATE SET mentions = mentions + 1;
  UPDATE cluster_boards SET mentions = mentions + 1, label_id = ${majorOf(`${r}.cluster_id`)} WHERE cluster_id = ${r}.cluster_id;`
    : `UPDATE cluster_document_counts SET mentions = mentions - 1 WHERE cluster_id = ${r}.cluster_id AND doc_id = ${r}.doc_id;
  DELETE FROM cluster_document_counts WHERE cluster_id = ${r}.cluster_id AND doc_id = ${r}.doc_id AND mentions <= 0;
  UPDATE cluster_label_counts SET mentions = mentions - 1 WHERE cluster_id = ${r}.cluster_id AND label_id = ${r}.label_id;
  DELETE FROM cluster_label_counts WHERE cluster_id = ${r}.cluster_id AND label_id = ${r}.label_id AND mentions <= 0;
  UPDATE cluster_boards SET mentions = mentions - 1, label_id = ${majorOf(`${r}.cluster_id`)} WHERE cluster_id = ${r}.cluster_id;`;
}

const bump = 'UPDATE cluster_board_changes SET n = n + 1;';

export const sql = `
CREATE TABLE cluster_document_counts (
  cluster_id INTEGER NOT NULL,
  doc_id     INTEGER NOT NULL,
  mentions   INTEGER NOT NULL,
  PRIMARY KEY (cluster_id, doc_id)
) WITHOUT ROWID;
CREATE TABLE cluster_label_counts (
  cluster_id INTEGER NOT NULL,
  label_id   INTEGER NOT NULL,
  mentions   INTEGER NOT NULL,
  PRIMARY KEY (cluster_id, label_id)
) WITHOUT ROWID;
CREATE TABLE cluster_boards (
  cluster_id   INTEGER PRIMARY KEY,
  annotator_id INTEGER NOT NULL,
  name         TEXT NOT NULL,
  label_id     INTEGER,
  mentions     INTEGER NOT NULL DEFAULT 0,
  documents    INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE cluster_board_changes (n INTEGER NOT NULL);
INSERT INTO cluster_board_changes (n) VALUES (0);

INSERT INTO cluster_document_counts (cluster_id, doc_id, mentions)
  SELECT cluster_id, doc_id, COUNT(*) FROM annotations WHERE cluster_id IS NOT NULL GROUP BY cluster_id, doc_id;
INSERT INTO cluster_label_counts (cluster_id, label_id, mentions)
  SELECT cluster_id, label_id, COUNT(*) FROM annotations WHERE cluster_id IS NOT NULL GROUP BY cluster_id, label_id;
INSERT INTO cluster_boards (cluster_id, annotator_id, name, mentions, documents)
  SELECT k.id, k.annotator_id, k.name,
    COALESCE((SELECT SUM(mentions) FROM cluster_label_counts WHERE cluster_id = k.id), 0),
    (SELECT COUNT(*) FROM cluster_document_counts WHERE cluster_id = k.id)
  FROM clusters k;
UPDATE cluster_boards SET label_id = ${majorOf('cluster_boards.cluster_id')} WHERE mentions > 0;

CREATE INDEX cluster_document_counts_by_doc ON cluster_document_counts(doc_id, cluster_id);
CREATE INDEX cluster_boards_in_order ON cluster_boards(annotator_id, label_id, documents DESC, name COLLATE NOCASE, cluster_id, mentions);
CREATE INDEX cluster_boards_every_layer ON cluster_boards(label_id, documents DESC, name COLLATE NOCASE, cluster_id, mentions);

CREATE TRIGGER clusters_board_insert AFTER INSERT ON clusters BEGIN
  INSERT INTO cluster_boards (cluster_id, annotator_id, name) VALUES (NEW.id, NEW.annotator_id, NEW.name);
END;
CREATE TRIGGER clusters_board_update AFTER UPDATE OF name, annotator_id ON clusters BEGIN
  UPDATE cluster_boards SET name = NEW.name, annotator_id = NEW.annotator_id WHERE cluster_id = NEW.id;
END;
CREATE TRIGGER clusters_board_delete AFTER DELETE ON clusters BEGIN
  DELETE FROM cluster_boards WHERE cluster_id = OLD.id;
  DELETE FROM cluster_document_counts WHERE cluster_id = OLD.id;
  DELETE FROM cluster_label_counts WHERE cluster_id = OLD.id;
END;

CREATE TRIGGER annotations_board_insert AFTER INSERT ON annotations WHEN NEW.cluster_id IS NOT NULL BEGIN
  ${mentionCounts('NEW', 1)}
END;
CREATE TRIGGER annotations_board_delete AFTER DELETE ON annotations WHEN OLD.cluster_id IS NOT NULL BEGIN
  ${mentionCounts('OLD', -1)}
END;
CREATE TRIGGER annotations_board_update AFTER UPDATE OF cluster_id, doc_id, label_id ON annotations
WHEN (OLD.cluster_id IS NOT NULL OR NEW.cluster_id IS NOT NULL)
  AND (OLD.cluster_id IS NOT NEW.cluster_id OR OLD.doc_id IS NOT NEW.doc_id OR OLD.label_id IS NOT NEW.label_id) BEGIN
  ${mentionCounts('OLD', -1)}
  ${mentionCounts('NEW', 1)}
END;

CREATE TRIGGER cluster_document_counts_insert AFTER INSERT ON cluster_document_counts BEGIN
  UPDATE cluster_boards SET documents = documents + 1 WHERE cluster_id = NEW.cluster_id;
END;
CREATE TRIGGER cluster_document_counts_delete AFTER DELETE ON cluster_document_counts BEGIN
  UPDATE cluster_boards SET documents = documents - 1 WHERE cluster_id = OLD.cluster_id;
END;

CREATE TRIGGER cluster_boards_insert AFTER INSERT ON cluster_boards BEGIN ${bump} END;
CREATE TRIGGER cluster_boards_delete AFTER DELETE ON cluster_boards WHEN OLD.mentions > 0 BEGIN ${bump} END;
CREATE TRIGGER cluster_boards_update AFTER UPDATE OF annotator_id, label_id, mentions, documents ON cluster_boards
WHEN OLD.annotator_id IS NOT NEW.annotator_id OR OLD.label_id IS NOT NEW.label_id OR OLD.mentions IS NOT NEW.mentions
  OR OLD.documents IS NOT NEW.documents BEGIN ${bump} END;

CREATE TRIGGER documents_board_update AFTER UPDATE OF date, source ON documents
WHEN (OLD.date IS NOT NEW.date OR OLD.source IS NOT NEW.source)
  AND EXISTS (SELECT 1 FROM cluster_document_counts WHERE doc_id = NEW.id) BEGIN
  ${bump}
  UPDATE cluster_boards SET label_id = ${majorOf('cluster_boards.cluster_id')}
  WHERE OLD.date IS NOT NEW.date AND cluster_id IN (SELECT cluster_id FROM cluster_document_counts WHERE doc_id = NEW.id);
END;
`;

/**
 * Annotator layers (issue 13):
 * - `annotators`: every person (or the reserved `auto` and `gold` layers) whose annotations the project holds,
 *   by a name unique in any case.
 * - `project_settings`: small facts about the project as key/value text; `current_annotator` (the id new spans,
 *   links and cluster names get) and `annotator_chosen` ('1' once the analyst has confirmed a name on first run).
 * - `annotator_id` on annotations, links and clusters: whose they are. Existing rows become annotator 1, which
 *   the migration's seed (db/annotators.ts) names after the person running the upgrade (the OS user name).
 *   SQLite cannot add a column with both REFERENCES and a non-NULL default while foreign keys are on, so the
 *   reference is kept by the triggers below instead: an annotator with rows cannot be deleted, and a row cannot
 *   name an annotator that does not exist.
 * - `curated_by` on annotations and links of the gold layer: the annotator who accepted the item in curation.
 * - Twins: the same span (document, label, offsets) may now exist once per layer.
 */
export const sql = `
CREATE TABLE annotators (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
  created_at TEXT NOT NULL
);
INSERT INTO annotators (id, name, created_at) VALUES (1, 'analyst', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
CREATE TABLE project_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
INSERT INTO project_settings (key, value) VALUES ('current_annotator', '1'), ('annotator_chosen', '0');

ALTER TABLE annotations ADD COLUMN annotator_id INTEGER NOT NULL DEFAULT 1;
ALTER TABLE annotations ADD COLUMN curated_by INTEGER;
ALTER TABLE links ADD COLUMN annotator_id INTEGER NOT NULL DEFAULT 1;
ALTER TABLE links ADD COLUMN curated_by INTEGER;
ALTER TABLE clusters ADD COLUMN annotator_id INTEGER NOT NULL DEFAULT 1;
CREATE INDEX annotations_by_annotator ON annotations(annotator_id, doc_id, start);
CREATE INDEX links_by_annotator ON links(annotator_id);

CREATE TRIGGER annotations_annotator_insert BEFORE INSERT ON annotations
WHEN NOT EXISTS (SELECT 1 FROM annotators WHERE id = NEW.annotator_id)
  OR (NEW.curated_by IS NOT NULL AND NOT EXISTS (SELECT 1 FROM annotators WHERE id = NEW.curated_by))
BEGIN SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: annotator'); END;
CREATE TRIGGER annotations_annotator_update BEFORE UPDATE OF annotator_id, curated_by ON annotations
WHEN NOT EXISTS (SELECT 1 FROM annotators WHERE id = NEW.annotator_id)
  OR (NEW.curated_by IS NOT NULL AND NOT EXISTS (SELECT 1 FROM annotators WHERE id = NEW.curated_by))
BEGIN SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: annotator'); END;
CREATE TRIGGER links_annotator_insert BEFORE INSERT ON links
WHEN NOT EXISTS (SELECT 1 FROM annotators WHERE id = NEW.annotator_id)
  OR (NEW.curated_by IS NOT NULL AND NOT EXISTS (SELECT 1 FROM annotators WHERE id = NEW.curated_by))
BEGIN SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: annotator'); END;
CREATE TRIGGER clusters_annotator_insert BEFORE INSERT ON clusters
WHEN NOT EXISTS (SELECT 1 FROM annotators WHERE id = NEW.annotator_id)
BEGIN SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: annotator'); END;
CREATE TRIGGER annotators_in_use BEFORE DELETE ON annotators
WHEN EXISTS (SELECT 1 FROM annotations WHERE annotator_id = OLD.id OR curated_by = OLD.id)
  OR EXISTS (SELECT 1 FROM links WHERE annotator_id = OLD.id OR curated_by = OLD.id)
  OR EXISTS (SELECT 1 FROM clusters WHERE annotator_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: annotator in use'); END;
`;

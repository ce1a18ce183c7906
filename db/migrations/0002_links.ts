/**
 * Links between annotations (in any documents) and the clusters that transitive links ("same-as") form.
 * A cluster is a connected component of transitive links with two or more members; `annotations.cluster_id`
 * caches the component so that boards and exports need no graph walk.
 */
export const sql = `
CREATE TABLE link_types (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
  directed   INTEGER NOT NULL DEFAULT 0,
  transitive INTEGER NOT NULL DEFAULT 0,
  color      TEXT NOT NULL,
  position   INTEGER NOT NULL
);
INSERT INTO link_types (name, directed, transitive, color, position) VALUES
  ('same-as',     0, 1, '#5b6b8c', 0),
  ('contradicts', 0, 0, '#c2410c', 1),
  ('supports',    0, 0, '#2f855a', 2),
  ('said-by',     1, 0, '#3d8be8', 3),
  ('cites',       1, 0, '#2fae6b', 4);

CREATE TABLE links (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  from_id    INTEGER NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
  to_id      INTEGER NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
  type_id    INTEGER NOT NULL REFERENCES link_types(id) ON DELETE RESTRICT,
  created_at TEXT NOT NULL,
  CHECK (from_id <> to_id),
  UNIQUE (from_id, to_id, type_id)
);
CREATE INDEX links_by_from ON links(from_id);
CREATE INDEX links_by_to ON links(to_id);

CREATE TABLE clusters (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  name       TEXT NOT NULL,
  created_at TEXT NOT NULL
);
ALTER TABLE annotations ADD COLUMN cluster_id INTEGER REFERENCES clusters(id) ON DELETE SET NULL;
CREATE INDEX annotations_by_cluster ON annotations(cluster_id);

-- Suggestions an analyst dismissed for an annotation; key is 'a:<annotation id>' or 'p:<doc>:<start>:<end>'.
CREATE TABLE dismissed_suggestions (
  annotation_id INTEGER NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
  target        TEXT NOT NULL,
  PRIMARY KEY (annotation_id, target)
) WITHOUT ROWID;
`;

/** The first schema: documents with an external-content FTS5 index, labels, stand-off annotations. */
export const sql = `
CREATE TABLE documents (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  title       TEXT NOT NULL,
  date        TEXT,
  source      TEXT,
  path        TEXT,
  hash        TEXT NOT NULL UNIQUE,
  text        TEXT NOT NULL,
  length      INTEGER NOT NULL,
  imported_at TEXT NOT NULL
);

-- Ids are never reused (AUTOINCREMENT): exported datasets and undo history refer to them.
-- External content: the text is stored once, in documents; the index holds only tokens.
CREATE VIRTUAL TABLE documents_fts USING fts5(
  title, text,
  content='documents', content_rowid='id',
  tokenize='unicode61 remove_diacritics 2'
);

CREATE TABLE labels (
  id       INTEGER PRIMARY KEY AUTOINCREMENT,
  name     TEXT NOT NULL UNIQUE COLLATE NOCASE,
  color    TEXT NOT NULL,
  key      TEXT UNIQUE,
  position INTEGER NOT NULL
);

CREATE TABLE annotations (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  doc_id     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  label_id   INTEGER NOT NULL REFERENCES labels(id) ON DELETE RESTRICT,
  start      INTEGER NOT NULL,
  end        INTEGER NOT NULL,
  -- A copy of text[start:end]: exports and finders read spans without loading whole documents.
  text       TEXT NOT NULL,
  note       TEXT NOT NULL DEFAULT '',
  attributes TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (start >= 0 AND end > start)
);
CREATE INDEX annotations_by_doc ON annotations(doc_id, start, end);
CREATE INDEX annotations_by_label ON annotations(label_id);

INSERT INTO labels (name, color, key, position) VALUES
  ('claim',   '#e8a33d', '1', 0),
  ('speaker', '#3d8be8', '2', 1),
  ('figure',  '#2fae6b', '3', 2);
`;

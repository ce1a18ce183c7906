/**
 * Pre-annotation (issue 14): what each analyst decided about the `auto` layer's proposals (common/proposals.ts).
 * - `proposal_decisions`: one row per analyst and proposed span (document, label, code-point offsets): accepted
 *   (a copy went into their layer) or rejected. Keyed by where the span is rather than by the `auto` annotation's
 *   id, so that a decision outlives the proposal row: a rejected span is never proposed again by a later run,
 *   whatever happened to the `auto` layer meanwhile. Deleting the document, label or annotator deletes them.
 * - `proposals_by_key`: finding the `auto` twin of a span (document, label, offsets) is what every run and every
 *   accept does; annotations_by_doc (doc, start, end) already narrows it, the annotator index by layer.
 */
export const sql = `
CREATE TABLE proposal_decisions (
  doc_id       INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  label_id     INTEGER NOT NULL REFERENCES labels(id) ON DELETE CASCADE,
  start        INTEGER NOT NULL,
  end          INTEGER NOT NULL,
  annotator_id INTEGER NOT NULL REFERENCES annotators(id) ON DELETE CASCADE,
  decision     TEXT NOT NULL CHECK (decision IN ('accepted', 'rejected')),
  decided_at   TEXT NOT NULL,
  CHECK (start >= 0 AND end > start),
  PRIMARY KEY (doc_id, label_id, start, end, annotator_id)
) WITHOUT ROWID;
`;

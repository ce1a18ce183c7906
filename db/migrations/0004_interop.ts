/**
 * Interop (issue 11):
 * - `documents.origin`: the absolute path a document was read from, where known. `path` holds the path relative
 *   to the folder it was imported from, so exports do not publish the analyst's home folder; `origin` is written
 *   only on request (`--absolute-paths`). Rows imported before keep their path in both.
 * - `external_id` on documents, annotations and links: the id another tool's file gave (a JSON string or
 *   integer), kept as text with its JSON type in front: `"s:doc-17"` for the string "doc-17", `"n:17"` for the
 *   integer 17 (canonical decimal, as JSON.stringify writes it). The JSONL export writes it back in `id`, `from`
 *   and `to`, so that import → export of such a file keeps its ids (services/formats/jsonl-ids.ts). The indexes
 *   are on the id without its type (`substr(external_id, 3)`, what the file shows when every id is written as a
 *   string): an export looks up ids written twice there before it writes any.
 */
export const sql = `
ALTER TABLE documents ADD COLUMN origin TEXT;
UPDATE documents SET origin = path WHERE path IS NOT NULL;
ALTER TABLE documents ADD COLUMN external_id TEXT;
ALTER TABLE annotations ADD COLUMN external_id TEXT;
ALTER TABLE links ADD COLUMN external_id TEXT;
CREATE INDEX documents_external_key ON documents(substr(external_id, 3)) WHERE external_id IS NOT NULL;
CREATE INDEX annotations_external_key ON annotations(substr(external_id, 3)) WHERE external_id IS NOT NULL;
CREATE INDEX links_external_key ON links(substr(external_id, 3)) WHERE external_id IS NOT NULL;
`;

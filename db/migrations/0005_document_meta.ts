/**
 * Document metadata and the document list at scale (issue 12):
 * - `documents.url`: where the article was published, set by the analyst (http or https only, checked by the
 *   contract).
 * - `documents.done_at`: when the document was last marked done (ISO 8601), cleared when it is marked not done;
 *   the dashboard's "documents done over time" counts it. Documents already done get NULL, not their import time:
 *   when they were finished was never recorded, and the import time would put every one of them on the import day.
 * - Indexes for the list's filters (services/documents.ts): by source (exact match), by date (a range), by when
 *   documents were done. The filter by label uses annotations_by_label.
 */
export const sql = `
ALTER TABLE documents ADD COLUMN url TEXT;
ALTER TABLE documents ADD COLUMN done_at TEXT;
CREATE INDEX documents_by_source ON documents(source) WHERE source IS NOT NULL;
CREATE INDEX documents_by_date ON documents(date) WHERE date IS NOT NULL;
CREATE INDEX documents_by_done_at ON documents(done_at) WHERE done_at IS NOT NULL;
`;

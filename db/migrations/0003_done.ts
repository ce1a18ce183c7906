/** Documents an analyst has finished: exports can take only those. */
export const sql = `
ALTER TABLE documents ADD COLUMN done INTEGER NOT NULL DEFAULT 0;
CREATE INDEX documents_done ON documents(done) WHERE done = 1;
`;

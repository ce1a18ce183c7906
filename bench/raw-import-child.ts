// The baseline process of `npm run bench -- cli-import`: a plain Node program that does the least the CLI's
// import must do for the same files (walk the folder, read each file, insert it and index it in FTS5 in one
// transaction, with a project's pragmas), bundled like the CLI so that neither process compiles anything.
// Usage: node raw-import.mjs <corpus folder> <new database file>
import { readFileSync } from 'node:fs';
import { openRawFts } from '../db/baselines.js';
import { walkPaths } from '../services/import/walk.js';

const [corpus, dbPath] = process.argv.slice(2);
const db = openRawFts(dbPath);
const files = walkPaths([corpus]).files;
db.fill((insert) => {
  for (const f of files) {
    const text = readFileSync(f.absPath, 'utf8');
    insert(text.slice(0, text.indexOf('\n')), text);
  }
});
db.close();
console.log(files.length);

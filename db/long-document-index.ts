/**
 * Every place a query matches in one long document (the 1 MB report), from a scratch FTS5 index of that
 * document cut into pieces, kept on the connection for the next query on the same document.
 *
 * Why: FTS5's highlight() on a whole document tokenizes all of it and builds its answer by copying what it has
 * so far once per match (sqlite3_mprintf("%z%.*s")), which is quadratic: 60–145 ms for a word with a thousand
 * matches in the 1 MB report, on every query. Cut into pieces of PIECE characters, each piece's answer stays
 * short, and only the pieces holding a match are highlighted: ~10 ms for that word, under 2 ms for a rare phrase.
 * Indexing the pieces (~25 ms for 1 MB) is paid once per document while it stays the one kept.
 *
 * Exactness: pieces start at ASCII whitespace (never inside a token, with FTS5's unicode61 family of tokenizers)
 * and reach on past their core by `overlapRuns` whitespace-separated runs, so any phrase of at most that many
 * words that starts in a piece's core ends inside the piece; a match is taken from the piece whose core it starts
 * in. A document matches a group (phrases ANDed) when each phrase is somewhere in it (title included, as in the
 * corpus index); the ranges are then those of the phrases of the groups it matches, as highlight() marks them
 * (overlapping matches merged into one range). Other tokenizers get one piece.
 */
import type { Db } from './open.js';
import type { Range } from '../common/model.js';
import { renderPhrase, type ParsedQuery } from './fts-query.js';
import { cpLength } from '../common/offsets.js';
import { rangesFromMarked } from './highlight-marks.js';

/** Characters (UTF-16 units) of a piece's core; highlight() costs this × the matches in the piece. */
const PIECE = 16_000;

/** A piece of the text: UTF-16 indices [from, to), its core [from, coreEnd). */
interface Piece {
  from: number;
  coreEnd: number;
  to: number;
}

/**
 * Cuts `text` into pieces of about PIECE characters whose cores tile it, each reaching on by `overlapRuns`
 * whitespace-separated runs (see the top of this file). One piece when `splittable` is false.
 */
export function cutPieces(text: string, overlapRuns: number, splittable = true, size = PIECE): Piece[] {
  if (!splittable || text.length <= size) return [{ from: 0, coreEnd: text.length, to: text.length }];
  const out: Piece[] = [];
  const space = /[ \t\n\r]/g;
  const runs = /[^ \t\n\r]+/g;
  let from = 0;
  while (from < text.length) {
    space.lastIndex = from + size;
    const at = from + size < text.length ? space.exec(text) : null;
    const coreEnd = at ? at.index : text.length;
    let to = coreEnd;
    runs.lastIndex = coreEnd;
    for (let n = 0; n < overlapRuns; n++) {
      const m = runs.exec(text);
      if (!m) {
        to = text.length;
        break;
      }
      to = m.index + m[0].length;
    }
    out.push({ from, coreEnd, to });
    from = coreEnd;
  }
  return out;
}

/**
 * Ranges between marker characters in `marked` (highlight() output), in code points of the unmarked text plus
 * `base`. `bmp`: the text has no surrogate pairs, so UTF-16 indices are code points and markers are found by
 * indexOf (a 1 MB answer read character by character cost ~10 ms).
 */
function markedRanges(marked: string, open: string, close: string, base: number, bmp: boolean, out: Range[]): void {
  if (!bmp) {
    for (const r of rangesFromMarked(marked, open, close)) out.push({ start: base + r.start, end: base + r.end });
    return;
  }
  let markers = 0;
  for (let i = marked.indexOf(open); i >= 0; i = marked.indexOf(open, i)) {
    const j = marked.indexOf(close, i + 1);
    if (j < 0) break;
    const start = i - markers;
    const end = j - markers - 1;
    markers += 2;
    if (end > start) out.push({ start: base + start, end: base + end });
    i = j + 1;
  }
}

/**
 * The scratch index of the long document last asked for, on one connection. `tokenizer`: the corpus index's;
 * `overlapRuns`: the most words a phrase may have (fts-bounds limits.words).
 */
export function longDocumentIndex(db: Db, tokenizer: string, overlapRuns: number) {
  const splittable = /^\s*(unicode61|ascii|porter)\b/i.test(tokenizer) && !/tokenchars/i.test(tokenizer);
  // IF NOT EXISTS on every use: a rolled-back transaction of this connection drops temp tables made inside it;
  // which document is kept is stored beside its pieces, so a rollback cannot leave the two disagreeing.
  const create = () =>
    db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.long_document USING fts5(title, text, start UNINDEXED, core UNINDEXED, bmp UNINDEXED, tokenize='${tokenizer.replace(/'/g, "''")}');
      CREATE TABLE IF NOT EXISTS temp.long_document_of (doc_id INTEGER, hash TEXT, open TEXT, close TEXT);`);
  const prepare = () => ({
    documentKey: db.prepare('SELECT hash, title FROM documents WHERE id = ?'),
    text: db.prepare('SELECT text FROM documents WHERE id = ?').pluck(),
    kept: db.prepare('SELECT doc_id AS docId, hash, open, close FROM temp.long_document_of'),
    clear: db.prepare('DELETE FROM temp.long_document'),
    clearKept: db.prepare('DELETE FROM temp.long_document_of'),
    keep: db.prepare('INSERT INTO temp.long_document_of (doc_id, hash, open, close) VALUES (?, ?, ?, ?)'),
    put: db.prepare('INSERT INTO temp.long_document (rowid, title, text, start, core, bmp) VALUES (?, ?, ?, ?, ?, ?)'),
    has: db.prepare('SELECT 1 FROM temp.long_document WHERE long_document MATCH ? LIMIT 1').pluck(),
    marked: db.prepare('SELECT start, core, bmp, highlight(long_document, 1, ?, ?) AS marked FROM temp.long_document WHERE long_document MATCH ? AND rowid > 1 ORDER BY rowid'),
  });
  let statements: ReturnType<typeof prepare> | null = null;

  /** The document's pieces indexed (unless they already are) and its markers; null when there is no such document. */
  function load(q: ReturnType<typeof prepare>, docId: number, markersOf: (text: string) => [string, string]): { open: string; close: string } | null {
    const key = q.documentKey.get(docId) as { hash: string; title: string } | undefined;
    if (!key) return null;
    const kept = q.kept.get() as { docId: number; hash: string; open: string; close: string } | undefined;
    if (kept && kept.docId === docId && kept.hash === key.hash) return kept;
    const text = q.text.get(docId) as string;
    const [open, close] = markersOf(text);
    db.transaction(() => {
      q.clear.run();
      q.clearKept.run();
      q.put.run(1, key.title, '', -1, -1, 1);
      let cp = 0;
      let at = 0;
      cutPieces(text, overlapRuns, splittable).forEach((p, i) => {
        cp += cpLength(text.slice(at, p.from));
        at = p.from;
        const body = text.slice(p.from, p.to);
        q.put.run(i + 2, '', body, cp, cpLength(text.slice(p.from, p.coreEnd)), /[\ud800-\udfff]/.test(body) ? 0 : 1);
      });
      q.keep.run(docId, key.hash, open, close);
    })();
    return { open, close };
  }

  return {
    /**
     * Every range (code points of the document's text, in order, overlapping matches merged) where the query of
     * `groups` matches in document `docId`, as highlight() of the whole document would mark them; [] when it
     * does not match or there is no such document. `markersOf` picks two characters the text does not hold.
     */
    ranges(docId: number, groups: ParsedQuery, markersOf: (text: string) => [string, string]): Range[] {
      create();
      const q = (statements ??= prepare());
      const marks = load(q, docId, markersOf);
      if (!marks) return [];
      const found = new Map<string, boolean>();
      const holds = (phrase: string) => {
        let yes = found.get(phrase);
        if (yes === undefined) found.set(phrase, (yes = q.has.get(phrase) !== undefined));
        return yes;
      };
      const phrases = new Set<string>();
      for (const g of groups) {
        const rendered = g.map(renderPhrase);
        if (rendered.every(holds)) rendered.forEach((p) => phrases.add(p));
      }
      if (!phrases.size) return [];
      const out: Range[] = [];
      type Row = { start: number; core: number; bmp: number; marked: string };
      for (const r of q.marked.iterate(marks.open, marks.close, [...phrases].join(' OR ')) as IterableIterator<Row>) {
        const inPiece: Range[] = [];
        markedRanges(r.marked, marks.open, marks.close, r.start, r.bmp === 1, inPiece);
        for (const range of inPiece) if (range.start < r.start + r.core) out.push(range);
      }
      // A chain of overlapping matches longer than a piece's overlap comes back in two parts: one range again.
      const merged: Range[] = [];
      for (const r of out) {
        const last = merged[merged.length - 1];
        if (last && r.start < last.end) last.end = Math.max(last.end, r.end);
        else merged.push({ ...r });
      }
      return merged;
    },
  };
}

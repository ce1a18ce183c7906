/**
 * What a search may cost, counted before it runs: words, the index terms each `prefix*` stands for, and the
 * index entries FTS5 reads and scores to answer. A query over a limit is refused with what to change, so that
 * whether it runs depends only on the query and the project's index, never on how busy the machine is. The
 * counts come from the index itself (an fts5vocab table): one look-up per word, and for a prefix a count of its
 * terms that stops at the limit.
 *
 * How FTS5 spends its time (measured at 100,000 generated articles, bench/scale): ranking with bm25 computes a
 * score for every document the query matches, for each phrase of the query (~0.3–0.6 µs each); reading the
 * document lists of the words costs ~0.05 µs per entry, since a phrase or an AND steps through the lists of its
 * common words only to the documents its rare word holds; a prefix merges the lists of all its terms (~0.3 µs per
 * entry). So the count is
 *   entries = matches × phrases + listed / LIST_READ + merged / PREFIX_MERGE,
 * with matches the documents the query can match (for each ORed group, those of its narrowest phrase, a phrase
 * holding no more documents than its rarest word; at most the corpus), listed the documents of every plain word,
 * merged those of every prefix's terms. One entry is ~0.6 µs there: "civilians were killed" (a phrase of a rare,
 * a common and a rare word) counts ~43,000 and answers in 13 ms; "the" (every document) 108,000 and 120 ms;
 * "the of and" 325,000 and 240 ms, refused. The old count (every word's documents summed) refused the first at
 * 161,000 entries and let "mo*" (merging 115,000 entries, 0.4 s with snippets) through.
 */
import type { Db } from './open.js';
import { AppError } from '../common/errors.js';
import { parseQuery, renderPhrase, renderQuery, type ParsedQuery, type Phrase } from './fts-query.js';

/** The limits one query is held to (see the top of this file). */
export interface QueryLimits {
  words: number;
  prefixTerms: number;
  entries: number;
  text: number;
}

export const QUERY_LIMITS: Readonly<QueryLimits> = {
  /** Words (index tokens) in all the phrases of one query. */
  words: 64,
  /** Index terms one `prefix*` may stand for ("a*" in a real archive stands for thousands). */
  prefixTerms: 2000,
  /** Index entries one query may read and score (see the top of this file): about 0.2 s on the bench machine. */
  entries: 300_000,
  /**
   * Code points of document text one request reads to show its hits (snippets, passages), each hit counted at
   * its document's whole length: passages' highlight() tokenizes each whole document, and a snippet whose window
   * is not found falls back to snippet() over all of it (db/snippet-windows.ts), so 500 hits in book-length
   * reports could read hundreds of megabytes. About 0.3 s of tokenizing; hits past it come without a snippet,
   * passages stop there.
   */
  text: 5_000_000,
};

/** What a query was counted to cost. */
export interface QueryCost {
  words: number;
  entries: number;
}

/** A query ready for FTS5 (toFtsQuery's syntax, duplicates of the same index words removed) and its cost. */
export interface BoundedQuery {
  fts: string;
  cost: QueryCost;
  /** Its phrases as index words (lower case, folded as the index folds them); `prefix` when the last is a prefix. */
  phrases: { words: string[]; prefix: boolean }[];
}

/**
 * Checks queries against `limits` on one connection. Uses temporary tables of that connection (its temp schema,
 * which a read-only connection can write too): the index's vocabulary, and a scratch FTS5 table with the index's
 * own tokenizer (and its vocabulary), which splits and folds a query's words exactly as the index did.
 */
export function queryBounds(db: Db, limits: Readonly<QueryLimits> = QUERY_LIMITS) {
  const tokenizer = indexTokenizer(db);
  // IF NOT EXISTS on every use: a rolled-back transaction of this connection drops temp tables made inside it.
  const ensureTables = () =>
    db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.documents_vocab USING fts5vocab(main, 'documents_fts', 'row');
      CREATE VIRTUAL TABLE IF NOT EXISTS temp.query_words USING fts5(phrase, tokenize='${tokenizer.replace(/'/g, "''")}');
      CREATE VIRTUAL TABLE IF NOT EXISTS temp.query_words_at USING fts5vocab(temp, 'query_words', 'instance');`);
  let statements: Statements | null = null;
  const prepare = () => ({
    clearWords: db.prepare('DELETE FROM temp.query_words'),
    addPhrase: db.prepare('INSERT INTO temp.query_words (rowid, phrase) VALUES (?, ?)'),
    wordsOf: db.prepare('SELECT doc AS phrase, term FROM temp.query_words_at ORDER BY doc, "offset"'),
    docsWith: db.prepare('SELECT doc FROM temp.documents_vocab WHERE term = ?').pluck(),
    lastDocument: db.prepare('SELECT IFNULL(MAX(id), 0) FROM documents').pluck(),
    termsFrom: db.prepare('SELECT doc FROM temp.documents_vocab WHERE term >= ? AND term < ?').pluck(),
  });
  type Statements = ReturnType<typeof prepare>;
  /** The statements, their temp tables made first (on first use: opening a project makes none). */
  const sql = (): Statements => {
    ensureTables();
    return (statements ??= prepare());
  };

  /** Each phrase's index words, in order (none for a phrase the tokenizer reads as separators only). */
  function tokenize({ clearWords, addPhrase, wordsOf }: Statements, phrases: Phrase[]): string[][] {
    clearWords.run();
    phrases.forEach((p, i) => addPhrase.run(i + 1, p.text));
    const out = phrases.map((): string[] => []);
    for (const r of wordsOf.all() as { phrase: number; term: string }[]) out[r.phrase - 1].push(r.term);
    clearWords.run();
    return out;
  }

  /**
   * The terms a prefix stands for and the entries they hold, counting no further than `budget` entries or
   * limits.prefixTerms terms (`capped` then).
   */
  function expand({ termsFrom }: Statements, prefix: string, budget: number): { terms: number; entries: number; capped: boolean } {
    let terms = 0;
    let entries = 0;
    // U+10FFFF sorts after every character that can follow the prefix (UTF-8 byte order, as the index keeps it).
    for (const docs of termsFrom.iterate(prefix, `${prefix}\u{10FFFF}`) as IterableIterator<number>) {
      terms++;
      entries += docs;
      if (terms > limits.prefixTerms || entries > budget) return { terms, entries, capped: true };
    }
    return { terms, entries, capped: false };
  }

  return {
    /**
     * Parses `input` (toFtsQuery's syntax), keeps one copy of phrases that are the same index words ("Mosul",
     * "mosul", "MOSUL"), and counts what the rest costs.
     * @returns the query for FTS5 ('' when nothing is left to search for) and its cost.
     * @throws AppError InvalidInput "Query too broad: …" naming the limit passed and what to change.
     */
    compile(input: string): BoundedQuery {
      const parsed = parseQuery(input);
      if (!parsed.length) return { fts: '', cost: { words: 0, entries: 0 }, phrases: [] };
      const q = sql();
      const distinct = [...new Map(parsed.flat().map((p) => [renderPhrase(p), p])).values()];
      const words = new Map(tokenize(q, distinct).map((w, i) => [renderPhrase(distinct[i]), w]));
      const groups = sameWordsOnce(parsed, words);

      const occurrences = groups.flat();
      const wordCount = occurrences.reduce((n, p) => n + words.get(renderPhrase(p))!.length, 0);
      if (wordCount > limits.words) {
        throw new AppError(
          'InvalidInput',
          `Query too broad: it has ${wordCount} words; at most ${limits.words} are searched at once. Search for fewer words.`,
        );
      }

      // Every plain word: one look-up in the index's vocabulary (cheap even for a word in every document).
      const seen = new Map<string, Counted>();
      const docsOf = (word: string): number => {
        let known = seen.get(word);
        if (!known) seen.set(word, (known = { shown: word, entries: (q.docsWith.get(word) as number | undefined) ?? 0 }));
        return known.entries;
      };
      // Prefixes: their terms' lists are merged whole, so their documents count in full (counting stops once
      // the merge alone would pass the limit).
      const mergedOf = (word: string): number => {
        const key = `${word}*`;
        let known = seen.get(key);
        if (!known) {
          const x = expand(q, word, limits.entries * PREFIX_MERGE);
          if (x.capped && x.terms > limits.prefixTerms) {
            throw new AppError(
              'InvalidInput',
              `Query too broad: "${key}" stands for more than ${limits.prefixTerms.toLocaleString('en')} different words in this project. Type more letters before the *.`,
            );
          }
          seen.set(key, (known = { shown: key, entries: x.entries, terms: x.terms, partly: x.capped }));
        }
        return known.entries;
      };
      const corpus = q.lastDocument.get() as number;
      let listed = 0;
      let merged = 0;
      /** The documents a phrase can match: at most those of its rarest word (a prefix: its merged terms). */
      const phraseDocs = (p: Phrase): number => {
        const w = words.get(renderPhrase(p))!;
        let docs = Infinity;
        w.forEach((word, i) => {
          if (p.prefix && i === w.length - 1) {
            const m = mergedOf(word);
            merged += m;
            docs = Math.min(docs, m, corpus);
          } else {
            const d = docsOf(word);
            listed += d;
            docs = Math.min(docs, d);
          }
        });
        return Number.isFinite(docs) ? docs : 0;
      };
      // A group (phrases ANDed) matches at most the documents of its narrowest phrase; ORed groups add up.
      let matches = 0;
      for (const g of groups) matches += Math.min(...g.map(phraseDocs));
      matches = Math.min(matches, corpus);
      const entries = matches * occurrences.length + Math.ceil(listed / LIST_READ) + Math.ceil(merged / PREFIX_MERGE);
      if (entries > limits.entries) throw tooManyEntries(limits.entries, entries, [...seen.values()]);
      const phrases = occurrences.map((p) => ({ words: words.get(renderPhrase(p))!, prefix: p.prefix })).filter((p) => p.words.length);
      return { fts: renderQuery(groups), cost: { words: wordCount, entries }, phrases };
    },
  };
}

/** List entries read per entry counted: stepping through a document list is ~12 × cheaper than scoring a match. */
const LIST_READ = 12;
/** Merged prefix entries per entry counted. */
const PREFIX_MERGE = 2;

/** A word or prefix of a query and the entries it holds; `partly` when counting stopped at the limit. */
interface Counted {
  shown: string;
  entries: number;
  terms?: number;
  partly?: boolean;
}

/** The refusal for a query reading too many entries, naming its broadest terms. */
function tooManyEntries(limit: number, entries: number, terms: Counted[]): AppError {
  const broadest = [...terms]
    .sort((a, b) => b.entries - a.entries)
    .slice(0, 3)
    .map((t) =>
      t.terms === undefined
        ? `"${t.shown}" (in ${t.entries.toLocaleString('en')} documents)`
        : `"${t.shown}" (${t.partly ? 'at least ' : ''}${t.terms.toLocaleString('en')} words, ${t.entries.toLocaleString('en')} entries)`,
    );
  return new AppError(
    'InvalidInput',
    `Query too broad: it would read more than ${limit.toLocaleString('en')} index entries (counted ${entries.toLocaleString('en')} before stopping); the broadest terms: ${broadest.join(', ')}. Leave out very common words, or type more letters before a *.`,
  );
}

/**
 * The groups again, with phrases that are the same index words with the same prefix flag kept once per group,
 * and groups with the same phrases kept once. A phrase with no index words at all is kept as it is.
 */
function sameWordsOnce(groups: ParsedQuery, words: Map<string, string[]>): ParsedQuery {
  const keyOf = (p: Phrase) => {
    const w = words.get(renderPhrase(p))!;
    return w.length ? `${w.join(' ')}${p.prefix ? '*' : ''}` : `\u0000${renderPhrase(p)}`;
  };
  const seenGroups = new Set<string>();
  const out: Phrase[][] = [];
  for (const g of groups) {
    const keys = new Set<string>();
    const kept = g.filter((p) => !keys.has(keyOf(p)) && !!keys.add(keyOf(p)));
    const groupKey = [...keys].sort().join('\u0001');
    if (seenGroups.has(groupKey)) continue;
    seenGroups.add(groupKey);
    out.push(kept);
  }
  return out;
}

/** The tokenizer the corpus index was made with (the `tokenize=` of its CREATE statement), or FTS5's default. */
export function indexTokenizer(db: Db): string {
  const sql = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'documents_fts'").pluck().get() as string | undefined;
  const m = sql && /tokenize\s*=\s*'((?:[^']|'')*)'/i.exec(sql);
  return m ? m[1].replace(/''/g, "'") : 'unicode61';
}

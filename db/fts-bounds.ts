/**
 * What a search may cost, counted before it runs: words, the index terms each `prefix*` stands for, and the
 * index entries (one per document holding a term) FTS5 reads to answer. A query over a limit is refused with
 * what to change, so that whether it runs depends only on the query and the project's index, never on how busy
 * the machine is. The counts come from the index itself (an fts5vocab table), read with a stop at each limit:
 * counting never costs more than the limit it checks.
 *
 * Why index entries: FTS5 answers a query by reading, for each word of each phrase, the list of documents that
 * hold it (for a prefix, the lists of every index term it expands to, merged), and scores every document that
 * matches; so its time grows with the sum of those lists' lengths. On the bench machine (2 cores, shared) a
 * query costs 0.6 µs (one prefix) to 3 µs (ten words in every document, ANDed or ORed, with bm25) per entry, so
 * the limit below keeps one query under half a second: "mo*" over 20,000 generated articles is 60,000 entries;
 * "a*" is 208,000 and is refused there (type more letters); a hundred words in every one of those documents
 * would be 2 million (seconds).
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
  /** Index entries (documents × words) one query may read; see the top of this file. */
  entries: 150_000,
  /**
   * Code points of document text one request reads to show its hits (snippets, passages): snippet() and
   * highlight() tokenize each whole document, so 500 hits in book-length reports would read hundreds of
   * megabytes. About 0.3 s of tokenizing; hits past it come without a snippet, passages stop there.
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
      if (!parsed.length) return { fts: '', cost: { words: 0, entries: 0 } };
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

      // Plain words first (one look-up each), so that what is left of the budget bounds the prefix counts.
      const seen = new Map<string, Counted>();
      let entries = 0;
      const prefixes: { key: string; shown: string; word: string }[] = [];
      for (const p of occurrences) {
        const w = words.get(renderPhrase(p))!;
        w.forEach((word, i) => {
          if (p.prefix && i === w.length - 1) {
            prefixes.push({ key: `${word}*`, shown: `${word}*`, word });
            return;
          }
          const known = seen.get(word) ?? { shown: word, entries: (q.docsWith.get(word) as number | undefined) ?? 0 };
          seen.set(word, known);
          entries += known.entries;
          if (entries > limits.entries) throw tooManyEntries(limits.entries, entries, [...seen.values()]);
        });
      }
      for (const { key, shown, word } of prefixes) {
        let known = seen.get(key);
        if (!known) {
          const x = expand(q, word, limits.entries - entries);
          if (x.capped && x.terms > limits.prefixTerms) {
            throw new AppError(
              'InvalidInput',
              `Query too broad: "${shown}" stands for more than ${limits.prefixTerms.toLocaleString('en')} different words in this project. Type more letters before the *.`,
            );
          }
          known = { shown, entries: x.entries, terms: x.terms, partly: x.capped };
          seen.set(key, known);
        }
        entries += known.entries;
        if (entries > limits.entries) break;
      }
      if (entries > limits.entries) throw tooManyEntries(limits.entries, entries, [...seen.values()]);
      return { fts: renderQuery(groups), cost: { words: wordCount, entries } };
    },
  };
}

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

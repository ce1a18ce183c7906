// Where a search hit's snippet is cut from (db/search.ts). FTS5's snippet() over a whole document tokenizes all of
// it twice (once to find sentences, once to mark) and first seeks the query to that one document in the corpus
// index: about 0.15 ms per hit for a 3.5 kB article, 40–260 ms for a 1 MB report, several times that for a prefix
// standing for many words. Instead, each hit's text is searched here for the query's phrases with a regular
// expression, the place FTS5 would most likely show is picked by FTS5's own scoring (below), and only a window of
// text around it goes to snippet() on a scratch index with the corpus index's tokenizer, which marks exactly the
// terms FTS5 marks. A window the query does not match there (a word only the index folds, such as an accented
// spelling) falls back to snippet() over the whole document.

/** A query's phrase as index words (lower case, folded as the index folds them); `prefix` when the last is a prefix. */
export interface PhraseWords {
  words: string[];
  prefix: boolean;
}

/** UTF-16 code units of text kept before the chosen place (then back to a sentence start or a word's start). */
export const WINDOW_BEFORE = 240;
/** UTF-16 code units kept after the chosen place (then on to a word's end): well past snippet()'s 24 tokens. */
export const WINDOW_AFTER = 480;
/** UTF-16 code units past which no occurrence is looked for in a fragment of 24 tokens (tokens are counted within). */
const FRAGMENT = 24 * 24;
/** Occurrences looked at per text: the place is among the first ones (a 1 MB report may hold thousands). */
const MAX_OCCURRENCES = 200;

/** A character the index's unicode61 tokenizer keeps in a token (letters, digits, private use). */
const TOKEN = '\\p{L}\\p{N}\\p{Co}';
/** What comes before a token that starts a sentence, as snippet() finds sentences: '.' or ':' and white space. */
const SENTENCE_START = `[.:][ \\t\\n\\r]+(?=[${TOKEN}])`;
const TOKENS = new RegExp(`[${TOKEN}]+`, 'gu');
const ANY_TOKEN = new RegExp(`[${TOKEN}]`, 'u');
/** Tokens (as the index's tokenizer splits them, nearly) in `text`. */
const tokenCount = (text: string) => text.match(TOKENS)?.length ?? 0;

/**
 * A global, case-insensitive pattern finding every phrase of a query in text, whole words only (a prefix phrase's
 * last word: any word starting with it), words separated by anything that is not a token character; capture group
 * i + 1 is phrase i. Null when no phrase has words.
 */
export function phrasesPattern(phrases: readonly PhraseWords[]): RegExp | null {
  const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const alternatives = phrases
    .filter((p) => p.words.length)
    .map((p) => `(${p.words.map(escape).join(`[^${TOKEN}]+`)}${p.prefix ? '' : `(?![${TOKEN}])`})`);
  return alternatives.length ? new RegExp(`(?<![${TOKEN}])(?:${alternatives.join('|')})`, 'giu') : null;
}

/** A stretch of a text (UTF-16 indices, `to` exclusive) and whether the text has tokens before and after it. */
export interface SnippetWindow {
  from: number;
  to: number;
  before: boolean;
  after: boolean;
}

/**
 * The window of `text` to make a snippet from, or null when `pattern` (phrasesPattern) finds nothing in it.
 * Looking only at occurrences starting `within` (UTF-16 indices: the first piece of a long document holds a margin),
 * the place chosen is the occurrence with the best fragment by snippet()'s score: 1000 per phrase first seen in
 * the 24 tokens from the occurrence, or from the start of its sentence, 1 per repeat, and 100 more for a
 * fragment starting a sentence (120 the text's first; a sentence starts at a token after '.' or ':' and white
 * space, as snippet() finds them), the earliest on a tie. The window ends at a word's end about WINDOW_AFTER after
 * the place and starts at a sentence start before it (see windowStart), far enough back for more than snippet()'s
 * 24 tokens. Never cuts a surrogate pair or, when white space is near, a word.
 */
export function snippetWindow(text: string, pattern: RegExp, within = { start: 0, end: text.length }): SnippetWindow | null {
  const found: { at: number; phrase: number }[] = [];
  pattern.lastIndex = within.start;
  for (let m = pattern.exec(text); m && m.index < within.end && found.length < MAX_OCCURRENCES; m = pattern.exec(text)) {
    found.push({ at: m.index, phrase: m.findIndex((g, i) => i > 0 && g !== undefined) });
    if (!m[0].length) pattern.lastIndex++;
  }
  if (!found.length) return null;
  // Sentence starts up to the last occurrence: the text's first token, and tokens after '.' or ':' and white space.
  const starts = [text.search(ANY_TOKEN)];
  const sentence = new RegExp(SENTENCE_START, 'gu');
  for (let m = sentence.exec(text); m && m.index < found[found.length - 1].at; m = sentence.exec(text)) starts.push(m.index + m[0].length);
  /** snippet()'s score of the fragment of 24 tokens from UTF-16 index `from` (occurrences from the `first`th on). */
  const scoreFrom = (from: number, first: number) => {
    const seen = new Set<number>();
    let count = 0;
    for (let j = first; j < found.length && found[j].at - from < FRAGMENT; j++) {
      if (found[j].at < from || tokenCount(text.slice(from, found[j].at)) >= SNIPPET_TOKENS) continue;
      seen.add(found[j].phrase);
      count++;
    }
    return seen.size * 1000 + count;
  };
  let best = 0;
  let bestScore = -1;
  let s = 0;
  for (let i = 0; i < found.length; i++) {
    const at = found[i].at;
    let score = scoreFrom(at, i);
    if (score > bestScore) [best, bestScore] = [i, score];
    // The fragment from the start of this occurrence's sentence, with snippet()'s bonus for starting one.
    while (s + 1 < starts.length && starts[s + 1] <= at) s++;
    if (starts[s] >= 0 && starts[s] < at) {
      const first = found.findIndex((f) => f.at >= starts[s]);
      score = scoreFrom(starts[s], first) + (s === 0 ? 120 : 100);
      if (score > bestScore) [best, bestScore] = [i, score];
    }
  }
  const at = found[best].at;
  const to = windowEnd(text, at + WINDOW_AFTER);
  // snippet() weighs sentences only in a column of more than its 24 tokens: a window of fewer, in a text of more,
  // reaches further back.
  let from = at;
  do from = windowStart(text, from);
  while (from > 0 && tokenCount(text.slice(from, to)) <= SNIPPET_TOKENS);
  return { from, to, before: ANY_TOKEN.test(text.slice(0, from)), after: ANY_TOKEN.test(text.slice(to)) };
}

/** Tokens in a snippet (db/search.ts asks snippet() for 24). */
const SNIPPET_TOKENS = 24;

/**
 * Where a window reaching back from UTF-16 index `at` starts: the first sentence start within WINDOW_BEFORE before
 * it (so that snippet() in the window finds the sentences it would find in the whole text, and the window's first
 * token, which snippet() takes for a sentence start, is one), else the first word start after at - WINDOW_BEFORE.
 */
function windowStart(text: string, at: number): number {
  if (at <= WINDOW_BEFORE) return 0;
  const lo = at - WINDOW_BEFORE;
  const m = new RegExp(SENTENCE_START, 'u').exec(text.slice(lo, at));
  if (m) return lo + m.index + m[0].length;
  const space = text.slice(lo, lo + 64).search(/[ \t\n\r]/);
  return space < 0 ? pairStart(text, lo) : lo + space + 1;
}

/** Where a window wanting to end near UTF-16 index `end` ends (see snippetWindow). */
function windowEnd(text: string, end: number): number {
  if (end >= text.length) return text.length;
  const space = text.slice(end, end + 64).search(/[ \t\n\r]/);
  return space < 0 ? pairStart(text, end) : end + space;
}

/** Moves an index that falls inside a surrogate pair back to the pair's start. */
export function pairStart(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return i > 0 && c >= 0xdc00 && c <= 0xdfff ? i - 1 : i;
}

/**
 * A window's snippet (what snippet() made of the window's text) as it reads in the whole text: '…' added where
 * the window cut tokens off and snippet() did not say so itself.
 */
export function windowSnippet(snippet: string, w: Pick<SnippetWindow, 'before' | 'after'>): string {
  return `${w.before && !snippet.startsWith('…') ? '…' : ''}${snippet}${w.after && !snippet.endsWith('…') ? '…' : ''}`;
}

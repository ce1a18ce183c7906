/**
 * Key words of a span, for the BM25 candidate query ("60 civilians killed, 200 injured" →
 * `"civilians" OR "injured" OR "killed" OR "200" OR "60"`) and for word-overlap scores.
 *
 * Tokens are runs of letters and digits, as FTS5's unicode61 tokenizer cuts them, so that every term we send
 * exists as an index term ("US-led" → "us", "led"). Stop words are English and Russian function words plus the
 * reporting verbs every news article is full of ("said", "told", "according"), which would otherwise dominate an
 * OR query without telling one claim from another.
 */
import { isTokenChar, isUpper } from './text.js';

const STOPWORDS = new Set(
  (
    // English function words
    'a about above after again against all am an and any are aren as at be because been before being below ' +
    'between both but by can cannot could couldn did didn do does doesn doing don down during each few for from ' +
    'further had hadn has hasn have haven having he her here hers herself him himself his how i if in into is ' +
    'isn it its itself just let me more most mustn my myself no nor not now of off on once only or other ought ' +
    'our ours ourselves out over own same shan she should shouldn so some such than that the their theirs them ' +
    'themselves then there these they this those through to too under until up upon us very was wasn we were ' +
    'weren what when where which while who whom whose why will with won would wouldn you your yours yourself ' +
    'yourselves also yet however still even ever may might must shall s t d ll m re ve o y via per among ' +
    'within without across along around amid onto toward towards another every either neither whether ' +
    'although though since unless whereas thus hence therefore meanwhile moreover furthermore ' +
    // Figure qualifiers: the figure itself is the key word ("at least 60" → "60")
    'least less fewer nearly almost approximately roughly ' +
    // Reporting words of every news article
    'said says say saying told tell tells telling according reported reportedly reports reporting added ' +
    'adding stated noted claimed asked recalled stressed explained quoted cited ' +
    'mr mrs ms dr today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday ' +
    'week weeks last earlier later including included one ' +
    // Russian function words and reporting verbs
    'и в во не что он она оно они на я с со как а то все всё так его ее её но да к у же вы за бы по только ' +
    'мне было вот от меня еще ещё нет о об из ему когда даже ли если уже или ни быть был была были него до ' +
    'вас там потом себя ей может тут где есть для мы их чем сам без чего тоже себе под будет кто этот того ' +
    'потому этого какой этом при после над через эти нас про всего них эту этой перед том также который ' +
    'которая которые которых более менее около заявил заявила сообщил сообщила сказал сказала словам отметил'
  ).split(' '),
);

const DIGITS = /^\p{N}+$/u;

/** Score of a token as a proxy for how rare it is in a corpus: see significantTerms. */
function rarity(lower: string, capitalisedMidSentence: boolean): number {
  if (DIGITS.test(lower)) return lower.length >= 2 ? 9 : 4;
  return Math.min(lower.length, 12) + (capitalisedMidSentence ? 3 : 0);
}

const OPENERS = new Set([' ', '\t', '\u00a0', '“', '"', '«', '‘', "'", '(', '[']);
const ENDERS = new Set(['.', '!', '?', '\n', '\r', ':', '—', '–', '…']);

/** True when the token at `i` starts a sentence (so its capital says nothing about it being a name). */
function sentenceInitial(text: string, i: number): boolean {
  let k = i - 1;
  while (k >= 0 && OPENERS.has(text[k])) k--;
  return k < 0 || ENDERS.has(text[k]);
}

/**
 * Calls `f` with each token: a run of letters, marks and numbers (any script), as FTS5's unicode61 tokenizer
 * cuts text. A hand-written loop over a character table: this runs on every candidate of a request.
 */
function eachToken(text: string, f: (token: string, start: number) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isTokenChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let e = i + 1;
    while (e < n && isTokenChar(text.charCodeAt(e))) e++;
    f(text.slice(i, e), i);
    i = e;
  }
}

/** A token worth querying: not a stop word, not a lone letter (a lone digit is kept: a count of 3 matters). */
function keep(lower: string): boolean {
  if (lower.length === 1 && !(lower >= '0' && lower <= '9')) return false;
  return !STOPWORDS.has(lower);
}

interface Scored {
  term: string;
  score: number;
  first: number;
  count: number;
}

/**
 * Up to `max` key words of `text`: lower-cased, stop words and reporting verbs removed, numbers and names kept,
 * each once, ordered by a rarity proxy, best first.
 *
 * Rarity proxy (higher first, ties in text order): a word scores its length (at most 12), +3 when capitalised
 * away from a sentence start (a name: "Rudskoy", "Mosul"), +1 for each repetition up to +2; a number of two or
 * more digits scores 9 (figures like "396" single out a claim), a one-digit number 4.
 *
 * @example
 * significantTerms('60 civilians killed, 200 injured as US-led coalition strikes Mosul residential areas')
 * // ['residential', '60', 'civilians', '200', 'coalition', 'mosul', 'injured', 'strikes', 'killed', 'areas', 'led']
 */
export function significantTerms(text: string, max = 12): string[] {
  if (max <= 0 || !text) return [];
  const seen = new Map<string, Scored>();
  eachToken(text, (token, at) => {
    const lower = token.toLowerCase();
    if (!keep(lower)) return;
    const cur = seen.get(lower);
    if (cur) cur.count++;
    else {
      const name = isUpper(token.charCodeAt(0)) && !sentenceInitial(text, at);
      seen.set(lower, { term: lower, score: rarity(lower, name), first: seen.size, count: 1 });
    }
  });
  const scored = [...seen.values()];
  for (const s of scored) s.score += Math.min(2, s.count - 1);
  scored.sort((a, b) => b.score - a.score || a.first - b.first);
  return scored.slice(0, max).map((s) => s.term);
}

/**
 * Every key word of `text` (as significantTerms, without ranking or limit), for overlap measures.
 * @example keyTermSet('Over 60 civilians have been killed') // Set { '60', 'civilians', 'killed' }
 */
export function keyTermSet(text: string): Set<string> {
  const out = new Set<string>();
  if (text) {
    eachToken(text, (token) => {
      const lower = token.toLowerCase();
      if (keep(lower)) out.add(lower);
    });
  }
  return out;
}

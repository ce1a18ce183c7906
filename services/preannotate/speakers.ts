/**
 * Tokens and speaker phrases: the noun phrase before a reporting verb ("Gen. Sergey Rudskoy told"), after it
 * ("said the President of Russia") or after "according to", cut to what GUIDELINES.md calls a speaker: a
 * person's name with its title ("Igor Konashenkov" out of "the official representative of the defense Ministry
 * Igor Konashenkov"), a body as written ("the Russian MoD"), an unnamed person as written ("a spokesman for the
 * coalition"). Pronouns and bare titles ("he", "the general") are reported as such, for the caller to resolve.
 * UTF-16 offsets.
 */
import {
  ABBREVIATIONS, BODY_NOUNS, DETERMINERS, NAME_PARTICLES, NOT_NAMES, ORG_WORDS, PERSON_PRONOUNS, PERSON_ROLES, PHRASE_WORDS, POSSESSIVES,
  PRONOUNS, TITLES,
} from './reporting-words.js';

export interface Token {
  start: number;
  end: number;
  text: string;
  /** Lower case. */
  lower: string;
  word: boolean;
  /** Starts with an upper-case letter (or a digit-free acronym); false for punctuation. */
  cap: boolean;
}

const TOKEN = /[\p{L}\p{N}]+(?:[.'’\-][\p{L}\p{N}]+)*\.?|[^\s\p{L}\p{N}]/gu;
const UPPER = /^\p{Lu}/u;

/** Words and single punctuation marks; a final period stays on abbreviations and dotted acronyms only. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    let t = m[0];
    const start = m.index!;
    const word = /^[\p{L}\p{N}]/u.test(t);
    let dot = false;
    if (word && t.length > 1 && t.endsWith('.')) {
      const base = t.slice(0, -1);
      if (!(base.includes('.') || base.length === 1 || ABBREVIATIONS.has(base.toLowerCase()))) {
        t = base;
        dot = true;
      }
    }
    out.push({ start, end: start + t.length, text: t, lower: t.toLowerCase(), word, cap: word && UPPER.test(t) });
    if (dot) out.push({ start: start + t.length, end: start + t.length + 1, text: '.', lower: '.', word: false, cap: false });
  }
  return out;
}

export type SpeakerKind = 'person' | 'body' | 'pronoun' | 'title';

export interface SpeakerPhrase {
  /** Token range [from, to) of the speaker span (for pronouns and titles: of the words as written). */
  from: number;
  to: number;
  kind: SpeakerKind;
  /** For a pronoun or a title: whether it refers to a person ("he", "the general") rather than a body. */
  person: boolean;
  /** The span ends before a possessive "’s" on its last token ("The coalition’s statement" → "The coalition"). */
  possessive: boolean;
  /** The words the caller scanned over, [scanFrom, scanTo): a claim never reaches into them. */
  scanFrom: number;
  scanTo: number;
}

/** A word a speaker phrase may contain (capitalised words, role and body nouns, phrase words, "2nd"). */
function phraseWord(t: Token): boolean {
  if (!t.word) return false;
  if (t.cap) return true;
  const w = bare(t);
  return PHRASE_WORDS.has(w) || PERSON_ROLES.has(w) || BODY_NOUNS.has(w) || DETERMINERS.has(w) || /^\d+(st|nd|rd|th)$/.test(w);
}

/** Lower case without a possessive "’s". */
const bare = (t: Token) => t.lower.replace(/[’']s$/, '');
const isRole = (t: Token) => PERSON_ROLES.has(bare(t)) || TITLES.has(t.lower);
/** Nouns a possessor is cut from: "The coalition’s statement said" is the coalition speaking. */
const SAYINGS = new Set(['statement', 'report', 'words', 'comments', 'announcement', 'post', 'letter', 'update']);

/**
 * The speaker phrase made of tokens [from, to) (already delimited by the caller), or null when it names no one:
 * leading sentence adverbs and prepositions are dropped; a lone pronoun is a pronoun; a name run after a role or
 * an organisation word is cut to the name ("Ministry Igor Konashenkov"); a description without a name ("the
 * general", "his lawyer", "the survey") is a title; anything else is kept as written.
 */
export function classifyPhrase(tokens: Token[], from: number, to: number): SpeakerPhrase | null {
  const scanFrom = from;
  const make = (f: number, t: number, kind: SpeakerKind, person = false, possessive = false): SpeakerPhrase =>
    ({ from: f, to: t, kind, person, possessive, scanFrom, scanTo: to });
  if (to - from === 1 && PRONOUNS.has(tokens[from].lower)) return make(from, to, 'pronoun', PERSON_PRONOUNS.has(tokens[from].lower));
  while (from < to && ((NOT_NAMES.has(tokens[from].lower) && !DETERMINERS.has(tokens[from].lower)) || ['of', 'for', 'and'].includes(tokens[from].lower))) from++;
  while (to > from && ['of', 'for', 'and', 'the', 'a', 'an', 'in', 'at'].includes(tokens[to - 1].lower)) to--;
  if (to <= from) return null;
  if (to - from === 1 && PRONOUNS.has(tokens[from].lower)) return make(from, to, 'pronoun', PERSON_PRONOUNS.has(tokens[from].lower));
  if (tokens.slice(from, to).some((t) => PRONOUNS.has(t.lower) && !POSSESSIVES.has(t.lower) && !t.cap)) return null;
  // "The coalition’s statement": the possessor speaks.
  let possessive = false;
  for (let k = from; k < to - 1; k++) {
    if (/[’']s$/.test(tokens[k].text) && SAYINGS.has(tokens[k + 1].lower)) {
      to = k + 1;
      possessive = true;
      break;
    }
  }
  const words = tokens.slice(from, to);
  const first = tokens[from].lower;
  const determined = DETERMINERS.has(first);
  const names = words.filter((t) => t.cap && !NOT_NAMES.has(t.lower) && !DETERMINERS.has(t.lower) && !/^\d/.test(t.text));
  const heads = words.filter((t) => !t.cap && (PERSON_ROLES.has(bare(t)) || BODY_NOUNS.has(bare(t))));
  const personish = words.some(isRole);
  if (!names.length && !heads.length) return determined && to - from <= 5 && to - from >= 2 ? make(from, to, 'title', false, possessive) : null;
  // The final run of capitalised words (a capitalised determiner, "The", is not part of a name).
  let runStart = to;
  while (runStart > from && ((tokens[runStart - 1].cap && !DETERMINERS.has(tokens[runStart - 1].lower)) || (runStart - 2 >= from && NAME_PARTICLES.has(tokens[runStart - 1].lower) && tokens[runStart - 2].cap))) runStart--;
  if (runStart < to) {
    let lastOrg = -1;
    for (let i = runStart; i < to; i++) if (ORG_WORDS.has(bare(tokens[i]))) lastOrg = i;
    if (lastOrg >= 0 && lastOrg < to - 1) return make(lastOrg + 1, to, 'person', false, possessive);
    if (lastOrg < 0) {
      if (tokens.slice(runStart, to).every((t) => TITLES.has(t.lower))) return determined ? make(from, to, 'title', true, possessive) : null;
      const before = tokens[runStart - 1];
      // "a spokesman for the coalition of Joseph Scrocca": an unnamed official already complete with its body;
      // "of <Name>" does not run on into it ("the mayor of New York" keeps its "of": a role, not a body, before it).
      const owner = tokens[runStart - 2];
      if (before?.lower === 'of' && runStart - 2 > from && !owner.cap && BODY_NOUNS.has(bare(owner)) && tokens.slice(from, runStart - 2).some(isRole)) {
        return make(from, runStart - 1, 'person', false, possessive);
      }
      if (runStart > from && (DETERMINERS.has(before.lower) || ['of', 'for'].includes(before.lower))) {
        return make(from, to, personish ? 'person' : 'body', false, possessive);
      }
      // A name after lower-case role words ("coalition Joseph Scrocca") or alone ("Gen. Sergey Rudskoy").
      if (runStart > from) return make(runStart, to, 'person', false, possessive);
      return make(from, to, isBodyRun(tokens, from, to) ? 'body' : 'person', false, possessive);
    }
    return make(from, to, 'body', false, possessive);
  }
  // Lower-case head: a description ("the general", "the head of state", "his lawyer") or a body or unnamed
  // person as written ("a spokesman for the coalition", "Iraqi media outlets").
  const nonTitleNames = names.filter((t) => !TITLES.has(t.lower));
  const headIsPerson = heads.length > 0 && PERSON_ROLES.has(bare(heads[0]));
  if ((determined && first !== 'a' && first !== 'an') && !nonTitleNames.length) return make(from, to, 'title', headIsPerson, possessive);
  return make(from, to, headIsPerson ? 'person' : 'body', false, possessive);
}

function isBodyRun(tokens: Token[], from: number, to: number): boolean {
  return tokens.slice(from, to).some((t) => ORG_WORDS.has(bare(t))) || (to - from === 1 && /^\p{Lu}{2,}$/u.test(tokens[from].text));
}

/**
 * The words that may form a speaker phrase ending just before token `end` (exclusive), scanning back over phrase
 * words and possessives, not past `limit` (clamped to 0). Returns the first token index (== end when none).
 */
export function phraseStartBefore(tokens: Token[], end: number, limit: number): number {
  // A limit before the first token (a sentence opening the text, less one) is the first token.
  if (limit < 0) limit = 0;
  let i = end;
  // A name in quotation marks ends the phrase: news Agency “Interfax”.
  if (i - 3 >= limit && /[”»"]/.test(tokens[i - 1].text) && tokens[i - 2].cap && /[“«"]/.test(tokens[i - 3].text)) i -= 3;
  while (i > limit && (phraseWord(tokens[i - 1]) || PRONOUNS.has(tokens[i - 1].lower) || (NAME_PARTICLES.has(tokens[i - 1].lower) && tokens[i]?.cap && tokens[i - 2]?.cap))) {
    i--;
    if (PRONOUNS.has(tokens[i].lower) && !tokens[i].cap && !POSSESSIVES.has(tokens[i].lower)) break;
  }
  // "the survey said", "retired teacher Ellen Brooks": open-class words back to a determiner.
  if (i > limit && i < end) {
    let j = i;
    while (j > limit && j > i - 3 && tokens[j - 1].word && !tokens[j - 1].cap && !DETERMINERS.has(tokens[j - 1].lower) && !PRONOUNS.has(tokens[j - 1].lower)) j--;
    if (j > limit && DETERMINERS.has(tokens[j - 1].lower)) return Math.min(phraseStartBefore(tokens, j - 1, limit), j - 1);
  } else if (i === end && end - 1 > limit && tokens[end - 1].word && !tokens[end - 1].cap) {
    let j = end;
    while (j > limit && j > end - 3 && tokens[j - 1].word && !tokens[j - 1].cap && !DETERMINERS.has(tokens[j - 1].lower) && !PRONOUNS.has(tokens[j - 1].lower)) j--;
    if (j > limit && DETERMINERS.has(tokens[j - 1].lower)) return j - 1;
    // "the Resolution Foundation think tank warned": a name described by a lower-case noun after it, opened
    // by a determiner ("the", so that "Holt clearly warned" stays no phrase).
    if (j < end && j > limit && tokens[j - 1].cap && !NOT_NAMES.has(tokens[j - 1].lower)) {
      const k = phraseStartBefore(tokens, j, limit);
      if (k < j && DETERMINERS.has(tokens[k].lower) && !tokens.slice(j, end).some((t) => NOT_NAMES.has(t.lower) || t.lower.endsWith('ly'))) return k;
    }
  }
  return i;
}

/** The words that may form a speaker phrase starting at token `start`, not past `limit`. Returns the end. */
export function phraseEndAfter(tokens: Token[], start: number, limit: number): number {
  let i = start;
  if (i < limit && PRONOUNS.has(tokens[i].lower)) return i + 1;
  while (i < limit && phraseWord(tokens[i])) i++;
  return i;
}

/**
 * Q&A interviews for attribution: a paragraph opening with a name and a colon ("Solheim: It was the worst year
 * …") is an answer, the name its speaker and the rest of the paragraph one claim (bench/preannotate/GUIDELINES.md,
 * Decisions: "Q&A interviews: the name before an answer is a speaker, the answer a claim; the questions are not
 * claims"). UTF-16 offsets, like reporting.ts.
 */
import type { ClaimRange, Ctx } from './claims.js';
import { MAX_QUOTE } from './quotes.js';
import { NAME_PARTICLES, NOT_NAMES, TITLES } from './reporting-words.js';
import { classifyPhrase, type SpeakerPhrase } from './speakers.js';

/** One answer: its speaker phrase (token indexes), its claim, and the paragraph it fills (UTF-16). */
export interface Answer {
  speaker: SpeakerPhrase;
  claim: ClaimRange;
  /** The paragraph: from its first character to its end (the newline or the text end). */
  from: number;
  to: number;
}


/**
 * Answers of a Q&A in `cx`: paragraphs opening with one to four name words and a colon, not followed by a
 * quotation (reporting.ts takes "X: “…”"). A label line ("Key points: …", "Update: …") is not an answer: the
 * name's last word must also occur elsewhere in the text, not before a colon (an interviewee is introduced by
 * name; a label only ever heads lines).
 */
export function findAnswers(cx: Ctx): Answer[] {
  const { text, tokens } = cx;
  const out: Answer[] = [];
  const elsewhere = namedElsewhere(cx);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t.cap || NOT_NAMES.has(t.lower) || cx.inQuote[i] >= 0) continue;
    let from = t.start;
    while (from > 0 && (text[from - 1] === ' ' || text[from - 1] === '\t')) from--;
    if (from > 0 && text[from - 1] !== '\n') continue;
    let c = i;
    while (c < tokens.length && c - i < 5 && tokens[c].word && (tokens[c].cap || NAME_PARTICLES.has(tokens[c].lower) || TITLES.has(tokens[c].lower))) c++;
    if (c === i || c - i > 4 || tokens[c]?.text !== ':') continue;
    const first = tokens[c + 1];
    if (!first || !first.word || text.slice(tokens[c].end, first.start).includes('\n')) continue;
    const speaker = classifyPhrase(tokens, i, c);
    if (!speaker || (speaker.kind !== 'person' && speaker.kind !== 'body')) continue;
    if (!elsewhere(tokens[c - 1].text, tokens[c - 1].start)) continue;
    let end = text.indexOf('\n', tokens[c].end);
    if (end < 0) end = text.length;
    let to = c + 1;
    while (to < tokens.length && tokens[to].start < end) to++;
    // The whole answer with its final full stop, like a quotation's content.
    let claimEnd = end;
    // A paragraph longer than a quotation may be is cut after its last sentence that fits.
    if (claimEnd - first.start > MAX_QUOTE) {
      let k = c + 1;
      while (k < to && tokens[k].end - first.start <= MAX_QUOTE) k++;
      if (k < to) claimEnd = cx.sentFrom[k] > c + 1 ? tokens[cx.sentFrom[k] - 1].end : first.start;
    }
    while (claimEnd > first.start && /\s/.test(text[claimEnd - 1])) claimEnd--;
    if (to - c > 2 && claimEnd > first.start) out.push({ speaker, claim: { start: first.start, end: claimEnd, rule: 'claim/answer', confidence: 0.6, reported: false }, from, to: end });
    i = to - 1;
  }
  // An interview puts several questions to the same person: a name heading one paragraph only is a label or a
  // headline ("Sudan: shelling of … market kills dozens").
  const last = (x: Answer) => tokens[x.speaker.to - 1].lower;
  const count = new Map<string, number>();
  for (const x of out) count.set(last(x), (count.get(last(x)) ?? 0) + 1);
  return out.filter((x) => count.get(last(x))! >= 2);
}

/**
 * A test of whether a word occurs in the text other than at a position and other than right before a colon.
 * Each word's first two such occurrences are found once (one pass over the text per distinct word asked).
 */
function namedElsewhere(cx: Ctx): (word: string, at: number) => boolean {
  const { text } = cx;
  const found = new Map<string, number[]>();
  const occurrences = (word: string): number[] => {
    const out: number[] = [];
    for (let k = text.indexOf(word); k >= 0 && out.length < 2; k = text.indexOf(word, k + 1)) {
      let n = k + word.length;
      while (n < text.length && /\s/.test(text[n])) n++;
      if (text[n] !== ':' && !/[\p{L}\p{N}]/u.test(text[k + word.length] ?? '')) out.push(k);
    }
    return out;
  };
  return (word, at) => {
    let list = found.get(word);
    if (!list) found.set(word, (list = occurrences(word)));
    return list.some((k) => k !== at);
  };
}

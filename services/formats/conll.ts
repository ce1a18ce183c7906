/**
 * CoNLL-2003-style token tagging (format 'conll'), one file `export.conll`:
 *
 *   -DOCSTART- -X- -X- O
 *   <blank>
 *   token<TAB>tag          one token per line, IOB2 tags: B-label, I-label, O
 *   …
 *   <blank>                after every sentence
 *
 * for each document, as in fixtures/conll/doccano-transformer_labeling_text_label.conll2003 (which has the same
 * header line and blank lines, but with `_ _` placeholder columns for POS and chunk).
 *
 * - Separator: a TAB. Our tokens never contain white space, so TAB and space read the same for readers that split
 *   on any white space (Hugging Face / CoNLL-2003 scripts, `line.split()`), and doccano's own CoNLL importer
 *   requires a TAB (fixtures/conll/doccano_example.conll; a line with no tab is its "invalid" case). The
 *   -DOCSTART- line keeps its conventional spaces: readers look for the `-DOCSTART-` prefix.
 * - Tokens: maximal runs of letters, combining marks and digits (so "café" with a combining accent is one token),
 *   or else one grapheme cluster that is not white space (a punctuation mark, a symbol, an emoji with its ZWJ
 *   sequence or skin tone, a flag). Graphemes made only of invisible format characters (ZWJ, ZWSP, soft hyphen)
 *   are not tokens.
 * - Sentences: services/suggest/sentences.ts splitSentences. A sentence break inside a kept span does not break
 *   it: those sentences are written as one, so an entity is never cut.
 * - Tags: a token partly inside a span is inside it. The span's first token is B-label, the others I-label. Labels
 *   have white space replaced by `_` (a tag must be one field).
 * - Overlapping and nested spans cannot be told apart in one tag column. Rule: keep the longest span (in code
 *   points), then the earliest, then the lowest id; drop every span that shares a token with a span kept before
 *   it. The notes give the number dropped; spans covering no token (only white space) are counted too.
 */
import { splitSentences } from '../suggest/sentences.js';
import type { ExportSpan, Exporter, Sink } from './types.js';

export interface Token {
  /** Code points. */
  start: number;
  end: number;
  text: string;
}

const WORD = /^[\p{L}\p{M}\p{N}]/u;
const SPACE = /^[\s\p{Cf}\p{Cc}]*$/u;
const segmenter = new Intl.Segmenter('und', { granularity: 'grapheme' });

/**
 * The tokens of `text` with code-point offsets.
 * @example conllTokens('Hi, 👩‍👩‍👧!').map((t) => t.text) // ['Hi', ',', '👩‍👩‍👧', '!']
 */
export function conllTokens(text: string): Token[] {
  const out: Token[] = [];
  let cp = 0;
  let word: Token | null = null;
  for (const { segment } of segmenter.segment(text)) {
    let n = 0;
    for (let i = 0; i < segment.length; i++, n++) {
      const c = segment.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < segment.length) i++;
    }
    if (WORD.test(segment)) {
      if (word) {
        word.end += n;
        word.text += segment;
      } else {
        word = { start: cp, end: cp + n, text: segment };
        out.push(word);
      }
    } else {
      word = null;
      if (!SPACE.test(segment)) {
        // A combining mark after a space clusters with the space; the token is what follows the space.
        const lead = /^\s*/.exec(segment)![0].length;
        out.push({ start: cp + lead, end: cp + n, text: segment.slice(lead) });
      }
    }
    cp += n;
  }
  return out;
}

/** Index of the first token ending after `cp`. */
function firstEndingAfter(tokens: Token[], cp: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tokens[mid].end <= cp) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export const OVERLAP_RULE = 'keep the longest span, then the earliest, then the lowest id; drop spans sharing a token with a kept one';

/**
 * The CoNLL lines of one document (with the -DOCSTART- header and a blank line after each sentence), and how many
 * spans the overlap rule dropped and how many covered no token.
 */
export function conllDocument(text: string, spans: readonly ExportSpan[]): { text: string; dropped: number; empty: number } {
  const tokens = conllTokens(text);
  const owner = new Int32Array(tokens.length).fill(-1);
  const ranges: { span: ExportSpan; first: number; last: number }[] = [];
  let empty = 0;
  for (const s of spans) {
    const first = firstEndingAfter(tokens, s.start);
    let last = first - 1;
    for (let k = first; k < tokens.length && tokens[k].start < s.end; k++) last = k;
    if (last < first) empty++;
    else ranges.push({ span: s, first, last });
  }
  ranges.sort((a, b) => b.span.end - b.span.start - (a.span.end - a.span.start) || a.span.start - b.span.start || a.span.id - b.span.id);
  const kept: typeof ranges = [];
  let dropped = 0;
  for (const r of ranges) {
    let free = true;
    for (let k = r.first; k <= r.last && free; k++) free = owner[k] < 0;
    if (!free) {
      dropped++;
      continue;
    }
    for (let k = r.first; k <= r.last; k++) owner[k] = kept.length;
    kept.push(r);
  }

  // Sentence of each token; sentences a kept span crosses are joined.
  const sentences = splitSentences(text);
  const sentenceOf = new Int32Array(tokens.length);
  let si = 0;
  for (let k = 0; k < tokens.length; k++) {
    while (si < sentences.length - 1 && sentences[si].end <= tokens[k].start) si++;
    sentenceOf[k] = si;
  }
  const joinNext = new Uint8Array(Math.max(1, sentences.length));
  for (const r of kept) for (let x = sentenceOf[r.first]; x < sentenceOf[r.last]; x++) joinNext[x] = 1;

  const lines: string[] = ['-DOCSTART- -X- -X- O', ''];
  for (let k = 0; k < tokens.length; k++) {
    const o = owner[k];
    const tag = o < 0 ? 'O' : `${k === kept[o].first ? 'B' : 'I'}-${kept[o].span.label.replace(/\s+/g, '_')}`;
    lines.push(`${tokens[k].text}\t${tag}`);
    const endOfSentence = k === tokens.length - 1 || (sentenceOf[k + 1] !== sentenceOf[k] && !joinNext[sentenceOf[k]]);
    if (endOfSentence) lines.push('');
  }
  return { text: lines.join('\n') + '\n', dropped, empty };
}

const counts = new WeakMap<Sink, { dropped: number; empty: number; renamed: Set<string> }>();

export const conllExporter: Exporter = {
  format: 'conll',
  doc: (d, _ctx, sink) => {
    const out = conllDocument(d.text, d.spans);
    sink.write('export.conll', out.text);
    let c = counts.get(sink);
    if (!c) counts.set(sink, (c = { dropped: 0, empty: 0, renamed: new Set() }));
    c.dropped += out.dropped;
    c.empty += out.empty;
    for (const s of d.spans) if (/\s/.test(s.label)) c.renamed.add(s.label);
  },
  end: (_ctx, sink) => {
    const c = counts.get(sink);
    const notes: string[] = [];
    if (c?.dropped) notes.push(`CoNLL has one tag per token: dropped ${c.dropped} overlapping span${c.dropped === 1 ? '' : 's'} (rule: ${OVERLAP_RULE}).`);
    if (c?.empty) notes.push(`${c.empty} span${c.empty === 1 ? '' : 's'} covering only white space had no token to tag.`);
    if (c?.renamed.size) notes.push(`Tags cannot hold spaces: ${[...c.renamed].map((l) => `"${l}" → ${l.replace(/\s+/g, '_')}`).join(', ')}.`);
    return { notes };
  },
};

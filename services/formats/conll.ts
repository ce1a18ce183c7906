/**
 * CoNLL-2003-style token tagging (format 'conll'), one file `export.conll`:
 *
 *   -DOCSTART- -X- O O
 *   <blank>
 *   token<TAB>tag          one token per line, IOB2 tags: B-label, I-label, O
 *   …
 *   <blank>                after every sentence
 *
 * for each document. The header line is the one spaCy's `convert -c ner` splits documents at ("-DOCSTART- -X- O
 * O", spacy/training/converters/conll_ner_to_docs.py, spaCy 3.8): with CoNLL-2003's "-DOCSTART- -X- -X- O" it
 * merges every document into one Doc holding literal "-DOCSTART-" tokens. Readers that look for the `-DOCSTART-`
 * prefix (Hugging Face's conll2003 script, doccano-transformer) read either. Otherwise the layout is
 * fixtures/conll/doccano-transformer_labeling_text_label.conll2003's (blank lines; no POS and chunk columns).
 *
 * - Separator: a TAB. Our tokens never contain white space, so TAB and space read the same for readers that split
 *   on any white space (Hugging Face / CoNLL-2003 scripts, spaCy, `line.split()`), and doccano's own CoNLL
 *   importer requires a TAB (fixtures/conll/doccano_example.conll; a line with no tab is its "invalid" case).
 * - Tokens: conll-tokens.ts (runs of letters, marks and digits; else one grapheme cluster that is not white space).
 * - Sentences: services/suggest/sentences.ts splitSentences. A sentence break inside a kept entity does not break
 *   it: those sentences are written as one, so an entity is never cut.
 * - Tags: a token partly inside a span is inside it. An entity's first token is B-label, the others I-label.
 *   Labels have white space replaced by `_` (a tag must be one field).
 * - Discontinuous spans (fragments.ts, brat's `T1 claim 0 12;35 55`): each fragment is an entity of its own (B- at
 *   each), the words in the gaps are O (or another span's); fragments whose tokens overlap or touch (a gap of
 *   white space only) are one entity, since no gap token would tell them apart. The notes count them.
 * - Overlapping and nested spans cannot be told apart in one tag column. Rule (OVERLAP_RULE): keep the longest
 *   span (end − start, code points), then the earliest, then the lowest id; drop every span that shares a token
 *   with a span kept before it, all its fragments. The notes give the number dropped; spans covering no token
 *   (only white space) are counted too.
 * - Not carried (the notes count them): links, span notes and attributes, clusters; document title, date, source
 *   and path; the exact text (spacing, line breaks), which conll-import.ts rebuilds from the tokens by its rule.
 *
 * - Layers (issue 13): one tag per token holds one annotator's work, so an export of several layers writes one
 *   file per layer, `<layer>/export.conll` (layer-files.ts: every document in each, names made safe for files),
 *   the usual layout of multi-annotator token data; `--layer NAME` writes one `export.conll` as before.
 *
 * Placing spans on tokens and grouping sentences is token-tags.ts's (one implementation of the rules above for
 * conll, hf and coref-conll). Work is linear in the document's length (issue 11, item 16): tokens as a
 * TokenTable (no object per token), and the lines written from a buffer of code units.
 */
import { conllTokens, tokenTable, type Token, type TokenTable } from './conll-tokens.js';
import { sentenceGroups, tokenEntities } from './token-tags.js';
import { countNotCarried, noneCarried, notCarriedNote, type NotCarried } from './not-carried.js';
import { keyedState } from './export-state.js';
import { layerFilesNote, layerParts } from './layer-files.js';
import type { ExportSpan, Exporter, Sink } from './types.js';

// The hf and coref-conll exports take their tokens from here.
export { conllTokens, type Token };

/** The line that starts every document: the delimiter spaCy's CoNLL NER converter splits documents at. */
export const DOCSTART = '-DOCSTART- -X- O O';

export const OVERLAP_RULE = 'keep the longest span, then the earliest, then the lowest id; drop spans sharing a token with a kept one';

/** What one document's export left out or split: counts for the notes. */
export interface ConllCounts {
  /** Spans dropped by the overlap rule. */
  dropped: number;
  /** Spans covering no token. */
  empty: number;
  /** Kept spans written as more than one entity, and those entities. */
  discontinuous: number;
  fragments: number;
}

/**
 * Writes the CoNLL lines of one document (the DOCSTART header, then the tokens, a blank line after each sentence)
 * through `write`, in chunks of up to 64 K characters, and returns what the rules dropped or split. Spans are
 * placed on tokens, and sentences grouped, by token-tags.ts (the rules shared with the hf and coref-conll exports).
 */
export function writeConllDocument(text: string, spans: readonly ExportSpan[], write: (chunk: string) => void): ConllCounts {
  const t = tokenTable(text);
  const placed = tokenEntities(t, spans);
  // The tag of each token as an index into `tags` (0: O; then B- and I- of each label met).
  const tags: Uint16Array[] = [codes('\tO\n')];
  const tagOf = new Int32Array(t.count);
  const tagsOf = new Map<string, number>();
  for (const e of placed.entities) {
    let b = tagsOf.get(e.span.label);
    if (b === undefined) {
      const tag = e.span.label.replace(/\s+/g, '_');
      tagsOf.set(e.span.label, (b = tags.length));
      tags.push(codes(`\tB-${tag}\n`), codes(`\tI-${tag}\n`));
    }
    tagOf[e.first] = b;
    tagOf.fill(b + 1, e.first + 1, e.last + 1);
  }
  const ends = new Uint8Array(t.count);
  for (const [, to] of sentenceGroups(text, t, placed.entities)) ends[to - 1] = 1;
  writeLines(text, t, tags, tagOf, ends, write);
  // Entities of discontinuous spans: every entity beyond one per kept span belongs to one.
  const kept = new Set(placed.entities.map((e) => e.span)).size;
  const fragments = placed.discontinuous ? placed.entities.length - kept + placed.discontinuous : 0;
  return { dropped: placed.dropped, empty: placed.empty, discontinuous: placed.discontinuous, fragments };
}

const codes = (s: string) => Uint16Array.from(s, (c) => c.charCodeAt(0));

/**
 * The header and one line per token (`token`, the tag's code units), a blank line after each sentence end. The
 * lines are gathered as UTF-16 code units in one reused buffer and handed on as strings of up to 64 K characters:
 * a line is a few characters, and a million of them as string slices and concatenations cost several times what
 * copying their code units does (item 16). A function of its own, with no closure over its locals, so that V8
 * keeps `units` and `p` in registers.
 */
function writeLines(text: string, t: TokenTable, tags: readonly Uint16Array[], tagOf: Int32Array, ends: Uint8Array, write: (chunk: string) => void): void {
  let units = new Uint16Array(1 << 16);
  const header = codes(`${DOCSTART}\n\n`);
  units.set(header);
  let p = header.length;
  for (let k = 0; k < t.count; k++) {
    const from = t.from[k];
    const to = t.to[k];
    const tag = tags[tagOf[k]];
    const need = to - from + tag.length + 1;
    if (p + need > units.length) {
      write(decodeUnits(units, p));
      p = 0;
      if (need > units.length) units = new Uint16Array(need);
    }
    for (let i = from; i < to; i++) units[p++] = text.charCodeAt(i);
    for (let j = 0; j < tag.length; j++) units[p++] = tag[j];
    if (ends[k]) units[p++] = 10;
  }
  if (p) write(decodeUnits(units, p));
}

/** The first `n` code units of `units` as a string (typed arrays are little-endian on x64 and arm64, Node's hosts). */
function decodeUnits(units: Uint16Array, n: number): string {
  return Buffer.from(units.buffer, units.byteOffset, 2 * n).toString('utf16le');
}

/**
 * The CoNLL lines of one document as one string, with the counts of writeConllDocument.
 * @example conllDocument('Ann left.', []).text // '-DOCSTART- -X- O O\n\nAnn\tO\nleft\tO\n.\tO\n\n'
 */
export function conllDocument(text: string, spans: readonly ExportSpan[]): ConllCounts & { text: string } {
  const parts: string[] = [];
  const counts = writeConllDocument(text, spans, (chunk) => parts.push(chunk));
  return { ...counts, text: parts.join('') };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

interface SinkCounts extends ConllCounts {
  renamed: Set<string>;
  lost: NotCarried;
}
const perSink = keyedState((_: Sink): SinkCounts => ({ dropped: 0, empty: 0, discontinuous: 0, fragments: 0, renamed: new Set(), lost: noneCarried() }));

export const conllExporter: Exporter = {
  format: 'conll',
  doc: (whole, ctx, sink) => {
    const c = perSink(sink);
    for (const { folder, doc: d } of layerParts(whole, ctx)) {
      const file = folder ? `${folder}/export.conll` : 'export.conll';
      const out = writeConllDocument(d.text, d.spans, (chunk) => sink.write(file, chunk));
      c.dropped += out.dropped;
      c.empty += out.empty;
      c.discontinuous += out.discontinuous;
      c.fragments += out.fragments;
      for (const s of d.spans) if (/\s/.test(s.label)) c.renamed.add(s.label);
    }
    countNotCarried(c.lost, whole);
  },
  end: (ctx, sink) => {
    const c = perSink(sink);
    const notes: string[] = [];
    const layers = layerFilesNote('CoNLL', ctx, (f) => `${f}/export.conll`);
    if (layers) notes.push(layers);
    if (c.dropped) notes.push(`CoNLL has one tag per token: dropped ${plural(c.dropped, 'overlapping span')} (rule: ${OVERLAP_RULE}).`);
    if (c.empty) notes.push(`${plural(c.empty, 'span')} covering only white space had no token to tag.`);
    if (c.discontinuous) {
      notes.push(`${plural(c.discontinuous, 'discontinuous span')} written as ${c.fragments} separate entities (one per fragment, B- at each; the words in the gaps are O).`);
    }
    if (c.renamed.size) notes.push(`Tags cannot hold spaces: ${[...c.renamed].map((l) => `"${l}" → ${l.replace(/\s+/g, '_')}`).join(', ')}.`);
    const lost = notCarriedNote('CoNLL', c.lost, ['links', 'notes', 'attributes', 'clustered']);
    if (lost) notes.push(lost);
    return { notes };
  },
};

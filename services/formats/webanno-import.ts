/**
 * WebAnno TSV 3.x (INCEpTION, WebAnno 3): import.
 *
 * What the format holds and how it comes into Crosscheck (spec: INCEpTION user guide "WebAnno TSV 3.3 File
 * format"; behaviour: INCEpTION's Tsv3XDeserializer, which this reader follows where the guide is silent):
 *
 * - Text. The document text is rebuilt the way INCEpTION rebuilds it: every `#Text=` line is unescaped and
 *   followed by "\n" (a sentence written as two `#Text=` lines had a line break inside it); before a sentence
 *   whose first token starts past the end of the text so far, spaces fill the gap; a sentence whose first token
 *   starts one before the end (no space between the sentences) takes back the "\n" of the previous one. Text
 *   between sentences is not in the file, so it comes back as "\n" or spaces, and the text ends with "\n".
 * - Offsets. Token offsets are UTF-16 units (Java's String; the guide says so, and testSentenceWithEmoji has
 *   the emoji at 10-12 and the next token at 13-14). They are converted to code points here. A token's text
 *   column must equal the text at its offsets: a file written with code-point or byte offsets fails with the
 *   line and both texts instead of importing shifted spans.
 * - Span layers (`#T_SP=`). One Crosscheck span per annotation: multi-token annotations (`PER[2]` on several
 *   tokens, also across sentences) are one span from the first to the last of their units; stacked
 *   annotations (`A|B`) are separate spans. Label: the value of the layer's first feature that has one
 *   (`PER`, `NNP`); the layer's short name (`Span`, `NamedEntity`) when no feature has a value (`*`, or a
 *   layer without features). Attributes: `layer` (the full type name) and every feature that has a value.
 * - Slot features (`ROLE_…` + target column): each filled slot becomes a link from the host span to the
 *   target span, typed by the role (the feature name when the role is empty).
 * - Relation layers (`#T_RL=`): each relation becomes a link from its source to its target span, typed by the
 *   value of its first feature (`SUBJ`, `nsubj`), or the layer's short name when it has none. Other feature
 *   values of a relation are not kept. A relation whose ends are not spans Crosscheck has (the base type is
 *   `Token`, which is not a span here, or the unit has no annotation of the base layer) is left out and
 *   counted in the notes; a relation from a span to itself is dropped by ingest().
 * - Chain layers (`#T_CH=`, coreference): each chain element becomes a span (label: its `referenceType`, or
 *   the layer's short name), and consecutive elements of a chain are linked `same-as`, so a chain becomes a
 *   Crosscheck cluster. The `referenceRelation` value is kept as an attribute of the element it starts from.
 * - Zero-width annotations (`0-0` sub-tokens) cannot be Crosscheck spans (a span covers at least one
 *   character): they are left out, with the links that touch them, and counted in the notes.
 * - Escapes: `#Text=` lines unescape `\t \n \r \f \b \\` and backslash + control character (TSV 3.2+; Java
 *   escapes for 3.0/3.1); feature values unescape `\\ \[ \] \| \_ \-> \; \t \n \*`. `|` (stacks), `;` (slots)
 *   and `[`/`]` (ids) count only when not escaped.
 *
 * The reading goes in named steps: webanno-schema.ts (format line, layer declarations → columns),
 * webanno-rows.ts (sentences and token rows → text and annotations), webanno-links.ts (slots, relations and
 * chains → links), webanno-escapes.ts (escapes).
 */
import { AppError } from '../../common/errors.js';
import { buildOffsetIndex, cpToUtf16, utf16ToCp, type OffsetIndex } from '../../common/offsets.js';
import type { ParsedDoc, ParsedSpan } from './types.js';
import { resolveLinks } from './webanno-links.js';
import { applyChainFeatures, readBody, type Body, type ChainAnno, type SpanAnno } from './webanno-rows.js';
import { readFormatLine, readSchema, type Fail } from './webanno-schema.js';

export interface WebAnnoRead {
  doc: ParsedDoc;
  /** What the file had that Crosscheck does not keep (zero-width spans, relations on tokens), counted. */
  notes: string[];
}

/** `file`'s WebAnno TSV 3.x text as one document: spans, links from relations, slots and chains. */
export function parseWebAnnoTsv3(text: string, file: string): ParsedDoc {
  return readWebAnnoTsv3(text, file).doc;
}

/** parseWebAnnoTsv3 plus notes on what was left out. Errors name `file:line` and the reason. */
export function readWebAnnoTsv3(input: string, file: string): WebAnnoRead {
  const fail: Fail = (line, reason) => {
    throw new AppError('InvalidInput', `${file}:${line}: ${reason}`);
  };
  const raw = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const lines = raw.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (lines.length && lines[lines.length - 1] === '') lines.pop();

  const minor = readFormatLine(lines, fail);
  const { columns, layers, next } = readSchema(lines, fail);
  const body = readBody(lines, next, columns, minor, fail);
  applyChainFeatures(body, fail);
  const { spans, zeroWidth } = spansOf(body, file);
  const { links, droppedLinks, relationsOnTokens } = resolveLinks(body, columns, layers, fail);

  const notes: string[] = [];
  if (zeroWidth) notes.push(`${file}: ${zeroWidth} zero-width annotation(s) left out (a Crosscheck span covers at least one character)`);
  if (droppedLinks) notes.push(`${file}: ${droppedLinks} link(s) left out because an end is a zero-width annotation`);
  if (relationsOnTokens) {
    notes.push(`${file}: ${relationsOnTokens} relation(s) left out: their ends are tokens or units without an annotation of the relation's base layer`);
  }
  const base = file.split(/[\\/]/).pop() ?? file;
  return { doc: { title: base.replace(/\.tsv$/i, ''), text: body.text, path: file, spans, links }, notes };
}

/**
 * The spans of a file in code points, in the order the file declares them (span layers, then chain
 * elements); zero-width ones are left out and counted. Gives each kept annotation its key (`file#n`).
 */
function spansOf(body: Body, file: string): { spans: ParsedSpan[]; zeroWidth: number } {
  const text = body.text;
  const index = buildOffsetIndex(text);
  const out: ParsedSpan[] = [];
  let zeroWidth = 0;
  const add = (a: SpanAnno | ChainAnno, label: string, attributes: Record<string, string>) => {
    if (a.end <= a.begin) {
      zeroWidth++;
      return;
    }
    const start = cpStart(index, a.begin);
    const end = cpEnd(index, a.end);
    a.key = `${file}#${out.length + 1}`;
    out.push({ key: a.key, start, end, label, attributes, text: text.slice(a.begin, a.end), at: `${file}:${a.line}` });
  };
  for (const s of body.spans) {
    const attributes: Record<string, string> = { layer: s.layer.type };
    for (const [f, v] of s.features) attributes[f] = v;
    const value = [...s.features.values()].find((v) => v.trim() !== '');
    add(s, value ?? s.layer.short, attributes);
  }
  for (const c of body.chainOrder) {
    const attributes: Record<string, string> = { layer: c.layer.type, chain: String(c.chain) };
    for (const [f, v] of c.features) attributes[f] = v;
    const type = c.features.get('referenceType');
    add(c, type && type.trim() ? type : c.layer.short, attributes);
  }
  return { spans: out, zeroWidth };
}

/** Code point offset of a UTF-16 start (inside a surrogate pair: the pair's start). */
function cpStart(index: OffsetIndex, u: number): number {
  return utf16ToCp(index, u);
}

/** Code point offset of a UTF-16 end (inside a surrogate pair: after the pair, so no half character is cut). */
function cpEnd(index: OffsetIndex, u: number): number {
  const cp = utf16ToCp(index, u);
  return cpToUtf16(index, cp) === u ? cp : cp + 1;
}


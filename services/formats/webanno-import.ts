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
 *   value of its first feature that has one (`SUBJ`, `nsubj`), or the layer's short name when none has. What
 *   cannot be a link is left out and listed in the report's `dropped` with its line: a relation's other
 *   feature values, a relation whose ends are not spans Crosscheck has (the base type is `Token`, which is not a
 *   span here, or the unit has no annotation of the base layer), and a relation or slot from an annotation to
 *   itself (the ROOT of a dependency tree).
 * - Chain layers (`#T_CH=`, coreference): each chain element becomes a span (label: its `referenceType`, or
 *   the layer's short name), and consecutive elements of a chain are linked `same-as`, so a chain becomes a
 *   Crosscheck cluster. The `referenceRelation` value is kept as an attribute of the element it starts from.
 * - Zero-width annotations (`0-0` sub-tokens) cannot be Crosscheck spans (a span covers at least one
 *   character): they go to ingest(), which leaves them out as "zero-length span", with the links that touch
 *   them, each listed in the report's `dropped` with its line.
 * - Token rows: each has exactly the fields the header declares (id, offsets, token, one per layer column; the
 *   tab INCEpTION writes after the last one is optional). Any other count refuses the file, naming the line and
 *   both counts. Tokens and sentences themselves are not kept: the text is, and every annotation on it.
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
import { collectingContext, type ImportContext, type ParsedDoc, type ParsedSpan } from './types.js';
import { resolveLinks } from './webanno-links.js';
import { applyChainFeatures, readBody, type Body, type ChainAnno, type SpanAnno } from './webanno-rows.js';
import { readFormatLine, readSchema, type Fail } from './webanno-schema.js';

/**
 * `file`'s WebAnno TSV 3.x text as one document: spans, links from relations, slots and chains. What the file
 * holds that cannot be a span or link goes to `ctx.drop` with its line (see the top of this module).
 * @throws AppError('InvalidInput') `${file}:${line}: reason` when the file breaks the format.
 */
export function parseWebAnnoTsv3(input: string, file: string, ctx: ImportContext = collectingContext(file)): ParsedDoc {
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
  const spans = spansOf(body, file);
  const links = resolveLinks(body, columns, layers, fail, ctx);
  const base = file.split(/[\\/]/).pop() ?? file;
  return { title: base.replace(/\.tsv$/i, ''), text: body.text, path: file, spans, links };
}

/**
 * The spans of a file in code points, in the order the file declares them (span layers, then chain elements),
 * zero-width ones included (ingest() reports them). Gives each annotation its key (`file#n`).
 */
function spansOf(body: Body, file: string): ParsedSpan[] {
  const text = body.text;
  const index = buildOffsetIndex(text);
  const out: ParsedSpan[] = [];
  const add = (a: SpanAnno | ChainAnno, label: string, attributes: Record<string, string>) => {
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
  return out;
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


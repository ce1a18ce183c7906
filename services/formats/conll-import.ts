/**
 * CoNLL files as input (format 'conll'; .conll, .iob, .bio, .conll2003): CoNLL-2003-style named-entity files as
 * the shared task, Hugging Face, spaCy, doccano and our own export write them.
 *
 *   -DOCSTART- -X- -X- O        a line whose first column is -DOCSTART- starts a document (any other columns)
 *   <blank>
 *   U.N. NNP I-NP I-ORG         one token a line: the token in the FIRST column, its tag in the LAST
 *   official NN I-NP O
 *   <blank>                     a blank line (or only white space) ends a sentence
 *
 * Columns are split at TABs when the line has one (doccano's format: a token may then hold a space), else at runs
 * of white space (CoNLL-2003, spaCy, Hugging Face). Every token line of a file has the same number of columns.
 * Columns between the token and the tag (part of speech, chunk) are not imported: the report lists them as
 * dropped unless they hold only placeholders (`_`, `-`, `-X-`). A file without -DOCSTART- is one document.
 *
 * Tags: `O`, or a prefix and a label: B- (begin), I- (inside), E-/L- (end), S-/U- (single): IOB1, IOB2, BIOES and
 * BILOU read by one rule. B-X and S-X/U-X start an entity; I-X and E-X/L-X continue an entity X that is open, and
 * otherwise start one (IOB1 begins entities with I-, and "I- without B-" in an IOB2 file is read the same way: the
 * report counts them); E-X/L-X and S-X/U-X end the entity; O and a blank line end any entity. Labels are mapped by
 * the import's `labelNames` (`--label-names PER=speaker`) where it names them.
 *
 * The text, which the format does not keep, is rebuilt from the tokens by one rule: one space between the tokens
 * of a sentence, one line break between sentences. So the rebuilt text of "Nadim Ladki" is the tokens as written,
 * and an entity covers its first token's start to its last token's end. No detokenising ("U.S ." is not guessed
 * back into "U.S."): the rule keeps every token a token and every offset decidable. The report's notes say so.
 *
 * Syntax breaks refuse the file, naming file and line: a tag that is none of the above, a line with one column,
 * a token line whose column count differs from the file's first. Line ends: LF, CRLF or CR.
 */
import { basename } from 'node:path';
import { AppError } from '../../common/errors.js';
import { cpLength } from '../../common/offsets.js';
import { collectingContext, type ImportContext, type ParsedDoc, type ParsedSpan } from './types.js';

const TAG = /^(?:O|([BIESLU])-(.+))$/;
/** Extra-column values that say nothing (CoNLL-2003's -DOCSTART- line, doccano-transformer's `_ _`). */
const PLACEHOLDER = /^(?:_|-|-X-|--)$/;

const fail = (at: string, why: string): never => {
  throw new AppError('InvalidInput', `${at}: ${why}`);
};

/** A document being read: its sentences as token lists, and its entities by token positions. */
interface DocBuilder {
  line: number;
  sentences: { token: string; line: number }[][];
  entities: { label: string; sentence: number; first: number; last: number; line: number }[];
}

/**
 * Reads a CoNLL file into documents (module comment: columns, tags, text rule).
 * @throws AppError('InvalidInput') `file:line: …` for a syntax break (an unknown tag, one column, a column count
 *   that differs from the file's first token line), or `file: …` when the file holds no token.
 */
export function parseConll(raw: string, file: string, ctx: ImportContext = collectingContext(file)): ParsedDoc[] {
  const lines = raw.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const docs: DocBuilder[] = [];
  let doc: DocBuilder | null = null;
  let sentence: { token: string; line: number }[] | null = null;
  let open: DocBuilder['entities'][number] | null = null;
  let columns = 0;
  let beganWithI = 0;
  const extra = { lines: 0, first: 0, sample: '' };

  lines.forEach((text, i) => {
    const line = i + 1;
    const at = `${file}:${line}`;
    const trimmed = text.trim();
    if (!trimmed) {
      sentence = null;
      open = null;
      return;
    }
    const fields = text.includes('\t') ? trimmed.split('\t').map((f) => f.trim()) : trimmed.split(/\s+/);
    if (fields[0] === '-DOCSTART-') {
      docs.push((doc = { line, sentences: [], entities: [] }));
      sentence = null;
      open = null;
      return;
    }
    if (fields.length < 2) fail(at, `"${trimmed}" has one column; a token line is the token, any other columns, then its tag`);
    if (!columns) columns = fields.length;
    else if (fields.length !== columns) fail(at, `${fields.length} columns, where the file's first token line has ${columns}`);
    const tag = fields[fields.length - 1];
    const m = TAG.exec(tag);
    if (!m) fail(at, `"${tag}" is not a tag: expected O, or B-, I-, E-, S-, L- or U- and a label`);
    const middle = fields.slice(1, -1).filter((f) => !PLACEHOLDER.test(f));
    if (middle.length) {
      if (!extra.lines++) Object.assign(extra, { first: line, sample: middle.join(' ') });
    }

    if (!doc) docs.push((doc = { line, sentences: [], entities: [] }));
    if (!sentence) doc.sentences.push((sentence = []));
    const position = sentence.length;
    sentence.push({ token: fields[0], line });

    const [, prefix, rawLabel] = m!;
    if (!prefix) {
      open = null;
      return;
    }
    const names = ctx.options.labelNames;
    const label = names && Object.hasOwn(names, rawLabel) ? names[rawLabel] : rawLabel;
    const continues = (prefix === 'I' || prefix === 'E' || prefix === 'L') && open !== null && open.label === label;
    if (continues) open!.last = position;
    else {
      if (prefix === 'I' || prefix === 'E' || prefix === 'L') beganWithI++;
      open = { label, sentence: doc.sentences.length - 1, first: position, last: position, line };
      doc.entities.push(open);
    }
    if (prefix === 'E' || prefix === 'L' || prefix === 'S' || prefix === 'U') open = null;
  });

  const withTokens = docs.filter((d) => d.sentences.length);
  if (!withTokens.length) fail(file, 'no token lines: a CoNLL file has one token a line, its tag in the last column');
  if (extra.lines) {
    ctx.drop(
      `line ${extra.first}`,
      `columns 2–${columns - 1} of ${extra.lines} token line${extra.lines === 1 ? '' : 's'} (first: "${extra.sample}")`,
      'columns between the token and the tag (part of speech, chunk…) have no place in Crosscheck, which keeps tokens and entity tags',
    );
  }
  ctx.note(`${ctx.path}: the text of each document is rebuilt from its tokens (one space between tokens, a line break between sentences); the file does not keep the original spacing.`);
  if (beganWithI) {
    ctx.note(`${ctx.path}: ${beganWithI} entit${beganWithI === 1 ? 'y begins' : 'ies begin'} with I-, E- or L- and no B- before it (IOB1, or a repair): each was read as the start of an entity.`);
  }
  const name = basename(file);
  return withTokens.map((d, k) => buildDoc(d, file, ctx.path, withTokens.length === 1 ? name : `${name} #${k + 1}`));
}

/** The document's text by the rule (module comment) and its entities as code-point spans. */
function buildDoc(d: DocBuilder, file: string, shown: string, title: string): ParsedDoc {
  // Code-point offset of every token's start, per sentence, as the text is laid out.
  const starts: number[][] = [];
  const parts: string[] = [];
  let cp = 0;
  d.sentences.forEach((s, si) => {
    if (si > 0) cp += 1; // the line break
    const row: number[] = [];
    s.forEach((t, ti) => {
      if (ti > 0) cp += 1; // the space
      row.push(cp);
      cp += cpLength(t.token);
    });
    starts.push(row);
    parts.push(s.map((t) => t.token).join(' '));
  });
  const spans: ParsedSpan[] = d.entities.map((e, n) => {
    const tokens = d.sentences[e.sentence].slice(e.first, e.last + 1).map((t) => t.token);
    const start = starts[e.sentence][e.first];
    const last = d.sentences[e.sentence][e.last].token;
    return {
      key: `${file}#${d.line}:${n}`,
      start,
      end: starts[e.sentence][e.last] + cpLength(last),
      label: e.label,
      text: tokens.join(' '),
      at: `${shown}:${e.line}`,
    };
  });
  return { title, text: parts.join('\n'), path: `${file}:${d.line}`, spans, links: [] };
}

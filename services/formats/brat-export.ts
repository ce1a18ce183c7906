/**
 * brat standoff (https://brat.nlplab.org/standoff.html): export. The import is brat-import.ts.
 *
 * A document is `<name>.txt` (the text, UTF-8) plus `<name>.ann` (one annotation per line) and, per folder or a
 * parent folder, `annotation.conf` (the type system) and `visual.conf` (display names and colours). brat counts
 * offsets in Unicode code points of the .txt, as Crosscheck does (checked against the Spanish CoNLL-2002 sample
 * in fixtures/brat/conll2002-esp, where UTF-8 byte offsets would not match), so offsets are written unchanged.
 *
 * EXPORT (bratExporter, format 'brat'), per document `<id>.txt` (the stored text, exactly) and `<id>.ann`:
 * - `T<span id>\t<label> <start> <end>\t<text>`. Ids are Crosscheck's span ids (and `R<link id>` for relations),
 *   so they are stable from one export to the next and a span can be named from another document's line in the
 *   cross-document file without reading that document again.
 * - Newline in a span: the text column of a .ann line cannot hold a line break (brat reads .ann files with
 *   Python's splitlines, which also breaks at \v \f \x1c-\x1e \x85 U+2028 U+2029). A span crossing one is written
 *   the way brat itself writes it: as discontinuous fragments split at the line breaks (`T1\tclaim 5 7;8 10\tis an`,
 *   fragment texts joined with one space). The import below joins such fragments back into one span.
 * - A span whose attribute `fragments` holds valid fragments ("5-7;9-10", see the import) is written with those
 *   fragments (and that attribute is not written as an A line): a discontinuous brat annotation survives a round
 *   trip. The export notes count these spans.
 * - Layer (issue 13): every span's annotator as the attribute `annotator` (brat-conf.ts ANNOTATOR_ATTRIBUTE, why an
 *   attribute), its first A line: `A<n>\tannotator T<id> Ana%20Lima`, declared in [attributes] with the names used.
 * - Notes: `#<n>\tAnnotatorNotes T<id>\t<line>`, one line per line of the note (the import joins them with \n).
 * - Attributes: `A<n>\t<key> T<id> <value>`. Always valued (never brat's key-only binary form): a brat attribute is
 *   binary or valued for the whole collection, which a streaming export cannot know before the last document, and
 *   Crosscheck values are strings anyway. Values are percent-encoded where brat cannot hold a character: white space,
 *   `%`, `|` and `,` (the separators of annotation.conf's `Value:` list) and control characters; the empty string is
 *   written as a lone `%`. The import decodes %XX sequences and reads a key-only (binary) A line as "true".
 * - An attribute `normalization:<DB>` whose value is `<DB>:<ID>` (optionally followed by a space and the entry's
 *   name) is written as brat's normalization line `N<n>\tReference T<id> <DB>:<ID>\t<name>`, which the import reads back.
 * - Links within the document: `R<link id>\t<type> Arg1:T<from> Arg2:T<to>`; link types that are undirected and
 *   transitive (same-as) are equivalences, written as brat writes them: `*\t<type> T<from> T<to>`, one line per link.
 * - Links to another document cannot be held by brat: they go to `cross-document-links.tsv` (header
 *   `from_doc from_T to_doc to_T type`, tab-separated; docs are the file names without .txt/.ann, which may sit in
 *   another split folder; type is the Crosscheck link type name) and the export notes say how many.
 * - Names: brat stores type, relation and attribute names as [A-Za-z0-9_-] only (projectconfig.py,
 *   normalize_to_storage_form). Other characters become `_` (accents dropped first: "café" → cafe), a name with no
 *   letter or digit left becomes label/link/attribute, and clashes get -2, -3. annotation.conf lists every exported
 *   name as `# crosscheck-name<TAB>entity|relation|attribute<TAB><brat name><TAB><JSON of the Crosscheck name>`
 *   (comments to brat), which the import reads to restore the names; visual.conf shows renamed ones by their name.
 * - Per folder (per split), at the end: annotation.conf ([entities]: all exported labels; [relations]: the overlap
 *   rule `<OVERLAP> Arg1:<labels>, Arg2:<labels>, <OVL-TYPE>:<ANY>` (labels joined with |; see overlapRule), then all link
 *   types as `type Arg1:<ENTITY>, Arg2:<ENTITY>` plus `<REL-TYPE>:symmetric-transitive` for undirected transitive
 *   types, `:symmetric` for other undirected ones, `:transitive` for directed transitive ones; [events] empty;
 *   [attributes]: the keys used, `key Arg:<ENTITY>, Value:v1|v2…`), visual.conf ([labels] for renamed names,
 *   [drawing] with the label colours, no arrow heads on undirected types), and documents.tsv (doc, title, date,
 *   source: brat has no place for them; the import reads them back).
 */
import { buildOffsetIndex, cpToUtf16, sliceCp, type OffsetIndex } from '../../common/offsets.js';
import {
  BREAK_CODES,
  CROSS_DOCUMENT_FILE,
  CROSS_DOCUMENT_HEADER,
  DOCUMENTS_FILE,
  DOCUMENTS_HEADER,
  LINE_BREAKS,
  bratStorageName,
  encodeBratValue,
} from './brat-syntax.js';
import { spanFragments } from './fragments.js';
import { ANNOTATOR_ATTRIBUTE } from './brat-conf.js';
import { keyedState } from './export-state.js';
import type { ExportContext, ExportSpan, Exporter, Sink } from './types.js';

const tsvCell = (s: string | null | undefined) => (s ?? '').replace(/[\t\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+/g, ' ');

/** Crosscheck names → brat names, one table per kind, consistent across all folders of one export. */
class NameTable {
  private readonly byName = new Map<string, string>();
  private readonly taken = new Set<string>();
  constructor(private readonly fallback: string) {}
  get(name: string): string {
    let n = this.byName.get(name);
    if (n !== undefined) return n;
    let base = bratStorageName(name);
    if (!/[A-Za-z0-9]/.test(base)) base = this.fallback;
    n = base;
    for (let i = 2; this.taken.has(n); i++) n = `${base}-${i}`;
    this.taken.add(n);
    this.byName.set(name, n);
    return n;
  }
  entries(): [string, string][] {
    return [...this.byName];
  }
}

interface ExportState {
  labels: NameTable;
  relations: NameTable;
  attributes: NameTable;
}

interface SinkState {
  labels: Set<string>;
  relations: Set<string>;
  /** brat attribute name → encoded values, in first-use order. */
  values: Map<string, Set<string>>;
  crossLinks: number;
  unwritable: number;
  droppedLinks: number;
  /** Spans written with their `fragments` attribute as brat fragments (discontinuous). */
  discontinuous: number;
  /** Spans whose own attribute named like ANNOTATOR_ATTRIBUTE gave way to their layer. */
  shadowed: number;
  wroteDocuments: boolean;
}

const exportState = keyedState((ctx: ExportContext): ExportState => {
  const st = { labels: new NameTable('label'), relations: new NameTable('link'), attributes: new NameTable('attribute') };
  // Project order decides who keeps the plain name when two names clash.
  for (const l of ctx.labels) st.labels.get(l.name);
  for (const t of ctx.linkTypes) st.relations.get(t.name);
  return st;
});

const sinkState = keyedState(
  (_: Sink): SinkState => ({ labels: new Set(), relations: new Set(), values: new Map(), crossLinks: 0, unwritable: 0, droppedLinks: 0, discontinuous: 0, shadowed: 0, wroteDocuments: false }),
);

/** Splits [start, end) (code points) at line breaks, dropping the breaks and empty pieces. */
function splitAtBreaks(text: string, start: number, end: number, index: OffsetIndex, out: [number, number][]): void {
  let u = cpToUtf16(index, start);
  const ue = cpToUtf16(index, end);
  let cp = start;
  let from = start;
  while (u < ue) {
    const c = text.charCodeAt(u);
    if (BREAK_CODES.has(c)) {
      if (cp > from) out.push([from, cp]);
      from = cp + 1;
    }
    const pair = c >= 0xd800 && c <= 0xdbff && u + 1 < ue && (text.charCodeAt(u + 1) & 0xfc00) === 0xdc00;
    u += pair ? 2 : 1;
    cp++;
  }
  if (end > from) out.push([from, end]);
}

/** The fragments a span is written with: its `fragments` attribute when valid (fragments.ts), else the span; split at line breaks. */
function fragmentsOf(s: ExportSpan, text: string, index: OffsetIndex): { fragments: [number, number][]; usedAttribute: boolean; discontinuous: boolean } {
  const declared = spanFragments(s);
  const fragments: [number, number][] = [];
  for (const [a, b] of declared.fragments) splitAtBreaks(text, a, b, index, fragments);
  return { fragments, usedAttribute: declared.fromAttribute, discontinuous: declared.fragments.length > 1 };
}

const NORMALIZATION_KEY = /^normalization:[^\s:]+(?::\d+)?$/;
const NORMALIZATION_VALUE = /^([^\s:]+:\S+)(?: ([^\t\n\r\v\f\x1c-\x1e\x85\u2028\u2029]*))?$/;

function writeDoc(d: Parameters<Exporter['doc']>[0], ctx: ExportContext, sink: Sink): void {
  const names = exportState(ctx);
  const st = sinkState(sink);
  sink.write(`${d.id}.txt`, d.text);
  if (!st.wroteDocuments) {
    sink.write(DOCUMENTS_FILE, DOCUMENTS_HEADER.join('\t') + '\n');
    st.wroteDocuments = true;
  }
  sink.write(DOCUMENTS_FILE, [String(d.id), d.title, d.date, d.source].map(tsvCell).join('\t') + '\n');

  const index = buildOffsetIndex(d.text);
  const tOf = new Map<number, string>();
  const tLines: string[] = [];
  const relLines: string[] = [];
  const attrLines: string[] = [];
  const noteLines: string[] = [];
  let a = 0;
  let n = 0;
  let c = 0;
  for (const s of d.spans) {
    const { fragments, usedAttribute, discontinuous } = fragmentsOf(s, d.text, index);
    if (fragments.length === 0) {
      st.unwritable++;
      continue;
    }
    const t = `T${s.id}`;
    tOf.set(s.id, t);
    if (discontinuous) st.discontinuous++;
    const label = names.labels.get(s.label);
    st.labels.add(label);
    const offsets = fragments.map(([x, y]) => `${x} ${y}`).join(';');
    const texts = fragments.map(([x, y]) => sliceCp(d.text, x, y, index)).join(' ');
    tLines.push(`${t}\t${label} ${offsets}\t${texts}`);
    // The layer is an attribute (brat has no annotator column): written first, and in place of a span attribute of
    // the same name, which the notes count.
    if (ANNOTATOR_ATTRIBUTE in s.attributes) st.shadowed++;
    const attributes: Record<string, string> = { [ANNOTATOR_ATTRIBUTE]: s.annotator, ...s.attributes };
    attributes[ANNOTATOR_ATTRIBUTE] = s.annotator;
    for (const [key, value] of Object.entries(attributes)) {
      if (key === 'fragments' && usedAttribute) continue;
      const norm = NORMALIZATION_KEY.test(key) ? NORMALIZATION_VALUE.exec(value) : null;
      if (norm) {
        attrLines.push(`N${++n}\tReference ${t} ${norm[1]}\t${norm[2] ?? ''}`);
        continue;
      }
      const k = names.attributes.get(key);
      const v = encodeBratValue(value);
      let values = st.values.get(k);
      if (!values) st.values.set(k, (values = new Set()));
      values.add(v);
      attrLines.push(`A${++a}\t${k} ${t} ${v}`);
    }
    if (s.note) for (const line of s.note.split(LINE_BREAKS)) noteLines.push(`#${++c}\tAnnotatorNotes ${t}\t${line}`);
  }

  const transitive = new Map(ctx.linkTypes.map((t) => [t.name, t.transitive]));
  for (const l of d.links) {
    const from = tOf.get(l.from);
    if (!from) {
      st.droppedLinks++;
      continue;
    }
    if (l.toDocId !== d.id) {
      if (st.crossLinks === 0) sink.write(CROSS_DOCUMENT_FILE, CROSS_DOCUMENT_HEADER.join('\t') + '\n');
      st.crossLinks++;
      sink.write(CROSS_DOCUMENT_FILE, [String(d.id), from, String(l.toDocId), `T${l.to}`, tsvCell(l.type)].join('\t') + '\n');
      continue;
    }
    const to = tOf.get(l.to);
    if (!to) {
      st.droppedLinks++;
      continue;
    }
    const rel = names.relations.get(l.type);
    st.relations.add(rel);
    relLines.push(!l.directed && transitive.get(l.type) ? `*\t${rel} ${from} ${to}` : `R${l.id}\t${rel} Arg1:${from} Arg2:${to}`);
  }
  const lines = [...tLines, ...relLines, ...attrLines, ...noteLines];
  sink.write(`${d.id}.ann`, lines.length ? lines.join('\n') + '\n' : '');
}

function annotationConf(ctx: ExportContext, names: ExportState, st: SinkState): string {
  const out: string[] = [
    '# brat configuration written by Crosscheck.',
    '# brat stores names as [A-Za-z0-9_-] only. Each exported name is listed below as',
    '# crosscheck-name <TAB> kind <TAB> brat name <TAB> the Crosscheck name as JSON;',
    '# importing this folder into Crosscheck reads these lines and restores the names.',
  ];
  const labels = [...new Set([...ctx.labels.map((l) => names.labels.get(l.name)), ...st.labels])];
  const types = ctx.linkTypes.map((t) => ({ ...t, brat: names.relations.get(t.name) }));
  const listed = new Set(types.map((t) => t.brat));
  const mapping = (kind: string, table: NameTable, used: Set<string>) => {
    for (const [orig, brat] of table.entries()) if (used.has(brat)) out.push(`# crosscheck-name\t${kind}\t${brat}\t${JSON.stringify(orig)}`);
  };
  mapping('entity', names.labels, new Set(labels));
  mapping('relation', names.relations, new Set([...listed, ...st.relations]));
  mapping('attribute', names.attributes, new Set(st.values.keys()));

  out.push('', '[entities]', '', ...labels, '', '[relations]', '');
  if (labels.length) out.push(...overlapRule(labels));
  for (const t of types) {
    const flags = !t.directed ? (t.transitive ? 'symmetric-transitive' : 'symmetric') : t.transitive ? 'transitive' : '';
    out.push(`${t.brat}\tArg1:<ENTITY>, Arg2:<ENTITY>${flags ? `, <REL-TYPE>:${flags}` : ''}`);
  }
  for (const r of st.relations) if (!listed.has(r)) out.push(`${r}\tArg1:<ENTITY>, Arg2:<ENTITY>`);
  out.push('', '[events]', '', '[attributes]', '');
  for (const [k, values] of st.values) out.push(`${k}\tArg:<ENTITY>, Value:${[...values].join('|')}`);
  return out.join('\n') + '\n';
}

/**
 * The rule that lets spans of the given entity types overlap in every way (one inside another, the same extent,
 * crossing), as Crosscheck allows: without it brat's checker (verify_annotations.py, projectconfig.py
 * span_can_contain / spans_can_be_equal / spans_can_cross) reports every nested claim/figure pair as an error. The
 * types are listed by name rather than as <ENTITY>: brat releases that predate the <ENTITY> wildcard in relation
 * arguments match an argument type only by name or <ANY>, and a list works in all of them.
 */
export function overlapRule(labels: string[]): string[] {
  const types = labels.join('|');
  return ['# Crosscheck spans may nest, coincide or cross: allow it between every exported type.', `<OVERLAP>\tArg1:${types}, Arg2:${types}, <OVL-TYPE>:<ANY>`];
}

function visualConf(ctx: ExportContext, names: ExportState): string {
  const display = (s: string) => s.replace(/[|\s]+/g, ' ').trim();
  const out: string[] = ['[labels]', ''];
  for (const table of [names.labels, names.relations, names.attributes]) {
    for (const [orig, brat] of table.entries()) if (orig !== brat && display(orig)) out.push(`${brat} | ${display(orig)}`);
  }
  out.push('', '[drawing]', '', 'SPAN_DEFAULT\tfgColor:black, bgColor:lightgreen, borderColor:darken', 'ARC_DEFAULT\tcolor:black, arrowHead:triangle-5');
  for (const l of ctx.labels) if (/^#[0-9a-fA-F]{3,8}$/.test(l.color)) out.push(`${names.labels.get(l.name)}\tbgColor:${l.color}`);
  for (const t of ctx.linkTypes) if (!t.directed) out.push(`${names.relations.get(t.name)}\tarrowHead:none`);
  return out.join('\n') + '\n';
}

/** Exporter of format 'brat': per document .txt and .ann, per sink the conf files and the side files (see above). */
export const bratExporter: Exporter = {
  format: 'brat',
  begin: (ctx, sink) => {
    exportState(ctx);
    sinkState(sink);
  },
  doc: writeDoc,
  end: (ctx, sink) => {
    const names = exportState(ctx);
    const st = sinkState(sink);
    sink.write('annotation.conf', annotationConf(ctx, names, st));
    sink.write('visual.conf', visualConf(ctx, names));
    const notes: string[] = [];
    if (st.crossLinks) {
      notes.push(
        `brat holds links within one document only: ${st.crossLinks} link${st.crossLinks === 1 ? '' : 's'} between documents went to ${CROSS_DOCUMENT_FILE} (from_doc, from_T, to_doc, to_T, type).`,
      );
    }
    const renamed = [names.labels, names.relations, names.attributes].flatMap((t) => t.entries().filter(([o, b]) => o !== b));
    if (renamed.length) {
      const shown = renamed.slice(0, 8).map(([o, b]) => `"${o}" → ${b}`).join(', ');
      notes.push(`brat names hold only A-Z, a-z, 0-9, _ and -: renamed ${shown}${renamed.length > 8 ? ', …' : ''} (annotation.conf lists every name).`);
    }
    if (st.discontinuous) {
      notes.push(`brat: ${st.discontinuous} discontinuous span${st.discontinuous === 1 ? '' : 's'} written as brat fragments (T… type 0 12;35 55), the gaps left out.`);
    }
    if (st.shadowed) notes.push(`brat: ${st.shadowed} span${st.shadowed === 1 ? '' : 's'} had an attribute "${ANNOTATOR_ATTRIBUTE}" of its own; the A line of that name holds the span's layer (its annotator) instead.`);
    if (st.unwritable) notes.push(`${st.unwritable} span${st.unwritable === 1 ? '' : 's'} covering only line breaks could not be written to brat.`);
    if (st.droppedLinks) notes.push(`${st.droppedLinks} link${st.droppedLinks === 1 ? '' : 's'} to spans that could not be written were left out.`);
    return { notes };
  },
};

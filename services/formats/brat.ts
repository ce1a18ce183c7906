/**
 * brat standoff (https://brat.nlplab.org/standoff.html): export and import.
 *
 * A document is `<name>.txt` (the text, UTF-8) plus `<name>.ann` (one annotation per line) and, per folder or a
 * parent folder, `annotation.conf` (the type system) and `visual.conf` (display names and colours). brat counts
 * offsets in Unicode code points of the .txt, as Crosscheck does (checked against the Spanish CoNLL-2002 sample
 * in fixtures/brat/conll2002-esp, where UTF-8 byte offsets would not match).
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
 *   fragments (and that attribute is not written as an A line): a discontinuous brat annotation survives a round trip.
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
 * - Per folder (per split), at the end: annotation.conf ([entities]: all exported labels; [relations]: all link
 *   types as `type Arg1:<ENTITY>, Arg2:<ENTITY>` plus `<REL-TYPE>:symmetric-transitive` for undirected transitive
 *   types, `:symmetric` for other undirected ones, `:transitive` for directed transitive ones; [events] empty;
 *   [attributes]: the keys used, `key Arg:<ENTITY>, Value:v1|v2…`), visual.conf ([labels] for renamed names,
 *   [drawing] with the label colours, no arrow heads on undirected types), and documents.tsv (doc, title, date,
 *   source: brat has no place for them; the import reads them back).
 *
 * IMPORT (parseBratFolder, parseBratPair):
 * - T: label = type; offsets are code points of the .txt. The text column is checked against the text (brat's
 *   rule: the fragments' texts joined with one space, optionally followed by white space and more); a mismatch
 *   throws naming `file.ann:line` (and says when the offsets look like UTF-8 bytes or UTF-16 units instead).
 * - Discontinuous T (`start end;start end`): ONE annotation from the first start to the last end. When the gaps
 *   between the fragments hold only line breaks, that is brat's way of writing one span across a line break and
 *   nothing more is kept; otherwise the attribute `fragments` records the fragments in code points,
 *   e.g. "5-7;9-10" (fixtures/brat/dkpro-discontinuous: `T2 Token 5 7;9 10` → span 5..10 "is\nan",
 *   fragments "5-7;9-10"). One span keeps the annotation one thing (its notes, attributes and links stay on it)
 *   instead of inventing same-as clusters between pieces.
 * - R: a link from Arg1 to Arg2 typed by the relation type. Relation types that annotation.conf declares
 *   symmetric-transitive (equivalences; also "Equiv" with no <REL-TYPE>, as brat assumes) become same-as links;
 *   for symmetric types a reversed duplicate is dropped.
 * - `*` (equivalence) lines: same-as links chaining the listed T's (T3-T4, T4-T5), which puts them in one cluster.
 * - Names: a `# crosscheck-name` line in annotation.conf (see the export) gives back the Crosscheck name of a type,
 *   relation or attribute; it wins over the same-as rule above (an exported undirected transitive type keeps its name).
 * - E (events): the trigger T keeps its label (the event type); each argument `Role:ID` becomes a link from the
 *   trigger to the argument (an E argument means that event's trigger), typed by the role with a trailing number
 *   dropped (`Org-Arg2` is brat's second `Org-Arg`).
 * - A and M lines: attribute on the target T (key = attribute name, value decoded as above, binary → "true"); on an
 *   E they go to its trigger; on anything else (R) they are reported as issues and not imported.
 * - N lines: attribute `normalization:<DB>` = `<DB>:<ID>` plus " <name>" when the line has one (a second
 *   normalization to the same DB gets `normalization:<DB>:2`).
 * - `#` lines (AnnotatorNotes): the note of the target T or of an E's trigger; several are joined with \n. Notes on
 *   relations are reported as issues (Crosscheck links have no notes).
 * - A .txt written with CRLF, or starting with a byte order mark: brat tools disagree on whether offsets count the
 *   \r (Python 2 codecs did, universal newlines do not) and the BOM. The readings are tried in turn (as is, CRLF read
 *   as LF, each without the BOM) and the first under which every T's text column matches is used; the text is
 *   stored with LF and no BOM, like every imported text, with the offsets moved accordingly.
 * - Malformed lines throw `file.ann:line: reason`; references to undefined ids too.
 * - A folder is read recursively (hidden files skipped, symbolic link loops followed once); documents are .txt + .ann
 *   pairs with the same name (either one alone is reported and skipped: a README.txt is not a document); the
 *   nearest annotation.conf in the folder or a parent (up to the imported folder) applies. The
 *   cross-document-links.tsv and documents.tsv files an export writes are read back.
 * - What is left out without being an error (attributes and notes on relations, lone files, undeclared types) goes
 *   to the optional `issues` array ({ path: "file.ann:line", reason }), shaped like ImportReport.skipped.
 */
import { existsSync, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../common/errors.js';
import { buildOffsetIndex, cpToUtf16, sliceCp, type OffsetIndex } from '../../common/offsets.js';
import type { ExportContext, ExportSpan, Exporter, ParsedDoc, ParsedSpan, Sink } from './types.js';

// ---------------------------------------------------------------------------------------------------------------
// Shared

/** Where Python's str.splitlines() breaks a line (brat reads .ann files through codecs, which uses it). */
const BREAK_CODES = new Set([0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x85, 0x2028, 0x2029]);
const LINE_BREAKS = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;

export const CROSS_DOCUMENT_FILE = 'cross-document-links.tsv';
export const CROSS_DOCUMENT_HEADER = ['from_doc', 'from_T', 'to_doc', 'to_T', 'type'] as const;
export const DOCUMENTS_FILE = 'documents.tsv';
const DOCUMENTS_HEADER = ['doc', 'title', 'date', 'source'] as const;

/**
 * brat's storage form of a name: only [A-Za-z0-9_-] (other characters become `_`, accents are dropped first).
 * @example bratStorageName('claim type') === 'claim_type'
 */
export function bratStorageName(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[^A-Za-z0-9_-]/g, '_');
}

/** Percent-encodes what a brat attribute value cannot hold; the empty string becomes a lone `%`. */
export function encodeBratValue(value: string): string {
  if (value === '') return '%';
  return value.replace(/[%|,\s\p{Cc}]/gu, (c) => encodeURIComponent(c));
}

/** Reverses encodeBratValue; a value that is not valid percent-encoding is kept as it is. */
export function decodeBratValue(raw: string): string {
  if (raw === '%') return '';
  if (!/%[0-9A-Fa-f]{2}/.test(raw)) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

const tsvCell = (s: string | null | undefined) => (s ?? '').replace(/[\t\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+/g, ' ');

// ---------------------------------------------------------------------------------------------------------------
// Export

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
  wroteDocuments: boolean;
}

const exportStates = new WeakMap<ExportContext, ExportState>();
const sinkStates = new WeakMap<Sink, SinkState>();

function exportState(ctx: ExportContext): ExportState {
  let st = exportStates.get(ctx);
  if (!st) {
    st = { labels: new NameTable('label'), relations: new NameTable('link'), attributes: new NameTable('attribute') };
    // Project order decides who keeps the plain name when two names clash.
    for (const l of ctx.labels) st.labels.get(l.name);
    for (const t of ctx.linkTypes) st.relations.get(t.name);
    exportStates.set(ctx, st);
  }
  return st;
}

function sinkState(sink: Sink): SinkState {
  let st = sinkStates.get(sink);
  if (!st) {
    st = { labels: new Set(), relations: new Set(), values: new Map(), crossLinks: 0, unwritable: 0, droppedLinks: 0, wroteDocuments: false };
    sinkStates.set(sink, st);
  }
  return st;
}

/** "5-7;9-10" → [[5, 7], [9, 10]] when well formed (ascending, non-empty, not overlapping), else null. */
export function parseFragments(value: string): [number, number][] | null {
  if (!/^\d+-\d+(?:;\d+-\d+)*$/.test(value)) return null;
  const out = value.split(';').map((p) => p.split('-').map(Number) as [number, number]);
  for (let i = 0; i < out.length; i++) {
    if (!(out[i][0] < out[i][1])) return null;
    if (i > 0 && out[i][0] < out[i - 1][1]) return null;
  }
  return out;
}

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

/** The fragments a span is written with: its `fragments` attribute when valid, else the span; split at line breaks. */
function fragmentsOf(s: ExportSpan, text: string, index: OffsetIndex): { fragments: [number, number][]; usedAttribute: boolean } {
  let base: [number, number][] = [[s.start, s.end]];
  let usedAttribute = false;
  const declared = s.attributes.fragments;
  if (declared !== undefined) {
    const f = parseFragments(declared);
    if (f && f[0][0] === s.start && f[f.length - 1][1] === s.end) {
      base = f;
      usedAttribute = true;
    }
  }
  const fragments: [number, number][] = [];
  for (const [a, b] of base) splitAtBreaks(text, a, b, index, fragments);
  return { fragments, usedAttribute };
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
    const { fragments, usedAttribute } = fragmentsOf(s, d.text, index);
    if (fragments.length === 0) {
      st.unwritable++;
      continue;
    }
    const t = `T${s.id}`;
    tOf.set(s.id, t);
    const label = names.labels.get(s.label);
    st.labels.add(label);
    const offsets = fragments.map(([x, y]) => `${x} ${y}`).join(';');
    const texts = fragments.map(([x, y]) => sliceCp(d.text, x, y, index)).join(' ');
    tLines.push(`${t}\t${label} ${offsets}\t${texts}`);
    for (const [key, value] of Object.entries(s.attributes)) {
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
  for (const t of types) {
    const flags = !t.directed ? (t.transitive ? 'symmetric-transitive' : 'symmetric') : t.transitive ? 'transitive' : '';
    out.push(`${t.brat}\tArg1:<ENTITY>, Arg2:<ENTITY>${flags ? `, <REL-TYPE>:${flags}` : ''}`);
  }
  for (const r of st.relations) if (!listed.has(r)) out.push(`${r}\tArg1:<ENTITY>, Arg2:<ENTITY>`);
  out.push('', '[events]', '', '[attributes]', '');
  for (const [k, values] of st.values) out.push(`${k}\tArg:<ENTITY>, Value:${[...values].join('|')}`);
  return out.join('\n') + '\n';
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
    if (st.unwritable) notes.push(`${st.unwritable} span${st.unwritable === 1 ? '' : 's'} covering only line breaks could not be written to brat.`);
    if (st.droppedLinks) notes.push(`${st.droppedLinks} link${st.droppedLinks === 1 ? '' : 's'} to spans that could not be written were left out.`);
    return { notes };
  },
};

// ---------------------------------------------------------------------------------------------------------------
// annotation.conf

export interface BratConf {
  /** Entity types (all levels of the hierarchy, `!` removed). */
  entities: Set<string>;
  events: Set<string>;
  relations: Map<string, { symmetric: boolean; transitive: boolean }>;
  attributes: Map<string, { values: string[] | null }>;
  /** Crosscheck's names for brat names, from the `# crosscheck-name` lines a Crosscheck export writes. */
  names: { entity: Map<string, string>; relation: Map<string, string>; attribute: Map<string, string> };
}

/** Reads an annotation.conf: sections, hierarchy by indentation, `!` abstract types, macros, `<REL-TYPE>` flags. */
export function parseBratConf(text: string): BratConf {
  const conf: BratConf = {
    entities: new Set(),
    events: new Set(),
    relations: new Map(),
    attributes: new Map(),
    names: { entity: new Map(), relation: new Map(), attribute: new Map() },
  };
  let section = '';
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    const named = /^#\s*crosscheck-name\t(entity|relation|attribute)\t([^\t]+)\t(.*)$/.exec(raw);
    if (named) {
      try {
        const orig = JSON.parse(named[3]);
        if (typeof orig === 'string') conf.names[named[1] as 'entity'].set(named[2], orig);
      } catch {
        /* not ours after all: a comment */
      }
      continue;
    }
    if (!raw.trim() || /^\s*#/.test(raw)) continue;
    const head = /^\s*\[(.*)\]\s*$/.exec(raw);
    if (head) {
      section = head[1].trim();
      continue;
    }
    if (/^\s*-+\s*$/.test(raw) || /^<[A-Za-z_-]+>=/.test(raw)) continue;
    const m = /^\s*(\S+)(?:\s+(.*))?$/.exec(raw);
    if (!m) continue;
    const name = m[1].split('|')[0].replace(/^!/, '');
    if (!name || name.startsWith('<')) continue;
    const args = (m[2] ?? '').split(',').map((a) => a.trim()).filter(Boolean);
    if (section === 'entities') conf.entities.add(name);
    else if (section === 'events') conf.events.add(name);
    else if (section === 'relations') {
      const rel = args.find((a) => a.startsWith('<REL-TYPE>:'));
      const flags = rel ? rel.slice('<REL-TYPE>:'.length).split('-') : name === 'Equiv' ? ['symmetric', 'transitive'] : [];
      conf.relations.set(name, { symmetric: flags.includes('symmetric'), transitive: flags.includes('transitive') });
    } else if (section === 'attributes') {
      const v = args.find((a) => a.startsWith('Value:'));
      conf.attributes.set(name, { values: v ? v.slice('Value:'.length).split('|').map((x) => x.trim()) : null });
    }
  }
  return conf;
}

// ---------------------------------------------------------------------------------------------------------------
// Import

/** Something an import left out, with where it was declared ("file.ann:12"); the caller adds these to its report. */
export interface BratIssue {
  path: string;
  reason: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function readUtf8(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new AppError('InvalidInput', `${path}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return utf8.decode(bytes);
  } catch {
    throw new AppError('InvalidInput', `${path}: not UTF-8 (brat files are UTF-8)`);
  }
}

/** A reading of the .txt that offsets may refer to, and how its code points map to the stored (LF, no BOM) text. */
interface TextView {
  text: string;
  index: OffsetIndex;
  /** Code point positions (ascending) of characters the stored text does not have. */
  removed: number[];
}

function toStored(view: TextView, cp: number): number {
  let lo = 0;
  let hi = view.removed.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (view.removed[mid] < cp) lo = mid + 1;
    else hi = mid;
  }
  return cp - lo;
}

/**
 * The readings of a .txt that offsets may refer to, most literal first: the file as it is; with CRLF/CR read as LF
 * (what Python's universal newlines give); and, when it starts with a byte order mark, both without it.
 */
function textViews(raw: string): { stored: string; views: TextView[] } {
  const bom = raw.startsWith('\uFEFF');
  const stored = (bom ? raw.slice(1) : raw).replace(/\r\n?/g, '\n');
  const view = (text: string, bomAt0: boolean, crlfRemoved: boolean): TextView => {
    const removed: number[] = bomAt0 ? [0] : [];
    if (crlfRemoved) {
      let cp = 0;
      for (let i = 0; i < text.length; i++, cp++) {
        const c = text.charCodeAt(i);
        if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) removed.push(cp);
        else if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
      }
    }
    return { text, index: buildOffsetIndex(text), removed };
  };
  const views: TextView[] = [];
  for (const withBom of bom ? [true, false] : [false]) {
    const text = withBom ? raw : raw.slice(bom ? 1 : 0);
    views.push(view(text, withBom, text.includes('\r')));
    if (text.includes('\r')) views.push(view(text.replace(/\r\n?/g, '\n'), withBom, false));
  }
  return { stored, views };
}

type Ref = { role: string; id: string };
type Rec =
  | { kind: 'T'; id: string; type: string; frags: [number, number][]; text: string | null; line: number }
  | { kind: 'R'; id: string; type: string; args: Ref[]; line: number }
  | { kind: 'E'; id: string; type: string; trigger: string; args: Ref[]; line: number }
  | { kind: 'A'; id: string; type: string; target: string; value: string | null; line: number }
  | { kind: 'N'; id: string; target: string; ref: string; text: string; line: number }
  | { kind: '#'; id: string; target: string; text: string; line: number }
  | { kind: '*'; type: string; members: string[]; line: number };

const ID = /^(?:[A-Za-z]+|#[A-Za-z]*)[0-9]+\S*$/;

function parseAnnLine(line: string, n: number, fail: (n: number, reason: string) => never): Rec {
  const tab = line.indexOf('\t');
  if (tab < 0) fail(n, 'expected an id, a tab and an annotation (brat lines are tab-separated)');
  const id = line.slice(0, tab);
  const rest = line.slice(tab + 1);
  const tab2 = rest.indexOf('\t');
  const data = tab2 < 0 ? rest : rest.slice(0, tab2);
  const tail = tab2 < 0 ? null : rest.slice(tab2 + 1);
  if (id !== '*' && !ID.test(id)) fail(n, `"${id}" is not a brat id (T1, R1, E1, A1, M1, N1, #1 or *)`);
  const refs = (parts: string[]): Ref[] =>
    parts.map((p) => {
      const m = /^([^:]+):(\S+)$/.exec(p);
      if (!m) fail(n, `argument "${p}" is not Role:ID`);
      return { role: m![1], id: m![2] };
    });
  switch (id[0]) {
    case 'T': {
      const m = /^(\S+) (.+)$/.exec(data);
      if (!m) fail(n, `${id}: expected "type start end" before the text`);
      const frags = m![2].split(';').map((f) => {
        const o = /^\s*(\d+) (\d+)\s*$/.exec(f);
        if (!o) fail(n, `${id}: offsets "${m![2]}" are not "start end" pairs separated by ";"`);
        const pair: [number, number] = [Number(o![1]), Number(o![2])];
        if (pair[0] > pair[1]) fail(n, `${id}: start ${pair[0]} is after end ${pair[1]}`);
        return pair;
      });
      const sorted = [...frags].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
      for (let i = 1; i < sorted.length; i++) if (sorted[i][0] < sorted[i - 1][1]) fail(n, `${id}: fragments overlap`);
      return { kind: 'T', id, type: m![1], frags, text: tail, line: n };
    }
    case 'R': {
      const parts = data.trim().split(/\s+/);
      if (parts.length !== 3) fail(n, `${id}: a relation is "type Arg1:ID Arg2:ID" (two arguments)`);
      return { kind: 'R', id, type: parts[0], args: refs(parts.slice(1)), line: n };
    }
    case 'E': {
      const parts = data.trim().split(/\s+/);
      const m = /^([^:]+):(\S+)$/.exec(parts[0]);
      if (!m) fail(n, `${id}: an event starts with Type:TriggerID`);
      return { kind: 'E', id, type: m![1], trigger: m![2], args: refs(parts.slice(1)), line: n };
    }
    case 'A':
    case 'M': {
      const m = /^(\S+) (\S+)(?: (.+))?$/.exec(data.trim());
      if (!m) fail(n, `${id}: an attribute is "name ID" or "name ID value"`);
      if (id[0] === 'M' && m![3] !== undefined) fail(n, `${id}: a modifier is "name ID"`);
      return { kind: 'A', id, type: m![1], target: m![2], value: m![3] ?? null, line: n };
    }
    case 'N': {
      const m = /^(\S+) (\S+) (\S+?:\S+)$/.exec(data.trim());
      if (!m) fail(n, `${id}: a normalization is "Reference ID DB:ID"`);
      return { kind: 'N', id, target: m![2], ref: m![3], text: tail ?? '', line: n };
    }
    case '#': {
      const parts = data.trim().split(/\s+/);
      if (parts.length !== 2) fail(n, `${id}: a note is "AnnotatorNotes ID" then a tab and the text`);
      return { kind: '#', id, target: parts[1], text: tail ?? '', line: n };
    }
    case '*': {
      const parts = data.trim().split(/\s+/);
      if (parts.length < 3) fail(n, 'an equivalence is "* type ID ID…" with at least two ids');
      return { kind: '*', type: parts[0], members: parts.slice(1), line: n };
    }
    default:
      return fail(n, `unknown annotation kind "${id}"`);
  }
}

/** Why a T's text column does not match the text under `view`, or null when it does (brat's rule). */
function textMismatch(t: Extract<Rec, { kind: 'T' }>, view: TextView, rawBytes: () => Buffer): string | null {
  const length = view.index.length;
  for (const [, e] of t.frags) {
    if (e > length) return `${t.id} ends at ${e}, after the end of the text (${length} characters)`;
  }
  if (t.text === null || t.text.trim() === '') return null;
  const pieces = t.frags.map(([s, e]) => sliceCp(view.text, s, e, view.index));
  const expected = pieces.join(' ');
  const ok = (want: string) => t.text === want || (t.text!.startsWith(want) && /^\s/.test(t.text!.slice(want.length)));
  if (ok(expected) || (pieces.length > 1 && ok(pieces.join('')))) return null;
  let hint = '';
  const units = t.frags.map(([s, e]) => view.text.slice(s, e)).join(' ');
  if (units === t.text) hint = ' (the offsets look like UTF-16 units, as JavaScript counts; brat counts characters)';
  else {
    const b = rawBytes();
    const bytes = t.frags.map(([s, e]) => b.subarray(s, e).toString('utf8')).join(' ');
    if (bytes === t.text) hint = ' (the offsets look like UTF-8 bytes; brat counts characters)';
  }
  const where = t.frags.map(([s, e]) => `${s}..${e}`).join(';');
  return `${t.id} says its text is ${JSON.stringify(t.text)}, but the text at ${where} is ${JSON.stringify(expected)}${hint}`;
}

interface PairOptions {
  /** Prefix of span keys (unique within one import); default: the .ann path without extension. */
  key?: string;
  /** Receives what the import left out (attributes and notes on relations, unknown types, …). */
  issues?: BratIssue[];
  title?: string;
}

/**
 * Reads one brat document: `txtPath` (the text) and `annPath` (its annotations). `conf` is the annotation.conf
 * that applies; when undefined, an annotation.conf beside the .ann is used if there is one (null: none).
 */
export function parseBratPair(txtPath: string, annPath: string, conf?: BratConf | null, opts: PairOptions = {}): ParsedDoc {
  if (conf === undefined) {
    const beside = join(dirname(annPath), 'annotation.conf');
    conf = existsSync(beside) ? parseBratConf(readUtf8(beside)) : null;
  }
  const issues = opts.issues ?? [];
  const keyPrefix = opts.key ?? annPath.replace(/\.ann$/i, '');
  const fail = (n: number, reason: string): never => {
    throw new AppError('InvalidInput', `${annPath}:${n}: ${reason}`);
  };

  const raw = readUtf8(txtPath);
  const { stored, views } = textViews(raw);
  const annText = readUtf8(annPath).replace(/^\uFEFF/, '');

  // 1. Syntax.
  const recs: Rec[] = [];
  const byId = new Map<string, Rec>();
  annText.split(/\r\n|\r|\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const r = parseAnnLine(line, i + 1, fail);
    if (r.kind !== '*') {
      if (byId.has(r.id)) fail(r.line, `${r.id} is declared twice (first on line ${byId.get(r.id)!.line})`);
      byId.set(r.id, r);
    }
    recs.push(r);
  });
  const ts = recs.filter((r): r is Extract<Rec, { kind: 'T' }> => r.kind === 'T');

  // 2. Which reading of the text the offsets refer to: the first under which every T matches.
  let bytes: Buffer | null = null;
  const rawBytes = () => (bytes ??= Buffer.from(raw, 'utf8'));
  let view = views[0];
  let firstError: { line: number; reason: string } | null = null;
  for (const v of views) {
    const bad = ts.map((t) => ({ line: t.line, reason: textMismatch(t, v, rawBytes) })).find((x) => x.reason !== null);
    if (!bad) {
      view = v;
      firstError = null;
      break;
    }
    firstError ??= bad as { line: number; reason: string };
  }
  if (firstError) fail(firstError.line, firstError.reason);

  // 3. Spans.
  const storedIndex = buildOffsetIndex(stored);
  const names = conf?.names;
  const spans = new Map<string, ParsedSpan>();
  const notes = new Map<string, string[]>();
  const unknownTypes = new Set<string>();
  for (const t of ts) {
    const frags = [...t.frags].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    const start = frags[0][0];
    const end = frags[frags.length - 1][1];
    if (end <= start) fail(t.line, `${t.id} covers no text (${start}..${end})`);
    const s = toStored(view, start);
    const e = toStored(view, end);
    const attributes: Record<string, string> = {};
    let onlyBreaks = true;
    for (let i = 1; i < frags.length && onlyBreaks; i++) {
      const gap = sliceCp(view.text, frags[i - 1][1], frags[i][0], view.index);
      onlyBreaks = [...gap].every((ch) => BREAK_CODES.has(ch.charCodeAt(0)));
    }
    const kept = frags.filter(([x, y]) => y > x);
    if (!onlyBreaks) attributes.fragments = kept.map(([x, y]) => `${toStored(view, x)}-${toStored(view, y)}`).join(';');
    const label = names?.entity.get(t.type) ?? t.type;
    if (conf && (conf.entities.size || conf.events.size) && !conf.entities.has(t.type) && !conf.events.has(t.type)) unknownTypes.add(t.type);
    spans.set(t.id, {
      key: `${keyPrefix}:${t.id}`,
      start: s,
      end: e,
      label,
      text: sliceCp(stored, s, e, storedIndex),
      attributes,
      at: `${annPath}:${t.line}`,
    });
  }
  for (const type of unknownTypes) issues.push({ path: annPath, reason: `type ${type} is not declared in annotation.conf (imported as a label anyway)` });

  // 4. Events: which T each E stands for.
  const triggerOf = new Map<string, string>();
  for (const r of recs) {
    if (r.kind !== 'E') continue;
    const trig = byId.get(r.trigger);
    if (!trig || trig.kind !== 'T') fail(r.line, `${r.id}: trigger ${r.trigger} is not a text-bound annotation (T) of this file`);
    triggerOf.set(r.id, r.trigger);
  }
  /** The T an id stands for: itself, or an event's trigger. */
  const spanId = (id: string, line: number, what: string): string | null => {
    if (spans.has(id)) return id;
    const trig = triggerOf.get(id);
    if (trig) return trig;
    if (!byId.has(id)) fail(line, `${what} names ${id}, which this file does not define`);
    return null;
  };

  // 5. Attributes, normalizations, notes.
  for (const r of recs) {
    if (r.kind === 'A') {
      const target = spanId(r.target, r.line, r.id);
      if (!target) {
        issues.push({ path: `${annPath}:${r.line}`, reason: `${r.id} (${r.type}) is on ${r.target}; Crosscheck keeps attributes on spans only, so it was not imported` });
        continue;
      }
      const key = names?.attribute.get(r.type) ?? r.type;
      spans.get(target)!.attributes![key] = r.value === null ? 'true' : decodeBratValue(r.value);
    } else if (r.kind === 'N') {
      const target = spanId(r.target, r.line, r.id);
      if (!target) {
        issues.push({ path: `${annPath}:${r.line}`, reason: `${r.id} normalizes ${r.target}, which is not a span; not imported` });
        continue;
      }
      const db = r.ref.slice(0, r.ref.indexOf(':'));
      const attrs = spans.get(target)!.attributes!;
      let key = `normalization:${db}`;
      for (let i = 2; key in attrs; i++) key = `normalization:${db}:${i}`;
      attrs[key] = r.text ? `${r.ref} ${r.text}` : r.ref;
    } else if (r.kind === '#') {
      const target = spanId(r.target, r.line, r.id);
      if (!target) {
        issues.push({ path: `${annPath}:${r.line}`, reason: `the note ${r.id} on ${r.target} was not imported: Crosscheck links have no notes (${JSON.stringify(r.text)})` });
        continue;
      }
      let list = notes.get(target);
      if (!list) notes.set(target, (list = []));
      list.push(r.text);
    }
  }
  for (const [id, list] of notes) spans.get(id)!.note = list.join('\n');

  // 6. Links.
  const links: ParsedDoc['links'] = [];
  const seen = new Set<string>();
  const addLink = (from: string, to: string, type: string, symmetric: boolean) => {
    const k = `${from}\t${to}\t${type}`;
    if (seen.has(k) || (symmetric && seen.has(`${to}\t${from}\t${type}`))) return;
    seen.add(k);
    links.push({ from: `${keyPrefix}:${from}`, to: `${keyPrefix}:${to}`, type });
  };
  const refSpan = (id: string, line: number, what: string): string => {
    const s = spanId(id, line, what);
    if (!s) fail(line, `${what} names ${id}, which is not a span or an event`);
    return s!;
  };
  for (const r of recs) {
    if (r.kind === 'R') {
      const from = refSpan(r.args[0].id, r.line, r.id);
      const to = refSpan(r.args[1].id, r.line, r.id);
      const decl = conf?.relations.get(r.type);
      const mapped = names?.relation.get(r.type);
      const equiv = !!decl?.symmetric && !!decl.transitive;
      addLink(from, to, mapped ?? (equiv ? 'same-as' : r.type), !!decl?.symmetric);
    } else if (r.kind === 'E') {
      for (const a of r.args) {
        const to = refSpan(a.id, r.line, `${r.id} (${a.role})`);
        addLink(triggerOf.get(r.id)!, to, a.role.replace(/(?<=\D)\d+$/, ''), false);
      }
    } else if (r.kind === '*') {
      const type = names?.relation.get(r.type) ?? 'same-as';
      const members = r.members.map((m) => refSpan(m, r.line, `* ${r.type}`));
      for (let i = 1; i < members.length; i++) addLink(members[i - 1], members[i], type, true);
    }
  }

  return {
    title: opts.title ?? basename(txtPath).replace(/\.txt$/i, ''),
    text: stored,
    path: txtPath,
    spans: [...spans.values()],
    links,
  };
}

const collator = new Intl.Collator('en', { numeric: true });
const byName = (a: string, b: string) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);

function readTsv(path: string, header: readonly string[]): { line: number; cells: string[] }[] {
  const lines = readUtf8(path).replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  if (lines[0].split('\t').join(',') !== header.join(',')) {
    throw new AppError('InvalidInput', `${path}:1: expected the header ${header.join('<TAB>')}`);
  }
  const out: { line: number; cells: string[] }[] = [];
  lines.forEach((l, i) => {
    if (i === 0 || !l.trim()) return;
    const cells = l.split('\t');
    if (cells.length !== header.length) throw new AppError('InvalidInput', `${path}:${i + 1}: expected ${header.length} tab-separated columns, found ${cells.length}`);
    out.push({ line: i + 1, cells });
  });
  return out;
}

/**
 * Reads every brat document under `dir` (recursively, in name order; hidden files skipped), with the nearest
 * annotation.conf, plus the cross-document-links.tsv and documents.tsv a Crosscheck export writes.
 * What is left out goes to `issues` when given.
 */
export function parseBratFolder(dir: string, issues: BratIssue[] = []): ParsedDoc[] {
  const folders: string[] = [];
  const visited = new Set<string>();
  const walk = (rel: string) => {
    const real = realpathSync(join(dir, rel));
    if (visited.has(real)) return; // a symbolic link back up the tree
    visited.add(real);
    folders.push(rel);
    for (const name of readdirSync(join(dir, rel)).sort(byName)) {
      if (name.startsWith('.')) continue;
      if (statSync(join(dir, rel, name)).isDirectory()) walk(rel ? `${rel}/${name}` : name);
    }
  };
  walk('');

  const confs = new Map<string, BratConf | null>();
  const confFor = (rel: string): BratConf | null => {
    if (confs.has(rel)) return confs.get(rel)!;
    const file = join(dir, rel, 'annotation.conf');
    const conf = existsSync(file) ? parseBratConf(readUtf8(file)) : rel ? confFor(rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '') : null;
    confs.set(rel, conf);
    return conf;
  };

  const docs: ParsedDoc[] = [];
  const stems = new Map<string, { doc: ParsedDoc; key: string }[]>();
  const crossFiles: string[] = [];
  for (const rel of folders) {
    const names = readdirSync(join(dir, rel)).filter((n) => !n.startsWith('.') && statSync(join(dir, rel, n)).isFile());
    const has = new Set(names);
    const meta = new Map<string, string[]>();
    if (has.has(DOCUMENTS_FILE)) for (const r of readTsv(join(dir, rel, DOCUMENTS_FILE), DOCUMENTS_HEADER)) meta.set(r.cells[0], r.cells);
    if (has.has(CROSS_DOCUMENT_FILE)) crossFiles.push(join(dir, rel, CROSS_DOCUMENT_FILE));
    const docStems = new Set<string>();
    for (const n of names) {
      const m = /^(.*)\.(txt|ann)$/i.exec(n);
      if (m) docStems.add(m[1]);
    }
    for (const stem of [...docStems].sort(byName)) {
      const txt = names.find((n) => n === `${stem}.txt`) ?? names.find((n) => n.toLowerCase() === `${stem}.txt`.toLowerCase());
      const ann = names.find((n) => n === `${stem}.ann`) ?? names.find((n) => n.toLowerCase() === `${stem}.ann`.toLowerCase());
      if (!ann) {
        issues.push({ path: join(dir, rel, txt!), reason: `no ${stem}.ann beside it; skipped (import it as plain text to get the document)` });
        continue;
      }
      const annPath = join(dir, rel, ann);
      if (!txt) {
        issues.push({ path: annPath, reason: `no ${stem}.txt beside it; skipped` });
        continue;
      }
      const txtPath = join(dir, rel, txt);
      const key = rel ? `${rel}/${stem}` : stem;
      const m = meta.get(stem);
      const doc = parseBratPair(txtPath, annPath, confFor(rel), { key, issues, title: m?.[1] || undefined });
      if (m) {
        doc.date = m[2] || null;
        doc.source = m[3] || null;
      }
      if (!doc.text.trim()) {
        issues.push({ path: txtPath, reason: 'empty text; skipped' });
        continue;
      }
      docs.push(doc);
      let list = stems.get(stem);
      if (!list) stems.set(stem, (list = []));
      list.push({ doc, key });
    }
  }

  for (const file of crossFiles) {
    for (const { line, cells } of readTsv(file, CROSS_DOCUMENT_HEADER)) {
      const [fromDoc, fromT, toDoc, toT, type] = cells;
      const find = (stem: string, t: string) => {
        const found = stems.get(stem) ?? [];
        if (found.length === 0) throw new AppError('InvalidInput', `${file}:${line}: no document ${stem} (${stem}.txt) in ${dir}`);
        if (found.length > 1) throw new AppError('InvalidInput', `${file}:${line}: more than one document is named ${stem} in ${dir}`);
        const key = `${found[0].key}:${t}`;
        if (!found[0].doc.spans.some((s) => s.key === key)) throw new AppError('InvalidInput', `${file}:${line}: ${stem}.ann has no ${t}`);
        return { doc: found[0].doc, key };
      };
      const from = find(fromDoc, fromT);
      const to = find(toDoc, toT);
      if (!type.trim()) throw new AppError('InvalidInput', `${file}:${line}: the link type is empty`);
      from.doc.links.push({ from: from.key, to: to.key, type });
    }
  }
  return docs;
}

/**
 * brat standoff (https://brat.nlplab.org/standoff.html): import of one document (.txt + .ann). The export is
 * brat-export.ts; whole folders are walked by brat-folder.ts.
 *
 * brat offsets count Unicode code points of the .txt, Crosscheck's own unit, so they are taken without
 * conversion; the Spanish CoNLL-2002 sample (fixtures/brat/conll2002-esp) shows it, as its UTF-8 byte
 * offsets would not match. A T line's text column is checked against the text at its offsets, so a file
 * written with other units fails instead of importing shifted spans.
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
 * - What is left out without being an error (attributes and notes on relations, lone files, undeclared types) goes
 *   to the optional `issues` array ({ path: "file.ann:line", reason }), shaped like ImportReport.skipped.
 */
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../common/errors.js';
import { buildOffsetIndex, sliceCp } from '../../common/offsets.js';
import { parseAnnLine, type Rec, type TRec } from './brat-ann.js';
import { parseBratConf, type BratConf } from './brat-conf.js';
import { BREAK_CODES, decodeBratValue } from './brat-syntax.js';
import { readUtf8, textMismatch, textViews, toStored, type TextView } from './brat-text.js';
import type { ParsedDoc, ParsedSpan } from './types.js';
import { assertRegularFile, entryAt } from '../import/files.js';
import type { PathCheck } from '../path-policy.js';

/** Something an import left out, with where it was declared ("file.ann:12"); the caller adds these to its report. */
export interface BratIssue {
  path: string;
  reason: string;
}

/** How parseBratPair keys and titles a document, and where it reports what it leaves out. */
export interface PairOptions {
  /** Prefix of span keys (unique within one import); default: the .ann path without extension. */
  key?: string;
  /** Receives what the import left out (attributes and notes on relations, unknown types, …). */
  issues?: BratIssue[];
  title?: string;
  /**
   * The host's path check (services/path-policy.ts): the .txt, .ann and annotation.conf beside them are opened only
   * when they are regular files, or links the check allows to one. None: any link is followed (the CLI).
   */
  check?: PathCheck;
}

type Fail = (n: number, reason: string) => never;

/** What the steps of parseBratPair share: the .ann's records, the spans made so far, where issues go. */
interface Pair {
  annPath: string;
  /** Prefix of the span keys. */
  keyPrefix: string;
  conf: BratConf | null;
  issues: BratIssue[];
  fail: Fail;
  recs: Rec[];
  /** Every record with an id (all but `*`), by id. */
  byId: Map<string, Rec>;
  /** The spans, by the id of their T. */
  spans: Map<string, ParsedSpan>;
  /** The trigger T of each event, by the event's id. */
  triggerOf: Map<string, string>;
}

/**
 * Reads one brat document: `txtPath` (the text) and `annPath` (its annotations). `conf` is the annotation.conf
 * that applies; when undefined, an annotation.conf beside the .ann is used if there is one (null: none).
 * Throws InvalidInput `file.ann:line: reason` (see the top of this file); what it leaves out goes to `opts.issues`.
 */
export function parseBratPair(txtPath: string, annPath: string, conf?: BratConf | null, opts: PairOptions = {}): ParsedDoc {
  if (conf === undefined) conf = confBeside(annPath, opts);
  const fail: Fail = (n, reason) => {
    throw new AppError('InvalidInput', `${annPath}:${n}: ${reason}`);
  };

  // Nothing is opened before it is known to be a regular file (a named pipe would block the read for good).
  assertRegularFile(txtPath, opts.check);
  assertRegularFile(annPath, opts.check);
  const raw = readUtf8(txtPath);
  const { stored, views } = textViews(raw);
  const annText = readUtf8(annPath).replace(/^\uFEFF/, '');
  const { recs, byId } = readRecords(annText, fail);
  const pair: Pair = {
    annPath,
    keyPrefix: opts.key ?? annPath.replace(/\.ann$/i, ''),
    conf,
    issues: opts.issues ?? [],
    fail,
    recs,
    byId,
    spans: new Map(),
    triggerOf: new Map(),
  };
  const ts = recs.filter((r): r is TRec => r.kind === 'T');
  const view = chooseReading(ts, raw, views, fail);
  addSpans(pair, ts, view, stored);
  findTriggers(pair);
  addAttributesAndNotes(pair);
  const links = linksOf(pair);

  return {
    title: opts.title ?? basename(txtPath).replace(/\.txt$/i, ''),
    text: stored,
    path: txtPath,
    spans: [...pair.spans.values()],
    links,
  };
}

/**
 * The annotation.conf beside `annPath`, null when there is none; one that is not a regular file (or a link the
 * host does not follow) is reported in `opts.issues` and left out.
 */
function confBeside(annPath: string, opts: PairOptions): BratConf | null {
  const beside = join(dirname(annPath), 'annotation.conf');
  const entry = entryAt(beside, opts.check);
  if (entry.kind === 'file') return parseBratConf(readUtf8(beside));
  if (entry.kind === 'skip' && entry.reason !== 'not found') opts.issues?.push({ path: beside, reason: entry.reason });
  return null;
}

/** The .ann's lines as records, in file order, and the records by id (an id declared twice fails). */
function readRecords(annText: string, fail: Fail): { recs: Rec[]; byId: Map<string, Rec> } {
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
  return { recs, byId };
}

/** Which reading of the text the offsets refer to: the first under which every T matches; else the first mismatch fails. */
function chooseReading(ts: TRec[], raw: string, views: TextView[], fail: Fail): TextView {
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
  return view;
}

/** One span per T, in stored-text code points; fragments with more than line breaks between them are kept as an attribute. */
function addSpans(pair: Pair, ts: TRec[], view: TextView, stored: string): void {
  const { conf, fail } = pair;
  const storedIndex = buildOffsetIndex(stored);
  const names = conf?.names;
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
    pair.spans.set(t.id, {
      key: `${pair.keyPrefix}:${t.id}`,
      start: s,
      end: e,
      label,
      text: sliceCp(stored, s, e, storedIndex),
      attributes,
      at: `${pair.annPath}:${t.line}`,
    });
  }
  for (const type of unknownTypes) pair.issues.push({ path: pair.annPath, reason: `type ${type} is not declared in annotation.conf (imported as a label anyway)` });
}

/** Which T each E stands for (its trigger, which must be a T of this file). */
function findTriggers(pair: Pair): void {
  for (const r of pair.recs) {
    if (r.kind !== 'E') continue;
    const trig = pair.byId.get(r.trigger);
    if (!trig || trig.kind !== 'T') pair.fail(r.line, `${r.id}: trigger ${r.trigger} is not a text-bound annotation (T) of this file`);
    pair.triggerOf.set(r.id, r.trigger);
  }
}

/** The T an id stands for: itself, or an event's trigger; null for another record (R); an unknown id fails. */
function spanId(pair: Pair, id: string, line: number, what: string): string | null {
  if (pair.spans.has(id)) return id;
  const trig = pair.triggerOf.get(id);
  if (trig) return trig;
  if (!pair.byId.has(id)) pair.fail(line, `${what} names ${id}, which this file does not define`);
  return null;
}

/** A, M and N lines become span attributes, # lines span notes; on anything but a span they are issues. */
function addAttributesAndNotes(pair: Pair): void {
  const { annPath, issues, spans } = pair;
  const names = pair.conf?.names;
  const notes = new Map<string, string[]>();
  for (const r of pair.recs) {
    if (r.kind === 'A') {
      const target = spanId(pair, r.target, r.line, r.id);
      if (!target) {
        issues.push({ path: `${annPath}:${r.line}`, reason: `${r.id} (${r.type}) is on ${r.target}; Crosscheck keeps attributes on spans only, so it was not imported` });
        continue;
      }
      const key = names?.attribute.get(r.type) ?? r.type;
      spans.get(target)!.attributes![key] = r.value === null ? 'true' : decodeBratValue(r.value);
    } else if (r.kind === 'N') {
      const target = spanId(pair, r.target, r.line, r.id);
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
      const target = spanId(pair, r.target, r.line, r.id);
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
}

/** R, E and * lines as links between span keys, in file order; a reversed duplicate of a symmetric type is dropped. */
function linksOf(pair: Pair): ParsedDoc['links'] {
  const { conf, fail, keyPrefix } = pair;
  const names = conf?.names;
  const links: ParsedDoc['links'] = [];
  const seen = new Set<string>();
  const addLink = (from: string, to: string, type: string, symmetric: boolean) => {
    const k = `${from}\t${to}\t${type}`;
    if (seen.has(k) || (symmetric && seen.has(`${to}\t${from}\t${type}`))) return;
    seen.add(k);
    links.push({ from: `${keyPrefix}:${from}`, to: `${keyPrefix}:${to}`, type });
  };
  const refSpan = (id: string, line: number, what: string): string => {
    const s = spanId(pair, id, line, what);
    if (!s) fail(line, `${what} names ${id}, which is not a span or an event`);
    return s!;
  };
  for (const r of pair.recs) {
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
        addLink(pair.triggerOf.get(r.id)!, to, a.role.replace(/(?<=\D)\d+$/, ''), false);
      }
    } else if (r.kind === '*') {
      const type = names?.relation.get(r.type) ?? 'same-as';
      const members = r.members.map((m) => refSpan(m, r.line, `* ${r.type}`));
      for (let i = 1; i < members.length; i++) addLink(members[i - 1], members[i], type, true);
    }
  }
  return links;
}

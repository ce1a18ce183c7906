/**
 * brat standoff (https://brat.nlplab.org/standoff.html): import of one document (.txt + .ann). The export is
 * brat-export.ts; whole folders are walked by brat-folder.ts; what hangs on the spans (A, M, N, #, R, E, *) is
 * brat-refs.ts.
 *
 * brat offsets count Unicode code points of the .txt, Crosscheck's own unit, so they are taken without
 * conversion; the Spanish CoNLL-2002 sample (fixtures/brat/conll2002-esp) shows it, as its UTF-8 byte
 * offsets would not match. A T line's text column is checked against the text at its offsets, so a line
 * written with other units is left out (reported) instead of importing a shifted span.
 *
 * IMPORT (parseBratFolder, parseBratPair), every annotation kind:
 * - T: label = type; offsets are code points of the .txt. The text column is checked against the text (brat's
 *   rule: the fragments' texts joined with one space, optionally followed by white space and more); a T whose
 *   column disagrees, or that ends after the text, is DROPPED (ctx.drop, "line N"), with a hint when the offsets
 *   look like UTF-8 bytes or UTF-16 units, and so is everything naming it. A zero-length T goes on to ingest.ts,
 *   which drops it as "zero-length span" like every format.
 * - Discontinuous T (`start end;start end`): ONE annotation from the first start to the last end. When the gaps
 *   between the fragments hold only line breaks, that is brat's way of writing one span across a line break and
 *   nothing more is kept; otherwise the attribute `fragments` records the fragments in code points,
 *   e.g. "5-7;9-10" (fixtures/brat/dkpro-discontinuous: `T2 Token 5 7;9 10` → span 5..10 "is\nan",
 *   fragments "5-7;9-10"). One span keeps the annotation one thing (its notes, attributes and links stay on it)
 *   instead of inventing same-as clusters between pieces.
 * - R, E, *, A/M, N and #: see brat-refs.ts (links, attributes, normalizations, notes; what cannot be placed is
 *   dropped with its line).
 * - Names: a `# crosscheck-name` line in annotation.conf (see the export) gives back the Crosscheck name of a type,
 *   relation or attribute. A type annotation.conf does not declare is imported as a label all the same, with a
 *   note in the report; overlap rules (`<OVERLAP>`, brat-conf.ts) are read and need nothing: Crosscheck allows
 *   any overlap.
 * - A .txt written with CRLF, or starting with a byte order mark: brat tools disagree on whether offsets count the
 *   \r (Python 2 codecs did, universal newlines do not) and the BOM. The readings are tried in turn (as is, CRLF read
 *   as LF, each without the BOM) and the one under which the most T's text columns match (the first on a tie) is
 *   used; the text is stored with LF and no BOM, like every imported text, with the offsets moved accordingly
 *   (brat-text.ts textViews), so ingest.ts finds no CR left to remap.
 * - Layers (issue 13): the attribute `annotator` (brat-conf.ts ANNOTATOR_ATTRIBUTE, what a Crosscheck export
 *   writes) puts its span in that annotator's layer and is not kept as an attribute; spans without it go to the
 *   import's default layer.
 * - Malformed lines throw `file.ann:line: reason`; references to ids the file does not define too.
 * - File-level skips (an annotation.conf that is not a regular file, lone files in a folder) go to the optional
 *   `issues` array ({ path, reason }), shaped like ImportReport.skipped.
 */
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../common/errors.js';
import { buildOffsetIndex, sliceCp } from '../../common/offsets.js';
import { parseAnnLine, type Rec, type TRec } from './brat-ann.js';
import { ANNOTATOR_ATTRIBUTE, parseBratConf, type BratConf } from './brat-conf.js';
import { addAttributesAndNotes, findTriggers, linksOf, type Pair } from './brat-refs.js';
import { BREAK_CODES } from './brat-syntax.js';
import { readUtf8, textMismatch, textViews, toStored, type TextView } from './brat-text.js';
import { collectingContext, type ImportContext, type ParsedDoc, type ParsedSpan } from './types.js';
import { assertRegularFile, entryAt } from '../import/files.js';
import type { PathCheck } from '../path-policy.js';

/** A file an import skipped, and why; the caller adds these to its report's `skipped`. */
export interface BratIssue {
  path: string;
  reason: string;
}

/** How parseBratPair keys and titles a document, and where it reports what it leaves out. */
export interface PairOptions {
  /** Prefix of span keys (unique within one import); default: the .ann path without extension. */
  key?: string;
  /** Receives the files the import skipped (an annotation.conf that is not a regular file). */
  issues?: BratIssue[];
  /** Receives the annotations left out (ctx.drop, "line N" of the .ann) and notes; default: a context nobody reads. */
  ctx?: ImportContext;
  /** Receives the keys of the spans left out, so that a folder's cross-document rows naming them are dropped too. */
  droppedKeys?: Set<string>;
  /**
   * Collects the types annotation.conf does not declare (type → .ann files using it), for one report note per
   * folder; without it, the pair notes them itself.
   */
  undeclared?: Map<string, string[]>;
  title?: string;
  /**
   * The host's path check (services/path-policy.ts): the .txt, .ann and annotation.conf beside them are opened only
   * when they are regular files, or links the check allows to one. None: any link is followed (the CLI).
   */
  check?: PathCheck;
}

/**
 * Reads one brat document: `txtPath` (the text) and `annPath` (its annotations). `conf` is the annotation.conf
 * that applies; when undefined, an annotation.conf beside the .ann is used if there is one (null: none).
 * Throws InvalidInput `file.ann:line: reason` (see the top of this file); what it leaves out goes to `opts.ctx`.
 */
export function parseBratPair(txtPath: string, annPath: string, conf?: BratConf | null, opts: PairOptions = {}): ParsedDoc {
  if (conf === undefined) conf = confBeside(annPath, opts);
  const fail = (n: number, reason: string): never => {
    throw new AppError('InvalidInput', `${annPath}:${n}: ${reason}`);
  };

  // Nothing is opened before it is known to be a regular file (a named pipe would block the read for good).
  assertRegularFile(txtPath, opts.check);
  assertRegularFile(annPath, opts.check);
  const raw = readUtf8(txtPath);
  const { stored, views } = textViews(raw);
  const annText = readUtf8(annPath).replace(/^\uFEFF/, '');
  const { recs, byId } = readRecords(annText, fail);
  const ctx = opts.ctx ?? collectingContext(annPath);
  const pair: Pair = {
    annPath,
    keyPrefix: opts.key ?? annPath.replace(/\.ann$/i, ''),
    conf,
    drop: (line, what, why) => ctx.drop(`line ${line}`, what, why, annPath),
    fail,
    recs,
    byId,
    spans: new Map(),
    gone: new Map(),
    triggerOf: new Map(),
  };
  const ts = recs.filter((r): r is TRec => r.kind === 'T');
  const { view, bad } = chooseReading(ts, raw, views);
  for (const [t, why] of bad) {
    pair.gone.set(t.id, why);
    pair.drop(t.line, `${t.id} ${t.type} ${t.frags.map(([s, e]) => `${s}..${e}`).join(';')}${t.text ? ` ${JSON.stringify(t.text.slice(0, 60))}` : ''}`, why);
    opts.droppedKeys?.add(`${pair.keyPrefix}:${t.id}`);
  }
  const undeclared = opts.undeclared ?? new Map<string, string[]>();
  addSpans(pair, ts, view, stored, undeclared);
  if (!opts.undeclared) noteUndeclared(undeclared, ctx);
  findTriggers(pair);
  addAttributesAndNotes(pair);
  takeLayers(pair.spans.values());
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
 * Moves the attribute brat-conf.ts ANNOTATOR_ATTRIBUTE (what a Crosscheck export writes) into each span's layer:
 * the span goes to that annotator's layer, not the import's default, and the attribute is not kept.
 */
function takeLayers(spans: Iterable<ParsedSpan>): void {
  for (const s of spans) {
    const name = s.attributes?.[ANNOTATOR_ATTRIBUTE];
    if (name === undefined) continue;
    delete s.attributes![ANNOTATOR_ATTRIBUTE];
    if (name.trim()) s.annotator = name;
  }
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
function readRecords(annText: string, fail: (n: number, reason: string) => never): { recs: Rec[]; byId: Map<string, Rec> } {
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

/**
 * Which reading of the text the offsets refer to: the first under which every T matches, else the one under
 * which the fewest do not (the first on a tie). `bad`: the T's that do not match under it, with the reason.
 */
function chooseReading(ts: TRec[], raw: string, views: TextView[]): { view: TextView; bad: Map<TRec, string> } {
  let bytes: Buffer | null = null;
  const rawBytes = () => (bytes ??= Buffer.from(raw, 'utf8'));
  let best: { view: TextView; bad: Map<TRec, string> } | null = null;
  for (const view of views) {
    const bad = new Map<TRec, string>();
    for (const t of ts) {
      const why = textMismatch(t, view, rawBytes);
      if (why !== null) bad.set(t, why);
    }
    if (!best || bad.size < best.bad.size) best = { view, bad };
    if (bad.size === 0) break;
  }
  return best!;
}

/** One span per T, in stored-text code points; fragments with more than line breaks between them are kept as an attribute. */
function addSpans(pair: Pair, ts: TRec[], view: TextView, stored: string, undeclared: Map<string, string[]>): void {
  const { conf } = pair;
  const storedIndex = buildOffsetIndex(stored);
  const names = conf?.names;
  for (const t of ts) {
    if (pair.gone.has(t.id)) continue;
    // Empty fragments cover nothing; a T of only empty ones is zero-length (ingest.ts drops it as such).
    const sorted = [...t.frags].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    const kept = sorted.filter(([x, y]) => y > x);
    const frags = kept.length ? kept : [[sorted[0][0], sorted[0][0]] as [number, number]];
    const s = toStored(view, frags[0][0]);
    const e = toStored(view, frags[frags.length - 1][1]);
    const attributes: Record<string, string> = {};
    let onlyBreaks = true;
    for (let i = 1; i < frags.length && onlyBreaks; i++) {
      const gap = sliceCp(view.text, frags[i - 1][1], frags[i][0], view.index);
      onlyBreaks = [...gap].every((ch) => BREAK_CODES.has(ch.charCodeAt(0)));
    }
    if (!onlyBreaks) attributes.fragments = frags.map(([x, y]) => `${toStored(view, x)}-${toStored(view, y)}`).join(';');
    const label = names?.entity.get(t.type) ?? t.type;
    if (conf && (conf.entities.size || conf.events.size) && !conf.entities.has(t.type) && !conf.events.has(t.type)) {
      const files = undeclared.get(t.type) ?? [];
      if (files.at(-1) !== pair.annPath) files.push(pair.annPath);
      undeclared.set(t.type, files);
    }
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
}

/**
 * One report note for the types annotation.conf does not declare: they are imported as labels all the same.
 * @example "type Thing (in a.ann) is not declared in annotation.conf; imported as a label all the same"
 */
export function noteUndeclared(undeclared: Map<string, string[]>, ctx: ImportContext): void {
  if (!undeclared.size) return;
  const list = [...undeclared].map(([type, files]) => `${type} (in ${files[0]}${files.length > 1 ? ` and ${files.length - 1} more` : ''})`).join(', ');
  const one = undeclared.size === 1;
  ctx.note(`${one ? 'type' : 'types'} ${list} ${one ? 'is' : 'are'} not declared in annotation.conf; imported as ${one ? 'a label' : 'labels'} all the same`);
}

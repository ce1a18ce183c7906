import type { Project } from '../project.js';
import type { ImportReport } from '../../common/model.js';
import { AppError } from '../../common/errors.js';
import { buildOffsetIndex, graphemeSplit, hasLoneSurrogate, sliceCp } from '../../common/offsets.js';
import { ingestWriter } from '../../db/ingest.js';
import { textHash } from '../import/hash.js';
import { readAnnotatedText } from './read-text.js';
import { jsonlLineSchema, type JsonlLine } from './jsonl.js';
import { encodeJsonId, type JsonId } from './jsonl-ids.js';
import { unknownKeys } from './jsonl-keys.js';
import { chooseOffsetUnit, toCodePoints, unitLength, UNIT_NAMES } from './offset-units.js';
import { isBlankText, normaliseLineEnds, remapFragments } from './text-rules.js';
import { keptSpanDiffers, layerOrWhy, linkLayersWhy } from './ingest.js';

/**
 * File ids above this are kept as external ids only, never used as row ids: SQLite numbers later rows above the
 * largest id, and past 2^53 JavaScript can no longer tell neighbouring numbers apart (links would attach to the
 * wrong span).
 */
const MAX_ROW_ID = 2_147_483_647;
import { collectingContext, type ImportContext } from './types.js';
import type { OffsetUnit } from '../../common/formats.js';

/** An id as the file shows it, for messages: 17, "h1-spk". */
const show = (id: JsonId | null) => (id === null ? '(no id)' : JSON.stringify(id));

/** What became of a span id of the file: the span it names, or why there is none. */
type Declared = { n: number; id: number } | { n: number; id: null; why: string };

/**
 * Imports Crosscheck's own JSONL (what `export --format jsonl` writes, or a pipeline's file in that shape):
 * documents, spans, links, cluster names, in ONE transaction. The import rule (README, "Import rule"):
 * - refused whole, naming file and line (AppError 'InvalidInput' `${file}:${line}: …`): a line that is not
 *   JSON or not a line of the schema (jsonl.ts), a text that is empty or holds an unpaired surrogate, a span id
 *   declared twice for different spans, a link naming a span id the file does not have;
 * - dropped (`ctx.drop`, and the rest imports): spans Crosscheck cannot place (zero-length, outside the text, on a
 *   different text than the file gives, cutting a character) and the links naming them, a link from a span to
 *   itself, attribute values that are not strings, a `cluster` that no same-as link of the file forms, a span
 *   whose `annotator` cannot name a layer (over 60 characters, control characters) and the links naming it, a
 *   link whose two spans are in two layers, and every key the schema does not have (per line, with how many
 *   objects carry it);
 * - layers (issue 13): each span goes to the layer its `annotator` names (created if new; `auto` and `gold` too);
 *   without one (JSONL written before issue 13, or `null`), to `options.annotator`, else the current annotator;
 * - noted (`ctx.note`): the offset unit read (code points unless only another reading fits the file, or
 *   `options.offsets`: offset-units.ts), cluster ids that are not numbers.
 * Texts get LF line endings with offsets remapped (text-rules.ts). Ids may be any JSON string or integer: each is
 * kept as the row's external id (jsonl-ids.ts) for the export to write back; integer ids are also kept as the
 * Crosscheck id where the project does not use it yet (always, in a new project), as before.
 * Drops and notes go to `ctx`; importers.ts copies them into the report.
 */
export function importJsonl(p: Project, file: string, shownPath = file, ctx: ImportContext = collectingContext(shownPath)): ImportReport {
  const lines = parseLines(readAnnotatedText(file, ctx.options.encoding).replace(/^\uFEFF/, ''), shownPath, ctx);
  const choice = chooseOffsetUnit(
    lines.map(({ n, d }) => ({ text: d.text, spans: d.spans.map((s) => ({ start: s.start, end: s.end, text: s.text ?? undefined, at: `line ${n}` })) })),
    'codepoint',
    ctx.options.offsets,
  );
  ctx.note(choice.note);
  const report: ImportReport = { imported: [], duplicates: [], skipped: [], spans: 0, links: 0, clusters: 0, labelsAdded: [], linkTypesAdded: [] };
  const now = new Date().toISOString();
  const fail = (n: number, reason: string): never => {
    throw new AppError('InvalidInput', `${shownPath}:${n}: ${reason}`);
  };

  p.transaction(() => {
    const w = ingestWriter(p, ctx.options.annotator);
    const declared = new Map<string, Declared>();
    const pendingLinks: { n: number; link: JsonlLine['links'][number] }[] = [];
    /** The cluster each added span has in the file, by Crosscheck span id. */
    const fileClusters = new Map<number, { n: number; span: JsonId | null; id: JsonId | null; name: string }>();

    for (const { n, d } of lines) {
      const lf = normaliseLineEnds(d.text);
      const text = lf ? lf.text : d.text;
      const hash = textHash(text);
      let docId = p.documents.idByHash(hash);
      if (docId !== undefined) report.duplicates.push({ path: `${shownPath}:${n}`, of: docId });
      else {
        const preferred = typeof d.id === 'number' && d.id > 0 && d.id <= MAX_ROW_ID ? d.id : undefined;
        const length = buildOffsetIndex(text).length;
        docId = p.documents.insert({ title: d.title, date: d.date, source: d.source, path: d.path, hash, text, length }, now, preferred);
        report.imported.push({ path: `${shownPath}:${n}`, id: docId, title: d.title });
      }
      w.documentExternalId(docId, encodeJsonId(d.id));

      const index = buildOffsetIndex(text);
      const toCp = toCodePoints(d.text, choice.unit);
      for (const s of d.spans) {
        const key = s.id === null ? null : encodeJsonId(s.id);
        const what = `span ${show(s.id)} ${s.start}..${s.end} ${JSON.stringify(s.label)}${s.text !== null ? ` ${JSON.stringify(s.text.slice(0, 60))}` : ''}`;
        const at = place(s, d.text, text, index, toCp, choice.unit, lf?.map);
        // A span whose annotator cannot name a layer (too long, control characters) is dropped like one off the text.
        const layer = typeof at === 'string' ? at : layerOrWhy(w, s.annotator);
        const placed = typeof layer === 'string' ? layer : at;
        let outcome: Declared;
        if (typeof placed === 'string') {
          ctx.drop(`line ${n}`, what, placed);
          outcome = { n, id: null, why: placed };
        } else {
          const given = textAttributes(s.attributes ?? {}, (name, why) => ctx.drop(`line ${n}`, `attribute ${JSON.stringify(name)} of span ${show(s.id)}`, why));
          // Under the LF rule a discontinuous span's fragments move with its edges (text-rules.ts).
          const attributes = remapFragments(given, lf?.map) ?? given;
          const preferredId = typeof s.id === 'number' && s.id > 0 && s.id <= MAX_ROW_ID ? s.id : undefined;
          const span = { docId, labelId: w.labelId(s.label), ...placed, note: s.note ?? '', attributes, at: now, preferredId, annotatorId: layer as number };
          const { id, added } = w.span(span, key ?? undefined);
          outcome = { n, id };
          const kept = added ? null : keptSpanDiffers(p, id, span.note, attributes);
          if (kept) ctx.drop(`line ${n}`, `the note and attributes of ${what}`, kept);
          if (added) {
            report.spans!++;
            if (s.cluster) fileClusters.set(id, { n, span: s.id, id: s.cluster.id, name: s.cluster.name });
          }
        }
        if (key === null) continue;
        const before = declared.get(key);
        if (before && before.id !== outcome.id) fail(n, `span ${show(s.id)} is declared twice (lines ${before.n} and ${n}), for different spans`);
        declared.set(key, outcome);
      }
      for (const link of d.links) pendingLinks.push({ n, link });
    }

    for (const { n, link: l } of pendingLinks) {
      const named = `link ${show(l.from)} → ${show(l.to)}`;
      const what = `${named} (${l.type})`;
      const ends = [l.from, l.to].map((end) => ({ end, found: declared.get(encodeJsonId(end)) }));
      const missing = ends.find((e) => !e.found);
      if (missing) fail(n, `${named}: span ${show(missing.end)} is not in the file${otherType(declared, missing.end)}`);
      const gone = ends.find((e) => e.found!.id === null);
      if (gone) {
        ctx.drop(`line ${n}`, what, `span ${show(gone.end)} was not imported (${(gone.found as { why: string }).why})`);
        continue;
      }
      const [from, to] = ends.map((e) => e.found!.id!);
      if (from === to) {
        ctx.drop(`line ${n}`, what, 'a span cannot be linked to itself');
        continue;
      }
      const twoLayers = linkLayersWhy(p, from, to);
      if (twoLayers) {
        ctx.drop(`line ${n}`, what, twoLayers);
        continue;
      }
      if (w.link(from, to, w.linkTypeId(l.type), l.id === null ? undefined : encodeJsonId(l.id))) report.links!++;
    }
    w.recluster();
    report.clusters = adoptClusters(p, fileClusters, ctx);
    report.labelsAdded!.push(...w.labelsAdded);
    report.linkTypesAdded!.push(...w.linkTypesAdded);
    report.layers = w.layersUsed();
    for (const note of w.foldedDuplicates()) ctx.note(note);
  });
  return report;
}


/**
 * Every non-blank line, parsed and checked against the schema; keys the schema does not have are dropped with
 * their line. @throws AppError('InvalidInput') `${file}:${line}: …` for a line that breaks the format.
 */
function parseLines(raw: string, shownPath: string, ctx: ImportContext): { n: number; d: JsonlLine }[] {
  const out: { n: number; d: JsonlLine }[] = [];
  raw.split('\n').forEach((line, i) => {
    const n = i + 1;
    const fail = (reason: string): never => {
      throw new AppError('InvalidInput', `${shownPath}:${n}: ${reason}`);
    };
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (e) {
      fail(`not JSON (${(e as Error).message})`);
    }
    const parsed = jsonlLineSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      fail(`${issue.path.join('.') || 'line'}: ${issue.message}`);
    }
    const d = parsed.data!;
    // SQLite stores UTF-8, where a lone surrogate cannot exist: it would be replaced and the offsets shift.
    if (hasLoneSurrogate(d.text)) fail('the text holds an unpaired UTF-16 surrogate; it cannot be stored exactly');
    if (isBlankText(d.text)) fail('the document text is empty');
    for (const k of unknownKeys(json)) {
      const on = k.path.startsWith('spans[]') ? ` on ${k.count} span${k.count === 1 ? '' : 's'}` : k.path.startsWith('links[]') ? ` on ${k.count} link${k.count === 1 ? '' : 's'}` : '';
      ctx.drop(`line ${n}`, `key ${JSON.stringify(k.path)}${on} (first value ${k.sample})`, "Crosscheck's JSONL has no such key, so it was not imported");
    }
    out.push({ n, d });
  });
  return out;
}

/**
 * Where a span of the file falls in the stored text (code points, LF line endings), with the text there; or why
 * it cannot be placed (the `dropped` reason). Offsets count in `unit` over the text as the file gives it.
 */
function place(
  s: JsonlLine['spans'][number],
  given: string,
  text: string,
  index: ReturnType<typeof buildOffsetIndex>,
  toCp: (offset: number) => number | null,
  unit: OffsetUnit,
  lf: ((cp: number) => number) | undefined,
): { start: number; end: number; text: string } | string {
  if (s.end === s.start) return 'zero-length span';
  const outside = () => `outside the text (0..${unitLength(given, unit)} ${UNIT_NAMES[unit]})`;
  if (s.end < s.start) return outside();
  let start = toCp(s.start);
  let end = toCp(s.end);
  if (start === null || end === null) {
    const bad = start === null ? s.start : s.end;
    return bad > unitLength(given, unit) ? outside() : `${bad} falls inside a character, counted in ${UNIT_NAMES[unit]}`;
  }
  if (lf) {
    start = lf(start);
    end = lf(end);
  }
  const covered = sliceCp(text, start, end, index);
  if (s.text !== null && s.text.replace(/\r\n?/g, '\n') !== covered) {
    return `the text there is ${JSON.stringify(covered.slice(0, 60))}, not the one the file gives`;
  }
  return graphemeSplit(text, start, end, index) ?? { start, end, text: covered };
}

/** The string-valued attributes; every other value is handed to `drop` with the reason. */
function textAttributes(attributes: Record<string, unknown>, drop: (name: string, why: string) => void): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'string') out[name] = value;
    else drop(name, `attribute values are text in Crosscheck; this one is ${value === null ? 'null' : Array.isArray(value) ? 'a list' : `a ${typeof value}`} (${JSON.stringify(value).slice(0, 60)})`);
  }
  return out;
}

/** For a link to a missing span: the hint that an id of the other JSON type exists (17 is not "17"). */
function otherType(declared: Map<string, Declared>, id: JsonId): string {
  const other = typeof id === 'string' ? Number(id) : String(id);
  if (typeof other === 'number' && !(Number.isSafeInteger(other) && String(other) === id)) return '';
  return declared.has(encodeJsonId(other)) ? ` (a span ${show(other)} is: ids of different JSON types are different ids)` : '';
}

/**
 * Gives the clusters the import formed the names (and, where free, the numeric ids) the file gives them. A span
 * whose file cluster no same-as link of the file forms is reported: Crosscheck clusters only through same-as
 * links. Cluster ids that are not numbers are noted (Crosscheck numbers its own). Returns how many were adopted.
 */
function adoptClusters(p: Project, given: Map<number, { n: number; span: JsonId | null; id: JsonId | null; name: string }>, ctx: ImportContext): number {
  const adopt = new Map<number, { id: number; name: string }>();
  const unnumbered = new Set<string>();
  for (const [spanId, c] of given) {
    const current = p.annotations.get(spanId).clusterId;
    if (current === null) {
      ctx.drop(`line ${c.n}`, `cluster ${JSON.stringify(c.name)} of span ${show(c.span)}`, 'no same-as link of the file reaches this span, and Crosscheck forms clusters from same-as links only');
      continue;
    }
    if (typeof c.id === 'number' && c.id > 0) adopt.set(spanId, { id: c.id, name: c.name });
    else {
      if (c.id !== null) unnumbered.add(show(c.id));
      adopt.set(spanId, { id: current, name: c.name });
    }
  }
  if (unnumbered.size) {
    const some = [...unnumbered].slice(0, 3).join(', ');
    ctx.note(`cluster ids ${some}${unnumbered.size > 3 ? ', …' : ''} are not numbers: Crosscheck numbers its clusters itself and kept their names`);
  }
  return p.links.clusters.adopt(adopt);
}

import type { Project } from '../project.js';
import type { ImportReport } from '../../common/model.js';
import { AppError } from '../../common/errors.js';
import { buildOffsetIndex, graphemeSplit, hasLoneSurrogate, sliceCp } from '../../common/offsets.js';
import { collectingContext, type ImportContext, type ParsedDoc } from './types.js';
import { isBlankText, normaliseLineEnds, remapFragments } from './text-rules.js';
import { textHash } from '../import/hash.js';
import { ingestWriter, type IngestWriter } from '../../db/ingest.js';

/**
 * "file.ann:12" → { path: "file.ann", where: "line 12" }; anything else is a place within the first of `files` it starts
 * with ("w.json: task 3" → "task 3"), else within the first of them.
 * Parsers set ParsedSpan.at as `${file}:${line}` where a line is known.
 */
function placeOf(at: string, ...files: string[]): { path: string; where: string } {
  const m = /^(.*):(\d+)$/s.exec(at);
  if (m) return { path: m[1], where: `line ${m[2]}` };
  const file = files.find((f) => at.startsWith(f + ': ')) ?? files[0];
  return { path: file, where: at.startsWith(file + ': ') ? at.slice(file.length + 2) : at };
}

/**
 * Writes documents parsed from another tool's files into the project, in ONE transaction. Text rules
 * (text-rules.ts): line endings become LF with span offsets remapped, and a text of only white space or
 * invisible characters is refused as empty. Labels and link types the project does not know are added and
 * reported. A document whose text is already in the project gets the new spans on the existing copy (identical
 * spans are not doubled).
 *
 * Spans Crosscheck cannot place go to `ctx.drop` (the report's `dropped`), with the links naming them, and the
 * rest imports: zero-length, outside the text, on a different text than the file gives for it, cutting a
 * character (half a flag, an accent without its letter: see graphemeSplit), or in a layer no annotator can be
 * named (ParsedSpan.annotator too long or with control characters). Each span goes to the layer its `annotator`
 * names, else `options.annotator`, else the current annotator's; `report.layers` lists the layers written. A link
 * whose spans the file puts in two layers is dropped (a link joins spans of one layer). A link naming a key the file never
 * declares, or a key declared twice, breaks the file's own references and throws (nothing of the import remains).
 * @throws AppError('InvalidInput') naming the file (and line).
 */
export function ingest(p: Project, docs: ParsedDoc[], shownPath: string, ctx: ImportContext = collectingContext(shownPath)): ImportReport {
  const report: ImportReport = { imported: [], duplicates: [], skipped: [], spans: 0, links: 0, clusters: 0, labelsAdded: [], linkTypesAdded: [] };
  const now = new Date().toISOString();
  /** Names as the project keeps them: trimmed, at most 60 characters, never empty. */
  const clean = (name: string, fallback: string) => name.trim().slice(0, 60) || fallback;

  /** A span key as a person reads it: without the file's path that parsers put in front ("T3", "12:label:0"). */
  const shortKey = (k: string) => (k.startsWith(ctx.path + ':') ? k.slice(ctx.path.length + 1) : k);
  p.transaction(() => {
    const w = ingestWriter(p, ctx.options.annotator);
    const keys = new Map<string, number>();
    /** Keys of spans left out (dropped), so that links naming them are left out too, not refused. */
    const left = new Map<string, string>();
    for (const raw of docs) {
      const d = lfDoc(raw);
      const hash = textHash(d.text);
      let docId = p.documents.idByHash(hash);
      const where = d.path ?? shownPath;
      if (docId !== undefined) report.duplicates.push({ path: where, of: docId });
      else {
        if (isBlankText(d.text)) throw new AppError('InvalidInput', `${where}: the document text is empty`);
        // SQLite stores UTF-8, where a lone surrogate cannot exist: it would be replaced and every offset after
        // it would point at the wrong character.
        if (hasLoneSurrogate(d.text)) throw new AppError('InvalidInput', `${where}: the document text holds an unpaired UTF-16 surrogate; it cannot be stored exactly`);
        docId = p.documents.insert(
          { title: d.title || where, date: d.date ?? null, source: d.source ?? null, path: d.storedPath !== undefined ? d.storedPath : d.path, origin: d.origin ?? null, hash, text: d.text, length: buildOffsetIndex(d.text).length },
          now,
        );
        report.imported.push({ path: where, id: docId, title: d.title || where });
      }
      const index = buildOffsetIndex(d.text);
      for (const s of d.spans) {
        const at = s.at ?? where;
        if (keys.has(s.key) || left.has(s.key)) throw new AppError('InvalidInput', `${at}: span ${s.key} is declared twice`);
        const drop = (why: string) => {
          const place = placeOf(at, ctx.path, where);
          left.set(s.key, why);
          ctx.drop(place.where, `span ${s.start}..${s.end} ${JSON.stringify(s.label)}${s.text !== undefined ? ` ${JSON.stringify(s.text.slice(0, 60))}` : ''}`, why, place.path);
        };
        if (!Number.isInteger(s.start) || !Number.isInteger(s.end)) throw new AppError('InvalidInput', `${at}: span offsets ${s.start}..${s.end} are not whole numbers`);
        if (s.end === s.start) {
          drop('zero-length span');
          continue;
        }
        if (s.start < 0 || s.end < s.start || s.end > index.length) {
          drop(`outside the text (0..${index.length} code points)`);
          continue;
        }
        const text = sliceCp(d.text, s.start, s.end, index);
        if (s.text !== undefined && s.text !== text) {
          drop(`the text there is ${JSON.stringify(text.slice(0, 60))}, not the one the file gives`);
          continue;
        }
        const split = graphemeSplit(d.text, s.start, s.end, index);
        if (split) {
          drop(split);
          continue;
        }
        // A longer label would be cut, and two labels sharing their first 60 characters merged: not silently.
        if (s.label.trim().length > 60) {
          drop(`its label is ${s.label.trim().length} characters long; Crosscheck label names hold at most 60`);
          continue;
        }
        // A layer name the file allows but Crosscheck cannot hold (too long, control characters) drops the span.
        const annotatorId = layerOrWhy(w, s.annotator);
        if (typeof annotatorId === 'string') {
          drop(annotatorId);
          continue;
        }
        const labelId = w.labelId(clean(s.label, 'unlabelled'));
        const { id, added } = w.span({ docId, labelId, start: s.start, end: s.end, text, note: s.note ?? '', attributes: s.attributes ?? {}, at: now, annotatorId });
        keys.set(s.key, id);
        if (added) report.spans!++;
        else {
          const why = keptSpanDiffers(p, id, s.note ?? '', s.attributes ?? {});
          if (why) {
            const place = placeOf(at, ctx.path, where);
            ctx.drop(place.where, `the note and attributes of span ${s.start}..${s.end} ${JSON.stringify(s.label)}`, why, place.path);
          }
        }
      }
    }
    for (const d of docs) {
      for (const l of d.links) {
        const from = keys.get(l.from);
        const to = keys.get(l.to);
        if (left.has(l.from) || left.has(l.to)) {
          const gone = left.has(l.from) ? l.from : l.to;
          ctx.drop(`link ${shortKey(l.from)} → ${shortKey(l.to)}`, `a ${l.type} link`, `it names span ${shortKey(gone)}, which was not imported (${left.get(gone)})`);
          continue;
        }
        if (from === undefined || to === undefined) {
          throw new AppError('InvalidInput', `${d.path ?? shownPath}: a ${l.type} link names span ${from === undefined ? l.from : l.to}, which the file does not define`);
        }
        if (from === to) {
          ctx.drop(`link ${shortKey(l.from)} → ${shortKey(l.to)}`, `a ${l.type} link`, 'it links a span to itself');
          continue;
        }
        const twoLayers = linkLayersWhy(p, from, to);
        if (twoLayers) {
          ctx.drop(`link ${shortKey(l.from)} → ${shortKey(l.to)}`, `a ${l.type} link`, twoLayers);
          continue;
        }
        if (w.link(from, to, w.linkTypeId(clean(l.type, 'related')))) report.links!++;
      }
    }
    const before = p.links.clusters.count();
    w.recluster();
    report.clusters = Math.max(0, p.links.clusters.count() - before);
    report.labelsAdded!.push(...w.labelsAdded);
    report.linkTypesAdded!.push(...w.linkTypesAdded);
    report.layers = w.layersUsed();
    for (const note of w.foldedDuplicates()) ctx.note(note);
  });
  return report;
}

/**
 * The layer id of a span whose file names `annotator` (ingestWriter.layerId), or why no layer can be so named
 * ("its annotator \"…\" cannot name a layer: …"): the span is then dropped, not the import refused.
 * @throws what layerId throws besides InvalidInput.
 */
export function layerOrWhy(w: IngestWriter, annotator: string | null | undefined): number | string {
  try {
    return w.layerId(annotator);
  } catch (e) {
    if (!(e instanceof AppError) || e.name !== 'InvalidInput') throw e;
    const shown = JSON.stringify(annotator!.length > 40 ? `${annotator!.slice(0, 39)}…` : annotator);
    return `its annotator ${shown} cannot name a layer: ${e.message.replace(/\.$/, '')}`;
  }
}

/**
 * Why two spans cannot be linked because a file puts them in two layers ("its spans are in two layers (\"ana\"
 * and \"ben\"); …"), or null when they are in one: a link joins spans of one layer (db/links.ts), so such a link
 * is dropped rather than refusing the import.
 */
export function linkLayersWhy(p: Project, from: number, to: number): string | null {
  const [a, b] = [from, to].map((id) => p.annotations.get(id).annotatorId);
  if (a === b) return null;
  return `its spans are in two layers (${JSON.stringify(p.annotators.name(a))} and ${JSON.stringify(p.annotators.name(b))}); a link joins spans of one layer`;
}

/** A parsed document under the LF rule (text-rules.ts): its text and its spans' offsets and texts remapped. */
function lfDoc(d: ParsedDoc): ParsedDoc {
  const lf = normaliseLineEnds(d.text);
  if (!lf) return d;
  return {
    ...d,
    text: lf.text,
    spans: d.spans.map((s) => ({
      ...s,
      start: Number.isInteger(s.start) ? lf.map(s.start) : s.start,
      end: Number.isInteger(s.end) ? lf.map(s.end) : s.end,
      text: s.text === undefined ? undefined : s.text.replace(/\r\n?/g, '\n'),
      attributes: remapFragments(s.attributes, lf.map),
    })),
  };
}

/**
 * Why what a file says about a span the project already has (same document, label and offsets: it is not
 * doubled) is not taken, or null when it says nothing new: the note and attributes there are kept as they are.
 */
export function keptSpanDiffers(p: Project, id: number, note: string, attributes: Record<string, string>): string | null {
  const kept = p.annotations.get(id);
  const newNote = note !== '' && note !== kept.note;
  const newAttributes = Object.entries(attributes).some(([k, v]) => kept.attributes[k] !== v);
  if (!newNote && !newAttributes) return null;
  return `the project already has this span; its ${newNote && newAttributes ? 'note and attributes' : newNote ? 'note' : 'attributes'} there were kept, not this file's`;
}

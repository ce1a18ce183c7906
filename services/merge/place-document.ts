/**
 * The per-row pieces of a project merge shared by its two paths (services/merge/project-source.ts row by row,
 * project-fast.ts in SQL): placing a source document and reading a span's stored attributes.
 */
import type { Attributes, Id } from '../../common/model.js';
import { buildOffsetIndex } from '../../common/offsets.js';
import { dateProblem, titleProblem, urlProblem } from '../../common/document-meta.js';
import type { mergeTargetWrites, SourceDocument } from '../../db/merge-source.js';
import { textHash } from '../import/hash.js';
import { isBlankText } from '../formats/text-rules.js';
import type { Project } from '../project.js';

/**
 * The id here of a source document: the one with the same text (content hash), else a new row with the source's
 * title, date, source, path, url and done state (its text and length checked first).
 */
export function placeDocument(
  p: Project,
  target: ReturnType<typeof mergeTargetWrites>,
  d: SourceDocument,
  refuse: (what: string, why: string) => never,
  counts: { matched: number; added: number },
  now: string,
): Id {
  const what = `document ${d.id}`;
  if (typeof d.text !== 'string' || isBlankText(d.text)) refuse(what, 'its text is empty');
  // Matched by the hash of the text itself: the stored one is only the source's index (old files hold others).
  const hash = textHash(d.text);
  const existing = p.documents.idByHash(hash);
  if (existing !== undefined) {
    counts.matched++;
    return existing;
  }
  const length = buildOffsetIndex(d.text).length;
  if (length !== d.length) refuse(what, `its stored length ${d.length} is not its text's ${length} code points`);
  const problem =
    titleProblem(d.title ?? '') ?? (d.date === null ? null : dateProblem(d.date)) ?? (d.url === null ? null : urlProblem(d.url));
  if (problem) refuse(what, problem);
  const id = p.documents.insert({ title: d.title, date: d.date, source: d.source, path: d.path, origin: null, hash, text: d.text, length }, now);
  if (d.url !== null || d.done) target.setDocumentState(id, d.url, !!d.done, d.done_at);
  counts.added++;
  return id;
}

/** Stored attributes (a JSON object of texts), or undefined when they are not that. */
export function parseAttributes(raw: string): Attributes | undefined {
  if (raw === '{}') return {}; // most spans: no parse needed
  try {
    const v = JSON.parse(raw) as unknown;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
    return Object.values(v).every((x) => typeof x === 'string') ? (v as Attributes) : undefined;
  } catch {
    return undefined;
  }
}

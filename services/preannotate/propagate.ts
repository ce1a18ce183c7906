/**
 * "Tag every occurrence" (issue 14): after tagging a span, the same string elsewhere in the corpus is proposed
 * in the `auto` layer (rule `propagate`, confidence 1, the tagged span's attributes), with a count first.
 *
 * Matching: case-insensitive (JavaScript's Unicode simple case folding), any run of white space in the tagged
 * text matches any run of white space, whole words only (no letter, digit or combining mark just before or
 * after: "Rudskoy" is not found in "Rudskoyev"). The full-text index narrows the documents to those holding the
 * text's words as a phrase (its tokenizer folds case and diacritics, so it finds a superset); each candidate's
 * text is then scanned. Offsets are code points.
 *
 * Left out (counted as `already`): the tagged span itself (not counted), occurrences overlapping a span of the
 * same label in the tagged span's layer, occurrences the `auto` layer has with that label already, and
 * occurrences anyone has decided on (accepted or rejected, as a run never proposes a decided span again: a
 * colleague's rejection stands for everyone's proposals, and an accepted one is in its analyst's layer).
 */
import type { Project } from '../project.js';
import { proposalsRepo } from '../../db/proposals.js';
import { AppError } from '../../common/errors.js';
import { AUTO_LAYER } from '../../common/annotators.js';
import { buildOffsetIndex, sliceCp, utf16ToCp } from '../../common/offsets.js';
import { PROPAGATE_RULE, type PropagateCount, type PropagateResult } from '../../common/proposals.js';
import type { Annotation } from '../../common/model.js';
import { withoutProvenance } from './decide.js';

/** One place the text occurs: document and code-point offsets. */
export interface Occurrence {
  docId: number;
  start: number;
  end: number;
}

const WORD = '[\\p{L}\\p{N}\\p{M}]';

/**
 * A global, case-insensitive, Unicode regular expression for `text` as a whole-word, white-space-folded string,
 * or null when the text is only white space.
 */
export function occurrencePattern(text: string): RegExp | null {
  const parts = text.trim().split(/\s+/u).filter(Boolean);
  if (!parts.length) return null;
  const body = parts.map((w) => w.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('\\s+');
  return new RegExp(`(?<!${WORD})${body}(?!${WORD})`, 'giu');
}

/** Every match of `pattern` in `text`, as code-point offsets. */
export function occurrencesIn(text: string, pattern: RegExp): { start: number; end: number }[] {
  const index = buildOffsetIndex(text);
  return [...text.matchAll(pattern)].map((m) => ({ start: utf16ToCp(index, m.index!), end: utf16ToCp(index, m.index! + m[0].length) }));
}

/** The FTS5 query (one phrase) that narrows the documents, or null when the text has no word the index holds. */
function phraseQuery(text: string): string | null {
  if (!/[\p{L}\p{N}]/u.test(text)) return null;
  // eslint-disable-next-line no-control-regex
  return `"${text.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/"/g, '""')}"`;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

export function propagation(p: Project) {
  const repo = proposalsRepo(p.db);

  /** The tagged span, refused unless it is the current analyst's. @throws AppError NotFound, InvalidInput. */
  function source(annotationId: number): Annotation {
    const a = p.annotations.get(annotationId);
    if (a.annotatorId !== p.annotators.currentId()) {
      throw new AppError('InvalidInput', `Annotation ${annotationId} is not in your layer (${p.annotators.name(p.annotators.currentId())}): only your own spans can be propagated.`);
    }
    return a;
  }

  /** The occurrences to propose and how many were left out (see the file comment). */
  function find(a: Annotation): { todo: Occurrence[]; already: number } {
    const pattern = occurrencePattern(a.text);
    const todo: Occurrence[] = [];
    let already = 0;
    if (!pattern) return { todo, already };
    const fts = phraseQuery(a.text);
    let docs: number[];
    try {
      docs = repo.candidateDocs(fts);
    } catch {
      docs = repo.candidateDocs(null); // a phrase FTS5 cannot read: scan every document instead
    }
    const auto = p.annotators.idByName(AUTO_LAYER);
    for (const docId of docs) {
      const text = repo.text(docId);
      if (text === undefined) continue;
      const found = occurrencesIn(text, pattern).filter((o) => !(docId === a.docId && o.start === a.start && o.end === a.end));
      if (!found.length) continue;
      const tagged = repo.labelSpans(a.annotatorId, docId, a.labelId);
      const exact = new Set([...(auto === undefined ? [] : repo.labelSpans(auto, docId, a.labelId)), ...repo.decidedOfLabel(docId, a.labelId)].map((s) => `${s.start}:${s.end}`));
      for (const o of found) {
        if (tagged.some((t) => overlaps(t, o)) || exact.has(`${o.start}:${o.end}`)) already++;
        else todo.push({ docId, ...o });
      }
    }
    return { todo, already };
  }

  return {
    /** What propagating `annotationId` would do. @throws AppError as source. */
    count(annotationId: number): PropagateCount {
      const a = source(annotationId);
      const { todo, already } = find(a);
      return { text: a.text, occurrences: todo.length, documents: new Set(todo.map((o) => o.docId)).size, already };
    },

    /** Proposes every occurrence `count` counts, in one transaction. @throws AppError as source. */
    propagate(annotationId: number): PropagateResult {
      return p.transaction(() => {
        const a = source(annotationId);
        const { todo } = find(a);
        if (!todo.length) return { proposals: 0, documents: 0 };
        const autoId = p.annotators.ensure(AUTO_LAYER, true);
        const attributes = { ...withoutProvenance(a.attributes), rule: PROPAGATE_RULE, confidence: '1' };
        const at = new Date().toISOString();
        let docId = -1;
        let text = '';
        let index = buildOffsetIndex('');
        for (const o of todo) {
          if (o.docId !== docId) {
            docId = o.docId;
            text = repo.text(docId) ?? '';
            index = buildOffsetIndex(text);
          }
          repo.insertSpan({ docId, labelId: a.labelId, start: o.start, end: o.end, text: sliceCp(text, o.start, o.end, index), attributes }, autoId, at);
        }
        return { proposals: todo.length, documents: new Set(todo.map((o) => o.docId)).size };
      });
    },
  };
}

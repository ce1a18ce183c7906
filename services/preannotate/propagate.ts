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
 * same label in the tagged span's layer or a proposal of that label in the `auto` layer ("Rudskoy" inside the
 * proposal "Gen. Sergey Rudskoy" is proposed already), and occurrences anyone has decided on (accepted or
 * rejected, as a run never proposes a decided span again: a colleague's rejection stands for everyone's
 * proposals, and an accepted one is in its analyst's layer). Overlaps are found by binary search over the spans
 * sorted by start, so a document with thousands of tagged spans costs occurrences × log(spans), not their product.
 *
 * Refused: a span whose text has no letter or digit ("." would propose every dot of every "...").
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

interface Interval {
  start: number;
  end: number;
}

/**
 * A test of whether an interval overlaps any of `spans` (half-open, code points), in O(log n) a query: the spans
 * sorted by start, with the greatest end among each prefix; the spans starting before the query's end are a prefix,
 * and one of them overlaps it exactly when that prefix's greatest end lies past the query's start.
 */
export function overlapIndex(spans: readonly Interval[]): (o: Interval) => boolean {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const maxEnd: number[] = [];
  for (const s of sorted) maxEnd.push(Math.max(s.end, maxEnd.length ? maxEnd[maxEnd.length - 1] : -Infinity));
  return (o) => {
    let lo = 0;
    let hi = sorted.length; // first index whose start is >= o.end
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid].start < o.end) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && maxEnd[lo - 1] > o.start;
  };
}

export function propagation(p: Project) {
  const repo = proposalsRepo(p.db);

  /**
   * The tagged span, refused unless it is the current analyst's and holds a letter or digit.
   * @throws AppError NotFound, InvalidInput.
   */
  function source(annotationId: number): Annotation {
    const a = p.annotations.get(annotationId);
    if (a.annotatorId !== p.annotators.currentId()) {
      throw new AppError('InvalidInput', `Annotation ${annotationId} is not in your layer (${p.annotators.name(p.annotators.currentId())}): only your own spans can be propagated.`);
    }
    if (!/[\p{L}\p{N}]/u.test(a.text)) {
      throw new AppError('InvalidInput', `Annotation ${annotationId} ("${a.text.slice(0, 20)}") has no letter or digit: propagating it would tag every such mark in the corpus. Only text with a letter or digit can be propagated.`);
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
      const covered = overlapIndex([...repo.labelSpans(a.annotatorId, docId, a.labelId), ...(auto === undefined ? [] : repo.labelSpans(auto, docId, a.labelId))]);
      const decided = new Set(repo.decidedOfLabel(docId, a.labelId).map((s) => `${s.start}:${s.end}`));
      for (const o of found) {
        if (covered(o) || decided.has(`${o.start}:${o.end}`)) already++;
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

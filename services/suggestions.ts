import type { Project } from './project.js';
import type { AnnotationInContext, Passage, Suggestion } from '../common/model.js';
import { toFtsQuery } from '../db/fts-query.js';
import { suggestQueries, type DocHit } from '../db/suggest-queries.js';
import { extractFigures } from './suggest/numbers.js';
import { nameSimilarity, similarTerms } from './suggest/names.js';
import { significantTerms } from './suggest/terms.js';
import { scoreCandidate, normaliseBm25 } from './suggest/score.js';
import { splitSentences } from './suggest/sentences.js';

/** Candidate documents read per request; enough for recall, few enough for p95 < 100 ms at 10k documents. */
const TOP_DOCS = 30;

/**
 * Ranked matches for an annotation in other documents: spans already tagged with the same label, and passages
 * not tagged yet. Candidates come from the corpus index (BM25 over the span's key words, spelling variants of
 * names from the index vocabulary, the figures it states); services/suggest/score.ts weighs them. Everything stays
 * in the source span's layer (issue 13): tagged candidates are spans of its annotator, and a passage counts as
 * untagged when that annotator has not tagged it (a colleague's identical span is theirs, never proposed).
 */
export function suggester(p: Project) {
  const reads = suggestQueries(p.db);

  let vocabulary: { stamp: string; terms: string[] } | null = null;
  /** The index's terms, read once per state of the corpus (an import changes it). */
  function terms(): string[] {
    const stamp = reads.corpusStamp();
    if (vocabulary?.stamp !== stamp) vocabulary = { stamp, terms: reads.vocabulary() };
    return vocabulary.terms;
  }

  function rankDocs(query: string, excludeDoc: number): DocHit[] {
    if (!query) return [];
    try {
      return reads.rankDocuments(query, TOP_DOCS).filter((d) => d.docId !== excludeDoc);
    } catch {
      return [];
    }
  }

  /** Where `query` matches in a document (code points). */
  const matches = (docId: number, query: string) => p.search.matches(docId, query);

  return {
    dismiss: reads.dismiss,
    undismiss: reads.undismiss,

    forAnnotation(id: number, limit: number): Suggestion[] {
      const a = reads.source(id);
      if (!a) return [];
      const skip = new Set<string>(reads.dismissed(id).concat([`a:${id}`]));
      for (const other of reads.linkedTo(id)) skip.add(`a:${other}`);
      for (const mate of reads.clusterMates(id)) skip.add(`a:${mate}`);

      const scored = new Map<string, Suggestion>();
      const offer = (s: Suggestion) => {
        if (skip.has(s.key)) return;
        const cur = scored.get(s.key);
        if (!cur || cur.score < s.score) scored.set(s.key, s);
      };
      const passageKey = (docId: number, s: number, e: number) => `p:${docId}:${s}:${e}`;
      const tagged = new Map<number, { id: number; start: number; end: number; text: string }[]>();
      const taggedIn = (docs: number[]) => {
        const missing = docs.filter((d) => !tagged.has(d));
        missing.forEach((d) => tagged.set(d, []));
        for (const r of reads.taggedIn(a.label_id, a.annotator_id, missing)) {
          tagged.get(r.doc_id)!.push(r);
        }
        return (doc: number) => tagged.get(doc) ?? [];
      };

      const spanIds: { id: number; bm25?: number; sourceBoost?: number }[] = [];
      const passages: { passage: { docId: number; start: number; end: number }; text: string; bm25?: number }[] = [];

      if (a.label === 'speaker') {
        // Every other speaker spelling, by name similarity (distinct texts are few even in big projects).
        for (const r of reads.textsOfLabel(a.label_id, a.annotator_id, a.doc_id)) {
          if (nameSimilarity(a.text, r.text) < 0.75) continue;
          for (const other of r.ids) spanIds.push({ id: other });
        }
        // Untagged mentions: the surname and its spelling variants found in the index vocabulary.
        const words = a.text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 4);
        const surname = words[words.length - 1];
        if (surname) {
          const variants = [surname, ...similarTerms(surname, terms(), 0.88).slice(0, 5).map((t) => t.term)];
          const query = variants.map((v) => `"${v.replace(/"/g, '""')}"`).join(' OR ');
          const docs = rankDocs(query, a.doc_id);
          const taggedAt = taggedIn(docs.map((d) => d.docId));
          for (const d of docs.slice(0, 10)) {
            const { text, ranges } = matches(d.docId, query);
            const cps = Array.from(text);
            for (const r of ranges.slice(0, 3)) {
              if (taggedAt(d.docId).some((t) => t.start < r.end && r.start < t.end)) continue;
              // Take in the capitalised words before the surname: "Sergey Rutskoy", "Lieutenant-General Sergey Rutskoy".
              let s = r.start;
              for (let k = 0; k < 2; k++) {
                const before = cps.slice(Math.max(0, s - 30), s).join('');
                const m = /(\p{Lu}[\p{L}.-]*)\s+$/u.exec(before);
                if (!m) break;
                s -= Array.from(m[0]).length;
              }
              passages.push({ passage: { docId: d.docId, start: s, end: r.end }, text: cps.slice(s, r.end).join('') });
            }
          }
        }
      } else {
        const keyTerms = significantTerms(a.text, 12);
        const query = toFtsQuery(keyTerms.join(' OR '));
        const docs = rankDocs(query, a.doc_id);
        const best = docs[0]?.rank ?? 0;
        const taggedAt = taggedIn(docs.map((d) => d.docId));
        for (const d of docs) {
          const bm25 = normaliseBm25(d.rank, best);
          for (const t of taggedAt(d.docId)) spanIds.push({ id: t.id, bm25 });
        }
        // Untagged passages: in the best documents, the sentence sharing most key words (claims), or the
        // sentence stating an agreeing figure (figures).
        const wanted = new Set(keyTerms);
        for (const d of docs.slice(0, 12)) {
          const { text, ranges } = matches(d.docId, query);
          if (!ranges.length) continue;
          const cps = Array.from(text);
          const around = splitSentences(text, Math.max(0, ranges[0].start - 2000), Math.min(cps.length, ranges[ranges.length - 1].end + 2000));
          let bestSentence: { start: number; end: number; hits: number } | null = null;
          for (const sn of around) {
            const hits = ranges.filter((r) => r.start >= sn.start && r.end <= sn.end).length;
            if (hits && (!bestSentence || hits > bestSentence.hits)) bestSentence = { ...sn, hits };
          }
          if (!bestSentence) continue;
          let { start, end } = bestSentence;
          if (a.label === 'figure') {
            const sentence = cps.slice(start, end).join('');
            const fig = extractFigures(sentence)[0];
            if (!fig) continue;
            // The figure and the word it counts: "60 civilians".
            const rest = /^\s*[\p{L}-]+/u.exec(Array.from(sentence).slice(fig.end).join(''))?.[0] ?? '';
            end = start + fig.end + Array.from(rest).length;
            start = start + fig.start;
          }
          if (taggedAt(d.docId).some((t) => t.start < end && start < t.end)) continue;
          if (wanted.size && end > start) {
            passages.push({ passage: { docId: d.docId, start, end }, text: cps.slice(start, end).join(''), bm25: normaliseBm25(d.rank, best) });
          }
        }
      }

      const inContext = new Map(p.context.annotations([...new Set(spanIds.map((s) => s.id))]).map((c) => [c.annotation.id, c]));
      for (const s of spanIds) {
        const target = inContext.get(s.id);
        if (!target) continue;
        const { score, reasons } = scoreCandidate({
          label: a.label,
          sourceText: a.text,
          candidateText: target.annotation.text,
          bm25: s.bm25,
          sameLabelAnnotated: true,
        });
        offer({ kind: 'annotation', key: `a:${s.id}`, score, reasons, target });
      }
      for (const c of passages) {
        const key = passageKey(c.passage.docId, c.passage.start, c.passage.end);
        if (skip.has(key)) continue;
        const { score, reasons } = scoreCandidate({
          label: a.label,
          sourceText: a.text,
          candidateText: c.text,
          bm25: c.bm25,
          sameLabelAnnotated: false,
        });
        const passage: Passage | null = p.context.passage(c.passage.docId, c.passage.start, c.passage.end);
        if (passage) offer({ kind: 'passage', key, score, reasons, passage });
      }
      return [...scored.values()]
        .filter((s) => s.score > 0.15)
        .sort((x, y) => y.score - x.score)
        .slice(0, limit);
    },
  };
}

export type { AnnotationInContext };

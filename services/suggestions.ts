import type { Project } from './project.js';
import type { AnnotationInContext, Suggestion } from '../common/model.js';
import { toFtsQuery } from '../db/fts-query.js';
import { suggestQueries, type DocHit, type SuggestSource, type TaggedSpan } from '../db/suggest-queries.js';
import { extractFigures } from './suggest/numbers.js';
import { nameSimilarity, similarTerms } from './suggest/names.js';
import { significantTerms } from './suggest/terms.js';
import { scoreCandidate, normaliseBm25 } from './suggest/score.js';
import { splitSentences } from './suggest/sentences.js';
import { indexVocabulary } from './suggest/vocabulary.js';

/** Candidate documents read per request: enough for recall, and the same number whatever the corpus size. */
const TOP_DOCS = 30;
/** Of those, the best ones searched for passages not tagged yet (speakers, other labels). */
const SPEAKER_PASSAGE_DOCS = 10;
const PASSAGE_DOCS = 12;
/**
 * Tagged spans of one candidate document scored per request: a long report tagged thousands of times would
 * otherwise cost thousands of scorings (its spans are taken in reading order, the first ones kept).
 */
const SPANS_PER_DOC = 200;
/**
 * Code points of document text one request reads to find passages (FTS5's highlight() tokenizes a whole
 * document): about 30 ordinary articles. A document longer than what is left is passed over, not read; the
 * next best is tried. Without it one 1 MB report among the candidates cost ~60–200 ms per request.
 */
const PASSAGE_TEXT = 120_000;
/**
 * Matches FTS5 may rank (bm25 for each) to find one request's candidate documents: ~15 ms of CPU. Key words are
 * taken rarest first while their documents fit; the common ones still count in the scores and the passages.
 */
const RANKED_MATCHES = 25_000;
/** Suggestions scoring at or below this are not shown. */
const MIN_SCORE = 0.15;
/** Name similarity a tagged speaker needs to be proposed. */
const SAME_NAME = 0.75;

/** A candidate before it is shown: what it is, its text (for scoring) and its document's bm25. */
type Candidate =
  | { kind: 'annotation'; id: number; text: string; bm25?: number }
  | { kind: 'passage'; docId: number; start: number; end: number; text: string; bm25?: number };

/**
 * Ranked matches for an annotation in other documents: spans already tagged with the same label, and passages
 * not tagged yet. Candidates come from the corpus index: the TOP_DOCS best documents for the span's key words
 * (BM25; for a speaker, the surname and its spelling variants from the index vocabulary); then the spans
 * tagged in them and the passages of the best of them. services/suggest/score.ts weighs each on its text alone,
 * and only the `limit` best are read in context (document title, sentence around): a request costs the same
 * at 1,000 and at 100,000 documents. Everything stays in the source span's layer (issue 13): tagged candidates
 * are spans of its annotator, and a passage counts as untagged when that annotator has not tagged it (a
 * colleague's identical span is theirs, never proposed).
 */
export function suggester(p: Project, opts: { warmVocabulary?: () => boolean } = {}) {
  const reads = suggestQueries(p.db);

  const vocabulary = indexVocabulary(reads);
  // Read while the person works, so the first speaker suggestion does not (services/suggest/vocabulary.ts).
  if (opts.warmVocabulary) vocabulary.warmInBackground(opts.warmVocabulary);

  /** The candidate documents for `query`: the best TOP_DOCS, or when it is too common to rank, the newest. */
  function rankDocs(query: string, excludeDoc: number, ranked = true): DocHit[] {
    if (!query) return [];
    try {
      return (ranked ? reads.rankDocuments(query, TOP_DOCS) : reads.newestDocuments(query, TOP_DOCS)).filter((d) => d.docId !== excludeDoc);
    } catch {
      return [];
    }
  }

  /**
   * The query that finds candidate documents for `words` (index terms, each a phrase): the rarest words ORed
   * while the documents holding them number RANKED_MATCHES at most (words no document holds as written, such
   * as accented ones the index folds, count as rare). When even the rarest word is in more documents, all the
   * words ANDed: ranked when about RANKED_MATCHES documents hold them all (assuming words independent),
   * else the newest of those documents.
   */
  function candidateQuery(words: string[]): { query: string; ranked: boolean } {
    const quote = (w: string) => `"${w.replace(/"/g, '""')}"`;
    const held = words.map((w) => ({ w, docs: reads.documentsWith(w) })).sort((x, y) => x.docs - y.docs);
    const rare: string[] = [];
    let matches = 0;
    for (const { w, docs } of held) {
      if (matches + docs > RANKED_MATCHES) break;
      matches += docs;
      rare.push(quote(w));
    }
    if (rare.length) return { query: rare.join(' OR '), ranked: true };
    const corpus = Math.max(1, reads.lastDocumentId());
    const together = held.reduce((n, { docs }) => n * Math.min(1, docs / corpus), corpus);
    return { query: held.map(({ w }) => quote(w)).join(' '), ranked: together <= RANKED_MATCHES };
  }

  /** The spans of the source's label and layer in each document, at most SPANS_PER_DOC each, in reading order. */
  function taggedIn(a: SuggestSource, docs: DocHit[]): Map<number, TaggedSpan[]> {
    const out = new Map<number, TaggedSpan[]>(docs.map((d) => [d.docId, []]));
    for (const r of reads.taggedIn(a.label_id, a.annotator_id, docs.map((d) => d.docId))) out.get(r.doc_id)!.push(r);
    for (const spans of out.values()) {
      spans.sort((x, y) => x.start - y.start || x.id - y.id);
      spans.splice(SPANS_PER_DOC);
    }
    return out;
  }

  /**
   * The documents worth reading for passages, best first: the first `count` that fit in PASSAGE_TEXT code
   * points together, with their text and where `query` matches in them.
   */
  function* readable(docs: DocHit[], count: number, query: string) {
    let left = PASSAGE_TEXT;
    for (const d of docs.slice(0, count)) {
      if (d.length > left) continue;
      left -= d.length;
      yield { doc: d, ...p.search.matches(d.docId, query) };
    }
  }

  const overlapsTagged = (spans: TaggedSpan[] | undefined, start: number, end: number) => !!spans?.some((t) => t.start < end && start < t.end);

  /** Speakers: spans naming the same person, and untagged mentions of the surname or its spelling variants. */
  function speakerCandidates(a: SuggestSource): Candidate[] {
    const words = a.text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    // The surname: the last word long enough to have spelling variants, else the last word ("Li Wei").
    const surname = words.filter((w) => w.length >= 4).pop() ?? words[words.length - 1];
    if (!surname) return [];
    const variants = [surname, ...(surname.length >= 4 ? similarTerms(surname, vocabulary.candidatesFor(surname), 0.88).slice(0, 5).map((t) => t.term) : [])];
    const query = variants.map((v) => `"${v.replace(/"/g, '""')}"`).join(' OR ');
    const plan = candidateQuery(variants);
    // Every mention is of the same name: when the spellings are too common to rank, the newest will do.
    const spelt = rankDocs(plan.ranked ? plan.query : query, a.doc_id, plan.ranked);
    // And the documents naming the person as the span does ("Sergey Rudskoy" as a phrase), which the rarer
    // spellings would crowd out of the ranking above.
    const asWritten = words.length > 1 ? rankDocs(`"${words.join(' ')}"`, a.doc_id, Math.min(...words.map(reads.documentsWith)) <= RANKED_MATCHES) : [];
    const docs = [...new Map([...spelt, ...asWritten].map((d) => [d.docId, d])).values()];
    const tagged = taggedIn(a, docs);
    const out: Candidate[] = [];
    for (const spans of tagged.values()) {
      for (const t of spans) if (nameSimilarity(a.text, t.text) >= SAME_NAME) out.push({ kind: 'annotation', id: t.id, text: t.text });
    }
    for (const { doc, text, ranges } of readable(docs, SPEAKER_PASSAGE_DOCS, query)) {
      const cps = Array.from(text);
      for (const r of ranges.slice(0, 3)) {
        if (overlapsTagged(tagged.get(doc.docId), r.start, r.end)) continue;
        // Take in the capitalised words before the surname: "Sergey Rutskoy", "Lieutenant-General Sergey Rutskoy".
        let s = r.start;
        for (let k = 0; k < 2; k++) {
          const before = cps.slice(Math.max(0, s - 30), s).join('');
          const m = /(\p{Lu}[\p{L}.-]*)\s+$/u.exec(before);
          if (!m) break;
          s -= Array.from(m[0]).length;
        }
        out.push({ kind: 'passage', docId: doc.docId, start: s, end: r.end, text: cps.slice(s, r.end).join('') });
      }
    }
    return out;
  }

  /**
   * Claims, figures and other labels: spans tagged in the documents that share most key words, and in the best
   * of them the sentence sharing most key words (claims) or stating a figure (figures).
   */
  function textCandidates(a: SuggestSource): Candidate[] {
    const keyTerms = significantTerms(a.text, 12);
    if (!keyTerms.length) return [];
    const query = toFtsQuery(keyTerms.join(' OR '));
    const plan = candidateQuery(keyTerms);
    const docs = rankDocs(plan.query, a.doc_id, plan.ranked);
    const best = docs[0]?.rank ?? 0;
    const tagged = taggedIn(a, docs);
    const out: Candidate[] = [];
    for (const d of docs) {
      const bm25 = normaliseBm25(d.rank, best);
      for (const t of tagged.get(d.docId)!) out.push({ kind: 'annotation', id: t.id, text: t.text, bm25 });
    }
    for (const { doc, text, ranges } of readable(docs, PASSAGE_DOCS, query)) {
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
      if (end <= start || overlapsTagged(tagged.get(doc.docId), start, end)) continue;
      out.push({ kind: 'passage', docId: doc.docId, start, end, text: cps.slice(start, end).join(''), bm25: normaliseBm25(doc.rank, best) });
    }
    return out;
  }

  return {
    dismiss: reads.dismiss,
    undismiss: reads.undismiss,

    /**
     * The `limit` best suggestions for annotation `id`, best first (none for an unknown id). Dismissed ones, the
     * annotation itself and those already linked or clustered with it are left out.
     */
    forAnnotation(id: number, limit: number): Suggestion[] {
      const a = reads.source(id);
      if (!a) return [];
      const skip = new Set<string>(reads.dismissed(id).concat([`a:${id}`]));
      for (const other of reads.linkedTo(id)) skip.add(`a:${other}`);
      for (const mate of reads.clusterMates(id)) skip.add(`a:${mate}`);

      // Scored on their texts; the best per key kept (spans before passages on equal scores).
      const scored = new Map<string, { c: Candidate; score: number; reasons: string[] }>();
      for (const c of a.label === 'speaker' ? speakerCandidates(a) : textCandidates(a)) {
        const key = c.kind === 'annotation' ? `a:${c.id}` : `p:${c.docId}:${c.start}:${c.end}`;
        if (skip.has(key)) continue;
        const { score, reasons } = scoreCandidate({ label: a.label, sourceText: a.text, candidateText: c.text, bm25: c.bm25, sameLabelAnnotated: c.kind === 'annotation' });
        const cur = scored.get(key);
        if (!cur || cur.score < score) scored.set(key, { c, score, reasons });
      }
      const top = [...scored]
        .filter(([, s]) => s.score > MIN_SCORE)
        .sort((x, y) => y[1].score - x[1].score)
        .slice(0, limit);

      // Only what is shown is read in context.
      const spanIds = top.flatMap(([, s]) => (s.c.kind === 'annotation' ? [s.c.id] : []));
      const inContext = new Map(p.context.annotations(spanIds).map((c) => [c.annotation.id, c]));
      const out: Suggestion[] = [];
      for (const [key, { c, score, reasons }] of top) {
        if (c.kind === 'annotation') {
          const target = inContext.get(c.id);
          if (target) out.push({ kind: 'annotation', key, score, reasons, target });
        } else {
          const passage = p.context.passage(c.docId, c.start, c.end);
          if (passage) out.push({ kind: 'passage', key, score, reasons, passage });
        }
      }
      return out;
    },
  };
}

export type { AnnotationInContext };

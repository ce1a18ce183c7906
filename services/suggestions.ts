import type { Project } from './project.js';
import type { AnnotationInContext, Passage, Suggestion } from '../common/model.js';
import { toFtsQuery } from '../db/fts-query.js';
import { rangesFromMarked, markersAbsentFrom } from '../db/search.js';
import { extractFigures } from './suggest/numbers.js';
import { nameSimilarity, similarTerms } from './suggest/names.js';
import { significantTerms } from './suggest/terms.js';
import { scoreCandidate, normaliseBm25 } from './suggest/score.js';
import { splitSentences } from './suggest/sentences.js';

/** Candidate documents read per request; enough for recall, few enough for p95 < 100 ms at 10k documents. */
const TOP_DOCS = 30;

interface DocHit {
  docId: number;
  rank: number;
}

/**
 * Ranked matches for an annotation in other documents: spans already tagged with the same label, and passages
 * not tagged yet. Candidates come from the corpus index (BM25 over the span's key words, spelling variants of
 * names from the index vocabulary, the figures it states); services/suggest/score.ts weighs them.
 */
export function suggester(p: Project) {
  const db = p.db;
  const annotation = db.prepare(`SELECT a.id, a.doc_id, a.start, a.end, a.text, a.label_id, l.name AS label
    FROM annotations a JOIN labels l ON l.id = a.label_id WHERE a.id = ?`);
  const docsFor = db.prepare(`SELECT rowid AS docId, bm25(documents_fts, 1.0, 1.0) AS rank FROM documents_fts
    WHERE documents_fts MATCH ? ORDER BY rank LIMIT ${TOP_DOCS}`);
  const spansIn = db.prepare(`SELECT id, doc_id, start, end, text FROM annotations
    WHERE label_id = ? AND doc_id IN (SELECT value FROM json_each(?))`);
  const sameLabelTexts = db.prepare(`SELECT text, json_group_array(id) AS ids FROM annotations
    WHERE label_id = ? AND doc_id <> ? GROUP BY text`);
  const linked = db.prepare(`SELECT CASE WHEN from_id = ? THEN to_id ELSE from_id END FROM links WHERE from_id = ? OR to_id = ?`).pluck();
  const clusterMates = db.prepare('SELECT id FROM annotations WHERE cluster_id = (SELECT cluster_id FROM annotations WHERE id = ?)').pluck();
  const dismissed = db.prepare('SELECT target FROM dismissed_suggestions WHERE annotation_id = ?').pluck();
  const dismiss = db.prepare('INSERT OR IGNORE INTO dismissed_suggestions (annotation_id, target) VALUES (?, ?)');
  const undismiss = db.prepare('DELETE FROM dismissed_suggestions WHERE annotation_id = ? AND target = ?');
  const highlight = db.prepare(`SELECT highlight(documents_fts, 1, ?, ?) FROM documents_fts
    WHERE documents_fts MATCH ? AND rowid = CAST(? AS INTEGER)`).pluck();
  const docText = db.prepare('SELECT text FROM documents WHERE id = ?').pluck();
  const docStamp = db.prepare('SELECT COUNT(*) || \':\' || IFNULL(MAX(id), 0) FROM documents').pluck();

  let vocabulary: { stamp: string; terms: string[] } | null = null;
  /** The index's terms, read once per state of the corpus (an import changes it). */
  function terms(): string[] {
    const stamp = docStamp.get() as string;
    if (vocabulary?.stamp !== stamp) {
      db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.documents_vocab USING fts5vocab(main, 'documents_fts', 'row')");
      vocabulary = { stamp, terms: db.prepare('SELECT term FROM temp.documents_vocab').pluck().all() as string[] };
    }
    return vocabulary.terms;
  }

  function rankDocs(query: string, excludeDoc: number): DocHit[] {
    if (!query) return [];
    try {
      return (docsFor.all(query) as DocHit[]).filter((d) => d.docId !== excludeDoc);
    } catch {
      return [];
    }
  }

  /** Where `query` matches in a document (code points). */
  function matches(docId: number, query: string) {
    const text = docText.get(docId) as string;
    const [open, close] = markersAbsentFrom(text);
    const marked = highlight.get(open, close, query, docId) as string | undefined;
    return { text, ranges: marked ? rangesFromMarked(marked, open, close) : [] };
  }

  return {
    dismiss: (id: number, key: string) => dismiss.run(id, key),
    undismiss: (id: number, key: string) => undismiss.run(id, key),

    forAnnotation(id: number, limit: number): Suggestion[] {
      const a = annotation.get(id) as
        | { id: number; doc_id: number; start: number; end: number; text: string; label_id: number; label: string }
        | undefined;
      if (!a) return [];
      const skip = new Set<string>((dismissed.all(id) as string[]).concat([`a:${id}`]));
      for (const other of linked.all(id, id, id) as number[]) skip.add(`a:${other}`);
      for (const mate of clusterMates.all(id) as number[]) skip.add(`a:${mate}`);

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
        for (const r of spansIn.all(a.label_id, JSON.stringify(missing)) as { id: number; doc_id: number; start: number; end: number; text: string }[]) {
          tagged.get(r.doc_id)!.push(r);
        }
        return (doc: number) => tagged.get(doc) ?? [];
      };

      const spanIds: { id: number; bm25?: number; sourceBoost?: number }[] = [];
      const passages: { passage: { docId: number; start: number; end: number }; text: string; bm25?: number }[] = [];

      if (a.label === 'speaker') {
        // Every other speaker spelling, by name similarity (distinct texts are few even in big projects).
        for (const r of sameLabelTexts.all(a.label_id, a.doc_id) as { text: string; ids: string }[]) {
          if (nameSimilarity(a.text, r.text) < 0.75) continue;
          for (const other of JSON.parse(r.ids) as number[]) spanIds.push({ id: other });
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

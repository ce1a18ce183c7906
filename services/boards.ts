import type { Db } from '../db/open.js';
import { boardsRepo, type MentionRow } from '../db/boards.js';
import type { ClusterSummary } from '../common/model.js';
import { compareFigures, extractFigures, type Figure } from './suggest/numbers.js';

/** The word a figure counts ("60 civilians" → civilians), so that 60 killed is never weighed against 200 injured. */
function unitOf(text: string, attrs: Record<string, string>, f: Figure | undefined): string | null {
  if (attrs.unit?.trim()) return attrs.unit.trim().toLowerCase();
  if (!f) return null;
  const after = Array.from(text).slice(f.end).join('').trim();
  const word = /^[\p{L}-]+/u.exec(after)?.[0];
  return word ? word.toLowerCase() : null;
}

/**
 * The claims and speakers boards: every cluster whose mentions mostly carry the label, with its documents,
 * sources and dates, the figures its mentions cite and which of them disagree. A board shows one annotator's
 * layer (issue 13: clusters never mix layers), or every layer where `annotatorId` is left out (the dashboard).
 */
export function boards(db: Db) {
  const repo = boardsRepo(db);

  return {
    clusters(label: 'claim' | 'speaker', annotatorId?: number): ClusterSummary[] {
      const byCluster = new Map<number, MentionRow[]>();
      for (const r of repo.mentions(annotatorId ?? null)) {
        if (!byCluster.has(r.cluster_id)) byCluster.set(r.cluster_id, []);
        byCluster.get(r.cluster_id)!.push(r);
      }
      const out: ClusterSummary[] = [];
      for (const [id, rows] of byCluster) {
        const counts = new Map<string, number>();
        rows.forEach((r) => counts.set(r.label, (counts.get(r.label) ?? 0) + 1));
        const major = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
        if (major !== label) continue;
        const dates = rows.map((r) => r.date).filter((d): d is string => !!d).sort();
        const summary: ClusterSummary = {
          id,
          name: rows[0].cluster_name,
          label: major,
          mentions: rows.map((r) => ({
            annotationId: r.annotation_id,
            text: r.text,
            docId: r.doc_id,
            docTitle: r.title,
            date: r.date,
            source: r.source,
          })),
          documents: new Set(rows.map((r) => r.doc_id)).size,
          sources: [...new Set(rows.map((r) => r.source).filter((s): s is string => !!s))],
          firstDate: dates[0] ?? null,
          lastDate: dates[dates.length - 1] ?? null,
          figures: [],
          conflicts: [],
          spellings: [...new Set(rows.map((r) => r.text.trim()))],
        };
        if (label === 'claim') addFigures(summary, rows);
        out.push(summary);
      }
      return out.sort((a, b) => b.documents - a.documents || a.name.localeCompare(b.name));
    },
  };

  function addFigures(summary: ClusterSummary, rows: MentionRow[]) {
    const seen = new Set<number>();
    const parsed: { id: number; doc: number; fig: Figure | undefined; unit: string | null }[] = [];
    for (const f of repo.figuresOf(rows.map((r) => r.annotation_id))) {
      if (seen.has(f.annotation_id)) continue;
      seen.add(f.annotation_id);
      const attrs = JSON.parse(f.attributes) as Record<string, string>;
      let fig = extractFigures(f.text)[0];
      const given = attrs.value !== undefined ? Number(attrs.value.replace(/[\s,]/g, '')) : NaN;
      if (Number.isFinite(given)) fig = { ...(fig ?? { approx: false, bound: 'exact', start: 0, end: 0, raw: attrs.value }), value: given };
      summary.figures.push({ annotationId: f.annotation_id, docId: f.doc_id, text: f.text, value: fig?.value ?? null, source: f.source });
      parsed.push({ id: f.annotation_id, doc: f.doc_id, fig, unit: unitOf(f.text, attrs, fig) });
    }
    for (let i = 0; i < parsed.length; i++) {
      for (let j = i + 1; j < parsed.length; j++) {
        const a = parsed[i];
        const b = parsed[j];
        if (!a.fig || !b.fig || a.doc === b.doc) continue;
        // Only like with like: when both name what they count, it must be the same thing.
        if (a.unit && b.unit && a.unit !== b.unit) continue;
        if (compareFigures(a.fig, b.fig) === 'conflict') {
          summary.conflicts.push({ a: a.id, b: b.id, why: `${a.fig.raw || a.fig.value} vs ${b.fig.raw || b.fig.value}` });
        }
      }
    }
  }
}

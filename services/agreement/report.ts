/**
 * The agreement report (issue 13, "Agreement"): what `crosscheck agreement` prints and `agreement.report`
 * returns (common/agreement.ts), composed from the measures of this folder over a project's layers.
 *
 * Scope, as the issue defines it:
 * - a document is annotated by an annotator when that annotator's layer has at least one span in it, of any
 *   label: `labels` narrows the spans compared, never which documents count;
 * - pair measures use the documents annotated by both, pooled; α the documents annotated by at least two, an
 *   annotator without spans in a document being missing there;
 * - clusters: every span of the compared labels is a mention, unlinked spans are singletons, the pair's documents
 *   are scored as one unit; links: every non-transitive type, directed as the type says;
 * - default annotators: every annotator with spans except `auto` (proposals) and `gold` (copied from the others in
 *   curation: comparing it would raise the figures; name it in `annotators` to score a layer against gold).
 */
import { setFigure, type AgreementQuery, type AgreementReport, type DocumentAgreement, type PairAgreement } from '../../common/agreement.js';
import { AUTO_LAYER, GOLD_LAYER } from '../../common/annotators.js';
import { AppError } from '../../common/errors.js';
import { agreementReads, type AgreementDocs } from '../../db/agreement-reads.js';
import type { Project } from '../project.js';
import { buildLayers, type Layer } from './layers.js';
import { comparePair, MentionMarks, type PairContext } from './pair.js';
import { sparseAlpha } from './sparse.js';
import { wordBounds, type WordBounds } from './words.js';

/** What the report reads from a project: its connection and the annotator and label lists. */
export type AgreementSource = Pick<Project, 'db' | 'annotators' | 'labels'>;

const byName = (x: { name: string }, y: { name: string }) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0);
const listNames = (names: readonly string[]) => names.join(', ') || 'none';

/**
 * The annotators compared, sorted by name: those `asked` names (case-insensitively, each once), or every
 * annotator with spans except `auto`.
 * @throws AppError InvalidInput naming unknown annotators, or when fewer than two are left.
 */
function chooseAnnotators(p: AgreementSource, asked: readonly string[] | undefined): { id: number; name: string }[] {
  const all = p.annotators.list();
  let chosen: { id: number; name: string }[];
  if (asked?.length) {
    const known = new Map(all.map((a) => [a.name.toLowerCase(), a]));
    const unknown = asked.filter((n) => !known.has(n.trim().toLowerCase()));
    if (unknown.length) {
      throw new AppError('InvalidInput', `Unknown annotator${unknown.length === 1 ? '' : 's'}: ${unknown.join(', ')}. The project's annotators: ${listNames(all.map((a) => a.name))}.`);
    }
    chosen = [...new Map(asked.map((n) => known.get(n.trim().toLowerCase())!).map((a) => [a.id, a])).values()];
  } else {
    chosen = all.filter((a) => a.spans > 0 && a.name.toLowerCase() !== AUTO_LAYER && a.name.toLowerCase() !== GOLD_LAYER);
  }
  if (chosen.length < 2) {
    const which = asked?.length ? `only ${listNames(chosen.map((a) => a.name))} was named` : `annotators with spans (other than ${AUTO_LAYER} and ${GOLD_LAYER}): ${listNames(chosen.map((a) => a.name))}`;
    throw new AppError('InvalidInput', `Agreement needs at least two annotators; ${which}.`);
  }
  return chosen.map(({ id, name }) => ({ id, name })).sort(byName);
}

/**
 * The label names compared (as the project spells them), or null for all.
 * @throws AppError InvalidInput naming unknown labels.
 */
function chooseLabels(p: AgreementSource, asked: readonly string[] | undefined): Set<string> | null {
  if (!asked?.length) return null;
  const all = p.labels.list();
  const known = new Map(all.map((l) => [l.name.toLowerCase(), l.name]));
  const unknown = asked.filter((n) => !known.has(n.trim().toLowerCase()));
  if (unknown.length) {
    throw new AppError('InvalidInput', `Unknown label${unknown.length === 1 ? '' : 's'}: ${unknown.join(', ')}. The project's labels: ${listNames(all.map((l) => l.name))}.`);
  }
  return new Set(asked.map((n) => known.get(n.trim().toLowerCase())!));
}

function docsOf(q: AgreementQuery): AgreementDocs {
  if (q.query !== undefined && q.done) throw new AppError('InvalidInput', 'Choose the documents by a search or by the done mark, not both.');
  if (q.query !== undefined) return { kind: 'query', q: q.query };
  return q.done ? { kind: 'done' } : { kind: 'all' };
}

/**
 * The agreement report of a project's layers (see the file comment; shapes in common/agreement.ts). Pairs are
 * every two compared annotators, `a` before `b` by name, recall and precision with `a` as the key; α spans all of
 * them. Labels listed: those asked for, or every label a compared annotator uses in the documents annotated by
 * at least two. Reads the texts of those documents only (for word units), one at a time. Each layer is indexed
 * once (layers.ts) and each pair's documents counted once (pair.ts): `perDocument` rows reuse those counts.
 * @throws AppError InvalidInput for unknown annotator or label names, fewer than two annotators, a label named
 *   `overall` (it would hide the overall figures), or a search that is empty, too broad or malformed.
 */
export function agreementReport(p: AgreementSource, query: AgreementQuery = {}): AgreementReport {
  const reads = agreementReads(p.db);
  const annotators = chooseAnnotators(p, query.annotators);
  const labelFilter = chooseLabels(p, query.labels);
  const docSet = reads.docIds(docsOf(query));
  const ids = annotators.map((a) => a.id);
  const labelName = reads.labelNames();

  // Which documents each annotator annotated (any label); then those annotated by two or more.
  const rows = reads.spanRows(ids);
  const annotated = new Map<number, Set<number>>(ids.map((id) => [id, new Set()]));
  for (const [, doc, , , , annotatorId] of rows) if (!docSet || docSet.has(doc)) annotated.get(annotatorId)!.add(doc);
  const coders = new Map<number, number>();
  for (const docs of annotated.values()) for (const d of docs) coders.set(d, (coders.get(d) ?? 0) + 1);
  const documents = [...coders.keys()].filter((d) => coders.get(d)! >= 2).sort((x, y) => x - y);
  const inScope = new Set(documents);

  // Labels: those asked for, and those the compared spans of those documents use.
  const labels = new Set<string>(labelFilter ?? []);
  const comparedIds = new Set<number>();
  for (const [id, doc, , , labelId] of rows) {
    const label = labelName.get(labelId)!;
    if (!inScope.has(doc) || (labelFilter && !labelFilter.has(label))) continue;
    labels.add(label);
    comparedIds.add(id);
  }
  if ([...labels].some((l) => l.toLowerCase() === 'overall')) {
    throw new AppError('InvalidInput', 'A label named "overall" would hide the overall figures of the report; rename it, or leave it out with --labels.');
  }
  const labelNames = [...labels].sort();
  const labelIndex = new Map<number, number>();
  for (const [id, name] of labelName) if (labels.has(name)) labelIndex.set(id, labelNames.indexOf(name));

  const { clusters, other } = reads.links(ids);
  const linkTypes = new Set<string>();
  const directedTypes = new Set<string>();
  for (const l of other) {
    if (l.directed) directedTypes.add(l.type);
    if (comparedIds.has(l.fromId) && comparedIds.has(l.toId)) linkTypes.add(l.type);
  }
  const typeNames = [...linkTypes].sort();
  const words = new Map<number, WordBounds>();
  reads.eachText(documents, (doc, text) => words.set(doc, wordBounds(text)));
  const { layers, mentions } = buildLayers({
    layers: annotators,
    rows,
    annotated,
    labelIndex,
    documents,
    words,
    clusters,
    links: other.filter((l) => linkTypes.has(l.type)),
    typeIndex: new Map(typeNames.map((t, i) => [t, i])),
  });
  const ctx: PairContext = { labels: labelNames, linkTypes: typeNames, directed: typeNames.map((t) => directedTypes.has(t)), mentions };

  const marks = new MentionMarks(mentions);
  const pairs: { a: Layer; b: Layer; byDoc: Map<number, PairAgreement> }[] = [];
  const pooled: PairAgreement[] = [];
  for (let i = 0; i < layers.length; i++) {
    for (let j = i + 1; j < layers.length; j++) {
      const [a, b] = [layers[i], layers[j]];
      const both = documents.filter((d) => a.annotated.has(d) && b.annotated.has(d));
      const pair = comparePair(a, b, both, ctx, marks, !!query.perDocument);
      pooled.push(pair.pooled);
      pairs.push({ a, b, byDoc: pair.byDoc });
    }
  }
  const alphaOf = (docs: readonly number[]) => {
    // An annotator who did not annotate a document is missing there (no coding), not "none".
    const codings = docs.map((d) => layers.filter((l) => l.annotated.has(d)).map((l) => l.codings.get(d)!));
    const a = sparseAlpha(codings, labelNames.map((_, i) => i));
    const out: Record<string, number | null> = {};
    labelNames.forEach((label, i) => setFigure(out, label, a.labels.get(i) ?? null));
    out.overall = a.overall;
    return out;
  };

  const report: AgreementReport = { documents: documents.length, annotators: annotators.map((a) => a.name), pairs: pooled, alpha: alphaOf(documents) };
  if (query.perDocument) report.perDocument = perDocument(reads.titles(documents), layers, documents, pairs, alphaOf);
  return report;
}

/**
 * One row per document annotated by at least two, most disagreement first (then by document id): the figures of
 * the pairs that both annotated it (from their per-document counts) and α among its annotators.
 */
function perDocument(
  titles: ReadonlyMap<number, string>,
  layers: readonly Layer[],
  documents: readonly number[],
  pairs: readonly { a: Layer; b: Layer; byDoc: ReadonlyMap<number, PairAgreement> }[],
  alphaOf: (docs: readonly number[]) => Record<string, number | null>,
): DocumentAgreement[] {
  const rows: DocumentAgreement[] = [];
  for (const docId of documents) {
    const among = layers.filter((l) => l.annotated.has(docId));
    const figures = pairs.filter((p) => p.byDoc.has(docId)).map((p) => p.byDoc.get(docId)!);
    // Boundaries count as well as misses: a document whose only difference is where a span ends still needs curating.
    const agreement = (f: number | null) => f ?? 1;
    const disagreement = figures.reduce((sum, pr) => sum + 1 - (agreement(pr.spans.overall.exactF1) + agreement(pr.spans.overall.overlapF1)) / 2, 0) / figures.length;
    rows.push({ docId, title: titles.get(docId) ?? '', annotators: among.map((l) => l.name), pairs: figures, alpha: alphaOf([docId]), disagreement });
  }
  return rows.sort((x, y) => y.disagreement - x.disagreement || x.docId - y.docId);
}

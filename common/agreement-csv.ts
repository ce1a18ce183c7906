/**
 * An agreement report (common/agreement.ts) as CSV, for spreadsheets: `crosscheck agreement --csv` and the
 * agreement view's "Export CSV". One row per figure:
 *
 *   document, a, b, measure, label, r, p, value
 *
 * - `document`: empty for the figures pooled over the compared documents; a document id for the per-document
 *   rows (present when the report has them), which follow the pooled rows in the report's order.
 * - pair rows (`a`, `b` the pair's annotators): `documents` (value: how many documents the pair shares);
 *   `exact_f1`, `overlap_f1`, `kappa` per label and `overall` (label column); `muc`, `b3`, `ceafe`, `blanc`
 *   (r, p, value = F1) and `conll`; `link_f1` per link type (label column: the type; r, p, value = F1).
 * - report rows (`a`, `b` empty): `documents` (annotated by at least two), `alpha` per label and `overall`;
 *   per document also `disagreement` (common/agreement.ts DocumentAgreement).
 * - numbers are written in full (JavaScript's shortest round-trip form); a 0/0 figure (null) is an empty field.
 *
 * Quoting as RFC 4180 and as csv-stringify writes the project's CSV export (services/formats/csv.ts): a field
 * with a comma, a double quote or a line break is quoted, quotes doubled; rows end with LF. common/ takes no
 * package, so the few lines of quoting live here; the test checks them against csv-stringify.
 */
import type { AgreementReport, PairAgreement, Prf } from './agreement.js';

/** The header row's columns. */
export const AGREEMENT_CSV_COLUMNS = ['document', 'a', 'b', 'measure', 'label', 'r', 'p', 'value'] as const;

type Cell = string | number | null;

/** One field, quoted when it must be (RFC 4180). */
export function csvField(v: Cell): string {
  const s = v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const line = (cells: readonly Cell[]) => `${cells.map(csvField).join(',')}\n`;

function pairRows(doc: Cell, pair: PairAgreement): Cell[][] {
  const row = (measure: string, label: Cell, r: Cell, p: Cell, value: Cell): Cell[] => [doc, pair.a, pair.b, measure, label, r, p, value];
  const prf = (measure: string, label: Cell, x: Prf) => row(measure, label, x.r, x.p, x.f1);
  const rows: Cell[][] = [row('documents', null, null, null, pair.documents)];
  for (const [label, f] of Object.entries(pair.spans)) {
    rows.push(row('exact_f1', label, null, null, f.exactF1), row('overlap_f1', label, null, null, f.overlapF1), row('kappa', label, null, null, f.kappa));
  }
  const c = pair.clusters;
  rows.push(prf('muc', null, c.muc), prf('b3', null, c.b3), prf('ceafe', null, c.ceafe), prf('blanc', null, c.blanc), row('conll', null, null, null, c.conll));
  for (const [type, x] of Object.entries(pair.links)) rows.push(prf('link_f1', type, x));
  return rows;
}

const alphaRows = (doc: Cell, alpha: Record<string, number | null>): Cell[][] =>
  Object.entries(alpha).map(([label, v]) => [doc, null, null, 'alpha', label, null, null, v]);

/**
 * The report as CSV text (see the file comment), header first. `bom`: start with a UTF-8 byte order mark, which
 * spreadsheet programs need to read accents in names correctly (as the project's CSV export does); off for text
 * piped to other programs.
 */
export function agreementCsv(report: AgreementReport, { bom = false }: { bom?: boolean } = {}): string {
  const rows: Cell[][] = [[null, null, null, 'documents', null, null, null, report.documents]];
  for (const pair of report.pairs) rows.push(...pairRows(null, pair));
  rows.push(...alphaRows(null, report.alpha));
  for (const d of report.perDocument ?? []) {
    rows.push([d.docId, null, null, 'disagreement', null, null, null, d.disagreement]);
    for (const pair of d.pairs) rows.push(...pairRows(d.docId, pair));
    rows.push(...alphaRows(d.docId, d.alpha));
  }
  return (bom ? '\uFEFF' : '') + line(AGREEMENT_CSV_COLUMNS) + rows.map(line).join('');
}

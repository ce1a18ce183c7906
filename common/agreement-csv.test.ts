import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stringify } from 'csv-stringify/sync';
import { agreementCsv, csvField, AGREEMENT_CSV_COLUMNS } from './agreement-csv.js';
import type { AgreementReport, PairAgreement } from './agreement.js';

const none = { r: null, p: null, f1: null };
const pair: PairAgreement = {
  a: 'Ann',
  b: 'Bo, "the second"',
  documents: 2,
  spans: { claim: { exactF1: 0.5, overlapF1: 1, kappa: null }, overall: { exactF1: 2 / 3, overlapF1: 1, kappa: 0.25 } },
  clusters: { muc: { r: 0, p: null, f1: 0 }, b3: { r: 0.5, p: 1, f1: 2 / 3 }, ceafe: none, blanc: none, conll: null },
  links: { 'said-by': { r: 1, p: 0.5, f1: 2 / 3 } },
};
const report: AgreementReport = { documents: 2, annotators: ['Ann', 'Bo, "the second"'], pairs: [pair], alpha: { claim: 0.4, overall: null } };

/** Rows as csv-stringify (the project's CSV writer) writes them: what agreementCsv must equal, quoting included. */
const written = (rows: string[][]) => stringify([[...AGREEMENT_CSV_COLUMNS], ...rows]);

test('one row per pair × measure × label, then α per label; nulls are empty fields; numbers in full', () => {
  const b = 'Bo, "the second"';
  assert.equal(
    agreementCsv(report),
    written([
      ['', '', '', 'documents', '', '', '', '2'],
      ['', 'Ann', b, 'documents', '', '', '', '2'],
      ['', 'Ann', b, 'exact_f1', 'claim', '', '', '0.5'],
      ['', 'Ann', b, 'overlap_f1', 'claim', '', '', '1'],
      ['', 'Ann', b, 'kappa', 'claim', '', '', ''],
      ['', 'Ann', b, 'exact_f1', 'overall', '', '', String(2 / 3)],
      ['', 'Ann', b, 'overlap_f1', 'overall', '', '', '1'],
      ['', 'Ann', b, 'kappa', 'overall', '', '', '0.25'],
      ['', 'Ann', b, 'muc', '', '0', '', '0'],
      ['', 'Ann', b, 'b3', '', '0.5', '1', String(2 / 3)],
      ['', 'Ann', b, 'ceafe', '', '', '', ''],
      ['', 'Ann', b, 'blanc', '', '', '', ''],
      ['', 'Ann', b, 'conll', '', '', '', ''],
      ['', 'Ann', b, 'link_f1', 'said-by', '1', '0.5', String(2 / 3)],
      ['', '', '', 'alpha', 'claim', '', '', '0.4'],
      ['', '', '', 'alpha', 'overall', '', '', ''],
    ]),
  );
});

test('per-document rows follow the pooled ones, each with its document id and disagreement', () => {
  const doc = { docId: 7, title: 'T', annotators: ['Ann', 'Bo'], pairs: [{ ...pair, documents: 1 }], alpha: { overall: 1 }, disagreement: 0.25 };
  const text = agreementCsv({ ...report, perDocument: [doc] });
  const pooled = agreementCsv(report);
  assert.ok(text.startsWith(pooled));
  const perDoc = text.slice(pooled.length).trimEnd().split('\n');
  assert.equal(perDoc.length, 1 + 13 + 1); // disagreement, the pair (documents, 6 span, 5 cluster, 1 link rows), α
  assert.equal(perDoc[0], '7,,,disagreement,,,,0.25');
  assert.equal(perDoc[1], '7,Ann,"Bo, ""the second""",documents,,,,1');
  assert.equal(perDoc.at(-1), '7,,,alpha,overall,,,1');
});

test('quoting is RFC 4180, the same as csv-stringify writes for the project CSV export; BOM on request', () => {
  for (const v of ['plain', 'a,b', 'say "no"', 'two\nlines', 'cr\r', 'Ça 😀', '', '=SUM(A1)']) {
    assert.equal(`${csvField(v)}\n`, stringify([[v]]), JSON.stringify(v));
  }
  assert.ok(agreementCsv(report, { bom: true }).startsWith('\uFEFFdocument,'));
  assert.ok(agreementCsv(report).startsWith('document,'));
});

/**
 * A realistic agreement report (common/agreement.ts) as `agreement.report` returns it with `perDocument`: three
 * analysts (ana, ben, cleo) over three documents, two labels, one link type. The figures are consistent with each
 * other where a test reads them together (each pair's per-document figures, its pooled overall figures); where a
 * measure is 0/0 it is null, as the backend says it.
 */
import type { AgreementReport, PairAgreement, Prf } from '../../../common/agreement';
import type { Annotator } from '../../../common/annotators';

const prf = (f1: number | null): Prf => ({ r: f1, p: f1, f1 });

/** One pair's figures; `claim`/`speaker`/`overall` as [exactF1, overlapF1, kappa]. */
function pair(a: string, b: string, documents: number, spans: Record<string, [number | null, number | null, number | null]>, conll: number | null, saidBy: number | null): PairAgreement {
  return {
    a,
    b,
    documents,
    spans: Object.fromEntries(Object.entries(spans).map(([k, [exactF1, overlapF1, kappa]]) => [k, { exactF1, overlapF1, kappa }])),
    clusters: { muc: prf(conll), b3: prf(conll), ceafe: prf(conll), blanc: prf(conll === null ? null : 0.9), conll },
    links: { 'said-by': prf(saidBy) },
  };
}

export const annotatorsFixture: Annotator[] = [
  { id: 1, name: 'ana', reserved: false, spans: 12, links: 2, documents: 3 },
  { id: 2, name: 'ben', reserved: false, spans: 10, links: 1, documents: 3 },
  { id: 3, name: 'cleo', reserved: false, spans: 6, links: 0, documents: 2 },
  { id: 4, name: 'auto', reserved: true, spans: 40, links: 0, documents: 3 },
  { id: 5, name: 'gold', reserved: true, spans: 0, links: 0, documents: 0 },
];

export const reportFixture: AgreementReport = {
  documents: 3,
  annotators: ['ana', 'ben', 'cleo'],
  pairs: [
    pair('ana', 'ben', 3, { claim: [0.5, 0.75, 0.6], speaker: [1, 1, 1], overall: [0.6667, 0.8, 0.7] }, 0.55, 0.5),
    pair('ana', 'cleo', 2, { claim: [0.25, 0.5, 0.3], speaker: [null, null, null], overall: [0.25, 0.5, 0.3] }, null, null),
    pair('ben', 'cleo', 2, { claim: [0.4, 0.4, 0.35], speaker: [0, 0, -0.1], overall: [0.3333, 0.3333, 0.2] }, 0.4, 0),
  ],
  alpha: { claim: 0.41, speaker: null, overall: 0.38 },
  perDocument: [
    {
      docId: 2,
      title: 'Mosul: 60 civilians killed',
      annotators: ['ana', 'ben', 'cleo'],
      pairs: [
        pair('ana', 'ben', 1, { claim: [0.5, 0.5, 0.4], overall: [0.5, 0.5, 0.4] }, 0.5, null),
        pair('ana', 'cleo', 1, { claim: [0, 0.25, 0.1], overall: [0, 0.25, 0.1] }, null, null),
        pair('ben', 'cleo', 1, { claim: [0.2, 0.2, 0.1], overall: [0.2, 0.2, 0.1] }, 0.3, null),
      ],
      alpha: { claim: 0.2, overall: 0.2 },
      disagreement: 0.6833,
    },
    {
      docId: 1,
      title: 'The Russian military is accusing',
      annotators: ['ana', 'ben', 'cleo'],
      pairs: [
        pair('ana', 'ben', 1, { claim: [1, 1, 1], overall: [1, 1, 1] }, 1, 1),
        pair('ana', 'cleo', 1, { claim: [0.5, 0.75, 0.5], overall: [0.5, 0.75, 0.5] }, null, null),
        pair('ben', 'cleo', 1, { claim: [0.5, 0.5, 0.5], overall: [0.5, 0.5, 0.5] }, 0.5, null),
      ],
      alpha: { claim: 0.6, overall: 0.6 },
      disagreement: 0.25,
    },
    {
      docId: 3,
      title: 'Putin compared the operation',
      annotators: ['ana', 'ben'],
      pairs: [pair('ana', 'ben', 1, { speaker: [1, 1, 1], claim: [0.4, 0.9, 0.8], overall: [0.6, 0.9, 0.8] }, null, 0)],
      alpha: { speaker: 1, claim: 0.8, overall: 0.8 },
      disagreement: 0.1,
    },
  ],
};

import { useEffect, useMemo, useRef, useState } from 'react';
import type { ReadBackend } from '../../backend/types';
import type { AgreementReport } from '../../../common/agreement';
import type { Annotator } from '../../../common/annotators';
import type { Label } from '../../../common/model';
import { messageOf } from '../../state/attempt';
import { Controls } from './Controls';
import { MatrixTable } from './MatrixTable';
import { LabelBars } from './LabelBars';
import { DocumentTable } from './DocumentTable';
import { buildMatrix } from './matrix';
import { labelFigures } from './labelFigures';
import { documentRows } from './documentRows';
import { measuresOf, type PairKey } from './measures';
import { comparableAnnotators, controlsProblem, defaultAnnotators, reportArgs, type AgreementControls } from './query';
import { ReportDownloads } from './ReportDownloads';
import { NoSecondLayer } from './NoSecondLayer';
import '../dashboard/dashboard.css';
import './agreement.css';

interface Props {
  reads: ReadBackend;
  labels: Label[];
  /** Bump to recount the layers (annotations changed, a merge landed). */
  refreshKey: number;
  /**
   * Opens a document to look at the annotators' differences: the App hands it to the curation view where there is
   * one, else opens the document in the reader with those layers.
   */
  onOpenDisagreement(docId: number, annotators: string[]): void;
}

/**
 * The Agreement view (issue 13): which layers agree how well. Controls pick the annotators, labels and documents;
 * an annotator × annotator matrix shows one measure (each cell opens that pair's disagreements), bars show the
 * figures per label, and a table lists the documents most disagreement first, each opening the document.
 * The report can be saved as CSV or JSON.
 */
export function AgreementView({ reads, labels, refreshKey, onOpenDisagreement }: Props) {
  const [layers, setLayers] = useState<Annotator[] | null>(null);
  const [controls, setControls] = useState<AgreementControls>({ annotators: [], labels: [], done: false, query: '' });
  const [report, setReport] = useState<AgreementReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [measureId, setMeasureId] = useState('overlap');
  const [pair, setPair] = useState<PairKey | null>(null);
  const docsHead = useRef<HTMLHeadingElement>(null);
  const asked = useRef(0);
  const controlsNow = useRef(controls);
  controlsNow.current = controls;

  const compute = (c: AgreementControls) => {
    const mine = ++asked.current;
    setBusy(true);
    setError(null);
    reads.call('agreement.report', reportArgs(c)).then(
      (r) => {
        if (mine !== asked.current) return;
        setReport(r);
        setPair((p) => (p && r.annotators.includes(p.a) && r.annotators.includes(p.b) ? p : null));
        setBusy(false);
      },
      (e: unknown) => {
        if (mine !== asked.current) return;
        setError(messageOf(e));
        setBusy(false);
      },
    );
  };

  // The layers, then a first report over the default ones (every layer with spans but `auto`).
  useEffect(() => {
    let live = true;
    reads.call('annotators.list', {}).then(
      (list) => {
        if (!live) return;
        setLayers(list);
        const c = controlsNow.current;
        const kept = c.annotators.filter((n) => list.some((a) => a.name === n && a.spans > 0));
        const next = { ...c, annotators: kept.length ? kept : defaultAnnotators(list) };
        setControls(next);
        if (next.annotators.length >= 2) compute(next);
      },
      (e: unknown) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
    // The controls are read through a ref: editing them must not recompute until Compute is pressed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reads, refreshKey]);

  const measures = useMemo(() => (report ? measuresOf(report) : []), [report]);
  const measure = measures.find((m) => m.id === measureId) ?? measures[0];
  const matrix = useMemo(() => (report && measure ? buildMatrix(report, measure) : null), [report, measure]);
  const bars = useMemo(() => (report ? labelFigures(report, pair) : []), [report, pair]);
  const rows = useMemo(() => (report ? documentRows(report, pair) : []), [report, pair]);

  const openPair = (p: PairKey) => {
    setPair(p);
    // The disagreements are below the matrix: bring them into view (and keyboard focus to their heading).
    requestAnimationFrame(() => {
      docsHead.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
      docsHead.current?.focus({ preventScroll: true });
    });
  };

  if (!layers) {
    return error ? (
      <div className="dash dash-state agr" role="alert">
        <h2>Could not list the annotators</h2>
        <p>{error}</p>
      </div>
    ) : (
      <div className="dash dash-state agr" role="status" aria-live="polite">
        Listing the layers…
      </div>
    );
  }
  const comparable = comparableAnnotators(layers);
  if (comparable.length < 2) return <NoSecondLayer layers={comparable} />;

  const pairName = pair ? `${pair.a} × ${pair.b}` : null;
  return (
    <div className="dash agr">
      <header className="agr-head">
        <h2>Agreement</h2>
        {report ? (
          <p className="agr-totals">
            {report.documents.toLocaleString('en')} {report.documents === 1 ? 'document' : 'documents'} annotated by at least two of {report.annotators.join(', ')}
          </p>
        ) : null}
        {report ? <ReportDownloads report={report} /> : null}
      </header>
      <Controls annotators={comparable} labels={labels} value={controls} busy={busy} problem={controlsProblem(controls)} onChange={setControls} onCompute={() => compute(controls)} />
      {error ? (
        <p className="agr-error" role="alert">
          Could not compute the agreement: {error}
        </p>
      ) : null}
      {report && matrix && measure ? (
        report.documents === 0 ? (
          <p className="agr-empty dash-card">
            No document is annotated by two of these annotators yet. A document counts for a pair when each of them has at least one span in it.
          </p>
        ) : (
          <>
            <div className="agr-grid">
              <section className="dash-card" aria-labelledby="agr-matrix-title">
                <div className="agr-card-head">
                  <h3 id="agr-matrix-title">Pairs</h3>
                  <label className="agr-measure">
                    <span>Measure</span>
                    <select value={measure.id} onChange={(e) => setMeasureId(e.target.value)}>
                      {measures.map((m) => (
                        <option key={m.id} value={m.id}>
                          {m.name}
                        </option>
                      ))}
                    </select>
                  </label>
                </div>
                <MatrixTable matrix={matrix} measureName={measure.name} selected={pair} onOpenPair={openPair} />
                <p className="agr-note">
                  A cell opens that pair&apos;s documents, most disagreement first. “—”: the measure is 0/0 there (its tooltip says why).
                </p>
              </section>
              <section className="dash-card" aria-labelledby="agr-labels-title">
                <div className="agr-card-head">
                  <h3 id="agr-labels-title">By label</h3>
                  <span className="muted">{pairName ?? 'mean over pairs'} · α over all</span>
                </div>
                <LabelBars rows={bars} title={`Agreement by label, ${pairName ?? 'mean over pairs'}`} />
              </section>
            </div>
            <section className="dash-card" aria-labelledby="agr-docs-title">
              <div className="agr-card-head">
                <h3 id="agr-docs-title" ref={docsHead} tabIndex={-1}>
                  {pairName ? `Disagreements of ${pairName}` : 'Documents by disagreement'}
                </h3>
                {pair ? (
                  <button className="agr-all" onClick={() => setPair(null)}>
                    All pairs
                  </button>
                ) : null}
              </div>
              <DocumentTable rows={rows} onOpen={(r) => onOpenDisagreement(r.docId, r.annotators)} />
            </section>
          </>
        )
      ) : busy ? (
        <p className="dash-state" role="status" aria-live="polite">
          Computing…
        </p>
      ) : null}
    </div>
  );
}

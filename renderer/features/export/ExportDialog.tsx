import { useEffect, useRef, useState } from 'react';
import type { Backend } from '../../backend/types';
import type { ArgsIn, Result } from '../../../common/contract';
import type { Label } from '../../../common/model';

type Format = ArgsIn<'export.run'>['format'];

const formats: { id: Format; name: string; what: string }[] = [
  { id: 'jsonl', name: 'Crosscheck JSONL', what: 'lossless: documents, spans, notes, attributes, links, clusters' },
  { id: 'csv', name: 'CSV', what: 'one row per annotation, with its sentence' },
  { id: 'brat', name: 'brat standoff', what: '.txt + .ann per document, annotation.conf' },
  { id: 'conll', name: 'CoNLL (IOB2)', what: 'tokens and tags for sequence labelling' },
  { id: 'w3c', name: 'W3C Web Annotation', what: 'JSON-LD with quote and position selectors' },
  { id: 'doccano', name: 'doccano', what: 'JSONL with entities and relations' },
  { id: 'labelstudio', name: 'Label Studio', what: 'task JSON with labels and relations' },
  { id: 'pairs', name: 'Claim-matching pairs', what: 'positive pairs per cluster, sampled negatives' },
  { id: 'clusters', name: 'Clusters (mentions)', what: 'one line per mention with its cluster' },
];

interface Props {
  backend: Backend;
  labels: Label[];
  doneCount: number;
  onClose(): void;
}

/** Everything an export can be told, with its progress and a way to stop it. */
export function ExportDialog({ backend, labels, doneCount, onClose }: Props) {
  const [format, setFormat] = useState<Format>('jsonl');
  const [chosen, setChosen] = useState<string[]>(labels.map((l) => l.name));
  const [docs, setDocs] = useState<'all' | 'query' | 'done'>('all');
  const [q, setQ] = useState('');
  const [splitOn, setSplitOn] = useState(false);
  const [split, setSplit] = useState({ train: 80, dev: 10, test: 10, seed: 1 });
  const [negatives, setNegatives] = useState(1);
  const [dest, setDest] = useState('');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<Result<'export.run'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const job = useRef<string | null>(null);

  useEffect(() => {
    let live = true;
    backend.call('export.suggestDest', { format }).then((r) => live && setDest(r.dest));
    return () => {
      live = false;
    };
  }, [backend, format]);

  useEffect(
    () =>
      backend.on('export.progress', (p) => {
        if (p.jobId === job.current) setProgress({ done: p.done, total: p.total });
      }),
    [backend],
  );

  async function start() {
    const jobId = `ui-${Date.now()}`;
    job.current = jobId;
    setRunning(true);
    setError(null);
    setResult(null);
    setProgress({ done: 0, total: 0 });
    try {
      const r = await backend.call('export.run', {
        format,
        dest,
        labels: chosen.length === labels.length ? [] : chosen,
        docs: docs === 'query' ? { kind: 'query', q } : docs === 'done' ? { kind: 'done' } : { kind: 'all' },
        split: splitOn ? split : undefined,
        negatives: format === 'pairs' ? negatives : undefined,
        seed: split.seed,
        jobId,
      });
      setResult(r);
      // Progress arrives as events on another channel and may trail the answer: the answer is the last word.
      setProgress({ done: r.documents, total: r.documents });
    } catch (e) {
      setError((e as Error).message);
      setProgress(null);
    } finally {
      job.current = null;
      setRunning(false);
    }
  }

  const canStart = !running && chosen.length > 0 && dest.trim() && (docs !== 'query' || q.trim());

  return (
    <div className="dialog-backdrop" onClick={running ? undefined : onClose}>
      <div className="dialog dialog-wide export" role="dialog" aria-label="Export" onClick={(e) => e.stopPropagation()}>
        <h2>Export</h2>
        <div className="export-grid">
          <fieldset>
            <legend>Format</legend>
            {formats.map((f) => (
              <label key={f.id} className="export-format">
                <input type="radio" name="format" value={f.id} checked={format === f.id} onChange={() => setFormat(f.id)} disabled={running} />
                <span>
                  <strong>{f.name}</strong> <span className="muted">{f.what}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <div>
            <fieldset>
              <legend>Labels</legend>
              {labels.map((l) => (
                <label key={l.id} className="export-check" style={{ ['--c' as string]: l.color }}>
                  <input
                    type="checkbox"
                    checked={chosen.includes(l.name)}
                    disabled={running}
                    onChange={(e) => setChosen(e.target.checked ? [...chosen, l.name] : chosen.filter((c) => c !== l.name))}
                  />
                  <span className="swatch" /> {l.name}
                </label>
              ))}
            </fieldset>
            <fieldset>
              <legend>Documents</legend>
              <label className="export-check">
                <input type="radio" name="docs" checked={docs === 'all'} onChange={() => setDocs('all')} disabled={running} /> All documents
              </label>
              <label className="export-check">
                <input type="radio" name="docs" checked={docs === 'query'} onChange={() => setDocs('query')} disabled={running} /> Matching a search
              </label>
              {docs === 'query' ? <input aria-label="Documents matching" value={q} placeholder='e.g. Mosul "smart bombs"' onChange={(e) => setQ(e.target.value)} /> : null}
              <label className="export-check">
                <input type="radio" name="docs" checked={docs === 'done'} onChange={() => setDocs('done')} disabled={running} /> Only documents marked done ({doneCount})
              </label>
            </fieldset>
            <fieldset>
              <legend>Split by document</legend>
              <label className="export-check">
                <input type="checkbox" checked={splitOn} onChange={(e) => setSplitOn(e.target.checked)} disabled={running} aria-label="Split into train, dev and test" /> train / dev / test
              </label>
              {splitOn ? (
                <div className="export-split">
                  {(['train', 'dev', 'test'] as const).map((k) => (
                    <label key={k}>
                      {k}
                      <input type="number" min={0} max={100} value={split[k]} aria-label={`${k} share`} onChange={(e) => setSplit({ ...split, [k]: Number(e.target.value) })} />
                    </label>
                  ))}
                  <label>
                    seed
                    <input type="number" value={split.seed} aria-label="Split seed" onChange={(e) => setSplit({ ...split, seed: Number(e.target.value) })} />
                  </label>
                </div>
              ) : null}
            </fieldset>
            {format === 'pairs' ? (
              <fieldset>
                <legend>Negatives</legend>
                <label className="export-check">
                  <input type="number" min={0} max={20} value={negatives} aria-label="Negatives per positive pair" onChange={(e) => setNegatives(Number(e.target.value))} /> sampled negatives per positive pair
                </label>
              </fieldset>
            ) : null}
          </div>
        </div>
        <label className="field">
          <span>Into a new folder</span>
          <input aria-label="Export folder" value={dest} onChange={(e) => setDest(e.target.value)} disabled={running} />
        </label>
        {progress ? (
          <div className="progress export-progress" role="progressbar" aria-label="Export progress" aria-valuemax={progress.total} aria-valuenow={progress.done}>
            <div className="progress-bar" style={{ width: `${progress.total ? (100 * progress.done) / progress.total : 0}%` }} />
            <span className="progress-text">
              {running ? 'Exporting' : 'Exported'} {progress.done} of {progress.total || '…'} documents
            </span>
          </div>
        ) : null}
        {error ? (
          <p className="error-text" role="alert">
            {error}
          </p>
        ) : null}
        {result ? (
          <div className="export-result" aria-label="Export result">
            <p>
              Wrote <strong>{result.documents}</strong> documents, <strong>{result.spans}</strong> spans, <strong>{result.links}</strong> links into <code>{result.dest}</code>
            </p>
            <ul className="report-list">
              {result.files.slice(0, 12).map((f) => (
                <li key={f}>
                  <code>{f.slice(result.dest.length + 1)}</code>
                </li>
              ))}
              {result.files.length > 12 ? <li className="muted">and {result.files.length - 12} more files</li> : null}
            </ul>
            {result.notes.map((n) => (
              <p key={n} className="muted">
                Note: {n}
              </p>
            ))}
          </div>
        ) : null}
        <div className="dialog-actions">
          {running ? (
            <button className="danger" onClick={() => job.current && void backend.call('export.cancel', { jobId: job.current })}>
              Cancel export
            </button>
          ) : (
            <>
              <button onClick={onClose}>{result ? 'Close' : 'Cancel'}</button>
              <button className="primary" disabled={!canStart} onClick={() => void start()}>
                Export
              </button>
            </>
          )}
        </div>
      </div>
    </div>
  );
}

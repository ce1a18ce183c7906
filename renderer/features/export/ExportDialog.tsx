import { useEffect, useRef, useState } from 'react';
import type { ReadBackend } from '../../backend/types';
import type { ArgsIn, Result } from '../../../common/contract';
import type { Label } from '../../../common/model';
import { exportFormats, formats, offsetUnits, takesOption, type ExportFormat, type OffsetUnit } from '../../../common/formats';
import { attempt, type Attempt } from '../../state/attempt';
import { Dialog } from '../../app/Dialog';
import { EmptySplitWarning, ExportDelivery, isEmptySplitNote } from './ExportDelivery';
import { ALL_LAYERS, LayerSelect } from './LayerSelect';

/** What the dialog asks the workbench to export; the job id is the workbench's. */
type ExportRequest = Omit<ArgsIn<'export.run'>, 'jobId'>;

interface Props {
  /** Read calls only (a suggested folder); the export itself is the workbench's command. */
  reads: ReadBackend;
  labels: Label[];
  /** The workbench's last export: its progress in documents, and whether it still runs. */
  job: { done: number; total: number; running: boolean } | null;
  onRun(request: ExportRequest): Promise<Attempt<Result<'export.run'>>>;
  onCancel(): void;
  onClose(): void;
}

/** Everything an export can be told, with its progress and a way to stop it. Formats come from the registry. */
/** How the offset units read in the dialog. */
const OFFSET_UNIT_LABELS: Record<OffsetUnit, string> = { codepoint: 'code points (Python)', utf16: 'UTF-16 units (JavaScript)', grapheme: 'characters as seen (graphemes)' };

export function ExportDialog({ reads, labels, job, onRun, onCancel, onClose }: Props) {
  // Documents marked done in the whole project (the list holds ids only, not their rows).
  const [doneCount, setDoneCount] = useState<number | null>(null);
  useEffect(() => void reads.call('documents.ids', { filter: { done: true } }).then((r) => setDoneCount(r.count), () => undefined), [reads]);
  const [format, setFormat] = useState<ExportFormat>('jsonl');
  const [chosen, setChosen] = useState<string[]>(labels.map((l) => l.name));
  const [docs, setDocs] = useState<'all' | 'query' | 'done'>('all');
  const [q, setQ] = useState('');
  const [splitOn, setSplitOn] = useState(false);
  const [split, setSplit] = useState({ train: 80, dev: 10, test: 10, seed: 1 });
  const [negatives, setNegatives] = useState(1);
  /** '' is the format's own unit (doccano and Label Studio: UTF-16, as their editors count). */
  const [offsets, setOffsets] = useState<OffsetUnit | ''>('');
  const [sentences, setSentences] = useState(false);
  const [singletons, setSingletons] = useState(false);
  const [absolutePaths, setAbsolutePaths] = useState(false);
  const [layer, setLayer] = useState(ALL_LAYERS);
  const [includeProposals, setIncludeProposals] = useState(false);
  const [dest, setDest] = useState('');
  // The workbench keeps the job; this dialog shows it once it has started one (not one from an earlier opening).
  const [started, setStarted] = useState(false);
  const [result, setResult] = useState<Result<'export.run'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** Set when the folder typed was taken and a fresh one beside it is proposed instead. */
  const [proposed, setProposed] = useState<string | null>(null);
  const running = started && !!job?.running;
  const progress = started && job ? job : null;

  // Once the person typed a folder, a suggestion arriving late (or for another format) does not replace it.
  const typedByPerson = useRef(false);
  useEffect(() => {
    let live = true;
    reads.call('export.suggestDest', { format }).then((r) => live && !typedByPerson.current && setDest(r.dest));
    return () => {
      live = false;
    };
  }, [reads, format]);

  async function start() {
    setError(null);
    setResult(null);
    setProposed(null);
    // Nothing is ever written over: a folder that is taken gets a fresh name beside it, shown before anything runs.
    const typed = dest;
    const free = await attempt(() => reads.call('export.suggestDest', { format, dest: typed }));
    if (!free.ok) return setError(free.error);
    if (free.value.dest !== typed) {
      setDest(free.value.dest);
      setProposed(typed);
      return;
    }
    setStarted(true);
    const r = await onRun({
      format,
      dest: typed,
      labels: chosen.length === labels.length ? [] : chosen,
      docs: docs === 'query' ? { kind: 'query', q } : docs === 'done' ? { kind: 'done' } : { kind: 'all' },
      split: splitOn ? split : undefined,
      negatives: takesOption(format, 'negatives') ? negatives : undefined,
      offsets: takesOption(format, 'offsets') && offsets ? offsets : undefined,
      sentences: takesOption(format, 'sentences') ? sentences : undefined,
      singletons: takesOption(format, 'singletons') ? singletons : undefined,
      absolutePaths: absolutePaths || undefined,
      layer: layer === ALL_LAYERS ? undefined : layer,
      includeProposals: includeProposals || undefined,
      seed: split.seed,
    });
    if (r.ok) setResult(r.value);
    else setError(r.error);
    // The folder just written is taken now: a suggested name moves on to a fresh one, so Export works again at once.
    if (r.ok && !typedByPerson.current) {
      const next = await attempt(() => reads.call('export.suggestDest', { format }));
      if (next.ok && !typedByPerson.current) setDest(next.value.dest);
    }
  }

  const canStart = !running && chosen.length > 0 && dest.trim() && (docs !== 'query' || q.trim());

  return (
    <Dialog title="Export" className="dialog-wide export" onClose={onClose} dismissable={!running} testId="export-dialog">
        <div className="export-grid">
          <fieldset>
            <legend>Format</legend>
            {exportFormats.map((id) => (
              <label key={id} className="export-format">
                <input type="radio" name="format" value={id} checked={format === id} onChange={() => setFormat(id)} disabled={running} />
                <span>
                  <strong>{formats[id].label}</strong> <span className="muted">{formats[id].what}</span>
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
                <input type="radio" name="docs" checked={docs === 'done'} onChange={() => setDocs('done')} disabled={running} /> Only documents marked done ({doneCount ?? '…'})
              </label>
            </fieldset>
            <LayerSelect
              reads={reads}
              value={layer}
              includeProposals={includeProposals}
              disabled={running}
              onChange={setLayer}
              onIncludeProposals={setIncludeProposals}
            />
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
            {takesOption(format, 'negatives') ? (
              <fieldset>
                <legend>Negatives</legend>
                <label className="export-check">
                  <input type="number" min={0} max={20} value={negatives} aria-label="Negatives per positive pair" onChange={(e) => setNegatives(Number(e.target.value))} /> sampled negatives per positive pair
                </label>
              </fieldset>
            ) : null}
            <fieldset>
              <legend>Options</legend>
              {takesOption(format, 'offsets') ? (
                <label className="export-check">
                  Offsets in{' '}
                  <select aria-label="Offset unit" value={offsets} onChange={(e) => setOffsets(e.target.value as OffsetUnit | '')} disabled={running}>
                    <option value="">the tool's own unit</option>
                    {offsetUnits.map((u) => (
                      <option key={u} value={u}>
                        {OFFSET_UNIT_LABELS[u]}
                      </option>
                    ))}
                  </select>
                </label>
              ) : null}
              {takesOption(format, 'sentences') ? (
                <label className="export-check">
                  <input type="checkbox" checked={sentences} onChange={(e) => setSentences(e.target.checked)} disabled={running} /> one row per sentence
                </label>
              ) : null}
              {takesOption(format, 'singletons') ? (
                <label className="export-check">
                  <input type="checkbox" checked={singletons} onChange={(e) => setSingletons(e.target.checked)} disabled={running} /> include single-mention clusters
                </label>
              ) : null}
              <label className="export-check" title="Paths are relative to the folder each document was imported from unless this is on">
                <input type="checkbox" checked={absolutePaths} onChange={(e) => setAbsolutePaths(e.target.checked)} disabled={running} /> full file paths
              </label>
            </fieldset>
          </div>
        </div>
        <label className="field">
          <span>Into a new folder</span>
          <input
            aria-label="Export folder"
            value={dest}
            onChange={(e) => {
              typedByPerson.current = true;
              setDest(e.target.value);
              setProposed(null);
            }}
            disabled={running}
          />
        </label>
        {proposed ? (
          <p className="muted" role="status" aria-label="Folder taken">
            <code>{proposed}</code> already exists, and Crosscheck never writes over it. Export into <code>{dest}</code> instead: press
            Export again, or type another folder.
          </p>
        ) : null}
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
              Wrote <strong>{result.documents}</strong> {result.documents === 1 ? 'document' : 'documents'}, <strong>{result.spans}</strong> {result.spans === 1 ? 'span' : 'spans'},{' '}
              <strong>{result.links}</strong> {result.links === 1 ? 'link' : 'links'} into <code>{result.dest}</code>
            </p>
            <EmptySplitWarning empty={result.emptySplits} />
            <ExportDelivery reads={reads} dest={result.dest} />
            <ul className="report-list">
              {result.files.slice(0, 12).map((f) => (
                <li key={f}>
                  <code>{f.slice(result.dest.length + 1)}</code>
                </li>
              ))}
              {result.files.length > 12 ? <li className="muted">and {result.files.length - 12} more files</li> : null}
            </ul>
            {result.notes.filter((n) => !isEmptySplitNote(n)).map((n) => (
              <p key={n} className="muted">
                Note: {n}
              </p>
            ))}
          </div>
        ) : null}
        <div className="dialog-actions">
          {running ? (
            <button className="danger" onClick={onCancel}>
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
    </Dialog>
  );
}

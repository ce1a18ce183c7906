import { useEffect, useRef, useState } from 'react';
import type { ReadBackend } from '../../backend/types';
import type { Result } from '../../../common/contract';
import { deliveryUrl } from '../../../common/delivery-url';
import { attempt } from '../../state/attempt';
import { formatBytes } from '../../../common/sizes';


/**
 * What a finished export offers the person (the contract's `export.deliver`): in the browser, a download of the
 * file or of the folder as a zip (the server's folder is out of the person's reach); on the desktop, "Show in
 * folder", which the shell answers by selecting it in the file manager.
 */
export function ExportDelivery({ reads, dest }: { reads: ReadBackend; dest: string }) {
  const [plan, setPlan] = useState<Result<'export.deliver'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const browser = reads.kind === 'browser';
  // The result appears below the options, often past the dialog's fold: bring what to do next into view.
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.scrollIntoView({ block: 'nearest' });
  }, [dest, plan]);

  // In the browser, asking is harmless (the POST only describes): the link can then name the file and its size.
  useEffect(() => {
    if (!browser) return;
    let live = true;
    void attempt(() => reads.call('export.deliver', { dest })).then((r) => {
      if (!live) return;
      if (r.ok) setPlan(r.value);
      else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [reads, dest, browser]);

  async function showInFolder() {
    setError(null);
    const r = await attempt(() => reads.call('export.deliver', { dest }));
    if (!r.ok) setError(r.error);
  }

  return (
    <div className="export-delivery" ref={box}>
      {browser ? (
        plan ? (
          <a className="download-link" href={deliveryUrl('export.deliver', { dest })} download={plan.name} aria-label={`Download ${plan.name}`}>
            Download {plan.kind === 'zip' ? `${plan.files} files as ${plan.name}` : plan.name} ({formatBytes(plan.bytes)})
          </a>
        ) : null
      ) : (
        <button className="primary" onClick={() => void showInFolder()}>
          Show in folder
        </button>
      )}
      {error ? (
        <span className="error-text" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** The warning a split export gets when a split asked for received no document (its folder is there, empty). */
export function EmptySplitWarning({ empty }: { empty: readonly string[] }) {
  if (!empty.length) return null;
  const names = empty.map((s) => `${s}/`).join(' and ');
  return (
    <p className="export-warning" role="alert" aria-label="Empty split">
      <strong>{names} {empty.length === 1 ? 'is' : 'are'} empty:</strong> no document went to {empty.join(' or ')}. Training code that reads
      every split will find nothing there; export more documents, or change the shares.
    </p>
  );
}

/** An export note that EmptySplitWarning already says (services/export/split.ts emptySplitNote). */
export const isEmptySplitNote = (note: string) => /^(train|dev|test)\/ .*(is|are) empty: /.test(note);

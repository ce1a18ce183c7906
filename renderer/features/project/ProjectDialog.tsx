import { useEffect, useState } from 'react';
import type { ReadBackend } from '../../backend/types';
import type { ProjectInfo } from '../../../common/model';
import type { Result } from '../../../common/contract';
import type { Attempt } from '../../state/attempt';
import { Dialog } from '../../app/Dialog';
import type { Restored } from '../../app/commands/project';
import { fileName, restoredMessage } from './restoredMessage';

interface Props {
  /** Read calls only (the list of backups); backing up and restoring are the workbench's commands. */
  reads: ReadBackend;
  project: ProjectInfo;
  /** Resolves with the backup's path. */
  onBackup(): Promise<Attempt<string>>;
  onRestore(path: string): Promise<Attempt<Restored>>;
  onClose(): void;
}

/** Where the project lives, its backups, and putting one of them back. */
export function ProjectDialog({ reads, project, onBackup, onRestore, onClose }: Props) {
  const [backups, setBackups] = useState<Result<'project.backups'>>([]);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  const refresh = () => reads.call('project.backups', {}).then(setBackups);
  useEffect(() => {
    void refresh();
  }, [reads]);

  /** Runs a command and says how it went; `said` words its success. */
  async function run<T>(command: () => Promise<Attempt<T>>, said: (value: T) => string) {
    setBusy(true);
    setMessage(null);
    const r = await command();
    setMessage(r.ok ? said(r.value) : r.error);
    await refresh().catch(() => undefined);
    setBusy(false);
  }

  return (
    <Dialog title={project.name} className="dialog-wide" onClose={onClose} dismissable={!busy} testId="project-dialog">
        <p className="muted">
          <code>{project.path}</code> · schema v{project.schemaVersion}
          {project.readOnly ? ' · read-only' : ''}
        </p>
        <div className="project-actions">
          <button className="primary" disabled={busy} onClick={() => void run(onBackup, (path) => `Backed up to ${path}`)}>
            Back up now
          </button>
          <span className="muted">Backups are full copies beside the project, made while you keep working.</span>
        </div>
        {message ? (
          <p className="project-message" role="status">
            {message}
          </p>
        ) : null}
        <h3>Backups</h3>
        {backups.length === 0 ? <p className="muted">None yet.</p> : null}
        <ul className="backups">
          {backups.map((b) => (
            <li key={b.path}>
              <span className="backup-name">{fileName(b.path)}</span>
              <span className="muted">
                {new Date(b.modified).toLocaleString()} · {(b.size / 1e6).toFixed(1)} MB
              </span>
              {confirming === b.path ? (
                <>
                  <button
                    className="danger"
                    disabled={busy}
                    onClick={() =>
                      void run(
                        () => onRestore(b.path),
                        (r) => restoredMessage(b, r),
                      )
                    }
                  >
                    Replace the project with this backup
                  </button>
                  <button onClick={() => setConfirming(null)}>Keep the project</button>
                </>
              ) : (
                <button disabled={busy || project.readOnly} onClick={() => setConfirming(b.path)}>
                  Restore…
                </button>
              )}
            </li>
          ))}
        </ul>
        <div className="dialog-actions">
          <button onClick={onClose} disabled={busy}>
            Close
          </button>
        </div>
    </Dialog>
  );
}

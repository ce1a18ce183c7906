import { useId } from 'react';
import type { Label } from '../../../common/model';
import { Dialog } from '../../app/Dialog';
import { caretKeys } from '../../editor/caret';
import { curationKeys, keyBindings, keyGroups, navigationWhy, proposalsWhy, shadowedBy, type KeyGroup } from '../../app/shortcuts';
import './help.css';

/**
 * The keyboard help sheet (`?`): every shortcut, generated from the same table shortcutFor matches against
 * (renderer/app/shortcuts.ts), plus the project's own label keys, so the sheet cannot promise a key that does
 * something else. A fixed letter a label key has taken over is shown struck through, naming the label.
 */
export function HelpSheet({ labels, onClose }: { labels: Label[]; onClose(): void }) {
  const shadowed = shadowedBy(labels);
  const keyed = labels.filter((l) => l.key);
  const rows = (g: KeyGroup) => keyBindings.filter((b) => b.group === g);
  const idBase = useId();
  return (
    <Dialog title="Keyboard shortcuts" className="dialog-wide helpsheet" onClose={onClose} focusBox testId="help-sheet">
      <p className="muted helpsheet-lede">Keys act when focus is not in a text field. Ctrl means Cmd on a Mac.</p>
      <div className="helpsheet-groups">
        {keyGroups.map((g) => (
          <section key={g} className="helpsheet-group" aria-labelledby={`${idBase}-${g.replace(/\W+/g, '-')}`}>
            <h3 id={`${idBase}-${g.replace(/\W+/g, '-')}`}>{g}</h3>
            <dl className="helpsheet-list">
              {g === 'Tagging' ? (
                <>
                  {keyed.map((l) => (
                    <KeyRow key={l.id} keys={[l.key!]} testId={`help-label-${l.name}`}>
                      Tag the selection as <span className="helpsheet-label" style={{ ['--c' as string]: l.color }}>{l.name}</span>
                      {' '}(or relabel the selected annotation)
                    </KeyRow>
                  ))}
                  {keyed.length === 0 ? <p className="muted">No label has a key yet: give one under Labels.</p> : null}
                  <KeyRow keys={['Alt+key']}>Tag the exact selection instead of whole words</KeyRow>
                </>
              ) : null}
              {rows(g).map((b) => {
                const by = shadowed.get(b);
                return (
                  <KeyRow key={b.keys.join()} keys={b.keys} off={by ? `the label ${by.name} uses ${b.keys[0]}` : undefined}>
                    {b.does}
                  </KeyRow>
                );
              })}
            </dl>
            {g === 'Navigation' ? <p className="muted helpsheet-why">{navigationWhy}</p> : null}
            {g === 'Proposals' ? <p className="muted helpsheet-why">{proposalsWhy}</p> : null}
          </section>
        ))}
        <section className="helpsheet-group" aria-labelledby={`${idBase}-curation`}>
          <h3 id={`${idBase}-curation`}>Curation view</h3>
          <dl className="helpsheet-list">
            {curationKeys.map((k) => (
              <KeyRow key={k.keys.join()} keys={k.keys}>
                {k.does}
              </KeyRow>
            ))}
          </dl>
        </section>
        <section className="helpsheet-group" aria-labelledby={`${idBase}-reader`}>
          <h3 id={`${idBase}-reader`}>Reading with the keyboard</h3>
          <dl className="helpsheet-list">
            {caretKeys.map((k) => (
              <KeyRow key={k.keys.join()} keys={k.keys}>
                {k.does}
              </KeyRow>
            ))}
          </dl>
        </section>
      </div>
      <div className="dialog-actions">
        <button onClick={onClose}>Close</button>
      </div>
    </Dialog>
  );
}

/** One shortcut: its keys (alternatives one a line, after "or") and what it does; `off` says why it does not act here. */
function KeyRow({ keys, off, testId, children }: { keys: string[]; off?: string; testId?: string; children: React.ReactNode }) {
  return (
    <div className={`helpsheet-row ${off ? 'helpsheet-off' : ''}`} data-testid={testId}>
      <dt>
        {keys.map((k, i) => (
          <span key={k} className="helpsheet-alt">
            {i ? <span className="muted">or </span> : null}
            {k.split('+').map((part, j) => (
              <span key={j}>
                {j ? '+' : null}
                <kbd>{part}</kbd>
              </span>
            ))}
          </span>
        ))}
      </dt>
      <dd>
        {children}
        {off ? <span className="muted"> — not here: {off}</span> : null}
      </dd>
    </div>
  );
}

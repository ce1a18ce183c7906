import { useState } from 'react';
import type { Label, LinkType } from '../../../common/model';
import { LinkTypeSettings } from './LinkTypeSettings';
import { SettingsTable } from './SettingsTable';
import { Dialog } from '../../app/Dialog';

interface Props {
  labels: Label[];
  linkTypes: LinkType[];
  onSaveLinkType(t: { id?: number; name: string; color: string; directed: boolean }): Promise<boolean>;
  onSave(l: { id?: number; name: string; color: string; key: string | null }): Promise<boolean>;
  onDelete(id: number): void;
  onClose(): void;
}

const palette = ['#e8a33d', '#3d8be8', '#2fae6b', '#c2410c', '#8b5cf6', '#db2777', '#0891b2', '#65a30d'];

/** The project's label set: name, colour, shortcut key. */
export function LabelSettings({ labels, linkTypes, onSaveLinkType, onSave, onDelete, onClose }: Props) {
  const [draft, setDraft] = useState({ name: '', color: palette[labels.length % palette.length], key: '' });
  return (
    <Dialog title="Labels" onClose={onClose} testId="labels-dialog">
        <p className="muted">Each project has its own labels. A shortcut key tags the selected text.</p>
        <SettingsTable columns={['Colour', 'Name', 'Key']}>
            {labels.map((l) => (
              <LabelRow key={l.id} label={l} onSave={onSave} onDelete={onDelete} />
            ))}
            <tr>
              <td>
                <input type="color" value={draft.color} onChange={(e) => setDraft({ ...draft, color: e.target.value })} aria-label="New label colour" />
              </td>
              <td>
                <input value={draft.name} placeholder="new label" onChange={(e) => setDraft({ ...draft, name: e.target.value })} aria-label="New label name" />
              </td>
              <td>
                <input className="keyinput" value={draft.key} maxLength={1} onChange={(e) => setDraft({ ...draft, key: e.target.value.toLowerCase() })} aria-label="New label key" />
              </td>
              <td>
                <button
                  disabled={!draft.name.trim()}
                  onClick={async () => {
                    if (await onSave({ name: draft.name, color: draft.color, key: draft.key || null })) {
                      setDraft({ name: '', color: palette[(labels.length + 1) % palette.length], key: '' });
                    }
                  }}
                  aria-label="Add label"
                >
                  Add
                </button>
              </td>
            </tr>
        </SettingsTable>
        <LinkTypeSettings types={linkTypes} onSave={onSaveLinkType} />
        <div className="dialog-actions">
          <button onClick={onClose}>Done</button>
        </div>
    </Dialog>
  );
}

function LabelRow({ label, onSave, onDelete }: { label: Label; onSave: Props['onSave']; onDelete(id: number): void }) {
  const [l, setL] = useState({ name: label.name, color: label.color, key: label.key ?? '' });
  const save = (next = l) => {
    if (next.name !== label.name || next.color !== label.color || (next.key || null) !== label.key) {
      void onSave({ id: label.id, name: next.name, color: next.color, key: next.key || null });
    }
  };
  return (
    <tr>
      <td>
        <input
          type="color"
          value={l.color}
          aria-label={`${label.name} colour`}
          onChange={(e) => {
            const next = { ...l, color: e.target.value };
            setL(next);
            save(next);
          }}
        />
      </td>
      <td>
        <input value={l.name} aria-label={`${label.name} name`} onChange={(e) => setL({ ...l, name: e.target.value })} onBlur={() => save()} />
      </td>
      <td>
        <input className="keyinput" value={l.key} maxLength={1} aria-label={`${label.name} key`} onChange={(e) => setL({ ...l, key: e.target.value.toLowerCase() })} onBlur={() => save()} />
      </td>
      <td>
        <button className="icon" aria-label={`Delete label ${label.name}`} onClick={() => onDelete(label.id)}>
          ×
        </button>
      </td>
    </tr>
  );
}

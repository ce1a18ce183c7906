import { useState } from 'react';
import type { LinkType } from '../../../common/model';
import { SettingsTable } from './SettingsTable';

interface Props {
  types: LinkType[];
  onSave(t: { id?: number; name: string; color: string; directed: boolean }): Promise<boolean>;
}

/** The project's link types: name, colour, and whether a link reads one way (said-by) or both (contradicts). */
export function LinkTypeSettings({ types, onSave }: Props) {
  const [draft, setDraft] = useState({ name: '', color: '#64748b', directed: false });
  return (
    <>
      <h2 className="dialog-sub">Link types</h2>
      <p className="muted">Same-as links join mentions into clusters. Directed types read from → to (a claim said-by a speaker).</p>
      <SettingsTable columns={['Colour', 'Name', 'Directed']}>
          {types.map((t) => (
            <tr key={t.id}>
              <td>
                <input type="color" value={t.color} aria-label={`${t.name} colour`} onChange={(e) => void onSave({ ...t, color: e.target.value })} />
              </td>
              <td>
                <input
                  defaultValue={t.name}
                  aria-label={`${t.name} link type name`}
                  onBlur={(e) => e.target.value.trim() && e.target.value !== t.name && void onSave({ ...t, name: e.target.value.trim() })}
                />
                {t.transitive ? <span className="muted"> forms clusters</span> : null}
              </td>
              <td>
                <input type="checkbox" checked={t.directed} aria-label={`${t.name} is directed`} onChange={(e) => void onSave({ ...t, directed: e.target.checked })} />
              </td>
              <td />
            </tr>
          ))}
          <tr>
            <td>
              <input type="color" value={draft.color} aria-label="New link type colour" onChange={(e) => setDraft({ ...draft, color: e.target.value })} />
            </td>
            <td>
              <input value={draft.name} placeholder="new link type" aria-label="New link type name" onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
            </td>
            <td>
              <input type="checkbox" checked={draft.directed} aria-label="New link type is directed" onChange={(e) => setDraft({ ...draft, directed: e.target.checked })} />
            </td>
            <td>
              <button
                aria-label="Add link type"
                disabled={!draft.name.trim()}
                onClick={async () => {
                  if (await onSave({ name: draft.name.trim(), color: draft.color, directed: draft.directed })) setDraft({ name: '', color: '#64748b', directed: false });
                }}
              >
                Add
              </button>
            </td>
          </tr>
      </SettingsTable>
    </>
  );
}

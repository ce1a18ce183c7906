/** Commands for the project's labels and link types (the Labels dialog). Not undone by Ctrl+Z. */
import { failWith, type CommandDeps } from './context';

/** The label and link-type commands over `d`; each save resolves true once the list is reloaded. */
export function settingsCommands(d: CommandDeps) {
  const { call, dispatch } = d;
  const fail = failWith(d);

  /** Runs a write, then reloads the list it changed; resolves false (toast shown) when it failed. */
  async function saveThen(write: () => Promise<unknown>, reload: () => Promise<void>): Promise<boolean> {
    try {
      await write();
      await reload();
      return true;
    } catch (e) {
      fail(e);
      return false;
    }
  }
  const reloadLabels = async () => dispatch({ type: 'labels', labels: await call('labels.list', {}) });
  const reloadLinkTypes = async () => dispatch({ type: 'linkTypes', linkTypes: await call('linkTypes.list', {}) });

  return {
    /** Creates a label, or updates the one with `id`. */
    saveLabel: (l: { id?: number; name: string; color: string; key: string | null }) =>
      saveThen(
        () => (l.id ? call('labels.update', { id: l.id, name: l.name, color: l.color, key: l.key }) : call('labels.create', { name: l.name, color: l.color, key: l.key })),
        reloadLabels,
      ),

    deleteLabel: async (id: number) => {
      await saveThen(() => call('labels.delete', { id }), reloadLabels);
    },

    /** Creates a link type, or updates the one with `id`. */
    saveLinkType: (t: { id?: number; name: string; color: string; directed: boolean }) =>
      saveThen(
        () =>
          t.id
            ? call('linkTypes.update', { id: t.id, name: t.name, color: t.color, directed: t.directed })
            : call('linkTypes.create', { name: t.name, color: t.color, directed: t.directed }),
        reloadLinkTypes,
      ),
  };
}

/**
 * Every command of the workbench, built from plain functions (no React), so the unit tests drive the very
 * commands the UI calls. They are the renderer's one write path: views and dialogs hold only a read-only backend.
 */
import type { CommandDeps } from './context';
import { documentCommands } from './documents';
import { editCommands } from './edits';
import { projectCommands } from './project';
import { settingsCommands } from './settings';

/** All the commands over one state, history, edit queue and backend (see CommandDeps). */
export function createCommands(d: CommandDeps) {
  const documents = documentCommands(d);
  return {
    ...documents,
    ...editCommands(d, (id) => documents.openDoc(id), documents.absorbDocs),
    ...projectCommands(d, documents.refreshDocs),
    ...settingsCommands(d),
  };
}

/**
 * Every command of the workbench, built from plain functions (no React), so the unit tests drive the very
 * commands the UI calls. They are the renderer's one write path: views and dialogs hold only a read-only backend.
 */
import type { CommandDeps } from './context';
import { documentCommands } from './documents';
import { editCommands } from './edits';
import { projectCommands } from './project';
import { mergeCommands } from './merge';
import { settingsCommands } from './settings';
import { annotatorCommands } from './annotators';
import { curationCommands } from './curation';
import { proposalCommands } from './proposals';

/** All the commands over one state, history, edit queue and backend (see CommandDeps). */
export function createCommands(d: CommandDeps) {
  const documents = documentCommands(d);
  const { guardLayer, ...annotators } = annotatorCommands(d);
  // Each analyst changes only their own layer (issue 13): the guard refuses edits of a colleague's span.
  const edits = guardLayer(editCommands(d, (id) => documents.openDoc(id), documents.absorbDocs));
  return {
    ...documents,
    ...edits,
    ...curationCommands(d, edits.absorb),
    ...proposalCommands(d, edits.absorb),
    ...annotators,
    ...projectCommands(d, documents.refreshDocs),
    ...mergeCommands(d, documents.refreshDocs),
    ...settingsCommands(d),
  };
}

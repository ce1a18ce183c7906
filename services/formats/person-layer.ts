/**
 * Layers named by people in imported files (issue 13). A file names whose work a span is (a Label Studio
 * `completed_by`, a doccano `user`, an INCEpTION annotator's file name); that name is a person's, so it may not be
 * a reserved layer (`auto`, `gold`, `all`, any case): only Label Studio predictions fill `auto`, only INCEpTION's
 * CURATION_USER fills `gold`, and JSONL's own `annotator` (Crosscheck's lossless round trip) keeps both. A
 * person's name that is reserved is dropped with the reason, never renamed (a name no annotator can have at all,
 * too long or with control characters, is left to ingest(), which drops its spans one by one). The rule is
 * common/annotators.ts (isReservedLayerName, and annotatorNameProblem's reason).
 */
import { annotatorNameProblem, isReservedLayerName } from '../../common/annotators.js';

/**
 * Why a person's name read from a file cannot name their layer because it is reserved ("the annotator \"gold\"
 * cannot name a person's layer: \"gold\" is a reserved layer name (…)"), or null otherwise.
 */
export function personLayerProblem(name: string): string | null {
  if (!isReservedLayerName(name)) return null;
  const problem = annotatorNameProblem(name, false) ?? `"${name.trim()}" is a reserved layer name`;
  const shown = JSON.stringify(name.length > 40 ? `${name.slice(0, 39)}…` : name);
  return `the annotator ${shown} cannot name a person's layer: ${problem.replace(/; choose another$/, '').replace(/\.$/, '')}`;
}

/**
 * Why a numeric user id cannot name a layer `user-<id>`, or null: ids are whole numbers from 1 that a double holds
 * exactly (Number.isSafeInteger); 1e30 would become "user-1e+30", naming no one.
 */
export function userIdProblem(id: number): string | null {
  return Number.isSafeInteger(id) && id > 0 ? null : 'a whole number from 1 up to 2^53-1';
}

import type { Annotation, Id } from '../../common/model';

/**
 * The document `step` places away from the open one in the list as shown (`ids` in its sort and filters), or null
 * at either end (no wrap: the analyst should notice the end of the list). With nothing open, ] starts at the first
 * document and [ at the last; an open document that the list no longer shows (filtered out) counts as before the
 * first.
 */
export function neighbourDoc(ids: readonly Id[], openId: Id | null, step: 1 | -1): Id | null {
  if (!ids.length) return null;
  const at = openId === null ? -1 : ids.indexOf(openId);
  if (at === -1) return step === 1 ? ids[0] : ids[ids.length - 1];
  return ids[at + step] ?? null;
}

/** A ] or [ press whose document is still opening: pressed on `from` (the open document then), opening `to`. */
export interface PendingStep {
  from: Id | null;
  to: Id;
}

/**
 * Where the next ] or [ counts from: the document an earlier press is still opening while the open one is the one
 * that press was made on, else the open one. So presses faster than a document opens (a held key) each move one
 * further, and a document opened meanwhile some other way (a click) is where the next press counts from.
 */
export function stepOrigin(pending: PendingStep | null, openId: Id | null): Id | null {
  return pending && pending.from === openId ? pending.to : openId;
}

/**
 * After marking `openId` done: the next document in the list (`ids`, as shown) that is not done (`undone`, the
 * backend's answer), looking after it first and then from the top (an analyst working down a list that was not in
 * order finishes the skipped ones too); null when every other document is done.
 */
export function nextUndone(ids: readonly Id[], openId: Id, undone: ReadonlySet<Id>): Id | null {
  const at = ids.indexOf(openId);
  const keep = (id: Id) => undone.has(id) && id !== openId;
  for (let i = at + 1; i < ids.length; i++) if (keep(ids[i])) return ids[i];
  for (let i = 0; i < at; i++) if (keep(ids[i])) return ids[i];
  return null;
}

/**
 * The annotation `step` away from the selected one, skipping labels the list hides; `annotations` are in reading
 * order (the workbench keeps them so, as the annotation list shows them). With none selected, . picks the first and
 * , the last. Null at either end or when nothing is shown.
 */
export function neighbourAnnotation(annotations: Annotation[], selectedId: Id | null, step: 1 | -1, hiddenLabels: Id[] = []): Annotation | null {
  const shown = annotations.filter((a) => !hiddenLabels.includes(a.labelId));
  if (!shown.length) return null;
  const at = selectedId === null ? -1 : shown.findIndex((a) => a.id === selectedId);
  if (at === -1) return step === 1 ? shown[0] : shown[shown.length - 1];
  return shown[at + step] ?? null;
}

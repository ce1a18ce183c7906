import type { Annotation, DocumentSummary, Id } from '../../common/model';

/**
 * The document `step` places away from the open one in the list as shown (its sort and filters), or null at either
 * end (no wrap: the analyst should notice the end of the list). With nothing open, ] starts at the first document
 * and [ at the last; an open document that the list no longer shows (filtered out) counts as before the first.
 */
export function neighbourDoc(docs: DocumentSummary[], openId: Id | null, step: 1 | -1): DocumentSummary | null {
  if (!docs.length) return null;
  const at = openId === null ? -1 : docs.findIndex((d) => d.id === openId);
  if (at === -1) return step === 1 ? docs[0] : docs[docs.length - 1];
  return docs[at + step] ?? null;
}

/**
 * After marking `openId` done: the next document in the list that is not done, looking after it first and then
 * from the top (an analyst working down a list that was not in order finishes the skipped ones too); null when
 * every other document is done.
 */
export function nextUndone(docs: DocumentSummary[], openId: Id): DocumentSummary | null {
  const at = docs.findIndex((d) => d.id === openId);
  const after = docs.slice(at + 1).find((d) => !d.done && d.id !== openId);
  return after ?? docs.slice(0, Math.max(0, at)).find((d) => !d.done) ?? null;
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

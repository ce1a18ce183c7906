import type { Annotation } from '../../../common/model';

/**
 * The accessible name of an annotation's list row: "speaker: Rut Levi", then its note and attributes
 * ("claim: 60 killed; note: check the figure; value: 60"). Without it a screen reader ran the label and the text
 * together ("speakerרות לוי"), as the row shows them stacked with no separator in the text itself.
 */
export function annotationName(a: Pick<Annotation, 'text' | 'note' | 'attributes'>, label: string | undefined): string {
  const parts = [`${label ?? 'unknown label'}: ${a.text}`];
  if (a.note) parts.push(`note: ${a.note}`);
  for (const [k, v] of Object.entries(a.attributes)) parts.push(`${k}: ${v}`);
  return parts.join('; ');
}

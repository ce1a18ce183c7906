/**
 * The text of one layer's column in the curation view, cut into runs: each run is plain text or lies inside one or
 * more highlighted spans (the innermost one styles it). Offsets are code points (the contract's unit); the runs
 * hold UTF-16 strings ready to render.
 */
import type { CurationItem, CurationKind } from '../../../common/curation';

/** A span drawn in a column: its item, kind (`gold` for the gold column) and label. */
export interface Drawn {
  start: number;
  end: number;
  itemKey: string | null;
  kind: CurationKind | 'gold';
  labelId: number;
}

export interface Run {
  text: string;
  /** The innermost span covering the run (shortest; the earliest on a tie), or null. */
  span: Drawn | null;
  /** The run starts a span: the column writes the span's tag there. */
  opens: boolean;
}

/** Cuts `text` (code points in `cps`) at every span edge. */
export function runsOf(cps: string[], spans: Drawn[]): Run[] {
  const cuts = [...new Set([0, cps.length, ...spans.flatMap((s) => [s.start, s.end])])].filter((c) => c >= 0 && c <= cps.length).sort((a, b) => a - b);
  const runs: Run[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [a, b] = [cuts[i], cuts[i + 1]];
    const covering = spans.filter((s) => s.start <= a && s.end >= b).sort((x, y) => x.end - x.start - (y.end - y.start) || x.start - y.start);
    const span = covering[0] ?? null;
    runs.push({ text: cps.slice(a, b).join(''), span, opens: !!span && span.start === a });
  }
  return runs;
}

/** What each chosen layer's column highlights: the versions that layer has, coloured by the item's kind. */
export function layerSpans(items: CurationItem[], annotator: string): Drawn[] {
  return items.flatMap((i) =>
    i.versions.filter((v) => v.annotators.includes(annotator)).map((v) => ({ start: v.start, end: v.end, itemKey: i.key, kind: i.kind, labelId: v.labelId })),
  );
}

/** The words each kind is shown with, beside its colour (the legend, the tags and the item list). */
export const kindWords: Record<CurationKind | 'gold', { name: string; means: string }> = {
  agree: { name: 'agree', means: 'every layer has exactly this span' },
  missing: { name: 'missing', means: 'some layers lack it (extra in the others)' },
  boundary: { name: 'boundary', means: 'overlapping, with other start or end' },
  label: { name: 'label', means: 'same words, another label' },
  gold: { name: 'gold', means: 'accepted into the gold layer' },
};

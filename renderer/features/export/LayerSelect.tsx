import { useEffect, useState } from 'react';
import type { ReadBackend } from '../../backend/types';
import type { Annotator } from '../../../common/annotators';
import { AUTO_LAYER, GOLD_LAYER } from '../../../common/annotators';

/** `all`: every layer, each span and link carrying its annotator (the export's default). */
export const ALL_LAYERS = 'all';

/** How a layer reads in the select: gold is the adjudicated layer, auto the proposals. */
export function layerOptionLabel(a: Pick<Annotator, 'name' | 'spans'>): string {
  const what = a.name === GOLD_LAYER ? ' (adjudicated)' : a.name === AUTO_LAYER ? ' (proposals)' : '';
  return `${a.name}${what} · ${a.spans} span${a.spans === 1 ? '' : 's'}`;
}

interface Props {
  reads: ReadBackend;
  value: string;
  disabled: boolean;
  onChange(layer: string): void;
}

/**
 * The export's layer (issue 13): all layers, or one annotator's (gold: the adjudicated one), from `annotators.list`.
 * Shown only when the project has more than one layer; with one, every export is that layer anyway.
 */
export function LayerSelect({ reads, value, disabled, onChange }: Props) {
  const [layers, setLayers] = useState<Annotator[]>([]);
  useEffect(() => {
    let live = true;
    reads.call('annotators.list', {}).then(
      (list) => live && setLayers(list),
      () => live && setLayers([]),
    );
    return () => {
      live = false;
    };
  }, [reads]);
  if (layers.length < 2) return null;
  return (
    <fieldset>
      <legend>Layer</legend>
      <label className="export-check">
        <select aria-label="Layer" value={value} onChange={(e) => onChange(e.target.value)} disabled={disabled}>
          <option value={ALL_LAYERS}>All layers (each span names its annotator)</option>
          {layers.map((a) => (
            <option key={a.id} value={a.name}>
              {layerOptionLabel(a)}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}

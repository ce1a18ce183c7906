import { useEffect, useId, useState } from 'react';
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

/**
 * The layers the select offers: every one but `auto`, which only with "Include proposals" ticked (the backend
 * refuses `layer: 'auto'` without `includeProposals`: an export of proposals is asked for, never a surprise).
 */
export const layerOptions = <A extends Pick<Annotator, 'name'>>(layers: readonly A[], includeProposals: boolean): A[] =>
  includeProposals ? [...layers] : layers.filter((a) => a.name !== AUTO_LAYER);

/** The layer to keep when "Include proposals" changes: `auto` chosen and the box unticked falls back to all layers. */
export const layerWithProposals = (layer: string, includeProposals: boolean): string => (!includeProposals && layer === AUTO_LAYER ? ALL_LAYERS : layer);

interface Props {
  reads: ReadBackend;
  value: string;
  /** Whether the `auto` layer's proposals go into the export (`includeProposals` of export.run). */
  includeProposals: boolean;
  disabled: boolean;
  onChange(layer: string): void;
  onIncludeProposals(on: boolean): void;
}

/**
 * The export's layer (issue 13): all layers, or one annotator's (gold: the adjudicated one), from `annotators.list`;
 * and, once pre-annotation made the `auto` layer, whether its proposals go along (issue 14; off by default, and
 * `auto` is offered in the select only with it on). Shown only when the project has more than one layer; with one,
 * every export is that layer anyway.
 */
export function LayerSelect({ reads, value, includeProposals, disabled, onChange, onIncludeProposals }: Props) {
  const [layers, setLayers] = useState<Annotator[]>([]);
  const hint = useId();
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
  const hasProposals = layers.some((a) => a.name === AUTO_LAYER);
  return (
    <fieldset>
      <legend>Layer</legend>
      <label className="export-check">
        <select aria-label="Layer" value={value} onChange={(e) => onChange(e.target.value)} disabled={disabled}>
          <option value={ALL_LAYERS}>All layers (each span names its annotator)</option>
          {layerOptions(layers, includeProposals).map((a) => (
            <option key={a.id} value={a.name}>
              {layerOptionLabel(a)}
            </option>
          ))}
        </select>
      </label>
      {hasProposals ? (
        <>
          <label className="export-check">
            <input
              type="checkbox"
              checked={includeProposals}
              disabled={disabled}
              aria-describedby={hint}
              onChange={(e) => {
                onIncludeProposals(e.target.checked);
                const keep = layerWithProposals(value, e.target.checked);
                if (keep !== value) onChange(keep);
              }}
            />{' '}
            Include proposals (auto layer)
          </label>
          <p className="muted export-hint" id={hint}>
            Proposals not yet accepted are left out unless ticked; accepted ones are in your layer.
          </p>
        </>
      ) : null}
    </fieldset>
  );
}

import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Annotation } from '../../../common/model';
import type { Attempt } from '../../state/attempt';
import type { LayersKnown } from '../../app/commands/annotators';
import { layerLooks, shownLayers, visibleAnnotations, type LayerLook } from './layerStyles';

/** The annotator commands the hook drives (renderer/app/commands/annotators.ts). */
interface LayerCommands {
  loadAnnotators(): Promise<LayersKnown>;
  chooseAnnotator(name: string): Promise<Attempt<LayersKnown>>;
  showError(e: unknown): void;
}

/**
 * The layers as the workbench shows them: who is annotating, every annotator, which layers the reader shows
 * (the current one always; others ticked in the Layers control) and how each is drawn, and whether the
 * "who are you" dialog is up (on first run, until a name is confirmed). Switching keeps the layer one was in
 * ticked, so one's earlier work stays in view, outlined. `changed`: any value that changes when the project may
 * have gained annotators (App passes the workbench's projectSeq: imports, merges, other windows' commits).
 */
export function useLayers(commands: LayerCommands, changed?: unknown) {
  const [known, setKnown] = useState<LayersKnown | null>(null);
  const [ticked, setTicked] = useState<number[] | null>(null);
  const [dialog, setDialog] = useState<'first' | 'switch' | null>(null);

  useEffect(() => {
    commands
      .loadAnnotators()
      .then((k) => {
        setKnown(k);
        if (!k.current.chosen) setDialog('first');
      })
      .catch(commands.showError);
  }, [commands]);

  const refresh = useCallback(() => void commands.loadAnnotators().then(setKnown).catch(commands.showError), [commands]);
  // An import, a merge or another window can bring layers in: read the annotators again when the caller says the
  // project changed (not on every list sort or filter: the counts scan the annotations).
  useEffect(() => {
    if (changed) refresh();
  }, [changed, refresh]);

  const choose = useCallback(
    async (name: string) => {
      const before = known?.current.id;
      const r = await commands.chooseAnnotator(name);
      if (r.ok) {
        setKnown(r.value);
        if (before !== undefined && before !== r.value.current.id) setTicked((t) => [...new Set([...(t ?? []), before])]);
      }
      return r;
    },
    [commands, known],
  );

  const currentId = known?.current.id ?? null;
  const shown = useMemo(() => (currentId === null ? null : shownLayers(currentId, ticked)), [currentId, ticked]);
  const looks = useMemo<ReadonlyMap<number, LayerLook>>(() => (known ? layerLooks(known.annotators, known.current.id) : new Map()), [known]);

  return {
    known,
    looks,
    /** Ids of the layers shown; null until the annotators are read. */
    shown,
    dialog,
    openDialog: () => setDialog('switch'),
    closeDialog: () => setDialog(null),
    choose,
    refresh,
    /** Shows or hides another annotator's layer (the current one stays shown). */
    toggle: (id: number) => setTicked((t) => (t?.includes(id) ? t.filter((x) => x !== id) : [...(t ?? []), id])),
    /** The annotations of the shown layers (all of them until the annotators are read). */
    visible: (annotations: Annotation[]) => (shown ? visibleAnnotations(annotations, shown) : annotations),
  };
}

export type Layers = ReturnType<typeof useLayers>;

/**
 * Who is annotating (issue 13): the current annotator, the project's layers, and the switch between them; and the
 * rule that each analyst changes only their own layer. The edit commands are wrapped (`guardLayer`) so that any way
 * of reaching them (a key, a button, a menu, a link panel) refuses to change, delete or link a span of another
 * annotator's layer, naming whose it is; the backend refuses cross-layer links as well.
 */
import type { Annotator, CurrentAnnotator } from '../../../common/annotators';
import type { Link } from '../../../common/model';
import { attempt, type Attempt } from '../../state/attempt';
import { notYours } from '../../features/layers/layerStyles';
import type { CommandDeps } from './context';

/** The current annotator and every layer, as last read from the backend. */
export interface LayersKnown {
  current: CurrentAnnotator;
  annotators: Annotator[];
}

/** The edit commands the guard wraps (renderer/app/commands/edits.ts), by the arguments that name a span. */
interface GuardedEdits {
  update(id: number, patch: never): Promise<void>;
  remove(id: number): Promise<void>;
  link(fromId: number, toId: number, typeId: number): Promise<void>;
  linkToPassage(fromId: number, ...rest: never[]): Promise<void>;
  unlink(link: Link): Promise<void>;
  renameCluster(clusterId: number, before: string, after: string): Promise<Attempt>;
  detach(annotationId: number): Promise<void>;
  dismissSuggestion(annotationId: number, key: string): Promise<void>;
}

/** The annotator commands over `d`: load and choose, and the layer guard for the edit commands. */
export function annotatorCommands(d: CommandDeps) {
  const { call, dispatch } = d;
  // Who is annotating is project state the backend keeps; this copy lets the guard answer without a round trip.
  let known: LayersKnown | null = null;

  /** Why the span `annotationId` of the open document is not the analyst's to change, or null (also when unknown). */
  function refusal(annotationId: number): string | null {
    const a = d.state().annotations.find((x) => x.id === annotationId);
    if (!a || !known) return null;
    return notYours(a, known.current, (id) => known!.annotators.find((x) => x.id === id)?.name);
  }
  /** Shows the refusal in the toast; true when the command may go on. */
  const allowed = (...ids: number[]) => {
    for (const id of ids) {
      const why = refusal(id);
      if (why) {
        dispatch({ type: 'error', message: why });
        return false;
      }
    }
    return true;
  };

  async function loadAnnotators(): Promise<LayersKnown> {
    const [current, annotators] = await Promise.all([call('annotators.current', {}), call('annotators.list', {})]);
    known = { current, annotators };
    return known;
  }

  return {
    /** Reads who is annotating and every layer with its counts. */
    loadAnnotators,

    /** What the guard last knew (null before the first load). */
    layersKnown: () => known,

    /**
     * The analyst says who they are (first run) or switches (an existing name, any case) or adds an annotator:
     * that layer becomes the one edited. Resolves with the layers as they are now, or with the refusal to show
     * where the name was typed (empty, too long, reserved: common/annotators.ts). Not undone by Ctrl+Z.
     */
    chooseAnnotator: (name: string): Promise<Attempt<LayersKnown>> =>
      d.edits(() =>
        attempt(async () => {
          await call('annotators.choose', { name });
          const now = await loadAnnotators();
          // Boards, suggestions and the finder show the layer being edited: make them read again.
          dispatch({ type: 'relinked' });
          return now;
        }),
      ),

    /** Wraps the edit commands so that none changes a span of another annotator's layer (see the module comment). */
    guardLayer<C extends GuardedEdits>(c: C): C {
      const guarded: GuardedEdits = {
        update: (id, patch) => (allowed(id) ? c.update(id, patch) : Promise.resolve()),
        remove: (id) => (allowed(id) ? c.remove(id) : Promise.resolve()),
        link: (fromId, toId, typeId) => (allowed(fromId, toId) ? c.link(fromId, toId, typeId) : Promise.resolve()),
        linkToPassage: (fromId, ...rest) => (allowed(fromId) ? c.linkToPassage(fromId, ...rest) : Promise.resolve()),
        unlink: (link) => (allowed(link.fromId) ? c.unlink(link) : Promise.resolve()),
        detach: (id) => (allowed(id) ? c.detach(id) : Promise.resolve()),
        dismissSuggestion: (id, key) => (allowed(id) ? c.dismissSuggestion(id, key) : Promise.resolve()),
        renameCluster: (clusterId, before, after) => {
          const member = d.state().annotations.find((a) => a.clusterId === clusterId);
          const why = member ? refusal(member.id) : null;
          return why ? Promise.resolve({ ok: false as const, error: why }) : c.renameCluster(clusterId, before, after);
        },
      };
      return { ...c, ...guarded };
    },
  };
}

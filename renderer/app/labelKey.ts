/**
 * What a label key (or a label button) does in the reader: tag the selected text, or relabel the selected annotation
 * when no text is selected.
 *
 * Why the selection stays until the tag is stored: clearing it at the key made a frame of its own (style, layout,
 * paint, raster and composite of the reader, a few ms of CPU over four threads) while the tag was on its way to the
 * host, work a busy machine had to find a core for before the answer could be drawn (issue 15: tag p95 with one
 * core busy). Cleared in the task that stores the answer, before React draws it, one frame shows the selection gone
 * and the span highlighted. Meanwhile the same text may be keyed again: the tag on its way takes that label (one
 * span, relabelled once stored) instead of a second tag, which the backend would refuse as a duplicate. A tag the
 * backend refuses leaves the text selected, to try again.
 */
import { useCallback, useState, type RefObject } from 'react';
import type { Annotation, Document, Label, Range } from '../../common/model';
import type { ReaderHandle } from '../features/annotate/Reader';
import { snapRange } from '../editor/snap';

/** The commands a label key uses (renderer/app/commands/edits.ts). */
export interface LabelKeyCommands {
  tag(labelId: number, range: Range): Promise<Annotation | null>;
  update(id: number, patch: { labelId: number }): Promise<void>;
}

/** A tag sent and not yet stored: its document, its span (code points) and the label it is to have once stored. */
interface Pending {
  docId: number;
  range: Range;
  labelId: number;
}

const sameRange = (a: Range | null | undefined, b: Range) => !!a && a.start === b.start && a.end === b.end;

/** What the label key acts on, as the workbench holds it when the key is pressed. */
export interface LabelKeyContext {
  /** The reader as it is now (it may be another one by the time a tag is stored: another document opened). */
  reader: () => ReaderHandle | null;
  /** The open document (null: none) and whether the documents view shows it. */
  doc: Document | null;
  active: boolean;
  /** The selected annotation, relabelled when no text is selected. */
  selected: Annotation | null | undefined;
  commands: LabelKeyCommands;
}

/**
 * A label key's action, with the tag it has on its way (see the module comment): `(ctx, label, exact)` tags the
 * reader's selection snapped to whole words (`exact`: as selected, Alt held), or relabels `ctx.selected`.
 */
export function createLabelKey() {
  let pending: Pending | null = null;
  return (ctx: LabelKeyContext, label: Label, exact: boolean): void => {
    const { doc, commands } = ctx;
    if (!doc || !ctx.active) return;
    const view = ctx.reader();
    const raw = view?.selection();
    if (!view || !raw) {
      if (ctx.selected) void commands.update(ctx.selected.id, { labelId: label.id });
      return;
    }
    const range = snapRange(doc.text, raw.start, raw.end, exact ? 'exact' : 'word');
    if (!range) return view.clearSelection();
    if (pending && pending.docId === doc.id && sameRange(pending.range, range)) {
      pending.labelId = label.id;
      return;
    }
    const mine: Pending = { docId: doc.id, range, labelId: label.id };
    pending = mine;
    void commands.tag(label.id, range).then((made) => {
      if (pending === mine) pending = null;
      if (!made) return;
      // Only the text that was tagged, still selected in the same reader: not a selection made since, elsewhere.
      if (ctx.reader() === view && sameRange(view.selection(), raw)) view.clearSelection();
      if (mine.labelId !== made.labelId) void commands.update(made.id, { labelId: mine.labelId });
    });
  };
}

/** createLabelKey for the workbench: `reader` is the Reader's handle, the rest as LabelKeyContext. */
export function useLabelKey(reader: RefObject<ReaderHandle | null>, doc: Document | null, active: boolean, selected: Annotation | null | undefined, commands: LabelKeyCommands) {
  const [act] = useState(createLabelKey);
  return useCallback(
    (label: Label, exact: boolean) => act({ reader: () => reader.current, doc, active, selected, commands }, label, exact),
    [act, reader, doc, active, selected, commands],
  );
}

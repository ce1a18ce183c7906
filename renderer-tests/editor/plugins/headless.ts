/**
 * The reader's editor without a browser: the extensions Reader.tsx uses, on a TipTap editor with no view and
 * no DOM, plus what a view would do with its plugins (draw their decorations, pass them clicks).
 */
import { Editor } from '@tiptap/core';
import type { EditorState } from '@tiptap/pm/state';
import type { Decoration, EditorView } from '@tiptap/pm/view';
import type { AnnotationHighlightsOptions } from '../../../renderer/editor/plugins/highlights';
import { readerExtensions } from '../../../renderer/editor/plugins/readerExtensions';
import { textToDoc } from '../../../renderer/editor/positions';

/**
 * A headless reader editor showing `text`. TipTap puts the plugins into the state only when it mounts a view,
 * so this does the same without one. The core keymap is left out: it asks `navigator` for the platform, which
 * Node 20 lacks, and a read-only text binds no keys.
 */
export function headlessReader(text: string, onClickSpans: AnnotationHighlightsOptions['onClickSpans'] = null): Editor {
  const editor = new Editor({
    element: null,
    editable: false,
    enableCoreExtensions: { keymap: false },
    extensions: readerExtensions(onClickSpans),
    content: textToDoc(text),
  });
  editor.view.updateState(editor.state.reconfigure({ plugins: editor.extensionManager.plugins }));
  return editor;
}

/** Every decoration the plugins of `state` ask the view to draw, in document order. */
export function decorations(state: EditorState): Decoration[] {
  const out: Decoration[] = [];
  for (const plugin of state.plugins) plugin.props.decorations?.call(plugin, state)?.forEachSet((set) => out.push(...set.find()));
  return out.sort((a, b) => a.from - b.from || a.to - b.to);
}

/** An inline decoration's DOM attributes (ProseMirror keeps them on `type`, outside its public typings). */
export function attrsOf(d: Decoration): Record<string, string> {
  return (d as unknown as { type: { attrs?: Record<string, string> } }).type.attrs ?? {};
}

/** What stays the same object while a decoration is reused rather than rebuilt. */
export function identityOf(d: Decoration): object {
  return (d as unknown as { type: object }).type;
}

/** The annotation highlights drawn in `state`, as comparable data. */
export function highlights(state: EditorState): { from: number; to: number; attrs: Record<string, string> }[] {
  return decorations(state)
    .filter((d) => attrsOf(d).class?.startsWith('cc-ann'))
    .map((d) => ({ from: d.from, to: d.to, attrs: attrsOf(d) }));
}

/** The search matches drawn in `state`. */
export function matches(state: EditorState): { from: number; to: number }[] {
  return decorations(state)
    .filter((d) => attrsOf(d).class === 'cc-match')
    .map((d) => ({ from: d.from, to: d.to }));
}

/** The cluster markers drawn in `state`: where each sits and its widget key. */
export function marks(state: EditorState): { pos: number; key: string }[] {
  return decorations(state)
    .filter((d) => typeof d.spec.key === 'string' && d.from === d.to)
    .map((d) => ({ pos: d.from, key: d.spec.key as string }));
}

/**
 * Clicks position `pos` as a view would: each plugin's handleClick in turn until one handles it. `target`
 * is the event's target; the view stand-in says every element is inside the editor.
 */
export function click(editor: Editor, pos: number, target: unknown): boolean {
  const view = { state: editor.state, dom: { contains: () => true } } as unknown as EditorView;
  const event = { target } as unknown as MouseEvent;
  return editor.state.plugins.some((p) => p.props.handleClick?.call(p, view, pos, event) === true);
}

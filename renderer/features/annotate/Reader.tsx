import { forwardRef, useCallback, useEffect, useImperativeHandle, useMemo, useRef } from 'react';
import { TextSelection, type Transaction } from '@tiptap/pm/state';
import { EditorContent, useEditor } from '@tiptap/react';
import Document from '@tiptap/extension-document';
import Paragraph from '@tiptap/extension-paragraph';
import Text from '@tiptap/extension-text';
import type { Annotation, Document as Doc, Label, Range } from '../../../common/model';
import { buildPositionMap, cpToPm, pmRangeToCp, pmToCp, rangeToPm, textToDoc } from '../../editor/positions';

/** Above these sizes the highlights are painted through a window around the viewport. */
const WINDOW_FROM_LENGTH = 200_000;
const WINDOW_FROM_SPANS = 1500;
import { AnnotationHighlights } from '../../editor/highlights';
import { SearchMatches, searchMatchesKey } from './searchMatches';
import { ClusterMarks, clusterMarksKey } from './clusterMarks';

export interface ReaderHandle {
  /** The current text selection inside the document, in code points, or null. */
  selection(): Range | null;
  clearSelection(): void;
}

interface Props {
  doc: Doc;
  annotations: Annotation[];
  labels: Label[];
  selectedId: number | null;
  matches: Range[];
  reveal: { cp: number; seq: number } | null;
  onClickSpans(ids: number[], cp: number): void;
  onDone(done: boolean): void;
}

/**
 * The stored text, read-only, one paragraph per line. Annotations are decorations computed from stand-off
 * offsets; the document itself is never rewritten.
 */
export const Reader = forwardRef<ReaderHandle, Props>(function Reader(
  { doc, annotations, labels, selectedId, matches, reveal, onClickSpans, onDone },
  ref,
) {
  const map = useMemo(() => buildPositionMap(doc.text), [doc.text]);
  const clickRef = useRef(onClickSpans);
  clickRef.current = onClickSpans;
  const scroller = useRef<HTMLDivElement>(null);

  const editor = useEditor(
    {
      editable: false,
      extensions: [
        Document,
        Paragraph,
        Text,
        SearchMatches,
        ClusterMarks,
        AnnotationHighlights.configure({ onClickSpans: (ids, cp) => clickRef.current(ids, cp) }),
      ],
      // The text goes in as JSON, never HTML: HTML parsing would collapse whitespace and shift offsets.
      content: textToDoc(doc.text),
      editorProps: { attributes: { class: 'reader-text', 'aria-label': 'Document text', role: 'document' } },
      immediatelyRender: true,
    },
    [doc.id],
  );

  const colors = useMemo(() => new Map(labels.map((l) => [l.id, l])), [labels]);

  /**
   * A read-only ProseMirror view writes its own selection back to the DOM after every transaction, which would
   * wipe the text the analyst has selected whenever highlights repaint (a scroll, another window's edit). So
   * every transaction this view dispatches carries the DOM selection along as its selection.
   */
  const keepSelection = useCallback(
    (tr: Transaction) => {
      const sel = window.getSelection();
      if (!editor || !sel || sel.rangeCount === 0 || sel.isCollapsed) return tr;
      const r = sel.getRangeAt(0);
      const dom = editor.view.dom;
      if (!dom.contains(r.startContainer) || !dom.contains(r.endContainer)) return tr;
      const from = editor.view.posAtDOM(r.startContainer, r.startOffset);
      const to = editor.view.posAtDOM(r.endContainer, r.endOffset);
      return tr.setSelection(TextSelection.create(tr.doc, Math.min(from, to), Math.max(from, to)));
    },
    [editor],
  );
  /** Runs a highlight command in a transaction that keeps the analyst's selection. */
  const run = useCallback(
    (apply: (chain: ReturnType<NonNullable<typeof editor>['chain']>) => ReturnType<NonNullable<typeof editor>['chain']>) => {
      if (!editor || editor.isDestroyed) return;
      apply(editor.chain().command(({ tr }) => (keepSelection(tr), true))).run();
    },
    [editor, keepSelection],
  );

  // Big documents paint only the spans a few screens around the viewport, moving the window as the analyst
  // scrolls. Declared before the spans effect so that the first paint is already windowed.
  const windowed = map.offsets.length > WINDOW_FROM_LENGTH || annotations.length > WINDOW_FROM_SPANS;
  useEffect(() => {
    const el = scroller.current;
    if (!editor || editor.isDestroyed || !el || !windowed) return;
    let current: { start: number; end: number } | null = null;
    let frame = 0;
    const update = () => {
      frame = 0;
      const box = el.getBoundingClientRect();
      const x = box.left + box.width / 2;
      const top = editor.view.posAtCoords({ left: x, top: box.top + 1 });
      const bottom = editor.view.posAtCoords({ left: x, top: box.bottom - 1 });
      const a = top ? pmToCp(map, top.pos) : 0;
      const b = bottom ? pmToCp(map, bottom.pos) : Math.min(map.offsets.length, a + 5000);
      const screen = Math.max(2000, b - a);
      // Repaint only when the view comes within a screen of the painted window's edge.
      if (current && a - current.start > screen && current.end - b > screen) return;
      current = { start: Math.max(0, a - 3 * screen), end: b + 3 * screen };
      run((c) => c.setHighlightWindow(current));
    };
    const onScroll = () => {
      if (!frame) frame = requestAnimationFrame(update);
    };
    update();
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      el.removeEventListener('scroll', onScroll);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [editor, map, windowed, run]);

  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    const spans = annotations.map((a) => ({
      id: a.id,
      start: a.start,
      end: a.end,
      color: colors.get(a.labelId)?.color ?? '#888888',
      label: colors.get(a.labelId)?.name ?? '',
    }));
    run((c) => c.setAnnotationSpans(spans, selectedId));
  }, [editor, annotations, colors, selectedId, run]);

  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    const marks = annotations
      .filter((a) => a.clusterId !== null && a.end <= map.offsets.length)
      .map((a) => ({ pos: cpToPm(map, a.end), annotationId: a.id, title: `In a cluster (${colors.get(a.labelId)?.name ?? 'span'})` }));
    editor.view.dispatch(keepSelection(editor.state.tr.setMeta(clusterMarksKey, marks)));
  }, [editor, annotations, colors, map, keepSelection]);

  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    const ranges = matches.map((r) => rangeToPm(map, r));
    editor.view.dispatch(keepSelection(editor.state.tr.setMeta(searchMatchesKey, ranges)));
  }, [editor, matches, map, keepSelection]);

  useEffect(() => {
    if (!editor || editor.isDestroyed || !reveal || !scroller.current) return;
    const pos = Math.min(cpToPm(map, Math.min(reveal.cp, map.offsets.length)), editor.state.doc.content.size);
    try {
      const box = scroller.current.getBoundingClientRect();
      const at = editor.view.coordsAtPos(pos);
      scroller.current.scrollTop += at.top - box.top - box.height / 3;
    } catch {
      /* position not rendered (empty document) */
    }
  }, [editor, reveal, map]);

  useImperativeHandle(
    ref,
    () => ({
      selection() {
        const sel = window.getSelection();
        if (!editor || !sel || sel.isCollapsed || sel.rangeCount === 0) return null;
        const r = sel.getRangeAt(0);
        const dom = editor.view.dom;
        if (!dom.contains(r.startContainer) || !dom.contains(r.endContainer)) return null;
        const from = editor.view.posAtDOM(r.startContainer, r.startOffset);
        const to = editor.view.posAtDOM(r.endContainer, r.endOffset);
        const range = pmRangeToCp(map, Math.min(from, to), Math.max(from, to));
        return range.end > range.start ? range : null;
      },
      clearSelection: () => window.getSelection()?.removeAllRanges(),
    }),
    [editor, map],
  );

  return (
    <article className={`reader ${windowed ? 'reader-big' : ''}`} ref={scroller}>
      <header className="reader-head">
        <h1 className="reader-title">{doc.title}</h1>
        <div className="reader-meta muted">
          {doc.date ?? 'no date'}
          {doc.source ? ` · ${doc.source}` : ''}
          {doc.path ? <span className="reader-path"> · {doc.path}</span> : null}
          <button
            className={`done-toggle ${doc.done ? 'done-on' : ''}`}
            aria-pressed={doc.done}
            onClick={() => onDone(!doc.done)}
            title="Finished documents can be exported on their own"
          >
            {doc.done ? '✓ Done' : 'Mark done'}
          </button>
        </div>
      </header>
      <EditorContent editor={editor} />
    </article>
  );
});

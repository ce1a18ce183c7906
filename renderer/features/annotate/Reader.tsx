import { forwardRef, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { EditorContent, useEditor } from '@tiptap/react';
import type { Annotation, Document as Doc, Label, Range } from '../../../common/model';
import { attachCaret } from '../../editor/caret';
import type { HighlightSpan } from '../../editor/highlightSpecs';
import { readerExtensions } from '../../editor/plugins/readerExtensions';
import { textToDoc } from '../../editor/positions';
import { DomSurface } from './readerSurface';
import type { LayerLook } from '../layers/layerStyles';
import type { Proposal } from '../../../common/proposals';
import { clickedProposal } from '../proposals/proposalNav';
import { ReaderWindow, type ClusterMarkAt } from './readerWindow';
import { ownSpans, type OwnSpans } from './readerSpans';

export interface ReaderHandle {
  /** The current text selection inside the document, in code points, or null (a bare caret is none). */
  selection(): Range | null;
  /** Clears the text selection, in the DOM and in the editor's state (see ReaderWindow.clearSelection). */
  clearSelection(): void;
  /** Where the caret is in the document, in code points, or null when it is not in the text. */
  caret(): number | null;
  /** Scrolls code point `cp` into view (rendering its part of a long document first). */
  reveal(cp: number): void;
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
  /** How each annotator's layer is drawn (issue 13): spans of a layer with a `line` are outlined, not filled. */
  layers?: ReadonlyMap<number, LayerLook>;
  /** Pre-annotation (issue 14): the open proposals, drawn dashed; a click on one reports it (null: a click elsewhere). */
  proposals?: readonly Proposal[];
  currentProposalId?: number | null;
  onClickProposal?(id: number | null): void;
  /** Document actions shown after "Mark done" (pre-annotation's count and entry point). */
  tools?: ReactNode;
}

/**
 * The stored text, read-only, one paragraph per line. Annotations are decorations computed from stand-off
 * offsets; the document itself is never rewritten. Only the part near the viewport is in the editor at any
 * time (see ReaderWindow), so a book-length report reads and tags like a short article.
 */
export const Reader = forwardRef<ReaderHandle, Props>(function Reader(
  { doc, annotations, labels, selectedId, matches, reveal, onClickSpans, onDone, layers, proposals, currentProposalId = null, onClickProposal, tools },
  ref,
) {
  // Proposals share the painted spans (and their ids, `auto` annotation ids, never an own span's): a click is split.
  const proposalIds = useMemo(() => new Set(proposals?.map((p) => p.id)), [proposals]);
  const onClick = (ids: number[], cp: number) => {
    onClickSpans(
      ids.filter((id) => !proposalIds.has(id)),
      cp,
    );
    // Clicked again, a stacked proposal gives way to the one enclosing it (as own spans do).
    onClickProposal?.(clickedProposal(ids, (id) => proposalIds.has(id), currentProposalId));
  };
  const clickRef = useRef(onClick);
  clickRef.current = onClick;
  const scroller = useRef<HTMLElement>(null);
  const topSpacer = useRef<HTMLDivElement>(null);
  const bottomSpacer = useRef<HTMLDivElement>(null);
  const caret = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<ReaderWindow | null>(null);
  const viewRef = useRef<ReaderWindow | null>(null);
  const title = useRef(doc.title);
  title.current = doc.title;

  const editor = useEditor(
    {
      editable: false,
      // The plugin counts in the window's code points; the rest of the app in the whole text's.
      extensions: readerExtensions((ids, cp) => clickRef.current(ids, cp + (viewRef.current?.base ?? 0))),
      // Filled by ReaderWindow, as JSON nodes, never HTML: HTML parsing would collapse whitespace and shift offsets.
      content: textToDoc(''),
      // Focusable, so the keyboard can reach the text and select in it (browse mode, see editor/caret.ts).
      editorProps: {
        attributes: () => ({ class: 'reader-text', 'aria-label': `Document text: ${title.current}`, role: 'document', tabindex: '0' }),
      },
      immediatelyRender: true,
    },
    [doc.id],
  );

  const colors = useMemo(() => new Map(labels.map((l) => [l.id, l])), [labels]);
  // A tag changes one annotation of ten thousand: the others keep their span objects (one per annotation object,
  // rebuilt only when the labels or layers change), so the painter's comparisons stay cheap and nothing is remade.
  const spanCache = useMemo(() => new WeakMap<Annotation, HighlightSpan>(), [colors, layers]);
  // The last list made (readerSpans.ts): set during render, which is safe because a render React throws away leaves
  // a list whose spans came from the same cache, so the next walk gives the same objects either way.
  const lastOwn = useRef<OwnSpans | null>(null);
  const spans = useMemo(
    () => [
      ...(lastOwn.current = ownSpans(annotations, lastOwn.current, spanCache, (a): HighlightSpan => {
        const look = layers?.get(a.annotatorId);
        return {
          id: a.id,
          start: a.start,
          end: a.end,
          color: colors.get(a.labelId)?.color ?? '#888888',
          label: colors.get(a.labelId)?.name ?? '',
          text: a.text,
          ...(look?.line ? { layer: { name: look.name, line: look.line } } : {}),
        };
      })).spans,
      ...(proposals ?? []).map(
        (p): HighlightSpan => ({
          id: p.id,
          start: p.start,
          end: p.end,
          color: colors.get(p.labelId)?.color ?? '#888888',
          label: p.label,
          text: p.text,
          proposal: { current: p.id === currentProposalId },
        }),
      ),
    ],
    [annotations, spanCache, colors, layers, proposals, currentProposalId],
  );
  const marks = useMemo(() => {
    const out: ClusterMarkAt[] = [];
    for (const a of annotations) {
      if (a.clusterId !== null) out.push({ cp: a.end, annotationId: a.id, title: `In a cluster (${colors.get(a.labelId)?.name ?? 'span'})` });
    }
    return out;
  }, [annotations, colors]);
  const latest = useRef({ spans, marks, matches, selectedId });
  latest.current = { spans, marks, matches, selectedId };

  // Before the first paint, with the highlights already in, so the article never shows bare.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!editor || editor.isDestroyed || !el || !topSpacer.current || !bottomSpacer.current) return;
    const w = new ReaderWindow(editor, new DomSurface(editor, el, topSpacer.current, bottomSpacer.current), doc.text);
    const now = latest.current;
    w.setSpans(now.spans, now.selectedId);
    w.setMarks(now.marks);
    w.setMatches(now.matches);
    w.sync();
    viewRef.current = w;
    setView(w);
    let frame = 0;
    const onScroll = () => {
      if (!frame)
        frame = requestAnimationFrame(() => {
          frame = 0;
          w.sync();
        });
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    const resize = new ResizeObserver(onScroll);
    resize.observe(el);
    const stopCaret = caret.current ? attachCaret(editor.view.dom as HTMLElement, el, caret.current) : () => {};
    return () => {
      stopCaret();
      el.removeEventListener('scroll', onScroll);
      resize.disconnect();
      if (frame) cancelAnimationFrame(frame);
      w.destroy();
      viewRef.current = null;
    };
  }, [editor, doc.text]);

  // The accessible name follows a title edited while the document is open.
  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.view.dom.setAttribute('aria-label', `Document text: ${doc.title}`);
  }, [editor, doc.title]);
  useEffect(() => view?.setSpans(spans, latest.current.selectedId), [view, spans]);
  useEffect(() => view?.select(selectedId), [view, selectedId]);
  useEffect(() => view?.setMarks(marks), [view, marks]);
  useEffect(() => view?.setMatches(matches), [view, matches]);

  useEffect(() => {
    if (view && reveal) view.reveal(reveal.cp);
  }, [view, reveal]);

  useImperativeHandle(
    ref,
    () => ({
      selection: () => viewRef.current?.selection() ?? null,
      clearSelection: () => viewRef.current?.clearSelection(),
      caret: () => viewRef.current?.caret() ?? null,
      reveal: (cp: number) => viewRef.current?.reveal(cp),
    }),
    [],
  );

  return (
    <article className="reader" ref={scroller}>
      <header className="reader-head">
        <h1 className="reader-title">{doc.title}</h1>
        <div className="reader-meta muted">
          {doc.date ?? 'no date'}
          {doc.source ? ` · ${doc.source}` : ''}
          {/* The separator stays outside the cut box: an inline-block drops its own leading space. */}
          {doc.path ? ' · ' : null}
          {doc.path ? (
            <span className="reader-path" title={doc.path} dir="auto">
              {doc.path}
            </span>
          ) : null}
          <button
            className={`done-toggle ${doc.done ? 'done-on' : ''}`}
            aria-pressed={doc.done}
            onClick={() => onDone(!doc.done)}
            title="Finished documents can be exported on their own"
          >
            {doc.done ? '✓ Done' : 'Mark done'}
          </button>
          {tools}
        </div>
      </header>
      <div className="reader-spacer" ref={topSpacer} aria-hidden="true" />
      <EditorContent editor={editor} />
      <div className="reader-spacer" ref={bottomSpacer} aria-hidden="true" />
      <div className="reader-caret" ref={caret} aria-hidden="true" hidden />
    </article>
  );
});

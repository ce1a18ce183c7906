import { useEffect, useMemo, useRef, useState } from 'react';
import type { Backend } from '../backend/types';
import { useWorkbench } from './useWorkbench';
import { selectedAnnotation } from './workbench';
import { useShortcuts } from './useShortcuts';
import { DocumentsPane } from '../features/documents/DocumentsPane';
import { DocumentsCount, useUnfitting } from '../features/documents/DocumentsCount';
import { DocumentMeta } from '../features/documents/DocumentMeta';
import { SearchResults } from '../features/search/SearchResults';
import { SEARCH_SYNTAX } from '../features/search/syntax';
import type { ReaderHandle } from '../features/annotate/Reader';
import { AnnotationList } from '../features/annotate/AnnotationList';
import { AnnotationEditor } from '../features/annotate/AnnotationEditor';
import { LabelBar } from '../features/annotate/LabelBar';
import { LabelSettings } from '../features/labels/LabelSettings';
import { ImportButtons } from '../features/import/ImportButtons';
import { ImportReportDialog } from '../features/import/ImportReportDialog';
import { DropZone } from '../features/import/DropZone';
import { cycleIds } from '../editor/segments';
import { Finder } from '../features/links/Finder';
import { DeferredLinkPanel } from './DeferredLinkPanel';
import { Suggestions, type SuggestionsHandle } from '../features/links/Suggestions';
// Views not needed at open: chunks of their own, loaded on first use or once the list is up.
import { AgreementView, Boards, CurationView, Dashboard, ExportDialog, MergeDialog, Reader, preloadViews } from './lazyViews';
import { revealCluster } from '../features/dashboard/revealCluster';
import { ConfirmDialog } from './ConfirmDialog';
import { HelpSheet } from '../features/help/HelpSheet';
import { StatusMessage } from './StatusMessage';
import { ProjectDialog } from '../features/project/ProjectDialog';
import type { Suggestion } from '../../common/model';
import { FoldMenu } from './layout/FoldMenu';
import { PaneToggle, paneFolded, type OpenPane } from './layout/PaneToggle';
import { ThemeToggle } from './layout/ThemeToggle';
import { useTheme } from './layout/theme';
import { useLayers } from '../features/layers/useLayers';
import { AnnotatorDialog } from '../features/layers/AnnotatorDialog';
import { AnnotatingAs } from '../features/layers/AnnotatingAs';
import { LayerBar } from '../features/layers/LayerBar';
import { notYours } from '../features/layers/layerStyles';
import { useProposalReview } from '../features/proposals/useProposalReview';
import { ProposalOverlays } from '../features/proposals/ProposalOverlays';
import { PreannotateButton, ProposalTools } from '../features/proposals/ProposalTools';
import { ErrorToast } from './ErrorToast';
import { useLabelKey } from './labelKey';

export function App({ backend }: { backend: Backend }) {
  const { state, history, commands, reads, waiting } = useWorkbench(backend);
  const reader = useRef<ReaderHandle>(null);
  const [labelsOpen, setLabelsOpen] = useState(false);
  const [finderOpen, setFinderOpen] = useState(false);
  const [exportOpen, setExportOpen] = useState(false);
  const [projectOpen, setProjectOpen] = useState(false);
  const [mergeOpen, setMergeOpen] = useState(false);
  const suggestions = useRef<SuggestionsHandle>(null);
  const rightPane = useRef<HTMLElement>(null);
  const [query, setQuery] = useState('');
  const searchBox = useRef<HTMLInputElement>(null);
  const selected = selectedAnnotation(state);
  // Annotator layers (issue 13): the reader and the side list show the layers ticked; others' spans are read-only.
  const layers = useLayers(commands, state.projectSeq);
  // One array per change of the annotations or the layers shown: the reader and the side list redo their work only then.
  const shownAnnotations = useMemo(() => layers.visible(state.annotations), [state.annotations, layers.shown]);
  const notMine = selected && layers.known ? notYours(selected, layers.known.current, (id) => layers.looks.get(id)?.name) : null;
  // Below a width a side pane is drawn over the reader on demand (styles.css, "Responsive layout").
  const [openPane, setOpenPane] = useState<OpenPane>(null);
  const [theme, setTheme] = useTheme();
  // The curation view (issue 13) over the panes: which document, and the layers to compare first.
  const [curation, setCuration] = useState<{ docId: number; annotators?: string[] } | null>(null);
  const openCuration = (docId: number, annotators?: string[]) => (commands.select(null), setCuration({ docId, annotators }));
  useEffect(() => setCuration(null), [state.view]);
  // Once the document list shows its rows, the views opened later are fetched in the background (app/lazyViews.tsx).
  const listUp = !state.docsLoading && (state.docRows.size > 0 || state.docsTotal === 0);
  useEffect(() => {
    if (listUp) preloadViews();
  }, [listUp]);

  // A query shows its results in the left pane: open it where it is folded away.
  useEffect(() => {
    if (query.trim() && paneFolded('left')) setOpenPane('left');
  }, [query]);

  // A newly selected annotation starts at the top of its panel: its editor, then its links.
  useEffect(() => {
    if (rightPane.current) rightPane.current.scrollTop = 0;
  }, [state.selectedId]);

  useEffect(() => {
    const t = setTimeout(() => void commands.search(query), 150);
    return () => clearTimeout(t);
  }, [query, commands]);

  /** A label key or button: tag the selected text, or relabel the selected annotation when nothing is selected. */
  // Rows marked done (or not) since a done filter was applied: the count and the filter bar both say so.
  const unfitting = useUnfitting(state.docIds, state.docRows, state.docFilter, state.docsLoading);
  const applyLabel = useLabelKey(reader, state.doc, state.view === 'documents', selected, commands);

  const sameAs = state.linkTypes.find((t) => t.transitive) ?? state.linkTypes[0];
  const accept = (s: Suggestion) => {
    if (!selected || !sameAs) return;
    if (s.kind === 'annotation') void commands.link(selected.id, s.target.annotation.id, sameAs.id);
    else void commands.linkToPassage(selected.id, sameAs.id, selected.labelId, s.passage);
  };

  // Pre-annotation (issue 14): the open document's proposals reload after runs and others' commits, and after the
  // edits in `history` that may change them (decisions, undo; not a tag beside them: features/proposals/refetch.ts).
  const readOnlyWhy = state.project?.readOnly ? 'Read-only project: proposals cannot be made or decided here.' : null;
  const proposalKey = useMemo(() => ({}), [state.projectSeq, state.linkSeq]);
  const review = useProposalReview({
    reads,
    commands,
    docId: state.view === 'documents' && !curation ? state.doc?.id ?? null : null,
    refreshKey: proposalKey,
    reader,
    readOnly: readOnlyWhy,
    say: (text) => keys.say(text),
    history,
  });

  const keys = useShortcuts({
    labels: state.labels,
    onLabel: applyLabel,
    canLabel: () => !!reader.current?.selection() || !!selected,
    nav: {
      docIds: state.docIds,
      nextUndone: commands.nextUndone,
      openId: state.doc?.id ?? null,
      annotations: shownAnnotations,
      selectedId: state.selectedId,
      hiddenLabels: state.hiddenLabels,
      openDoc: (id) => void commands.openDoc(id),
      select: (id) => commands.select(id, true),
      setDone: commands.setDone,
    },
    onUndo: () => void commands.undo(),
    onRedo: () => void commands.redo(),
    // On a board the selection is not in view: Delete must not remove something the analyst cannot see.
    onDelete: () => state.view === 'documents' && selected && void commands.remove(selected.id),
    // The error toast first: it is what was said last, and it stays until dismissed (a tester found no key closed it).
    onEscape: () =>
      state.error ? commands.dismissError() : openPane && paneFolded(openPane) ? setOpenPane(null) : query ? setQuery('') : review.escape() || commands.select(null),
    onFind: () => searchBox.current?.focus(),
    onLink: () => state.view === 'documents' && selected && setFinderOpen(true),
    onAccept: () => suggestions.current?.accept(),
    onDismiss: () => suggestions.current?.dismiss(),
    onMove: (step) => suggestions.current?.move(step),
    onProposal: review.decide,
    onProposalMove: review.move,
  });

  // The desktop menu's Undo/Redo/Tag items arrive as commands; in a text field, Undo means the field's own undo.
  const menuRef = useRef({ applyLabel, commands, labels: state.labels });
  menuRef.current = { applyLabel, commands, labels: state.labels };
  useEffect(
    () =>
      reads.on('menu.command', ({ command }) => {
        const m = menuRef.current;
        const typing = document.activeElement?.closest('input, textarea');
        if (command === 'undo' || command === 'redo') {
          if (typing) document.execCommand(command);
          else void (command === 'undo' ? m.commands.undo() : m.commands.redo());
        } else if (command.startsWith('label:')) {
          const label = m.labels.find((l) => l.key === command.slice('label:'.length));
          if (label) m.applyLabel(label, false);
        } else if (command === 'import.done') {
          m.commands.projectChanged();
          void m.commands.refreshDocs();
        }
        else if (command === 'export') setExportOpen(true);
      }),
    [reads],
  );

  return (
    <DropZone onFiles={(files) => void commands.importFiles(files)}>
      <div className="app" data-view={state.view}>
        <header className="topbar">
          <PaneToggle side="left" open={openPane} label="Document list" icon="☰" onToggle={setOpenPane} />
          <div className="brand">
            <span className="logo" aria-hidden>
              ✓✓
            </span>
            <span className="wordmark">Crosscheck</span>
            {state.project ? (
              <button className="project" title={`${state.project.name} — ${state.project.path}`} onClick={() => setProjectOpen(true)} aria-label="Project and backups">
                {/* Cut with an ellipsis when the bar is short of room (styles.css); the tooltip has it whole. */}
                <span className="project-name">{state.project.name}</span>
              </button>
            ) : null}
          </div>
          <nav className="views" aria-label="Views">
            {(['documents', 'claims', 'speakers', 'project', 'agreement'] as const).map((v) => (
              <button key={v} className={state.view === v ? 'view-on' : ''} aria-pressed={state.view === v} onClick={() => commands.setView(v)}>
                {v === 'documents' ? 'Documents' : v === 'claims' ? 'Claims' : v === 'speakers' ? 'Speakers' : v === 'project' ? 'Project' : 'Agreement'}
                {/* Dropped on a narrow window (styles.css), where "Claims" alone says enough. */}
                {v === 'claims' || v === 'speakers' ? <span className="view-more"> board</span> : null}
              </button>
            ))}
          </nav>
          <div className="searchbox">
            <input
              ref={searchBox}
              type="search"
              placeholder='Search the corpus — "phrase", prefix*'
              title={SEARCH_SYNTAX}
              aria-label="Search the corpus"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
            />
          </div>
          <div className="topbar-actions">
            <button onClick={() => void commands.undo()} disabled={!history.past.length} title="Undo (Ctrl+Z)" aria-label="Undo">
              ↶
            </button>
            <button onClick={() => void commands.redo()} disabled={!history.future.length} title="Redo (Ctrl+Shift+Z)" aria-label="Redo">
              ↷
            </button>
            <FoldMenu label="Menu">
              {layers.known ? <AnnotatingAs name={layers.known.current.name} onOpen={layers.openDialog} folded /> : null}
              <ImportButtons onFiles={(files) => void commands.importFiles(files)} busy={!!state.importing} />
              <button onClick={() => setMergeOpen(true)} disabled={!!state.importing || !!state.project?.readOnly} title="Merge another analyst's work (their project or export) as their layer">
                Merge…
              </button>
              {/* In the ⋯ menu only: inline, the wide top bar has no room left; there the document list and the reader offer it. */}
              <button
                className="fold-only-folded"
                onClick={() => review.openPreannotate(state.docSelection.length ? 'selected' : state.doc ? 'open' : 'all')}
                disabled={!!state.importing || !!readOnlyWhy}
                title={readOnlyWhy ?? 'Propose figures, speakers and claims for you to accept or reject'}
              >
                Pre-annotate…
              </button>
              <button onClick={() => setExportOpen(true)}>Export</button>
              <button onClick={() => setLabelsOpen(true)}>Labels</button>
              <ThemeToggle choice={theme} onChoose={setTheme} />
              {state.project ? (
                <button className="fold-only-narrow" onClick={() => setProjectOpen(true)}>
                  Project and backups
                </button>
              ) : null}
            </FoldMenu>
          </div>
          {state.view !== 'project' && state.view !== 'agreement' ? <PaneToggle side="right" open={openPane} label="Annotations" icon="✎" onToggle={setOpenPane} /> : null}
        </header>
        {state.project?.readOnly ? (
          <div className="readonly-banner" role="status">
            {state.project.readOnlyNote ??
              'Read-only: this project is on read-only media or was opened read-only. You can read, search and export; changes cannot be saved.'}
          </div>
        ) : null}
        {state.importing ? (
          <div className="progress" role="progressbar" aria-label="Import progress" aria-valuemin={0} aria-valuemax={state.importing.total} aria-valuenow={state.importing.done}>
            <div className="progress-bar" style={{ width: `${(100 * state.importing.done) / Math.max(1, state.importing.total)}%` }} />
            <span className="progress-text">
              Importing {state.importing.done} of {state.importing.total}
              {state.importing.current ? ` — ${state.importing.current}` : ''}
            </span>
          </div>
        ) : null}
        {curation ? (
          <CurationView
            key={curation.docId}
            reads={reads}
            docId={curation.docId}
            annotators={curation.annotators}
            labels={state.labels}
            refreshKey={`${state.linkSeq}:${history.past.length}:${history.future.length}`}
            onAccept={commands.acceptCuration}
            onMerge={commands.mergeAgreements}
            onClose={() => setCuration(null)}
          />
        ) : null}
        <main className="panes" data-open={openPane ?? undefined} data-selected={selected ? '' : undefined} hidden={!!curation}>
          <aside className="pane-left" id="pane-left" aria-label="Documents">
            {query.trim() ? (
              <SearchResults
                q={query}
                hits={state.search.hits}
                busy={state.search.busy}
                error={state.search.error}
                openId={state.doc?.id ?? null}
                onOpen={(h) => {
                  setOpenPane(null);
                  void commands.openDoc(h.docId, { q: query });
                }}
              />
            ) : (
              <>
                <div className="pane-title">
                  Documents{' '}
                  <DocumentsCount total={state.docsTotal} loading={state.docsLoading} filtered={Object.keys(state.docFilter).length > 0} unfitting={unfitting} />
                  <PreannotateButton
                    selected={state.docSelection.length}
                    disabled={!state.docsTotal || !!state.importing}
                    readOnly={readOnlyWhy}
                    onOpen={() => review.openPreannotate(state.docSelection.length ? 'selected' : 'all')}
                  />
                </div>
                <DocumentsPane
                  unfitting={unfitting}
                  ids={state.docIds}
                  rows={state.docRows}
                  loading={state.docsLoading}
                  work={state.docsWork}
                  docsSeq={state.docsSeq}
                  labels={state.labels}
                  openId={state.doc?.id ?? null}
                  sort={state.sort}
                  filter={state.docFilter}
                  selection={state.docSelection}
                  reads={reads}
                  actions={commands}
                  onOpen={(id) => {
                    setOpenPane(null);
                    void commands.openDoc(id);
                  }}
                />
              </>
            )}
          </aside>
          {/* A press in the reader puts away a pane drawn over it. */}
          <section className="pane-center" onMouseDown={() => openPane && setOpenPane(null)}>
            {state.view === 'project' ? (
              <Dashboard
                reads={reads}
                refreshKey={state.linkSeq}
                onShowDocuments={(filter) => void commands.filterDocs(filter)}
                onOpenClaims={(clusterId) => {
                  commands.setView('claims');
                  if (clusterId !== undefined) revealCluster(clusterId);
                }}
              />
            ) : state.view === 'agreement' ? (
              <AgreementView
                reads={reads}
                labels={state.labels}
                refreshKey={state.linkSeq}
                onOpenDisagreement={(docId, annotators) => openCuration(docId, annotators)}
              />
            ) : state.view !== 'documents' ? (
              <Boards
                reads={reads}
                view={state.view}
                refreshKey={state.linkSeq}
                onOpenMention={(docId, annotationId) => void commands.openAnnotation(docId, annotationId)}
                onRename={commands.renameCluster}
                annotators={layers.known?.annotators}
                currentId={layers.known?.current.id ?? null}
              />
            ) : state.doc ? (
              <>
                <LabelBar labels={state.labels} onLabel={keys.label} onHelp={keys.openHelp} />
                {layers.known && layers.shown ? (
                  <LayerBar
                    annotators={layers.known.annotators}
                    currentId={layers.known.current.id}
                    shown={layers.shown}
                    looks={layers.looks}
                    onToggle={layers.toggle}
                    onOpen={layers.refresh}
                    onSwitch={layers.openDialog}
                    onCurate={() => openCuration(state.doc!.id)}
                  />
                ) : null}
                <DocumentMeta doc={state.doc} readOnly={!!state.project?.readOnly} onSave={(patch) => commands.editDocMeta(state.doc!.id, patch)} />
                <Reader
                  ref={reader}
                  key={state.doc.id}
                  doc={state.doc}
                  annotations={shownAnnotations}
                  layers={layers.looks}
                  labels={state.labels}
                  selectedId={state.selectedId}
                  matches={state.matches}
                  reveal={state.reveal}
                  onClickSpans={(ids) => commands.select(cycleIds(ids, state.selectedId))}
                  proposals={review.list}
                  currentProposalId={review.current?.id ?? null}
                  onClickProposal={review.setCurrent}
                  tools={<ProposalTools count={review.list.length} onNext={() => review.move(1)} onPreannotate={() => review.openPreannotate('open')} readOnly={readOnlyWhy} />}
                  onDone={(done) => void commands.setDone(state.doc!.id, done)}
                />
              </>
            ) : (
              <div className="welcome">
                <h1>Open a document to start tagging</h1>
                <p>
                  Pick one in the document list (☰ opens it on a narrow window) or search the corpus. Select text and press <kbd>1</kbd> claim, <kbd>2</kbd> speaker, <kbd>3</kbd>{' '}
                  figure. Hold <kbd>Alt</kbd> to keep the exact selection instead of whole words.
                </p>
              </div>
            )}
          </section>
          <aside className="pane-right" id="pane-right" ref={rightPane} aria-label="Annotation details">
            {selected ? (
              <AnnotationEditor
                annotation={selected}
                labels={state.labels}
                onUpdate={(patch) => void commands.update(selected.id, patch)}
                onDelete={() => void commands.remove(selected.id)}
                readOnly={notMine}
                onPropagate={notMine || readOnlyWhy ? undefined : () => review.openPropagate(selected.id)}
              />
            ) : null}
            {selected ? (
              <>
                <DeferredLinkPanel
                  reads={reads}
                  annotation={selected}
                  labels={state.labels}
                  types={state.linkTypes}
                  seq={state.linkSeq}
                  onOpen={(docId, id) => void commands.openAnnotation(docId, id)}
                  onUnlink={(l) => void commands.unlink(l)}
                  onRename={(id, before, after) => void commands.renameCluster(id, before, after).then(commands.showFailure)}
                  onDetach={(id) => void commands.detach(id)}
                  onFind={() => setFinderOpen(true)}
                />
                {/* Suggestions are for linking, which stays within one's own layer. */}
                {notMine ? null : (
                  <Suggestions
                    ref={suggestions}
                    reads={reads}
                    annotation={selected}
                    seq={state.linkSeq}
                    onAccept={accept}
                    onDismiss={(sg) => void commands.dismissSuggestion(selected.id, sg.key)}
                  />
                )}
              </>
            ) : null}
            {state.doc ? (
              <AnnotationList
                annotations={shownAnnotations}
                layers={layers.shown && layers.shown.size > 1 ? layers.looks : undefined}
                labels={state.labels}
                hidden={state.hiddenLabels}
                selectedId={state.selectedId}
                onToggleLabel={commands.toggleLabel}
                onSelect={(id) => commands.select(id, true)}
                proposals={review.list}
                currentProposalId={review.current?.id ?? null}
                onSelectProposal={(id) => {
                  const p = review.list.find((x) => x.id === id);
                  if (p) review.setCurrent(id), reader.current?.reveal(p.start);
                }}
              />
            ) : null}
          </aside>
        </main>
        {state.error ? <ErrorToast message={state.error} onDismiss={commands.dismissError} /> : null}
        {finderOpen && selected ? (
          <Finder
            reads={reads}
            source={selected}
            labels={state.labels}
            types={state.linkTypes}
            onLink={(toId, type, swap) => void (swap ? commands.link(toId, selected.id, type.id) : commands.link(selected.id, toId, type.id))}
            onLinkPassage={(p, type, labelId) => void commands.linkToPassage(selected.id, type.id, labelId, p)}
            onClose={() => setFinderOpen(false)}
          />
        ) : null}
        {projectOpen && state.project ? (
          <ProjectDialog
            reads={reads}
            project={state.project}
            onBackup={commands.backupProject}
            onRestore={commands.restoreBackup}
            onClose={() => setProjectOpen(false)}
          />
        ) : null}
        <ProposalOverlays
          review={review}
          reads={reads}
          labels={state.labels}
          linkTypes={state.linkTypes}
          reading={state.view === 'documents' && !!state.doc && !curation}
          open={state.doc ? { id: state.doc.id, title: state.doc.title } : null}
          selectedDocs={state.docSelection}
          annotations={state.annotations}
          readOnly={readOnlyWhy}
          commands={commands}
        />
        {mergeOpen ? <MergeDialog onMerge={commands.mergeFile} onClose={() => setMergeOpen(false)} /> : null}
        {exportOpen ? (
          <ExportDialog
            reads={reads}
            labels={state.labels}
            job={state.exporting}
            onRun={commands.runExport}
            onCancel={commands.cancelExport}
            onClose={() => setExportOpen(false)}
          />
        ) : null}
        {layers.dialog && layers.known ? (
          <AnnotatorDialog
            firstRun={layers.dialog === 'first'}
            current={layers.known.current}
            annotators={layers.known.annotators}
            onChoose={layers.choose}
            onClose={layers.closeDialog}
          />
        ) : null}
        {state.confirm ? <ConfirmDialog {...state.confirm} onAnswer={commands.answerConfirm} /> : null}
        {keys.helpOpen ? <HelpSheet labels={state.labels} onClose={keys.closeHelp} /> : null}
        <StatusMessage status={keys.status} lasting={waiting} />
        {state.report ? <ImportReportDialog report={state.report} onClose={commands.dismissReport} /> : null}
        {labelsOpen ? (
          <LabelSettings
            labels={state.labels}
            linkTypes={state.linkTypes}
            onSaveLinkType={commands.saveLinkType}
            onSave={commands.saveLabel} onDelete={(id) => void commands.deleteLabel(id)} onClose={() => setLabelsOpen(false)} />
        ) : null}
      </div>
    </DropZone>
  );
}

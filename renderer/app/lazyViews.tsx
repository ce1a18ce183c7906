/**
 * The views a project does not need at open, loaded on first use: each is a chunk of its own (scripts/build.mjs
 * splits the bundle), so that opening a project evaluates only the document list, the reader and what they use
 * (issue 15: open until the list is interactive ≤ 1 s). `preloadViews` fetches them all once the list is up, so
 * that the first switch to a board or the dashboard does not wait for its chunk either.
 *
 * Dialogs a key opens at once (help, confirm, the annotator's name) stay in the main bundle: a key pressed right
 * after the page loads must find them mounted, not on their way.
 */
import { lazy, Suspense, useState, type ComponentType } from 'react';

const loaders: (() => Promise<unknown>)[] = [];

/**
 * A component that renders the one `load` resolves to, loading it on first render (or `preloadViews`). Nothing is
 * drawn while it loads (a chunk from the app's own origin: milliseconds). A chunk that fails to load (the build
 * replaced under a running page) draws a note asking for a reload instead of taking the window down.
 */
function lazyView<P extends object>(name: string, load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loading: Promise<{ default: ComponentType<P> }> | null = null;
  // Once loaded (preloadViews), drawn at once: React.lazy suspends on its first render even then, and React 19
  // holds a suspended boundary's content back for 300 ms (measured: the claims board's first request went out
  // 0.3 s after the click).
  let ready: ComponentType<P> | null = null;
  const start = (): Promise<{ default: ComponentType<P> }> =>
    (loading ??= load().then(
      (view) => ({ default: (ready = view) }),
      (e: unknown) => ({ default: (ready = () => <LoadFailed name={name} why={e instanceof Error ? e.message : String(e)} />) }),
    ));
  loaders.push(start);
  const Lazy = lazy(start);
  const Loaded = (props: P) => {
    // Chosen once per mount: one drawn while loading stays on `Lazy` (switching would remount the view).
    const [View] = useState(() => ready ?? Lazy);
    return <View {...props} />;
  };
  function View(props: P) {
    return (
      <Suspense fallback={null}>
        <Loaded {...props} />
      </Suspense>
    );
  }
  View.displayName = `Lazy(${name})`;
  return View;
}

function LoadFailed({ name, why }: { name: string; why: string }) {
  return (
    <p className="error-text" role="alert">
      The {name} could not be loaded ({why}). Reload the window to try again.
    </p>
  );
}

let preloading = false;

/**
 * Loads every lazy view's chunk (each once) when the page is next idle; call when the page has what it needs at
 * open. Later calls do nothing.
 */
export function preloadViews(): void {
  if (preloading) return;
  preloading = true;
  const all = () => loaders.forEach((start) => void start());
  if (typeof requestIdleCallback === 'function') requestIdleCallback(all, { timeout: 2000 });
  else setTimeout(all, 200);
}

// The reader (TipTap and ProseMirror: a third of what is left) is drawn only once a document is opened.
export const Reader = lazyView('reader', () => import('../features/annotate/Reader').then((m) => m.Reader));
export const Boards = lazyView('board', () => import('../features/boards/Boards').then((m) => m.Boards));
export const Dashboard = lazyView('dashboard', () => import('../features/dashboard/Dashboard').then((m) => m.Dashboard));
export const AgreementView = lazyView('agreement view', () => import('../features/agreement/AgreementView').then((m) => m.AgreementView));
export const CurationView = lazyView('curation view', () => import('../features/curation/CurationView').then((m) => m.CurationView));
export const ExportDialog = lazyView('export dialog', () => import('../features/export/ExportDialog').then((m) => m.ExportDialog));
export const MergeDialog = lazyView('merge dialog', () => import('../features/merge/MergeDialog').then((m) => m.MergeDialog));

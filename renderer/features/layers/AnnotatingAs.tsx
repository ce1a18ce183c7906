/**
 * The "Annotating as <name>" button: says whose layer new spans and links go to, and opens the annotator dialog
 * to switch or add one. It stands in the bar above the reader; `folded` is the copy in the top bar's ⋯ menu,
 * shown only while the top bar is folded (below 1280 px), so it is reachable from every view on a narrow window
 * without crowding the wide top bar.
 */
export function AnnotatingAs({ name, onOpen, folded = false }: { name: string; onOpen(): void; folded?: boolean }) {
  return (
    <button className={folded ? 'annotating-as annotating-fold' : 'annotating-as'} onClick={onOpen} title={`New spans and links go to ${name}'s layer. Switch or add an annotator.`}>
      Annotating as <span className="annotating-name">{name}</span>
    </button>
  );
}

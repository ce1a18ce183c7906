/** Which side pane is drawn over the reader when the window is too narrow to show it beside the reader. */
export type OpenPane = 'left' | 'right' | null;

/**
 * Whether the `side` pane is folded away at the window's current width, i.e. its toggle is shown. The breakpoints
 * live in styles.css alone; this reads their outcome instead of repeating the numbers.
 */
export function paneFolded(side: 'left' | 'right'): boolean {
  return (document.querySelector(`.pane-toggle-${side}`)?.getClientRects().length ?? 0) > 0;
}

/**
 * The button that shows or hides a side pane. CSS shows it only below the width at which that pane stops
 * standing beside the reader (styles.css, "Responsive layout"); above it the pane is always there and the
 * button is not rendered visibly (display: none keeps it out of the accessibility tree too).
 */
export function PaneToggle({
  side,
  open,
  label,
  icon,
  onToggle,
}: {
  side: 'left' | 'right';
  open: OpenPane;
  /** Accessible name, e.g. "Documents". */
  label: string;
  icon: string;
  onToggle(next: OpenPane): void;
}) {
  const on = open === side;
  return (
    <button
      className={`pane-toggle pane-toggle-${side}`}
      aria-expanded={on}
      aria-controls={`pane-${side}`}
      aria-label={label}
      title={`${on ? 'Hide' : 'Show'} ${label.toLowerCase()}`}
      onClick={() => onToggle(on ? null : side)}
    >
      <span aria-hidden>{icon}</span>
    </button>
  );
}

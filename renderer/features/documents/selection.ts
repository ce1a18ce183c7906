/**
 * Ticking documents in the list, as file managers do: a click on the box or Ctrl/Cmd+click toggles one row,
 * Shift+click ticks every row from the last one toggled (the anchor) to the clicked one, Space toggles the focused
 * row. Pure, over ids in list order, so the rules are tested without a DOM.
 */

export interface Tick {
  /** The row clicked or toggled. */
  id: number;
  /** Shift held: a range from the anchor. */
  range: boolean;
}

/**
 * The ticked ids after a tick. `order` is the list as shown; `anchor` the last row toggled (null: none yet), from
 * which a range starts; a range adds to what is ticked. Ids are kept in list order.
 * @example nextSelection([1, 2, 3, 4], [2], 2, { id: 4, range: true }) // [2, 3, 4]
 */
export function nextSelection(order: number[], ticked: number[], anchor: number | null, t: Tick): number[] {
  const set = new Set(ticked);
  const from = anchor === null ? -1 : order.indexOf(anchor);
  const to = order.indexOf(t.id);
  if (t.range && from !== -1 && to !== -1) {
    const [a, b] = from < to ? [from, to] : [to, from];
    for (const id of order.slice(a, b + 1)) set.add(id);
  } else if (set.has(t.id)) set.delete(t.id);
  else set.add(t.id);
  return order.filter((id) => set.has(id));
}

/** The row index a navigation key moves focus to from `at` in a list of `n` rows (clamped), or null for other keys. */
export function movedFocus(key: string, at: number, n: number, page: number): number | null {
  const clamp = (i: number) => Math.max(0, Math.min(n - 1, i));
  switch (key) {
    case 'ArrowDown':
      return clamp(at + 1);
    case 'ArrowUp':
      return clamp(at - 1);
    case 'PageDown':
      return clamp(at + page);
    case 'PageUp':
      return clamp(at - page);
    case 'Home':
      return 0;
    case 'End':
      return n - 1;
    default:
      return null;
  }
}

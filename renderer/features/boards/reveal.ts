/**
 * A cluster another view asked the claims board to show (the dashboard's conflict list): the board reads the page
 * holding it and scrolls there, since a virtualised board has no card for it until then. Asked before the board is
 * drawn, the request waits for it (`takeReveal`); asked while it is drawn, it goes to it at once (`onReveal`).
 */
let pending: number | null = null;
const listeners = new Set<(clusterId: number) => void>();

/** Asks the claims board to bring cluster `clusterId` into view. */
export function requestReveal(clusterId: number): void {
  if (listeners.size) listeners.forEach((l) => l(clusterId));
  else pending = clusterId;
}

/** The cluster asked for before the board was drawn, once. */
export function takeReveal(): number | null {
  const id = pending;
  pending = null;
  return id;
}

/** Calls `listener` with each cluster asked for while the board is drawn; returns the unsubscribe. */
export function onReveal(listener: (clusterId: number) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

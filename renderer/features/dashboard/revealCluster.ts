import { requestReveal } from '../boards/reveal';

/**
 * Brings one cluster's card into view on the claims board once the board has drawn it (the board loads after
 * the view switches): asks the board for the page holding it (a virtualised board draws only the cards on
 * screen, boards/reveal.ts), then scrolls to `[data-cluster-id]`, focuses it for the keyboard, and gives up after
 * `timeoutMs` (the cluster may have gone meanwhile).
 */
export function revealCluster(clusterId: number, timeoutMs = 5000): void {
  requestReveal(clusterId);
  const until = Date.now() + timeoutMs;
  const look = () => {
    const card = document.querySelector<HTMLElement>(`[data-cluster-id="${clusterId}"]`);
    if (card) {
      if (!card.hasAttribute('tabindex')) card.setAttribute('tabindex', '-1');
      // The board's header sticks to the top: the card's head must land below it, not under it.
      const head = document.querySelector('.board-head')?.getBoundingClientRect().height ?? 0;
      card.style.scrollMarginTop = `${Math.ceil(head) + 8}px`;
      card.scrollIntoView({ block: 'start' });
      card.focus({ preventScroll: true });
      return;
    }
    if (Date.now() < until) requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
}

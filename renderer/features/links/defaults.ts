import type { LinkType } from '../../../common/model';

/**
 * The link an analyst most likely means between two labels, and which end it starts from: the same label is
 * the same thing retold (same-as); a claim points at its speaker (said-by) and at the figures it cites (cites).
 * Returns the direction to use too, so that linking from a speaker to a claim still stores claim → speaker.
 * @example defaultLink('speaker', 'claim', types) // { type: said-by, swap: true }
 */
export function defaultLink(fromLabel: string, toLabel: string, types: LinkType[]): { type: LinkType | undefined; swap: boolean } {
  const byName = (n: string) => types.find((t) => t.name === n);
  const pair = (a: string, b: string) => (fromLabel === a && toLabel === b ? 'forward' : fromLabel === b && toLabel === a ? 'back' : null);
  if (fromLabel === toLabel) return { type: byName('same-as') ?? types[0], swap: false };
  for (const [a, b, t] of [
    ['claim', 'speaker', 'said-by'],
    ['claim', 'figure', 'cites'],
  ] as const) {
    const dir = pair(a, b);
    if (dir && byName(t)) return { type: byName(t), swap: dir === 'back' };
  }
  return { type: byName('same-as') ?? types[0], swap: false };
}

/** The next type when the analyst cycles with Tab (Shift+Tab goes back). */
export function cycleType(types: LinkType[], current: LinkType | undefined, step: 1 | -1): LinkType | undefined {
  if (!types.length) return undefined;
  const i = current ? types.findIndex((t) => t.id === current.id) : -1;
  return types[(i + step + types.length) % types.length];
}

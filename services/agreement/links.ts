// Link agreement between two annotators: recall, precision and F1 of one annotator's typed links against the
// other's, per link type (issue 13: said-by, cites, contradicts, supports; same-as is scored as clusters).
import { mentionKey, prf, type MentionRef, type Score } from './clusters.js';

/** A typed link between two mentions (spans or string ids, identified as in clusters.ts). */
export interface LinkRef {
  type: string;
  from: MentionRef;
  to: MentionRef;
}

/** The identity of a link: type, then its ends — in the given order when the type is directed, sorted when not. */
function linkKey(link: LinkRef, directed: (type: string) => boolean): string {
  const from = mentionKey(link.from);
  const to = mentionKey(link.to);
  const [x, y] = directed(link.type) || from <= to ? [from, to] : [to, from];
  return `${link.type}\u0001${x}\u0001${y}`;
}

/** The distinct link identities of one side, grouped by type. */
function byType(links: readonly LinkRef[], directed: (type: string) => boolean): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const link of links) {
    const set = out.get(link.type) ?? new Set<string>();
    set.add(linkKey(link, directed));
    out.set(link.type, set);
  }
  return out;
}

/**
 * Per link type, recall |K∩R|/|K|, precision |K∩R|/|R| and F1 of the `response` links (annotator b) against the
 * `key` links (annotator a), a link being the triple (type, from-mention, to-mention). `directed(type)` says
 * whether from→to differs from to→from for that type; for a symmetric type the pair is unordered. A link
 * listed twice on one side counts once. Every type that occurs on either side gets an entry; a ratio 0/0 is
 * null (see `prf`). Throws on a malformed span mention.
 */
export function linkAgreement(
  key: readonly LinkRef[],
  response: readonly LinkRef[],
  directed: (type: string) => boolean,
): Record<string, Score> {
  const k = byType(key, directed);
  const r = byType(response, directed);
  const out: Record<string, Score> = {};
  for (const type of [...new Set([...k.keys(), ...r.keys()])].sort()) {
    const kt = k.get(type) ?? new Set<string>();
    const rt = r.get(type) ?? new Set<string>();
    let both = 0;
    for (const link of kt) if (rt.has(link)) both++;
    out[type] = prf(both, kt.size, both, rt.size);
  }
  return out;
}

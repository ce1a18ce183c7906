/**
 * Negative pairs for the `pairs` dataset: the per-label index of candidate mentions, the seeded draw and the
 * choice of hard negatives by shared key words. The rule is the "Negatives" paragraph at the top of
 * pairs-export.ts; this module only carries it out.
 */

// ---- deterministic randomness --------------------------------------------------------------------------

/**
 * A 32-bit seed from a list of numbers and strings: FNV-1a over their decimal forms (each followed by a NUL),
 * then murmur3's finaliser to spread the bits. Seeds mulberry32 (common/random.ts) per positive pair.
 */
export function hash32(parts: (number | string)[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    const s = String(p) + '\u0000';
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

// ---- key words for hard negatives -----------------------------------------------------------------------

const STOP = new Set(
  (
    'the and for with from that this these those are was were been being has have had its his her hers their ' +
    'our your you she they them him who whom which what when where why how not but than then there here into ' +
    'onto over under about after before also more most some any all each other such only own same very can ' +
    'will would could should may might must shall did does doing done said says say told according per via ' +
    'one out off yet just still ever even upon'
  ).split(' '),
);

/** Lower-cased words of 3+ letters that are not stop words, and numbers of any length. */
export function keyWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.normalize('NFC').toLowerCase().matchAll(/[\p{L}\p{M}\p{N}]+/gu)) {
    const w = m[0];
    if (/\p{N}/u.test(w) || (w.length >= 3 && !STOP.has(w))) out.add(w);
  }
  return out;
}

// ---- candidate index ------------------------------------------------------------------------------------

/** The spans of one label in one split: span ids and cluster ids (0: none) side by side, 8 bytes a span. */
interface LabelPool {
  ids: Int32Array;
  clusters: Int32Array;
  length: number;
}

function push(pool: LabelPool, id: number, cluster: number) {
  if (pool.length === pool.ids.length) {
    const grow = (a: Int32Array) => {
      const b = new Int32Array(Math.max(16, a.length * 2));
      b.set(a);
      return b;
    };
    pool.ids = grow(pool.ids);
    pool.clusters = grow(pool.clusters);
  }
  pool.ids[pool.length] = id;
  pool.clusters[pool.length] = cluster;
  pool.length++;
}

/** The mention a negative is drawn for. */
export interface Anchor {
  id: number;
  label: string;
  /** Its same-as cluster id. */
  cluster: number;
}

/**
 * Draws negatives for the anchors of one split. `rows` are [span id, label id, cluster id or null] of the
 * split's spans (read once, into the pools); only labels in `exported` are kept. `textsOf` reads the texts of
 * the few spans drawn. A pair drawn once is never drawn again within this sampler.
 */
export function negativeSampler(
  rows: Iterable<[number, number, number | null]>,
  labelName: ReadonlyMap<number, string>,
  exported: ReadonlySet<string>,
  textsOf: (ids: number[]) => { id: number; text: string }[],
) {
  const pools = new Map<string, LabelPool>();
  for (const [id, labelId, cluster] of rows) {
    const name = labelName.get(labelId)!;
    if (!exported.has(name)) continue;
    let pool = pools.get(name);
    if (!pool) pools.set(name, (pool = { ids: new Int32Array(16), clusters: new Int32Array(16), length: 0 }));
    push(pool, id, cluster ?? 0);
  }
  const seenNegative = new Set<string>();
  const pairKey = (x: number, y: number) => (x < y ? `${x}:${y}` : `${y}:${x}`);

  /** Up to `count` negatives for `anchor`: [candidate id, hard] in output order; each is then taken. */
  return function sample(anchor: Anchor, count: number, rng: () => number): [number, boolean][] {
    const pool = pools.get(anchor.label);
    if (!pool || count <= 0) return [];
    const want = count * 4;
    const drawn: number[] = [];
    const taken = new Set<number>();
    for (let tries = 0, limit = want * 8 + 32; drawn.length < want && tries < limit; tries++) {
      const i = Math.floor(rng() * pool.length);
      const id = pool.ids[i];
      if (pool.clusters[i] === anchor.cluster || taken.has(id) || seenNegative.has(pairKey(anchor.id, id))) continue;
      taken.add(id);
      drawn.push(id);
    }
    if (!drawn.length) return [];
    const texts = new Map(textsOf([anchor.id, ...drawn]).map((r) => [r.id, r.text]));
    const mine = keyWords(texts.get(anchor.id) ?? '');
    const shared = drawn.map((id, i) => {
      let n = 0;
      for (const w of keyWords(texts.get(id) ?? '')) if (mine.has(w)) n++;
      return { id, i, n };
    });
    const hard = shared
      .filter((s) => s.n > 0)
      .sort((x, y) => y.n - x.n || x.i - y.i)
      .slice(0, Math.ceil(count / 2));
    const hardIds = new Set(hard.map((h) => h.id));
    const rest = drawn.filter((id) => !hardIds.has(id)).slice(0, count - hard.length);
    const chosen = [...hard.map((h): [number, boolean] => [h.id, true]), ...rest.map((id): [number, boolean] => [id, false])];
    for (const [id] of chosen) seenNegative.add(pairKey(anchor.id, id));
    return chosen;
  };
}

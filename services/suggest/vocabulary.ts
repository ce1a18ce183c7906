/**
 * The corpus index's terms, for spelling variants of names (names.ts similarTerms), read in pieces and kept.
 *
 * Reading the whole vocabulary costs the whole index: fts5vocab walks every term's document list to count it
 * (1 s of CPU at 100,000 articles). A name's variants only ever start with a few letters (names.ts
 * variantInitials), so the vocabulary is read by first character (one range of the index per ASCII character,
 * one for every term starting beyond ASCII), each range at its first use, and kept. Documents imported later
 * are added from their own text (tokenized as the index does), so an import costs what it added, not the
 * corpus again; a large import drops the kept ranges instead, to be read again when needed. Terms of deleted
 * documents may stay: a variant that no document holds any more only finds nothing.
 *
 * A first-character range still costs 30–110 ms at 100,000 articles (four of them for a name starting with k:
 * ~190 ms on the first speaker suggestion of a session). So after a project opens, `warmInBackground` reads
 * every range in slices of two first characters (~1–10 ms each, at most ~45 ms for one as common as "th"; one
 * per turn of the event loop, and only while no request is being served): ~1.2 s of CPU once per session at
 * 100,000 articles, spent while the person reads, not while they wait.
 * A range asked for before it is done reads only the slices still missing.
 */
import { variantInitials } from './names.js';

/** What the vocabulary is read from (db/suggest-queries.ts). */
export interface VocabularySource {
  lastDocumentId(): number;
  termsBetween(lo: string, hi: string): string[];
  termsOfDocuments(after: number, upTo: number): string[];
}

/** New documents added term by term; past this many the kept ranges are dropped and read again when needed. */
const INCREMENTAL_DOCUMENTS = 2000;
/** The range of terms starting with a character beyond ASCII (UTF-8 order, as the index keeps terms). */
const BEYOND_ASCII: [string, string] = ['\u0080', '\u{10FFFF}'];

/** The range key of a term: its first character when ASCII, else one key for all the rest. */
const rangeOf = (term: string) => (term.charCodeAt(0) < 128 ? term[0] : '');

/** Every range key, the commonest initials of names first (the beyond-ASCII range is small). */
const ALL_KEYS = [...'ksmbadgrpvtlcnhzfoyjeiuwqx0123456789_', ''];

/**
 * The slices a range is read in: [lo, hi) pairs that tile it, split at a second character a–z so that each
 * costs a small part of the range.
 */
function slicesOf(key: string): [string, string][] {
  if (!key) return [BEYOND_ASCII];
  const next = String.fromCharCode(key.charCodeAt(0) + 1);
  const bounds = [key, ...[...'abcdefghijklmnopqrstuvwxyz{'].map((c) => key + c), next];
  return bounds.slice(1).map((hi, i): [string, string] => [bounds[i], hi]);
}

/** How long after a project opens the background reading starts (the open itself and its first screen come first). */
const WARM_DELAY_MS = 2000;
/** How long the background reading waits, when the thread is busy, before it looks again. */
const IDLE_RETRY_MS = 250;

/** A lazily read, incrementally kept vocabulary of the corpus index. */
export function indexVocabulary(source: VocabularySource) {
  const ranges = new Map<string, Set<string>>();
  /** Ranges being read slice by slice: the terms so far and the slices left. */
  const partial = new Map<string, { terms: Set<string>; left: [string, string][] }>();
  let seenUpTo = -1;

  /** Brings the kept ranges up to the documents there are now. */
  function sync(): void {
    const last = source.lastDocumentId();
    if (last === seenUpTo) return;
    if (seenUpTo < 0 || last < seenUpTo || last - seenUpTo > INCREMENTAL_DOCUMENTS) {
      ranges.clear();
      partial.clear();
    } else if (ranges.size || partial.size) {
      // Slices read before the import lack its terms; those still to read will hold them.
      for (const term of source.termsOfDocuments(seenUpTo, last)) (ranges.get(rangeOf(term)) ?? partial.get(rangeOf(term))?.terms)?.add(term);
    }
    seenUpTo = last;
  }

  /** Reads one more slice of range `key` (none when it is kept whole already); true when the range is now whole. */
  function readSlice(key: string): boolean {
    if (ranges.has(key)) return true;
    let p = partial.get(key);
    if (!p) partial.set(key, (p = { terms: new Set(), left: slicesOf(key) }));
    const [lo, hi] = p.left.shift()!;
    for (const term of source.termsBetween(lo, hi)) p.terms.add(term);
    if (p.left.length) return false;
    partial.delete(key);
    ranges.set(key, p.terms);
    return true;
  }

  /** Range `key` whole, reading what is missing of it. */
  function range(key: string): Set<string> {
    const p = partial.get(key);
    if (p) while (!readSlice(key));
    let terms = ranges.get(key);
    if (!terms) {
      const [lo, hi] = key ? [key, String.fromCharCode(key.charCodeAt(0) + 1)] : BEYOND_ASCII;
      terms = new Set(source.termsBetween(lo, hi));
      ranges.set(key, terms);
    }
    return terms;
  }

  /** Reads one slice of the first range not kept yet; false when every range is kept. */
  function warmStep(): boolean {
    sync();
    const key = ALL_KEYS.find((k) => !ranges.has(k));
    if (key === undefined) return false;
    readSlice(key);
    return true;
  }

  return {
    /**
     * The index terms that may be spelling variants of `term` (lower case, as the index keeps them): every term
     * starting with one of its variantInitials, and every term starting beyond ASCII.
     */
    *candidatesFor(term: string): Iterable<string> {
      sync();
      for (const key of [...variantInitials(term), '']) yield* range(key);
    },

    /** Reads one slice of a range not kept yet (what warmInBackground does each turn); false when all are kept. */
    warmStep,

    /**
     * Reads every range, a slice at a time, starting `delayMs` from now, while `idle()` says the thread has no
     * requests to serve (checked again every IDLE_RETRY_MS when it has): so the reading neither delays a request
     * by more than a slice nor adds to what a burst of requests costs. Stops when all are kept, at the first error
     * (the project closed) or when the returned function is called. Timers are unref'd: they never keep a process
     * alive.
     */
    warmInBackground(idle: () => boolean = () => true, delayMs = WARM_DELAY_MS): () => void {
      let timer: ReturnType<typeof setTimeout> | null = null;
      const later = (ms: number) => {
        timer = setTimeout(step, ms);
        timer.unref?.();
      };
      const step = () => {
        timer = null;
        if (!idle()) return later(IDLE_RETRY_MS);
        try {
          if (!warmStep()) return;
        } catch {
          return;
        }
        later(0);
      };
      later(delayMs);
      return () => {
        if (timer) clearTimeout(timer);
        timer = null;
      };
    },
  };
}

/**
 * What a warm reader thread (services/reader/worker.ts, told `warm` by a host's backend at open) does between
 * calls: it reads the first card of the claims and speakers boards before anyone asks, so that the boards' header
 * totals (services/boards.ts: mentions, dates and sources added up over a board's clusters' documents, ~0.1 s of
 * CPU at 100,000 documents, kept until a cluster's mentions or documents change) and the pages the cards read are
 * ready when a board is first opened. A board's order needs no building: migration 0009 keeps it in an index. After
 * the project changes it reads them again, but only
 *  - once a board has been asked for in this session (a session that only tags never pays for boards again),
 *  - once the project has stopped changing for one check (a burst of tagging costs one rebuild, after it; the
 *    first build too waits one check, so that it does not compete with the page opening), and
 *  - while the thread is idle (a search or a suggestion is never kept waiting behind it for longer than a check).
 */

/** What the warmer needs from its thread. */
export interface WarmSource {
  /** The project's version as this connection sees it (PRAGMA data_version: moves with other connections' commits). */
  version(): number;
  /** Whether the thread has no call waiting or running, and has had none for a while. */
  idle(): boolean;
  /** Reads the boards' first cards (in the thread's turn, one read snapshot); may throw (the project closed). */
  build(): Promise<void>;
}

/** The boards' warmer: `tick` is called every check interval, `asked` whenever a board method is called. */
export interface BoardsWarmer {
  /** A board was asked for: from now on the boards are also read again after changes. */
  asked(): void;
  /** One check: reads the boards when out of date, the version held since the last check and the thread is idle. */
  tick(): Promise<void>;
}

/**
 * The warmer of one thread: the first tick that finds the version held since the tick before and the thread idle
 * reads the boards; later ones read them again as the header says.
 */
export function boardsWarmer(source: WarmSource): BoardsWarmer {
  /** The version the boards were last read at; null before the first read. */
  let built: number | null = null;
  /** The version seen at the last check, so that a change still going on waits for the next. */
  let seen: number | null = null;
  let inUse = false;
  let building = false;

  return {
    asked() {
      inUse = true;
    },
    async tick() {
      if (building) return;
      let now: number;
      try {
        now = source.version();
      } catch {
        return;
      }
      const steady = now === seen;
      seen = now;
      // Never while the project is changing (nor at the very first check: the page is still opening then).
      const due = steady && (built === null || (inUse && now !== built));
      if (!due || !source.idle()) return;
      building = true;
      built = now;
      try {
        await source.build();
      } catch {
        /* the project closed, or a read failed: the next call adds up the totals itself */
      } finally {
        building = false;
      }
    },
  };
}

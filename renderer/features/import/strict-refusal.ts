/**
 * A strict import's refusal, read back from the backend's message (services/formats/importers.ts, refuseDrops):
 *
 *   refused (strict): N things would be left out, so nothing of this import was kept (its other files neither):
 *     <path>: <where>: <what>: <why>          (one line per entry, at most 20)
 *     … and K more                            (when more than 20)
 *
 * The error crosses the boundary as name and message only, so the message is the one source of the entries.
 */
import type { DroppedEntry, ImportReport } from '../../../common/model';

export interface StrictRefusal {
  /** How many things the import would have left out: every one, listed or not. */
  total: number;
  /** The entries the message lists, in its order (the backend lists the first 20). */
  entries: DroppedEntry[];
  /** How many more the message did not list ("… and K more"); 0 when it listed them all. */
  more: number;
}

/**
 * What the import report dialog shows: a report, or (with `refused`, and nothing imported) a strict import that was
 * refused, with the way to run it again with Strict unticked; it resolves when that import has ended.
 */
export type ShownImportReport = ImportReport & { refused?: StrictRefusal & { retryWithoutStrict?: () => Promise<void> } };

const HEAD = /refused \(strict\): (\d+) things? would be left out[^\n]*/;
const MORE = /^… and (\d+) more$/;

/**
 * Splits `s` at each ": " that is not inside a double-quoted string (labels, texts and JSON values in `what` are
 * quoted, and may hold ": " themselves). A string cut short ("…" in a long preview) leaves a quote open; then
 * every ": " counts, as if nothing were quoted.
 */
function unquotedSeparators(s: string): number[] {
  const at: number[] = [];
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    if (quoted && s[i] === '\\') i++;
    else if (s[i] === '"') quoted = !quoted;
    else if (!quoted && s.startsWith(': ', i)) at.push(i);
  }
  if (!quoted) return at;
  return [...s.matchAll(/: /g)].map((m) => m.index!);
}

/**
 * One entry line without its indent. The path is the longest of `paths` the line starts with (a file name may
 * hold ": "), else what comes before the first ": "; `where` ("line 3", "task 2, region r7") never holds ": ";
 * `what` may ("key \"source\": …"), `why` (fixed sentences) does not: so `what` and `why` part at the last
 * ": " outside quotes. A line with fewer than three separators keeps its rest in `why`.
 */
function entryOf(line: string, paths: readonly string[]): DroppedEntry {
  const known = paths.filter((p) => line.startsWith(`${p}: `)).sort((a, b) => b.length - a.length)[0];
  const pathEnd = known !== undefined ? known.length : line.indexOf(': ');
  if (pathEnd < 0) return { path: '', where: '', what: '', why: line };
  const path = line.slice(0, pathEnd);
  const rest = line.slice(pathEnd + 2);
  const whereEnd = rest.indexOf(': ');
  if (whereEnd < 0) return { path, where: '', what: '', why: rest };
  const where = rest.slice(0, whereEnd);
  const tail = rest.slice(whereEnd + 2);
  const last = unquotedSeparators(tail).pop();
  if (last === undefined) return { path, where, what: '', why: tail };
  return { path, where, what: tail.slice(0, last), why: tail.slice(last + 2) };
}

/**
 * Reads a strict refusal from an error message (found anywhere in it, so a prefix added on the way is harmless).
 * @param paths the paths of the files imported, to tell a path holding ": " from the fields after it.
 * @returns the refusal, or null when the message is not one (any other failure stays a plain error).
 */
export function parseStrictRefusal(message: string, paths: readonly string[] = []): StrictRefusal | null {
  const head = HEAD.exec(message);
  if (!head) return null;
  const lines: string[] = [];
  let more = 0;
  for (const raw of message.slice(head.index + head[0].length).split('\n')) {
    const rest = MORE.exec(raw.trim());
    if (rest) more = Number(rest[1]);
    else if (raw.startsWith('  ')) lines.push(raw.slice(2));
    // A line without the indent continues the entry before it (a raw line break in what the file held).
    else if (raw.trim() && lines.length) lines[lines.length - 1] += `\n${raw}`;
  }
  const entries = lines.map((l) => entryOf(l, paths));
  return { total: Number(head[1]), entries, more };
}

import { AppError } from '../common/errors.js';

/**
 * Turns what an analyst types into an FTS5 query that cannot be a syntax error.
 *
 * - words are ANDed: `smart bombs` finds documents with both words;
 * - `"smart bombs"` is a phrase;
 * - `bomb*` is a prefix;
 * - `OR` between two terms is kept as FTS5's OR;
 * - FTS5's proximity group `NEAR(a b, 10)` (and FTS4's `a NEAR/3 b`) is refused with a message saying what to type
 *   instead (`nearRefusal`): taken literally it found nothing, silently (issue 15).
 * Everything else FTS5 treats as syntax (parentheses, colons, carets, AND, NOT) is taken literally, because every
 * term goes to FTS5 inside double quotes. A phrase typed twice in the same ANDed run (or a run typed twice
 * between ORs) is kept once: FTS5 would read the index once per copy for the same documents
 * (`a* a* a* …` a hundred times read it a hundred times).
 *
 * @example toFtsQuery('"smart bombs" Mosul civil*') === '"smart bombs" "Mosul" "civil"*'
 */
export function toFtsQuery(input: string): string {
  return renderQuery(parseQuery(input));
}

/** One quoted term of a query: its text as typed (without the quotes) and whether a `*` makes its last word a prefix. */
export interface Phrase {
  text: string;
  prefix: boolean;
}

/**
 * A query as FTS5 reads it: it matches a document when any group does (OR), and a group when every phrase of
 * it does (FTS5's implicit AND binds tighter than OR: `a b OR c` is `(a AND b) OR c`).
 */
export type ParsedQuery = Phrase[][];

/**
 * Why a query's proximity operator is not searched, or null when it has none: an unquoted word starting `NEAR(`
 * (any case: the parenthesis says it is the operator), `NEAR (` or FTS4's `NEAR/n` in capitals. A plain "near" is a
 * word like any other, and inside quotes everything is text.
 */
export function nearRefusal(input: string): string | null {
  const unquoted = input.replace(/"[^"]*"/g, ' ');
  if (!/(?:^|\s)(?:[Nn][Ee][Aa][Rr]\(|NEAR\s+\(|NEAR\/\d*(?=\s|$))/.test(unquoted)) return null;
  return `NEAR(…) is not supported: type the words to find documents with all of them (civilians killed), or quote them to find them side by side ("civilians killed").`;
}

/**
 * Reads the search syntax above into groups of phrases; duplicates left out, as toFtsQuery says.
 * @throws AppError InvalidInput for a proximity operator (`nearRefusal`).
 */
export function parseQuery(input: string): ParsedQuery {
  const refused = nearRefusal(input);
  if (refused) throw new AppError('InvalidInput', refused);
  // SQLite ends a bound string at NUL, which would leave an unbalanced quote; no control character is a term.
  input = input.replace(/[\u0000-\u001f\u007f]/g, ' ');
  const groups: Phrase[][] = [[]];
  const re = /"([^"]*)"(\*?)|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(input))) {
    const group = groups[groups.length - 1];
    if (m[1] !== undefined) {
      const phrase = m[1].trim();
      if (phrase) group.push({ text: phrase, prefix: m[2] === '*' });
      continue;
    }
    const word = m[3];
    if (word === 'OR' && group.length) {
      groups.push([]);
      continue;
    }
    const prefix = word.length > 1 && word.endsWith('*');
    const bare = (prefix ? word.slice(0, -1) : word).replace(/"/g, '');
    // A term with no letters or digits matches nothing and only confuses FTS5.
    if (!/[\p{L}\p{N}]/u.test(bare)) continue;
    group.push({ text: bare, prefix });
  }
  return dedupe(groups.filter((g) => g.length));
}

/** Writes parsed groups back as an FTS5 query string (every phrase quoted; '' for no groups). */
export function renderQuery(groups: ParsedQuery): string {
  return groups.map((g) => g.map(renderPhrase).join(' ')).join(' OR ');
}

/** One phrase in FTS5 syntax: `"text"` or `"text"*`, inner quotes doubled. */
export const renderPhrase = (p: Phrase) => `"${p.text.replace(/"/g, '""')}"${p.prefix ? '*' : ''}`;

/**
 * Keeps the first copy of each phrase within a group, and of each group (the same phrases in any order): both
 * leave the documents matched as they were.
 */
function dedupe(groups: Phrase[][]): ParsedQuery {
  const seenGroups = new Set<string>();
  const out: Phrase[][] = [];
  for (const g of groups) {
    const seen = new Set<string>();
    const kept = g.filter((p) => {
      const key = renderPhrase(p);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    const key = [...seen].sort().join(' ');
    if (seenGroups.has(key)) continue;
    seenGroups.add(key);
    out.push(kept);
  }
  return out;
}

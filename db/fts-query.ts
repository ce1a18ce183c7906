/**
 * Turns what an analyst types into an FTS5 query that cannot be a syntax error.
 *
 * - words are ANDed: `smart bombs` finds documents with both words;
 * - `"smart bombs"` is a phrase;
 * - `bomb*` is a prefix;
 * - `OR` between two terms is kept as FTS5's OR.
 * Everything else FTS5 treats as syntax (parentheses, colons, carets, NEAR) is taken literally, because every
 * term goes to FTS5 inside double quotes.
 *
 * @example toFtsQuery('"smart bombs" Mosul civil*') === '"smart bombs" "Mosul" "civil"*'
 */
export function toFtsQuery(input: string): string {
  // SQLite ends a bound string at NUL, which would leave an unbalanced quote; no control character is a term.
  input = input.replace(/[\u0000-\u001f\u007f]/g, ' ');
  const parts: string[] = [];
  const re = /"([^"]*)"(\*?)|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(input))) {
    if (m[1] !== undefined) {
      const phrase = m[1].trim();
      if (phrase) parts.push(quote(phrase) + m[2]);
      continue;
    }
    const word = m[3];
    if (word === 'OR' && parts.length && parts[parts.length - 1] !== 'OR') {
      parts.push('OR');
      continue;
    }
    const prefix = word.length > 1 && word.endsWith('*');
    const bare = (prefix ? word.slice(0, -1) : word).replace(/"/g, '');
    // A term with no letters or digits matches nothing and only confuses FTS5.
    if (!/[\p{L}\p{N}]/u.test(bare)) continue;
    parts.push(quote(bare) + (prefix ? '*' : ''));
  }
  while (parts[parts.length - 1] === 'OR') parts.pop();
  return parts.join(' ');
}

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * Line numbers of positions in a text, by bisection over the newline positions: error messages of the JSON
 * formats name the line a bad record starts on.
 * @example lineFinder('a\nb\nc')(2) === 2
 */
export function lineFinder(text: string): (pos: number) => number {
  const nl: number[] = [];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) nl.push(i);
  return (pos: number) => {
    let lo = 0;
    let hi = nl.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (nl[mid] < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
}

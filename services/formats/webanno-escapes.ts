/**
 * WebAnno TSV 3.x escapes and separators, as INCEpTION reads them (for webanno-import.ts, whose header lists
 * the rules under "Escapes"): unescaping of `#Text=` lines (3.2+ and the Java escapes of 3.0/3.1) and of
 * feature values, and splitting at `|`, `;` and id suffixes only where they are not escaped.
 */
import type { Fail } from './webanno-schema.js';

/** Whether the character at `i` is escaped (an odd number of backslashes before it). */
function escaped(s: string, i: number): boolean {
  let k = 0;
  while (i - k - 1 >= 0 && s[i - k - 1] === '\\') k++;
  return k % 2 === 1;
}

/** Splits at `sep` where it is not escaped. */
export function splitUnescaped(s: string, sep: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') {
      i++;
      continue;
    }
    if (s[i] === sep) {
      out.push(s.slice(from, i));
      from = i + 1;
    }
  }
  out.push(s.slice(from));
  return out;
}

/** A value's `[id]` suffix (disambiguation id, chain id, `source_target`) or `->chain-element` suffix. */
export function splitSuffix(value: string, line: number, fail: Fail): { value: string; id: string | null } {
  if (value.endsWith(']') && !escaped(value, value.length - 1)) {
    for (let i = value.length - 2; i >= 0; i--) {
      if (value[i] === '[' && !escaped(value, i)) return { value: value.slice(0, i), id: value.slice(i + 1, -1) };
    }
    return fail(line, `${JSON.stringify(value)} ends in ] without a [`);
  }
  const chain = /^(.*)->(\d+-\d+)$/s.exec(value);
  if (chain && !escaped(value, chain[1].length)) return { value: chain[1], id: chain[2] };
  return { value, id: null };
}

/**
 * Replaces escapes left to right: at each backslash that is not the last character, `escape(s, j)` (j: the index
 * after the backslash) gives the text the escape stands for and how many characters after the backslash it
 * takes; null keeps the backslash as a plain character.
 */
function unescapeWith(s: string, escape: (s: string, j: number) => [string, number] | null): string {
  if (!s.includes('\\')) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length) {
      const e = escape(s, i + 1);
      if (e) {
        out += e[0];
        i += e[1];
        continue;
      }
    }
    out += c;
  }
  return out;
}

const VALUE_ESCAPES: Record<string, string> = { '\\': '\\', '[': '[', ']': ']', '|': '|', _: '_', ';': ';', t: '\t', n: '\n', '*': '*' };

/** Feature values: `\\ \[ \] \| \_ \-> \; \t \n \*`, left to right (INCEpTION's Escaping.unescapeValue). */
export function unescapeValue(s: string): string {
  return unescapeWith(s, (t, j) => {
    const next = t[j];
    if (next in VALUE_ESCAPES) return [VALUE_ESCAPES[next], 1];
    if (next === '-' && t[j + 1] === '>') return ['->', 2];
    return null;
  });
}

const TEXT_ESCAPES: Record<string, string> = { t: '\t', n: '\n', f: '\f', r: '\r', b: '\b', '\\': '\\' };

/** `#Text=` lines of TSV 3.2+: `\t \n \f \r \b \\`, and backslash + a control character stands for that character. */
export function unescapeText3(s: string): string {
  return unescapeWith(s, (t, j) => {
    const next = t[j];
    const code = next.charCodeAt(0);
    if (next in TEXT_ESCAPES) return [TEXT_ESCAPES[next], 1];
    if (code < 32 && !(code > 7 && code < 14)) return [next, 1];
    return null;
  });
}

const JAVA_ESCAPES: Record<string, string> = { t: '\t', n: '\n', f: '\f', r: '\r', b: '\b', '\\': '\\', '"': '"', "'": "'" };

/** `#Text=` lines of TSV 3.0/3.1: Java string escapes (commons-lang unescapeJava). */
export function unescapeJava(s: string): string {
  return unescapeWith(s, (t, j) => {
    const next = t[j];
    if (next in JAVA_ESCAPES) return [JAVA_ESCAPES[next], 1];
    const u = /^u+([0-9a-fA-F]{4})/.exec(t.slice(j));
    if (u) return [String.fromCharCode(parseInt(u[1], 16)), u[0].length];
    const o = /^[0-3]?[0-7]{1,2}/.exec(t.slice(j));
    if (o) return [String.fromCharCode(parseInt(o[0], 8)), o[0].length];
    return null;
  });
}

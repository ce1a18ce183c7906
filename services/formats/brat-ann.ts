/**
 * The .ann line syntax of brat standoff (https://brat.nlplab.org/standoff.html), for the import
 * (brat-import.ts): one annotation per line, `ID<TAB>data[<TAB>text]`, with ids T (text-bound), R (relation),
 * E (event), A/M (attribute, modifier), N (normalization), # (note) and * (equivalence). Offsets are read as
 * written (code points; brat-import.ts maps them to the stored text).
 */

/** An argument of an R or E line: `Role:ID`. */
export type Ref = { role: string; id: string };
/** One .ann line, parsed; `line` is its 1-based line number. */
export type Rec =
  | { kind: 'T'; id: string; type: string; frags: [number, number][]; text: string | null; line: number }
  | { kind: 'R'; id: string; type: string; args: Ref[]; line: number }
  | { kind: 'E'; id: string; type: string; trigger: string; args: Ref[]; line: number }
  | { kind: 'A'; id: string; type: string; target: string; value: string | null; line: number }
  | { kind: 'N'; id: string; target: string; ref: string; text: string; line: number }
  | { kind: '#'; id: string; target: string; text: string; line: number }
  | { kind: '*'; type: string; members: string[]; line: number };

/** A text-bound annotation line. */
export type TRec = Extract<Rec, { kind: 'T' }>;

const ID = /^(?:[A-Za-z]+|#[A-Za-z]*)[0-9]+\S*$/;

/** Parses line `n` of an .ann file; a malformed line calls `fail` with the reason. */
export function parseAnnLine(line: string, n: number, fail: (n: number, reason: string) => never): Rec {
  const tab = line.indexOf('\t');
  if (tab < 0) fail(n, 'expected an id, a tab and an annotation (brat lines are tab-separated)');
  const id = line.slice(0, tab);
  const rest = line.slice(tab + 1);
  const tab2 = rest.indexOf('\t');
  const data = tab2 < 0 ? rest : rest.slice(0, tab2);
  const tail = tab2 < 0 ? null : rest.slice(tab2 + 1);
  if (id !== '*' && !ID.test(id)) fail(n, `"${id}" is not a brat id (T1, R1, E1, A1, M1, N1, #1 or *)`);
  const refs = (parts: string[]): Ref[] =>
    parts.map((p) => {
      const m = /^([^:]+):(\S+)$/.exec(p);
      if (!m) fail(n, `argument "${p}" is not Role:ID`);
      return { role: m![1], id: m![2] };
    });
  switch (id[0]) {
    case 'T': {
      const m = /^(\S+) (.+)$/.exec(data);
      if (!m) fail(n, `${id}: expected "type start end" before the text`);
      const frags = m![2].split(';').map((f) => {
        const o = /^\s*(\d+) (\d+)\s*$/.exec(f);
        if (!o) fail(n, `${id}: offsets "${m![2]}" are not "start end" pairs separated by ";"`);
        const pair: [number, number] = [Number(o![1]), Number(o![2])];
        if (pair[0] > pair[1]) fail(n, `${id}: start ${pair[0]} is after end ${pair[1]}`);
        return pair;
      });
      const sorted = [...frags].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
      for (let i = 1; i < sorted.length; i++) if (sorted[i][0] < sorted[i - 1][1]) fail(n, `${id}: fragments overlap`);
      return { kind: 'T', id, type: m![1], frags, text: tail, line: n };
    }
    case 'R': {
      const parts = data.trim().split(/\s+/);
      if (parts.length !== 3) fail(n, `${id}: a relation is "type Arg1:ID Arg2:ID" (two arguments)`);
      return { kind: 'R', id, type: parts[0], args: refs(parts.slice(1)), line: n };
    }
    case 'E': {
      const parts = data.trim().split(/\s+/);
      const m = /^([^:]+):(\S+)$/.exec(parts[0]);
      if (!m) fail(n, `${id}: an event starts with Type:TriggerID`);
      return { kind: 'E', id, type: m![1], trigger: m![2], args: refs(parts.slice(1)), line: n };
    }
    case 'A':
    case 'M': {
      const m = /^(\S+) (\S+)(?: (.+))?$/.exec(data.trim());
      if (!m) fail(n, `${id}: an attribute is "name ID" or "name ID value"`);
      if (id[0] === 'M' && m![3] !== undefined) fail(n, `${id}: a modifier is "name ID"`);
      return { kind: 'A', id, type: m![1], target: m![2], value: m![3] ?? null, line: n };
    }
    case 'N': {
      const m = /^(\S+) (\S+) (\S+?:\S+)$/.exec(data.trim());
      if (!m) fail(n, `${id}: a normalization is "Reference ID DB:ID"`);
      return { kind: 'N', id, target: m![2], ref: m![3], text: tail ?? '', line: n };
    }
    case '#': {
      const parts = data.trim().split(/\s+/);
      if (parts.length !== 2) fail(n, `${id}: a note is "AnnotatorNotes ID" then a tab and the text`);
      return { kind: '#', id, target: parts[1], text: tail ?? '', line: n };
    }
    case '*': {
      const parts = data.trim().split(/\s+/);
      if (parts.length < 3) fail(n, 'an equivalence is "* type ID ID…" with at least two ids');
      return { kind: '*', type: parts[0], members: parts.slice(1), line: n };
    }
    default:
      return fail(n, `unknown annotation kind "${id}"`);
  }
}

/**
 * brat standoff import, the annotations that name other annotations (for brat-import.ts, which reads the T's):
 *
 * - R: a link from Arg1 to Arg2 typed by the relation type. Relation types that annotation.conf declares
 *   symmetric-transitive (equivalences; also "Equiv" with no <REL-TYPE>, as brat assumes) become same-as links;
 *   for symmetric types a reversed duplicate is the same link and is not doubled.
 * - `*` (equivalence) lines: same-as links chaining the listed T's (T3-T4, T4-T5), which puts them in one cluster
 *   (a `# crosscheck-name` relation name wins over same-as, brat-conf.ts).
 * - E (events): the trigger T keeps its label (the event type); each argument `Role:ID` becomes a link from the
 *   trigger to the argument (an E argument means that event's trigger), typed by the role with a trailing number
 *   dropped (`Org-Arg2` is brat's second `Org-Arg`). An E typed differently from its trigger T loses its own type
 *   (dropped entry): the span keeps the trigger's.
 * - A and M lines: attribute on the target T (key = attribute name, value percent-decoded, binary → "true"); on an
 *   E they go to its trigger. A second value for the same attribute of the same span is dropped (one value each).
 * - N lines: attribute `normalization:<DB>` = `<DB>:<ID>` plus " <name>" when the line has one (a second
 *   normalization to the same DB gets `normalization:<DB>:2`).
 * - `#` lines (AnnotatorNotes): the note of the target T or of an E's trigger; several are joined with \n.
 *
 * Dropped (ctx.drop, "line N", the rest imports): A/M, N and # lines on a relation or on another note or
 * attribute (Crosscheck keeps those on spans only; links have no notes or attributes), a link from a span to
 * itself, and every line naming a T (or an event whose trigger) brat-import.ts left out. Names of ids the file
 * never defines, and R/E/* arguments that are not spans or events, break the file: they throw `file.ann:line`.
 */
import type { BratConf } from './brat-conf.js';
import type { Rec } from './brat-ann.js';
import { decodeBratValue } from './brat-syntax.js';
import type { ParsedDoc, ParsedSpan } from './types.js';

/** What the steps of parseBratPair share: the .ann's records, the spans made so far, where drops go. */
export interface Pair {
  annPath: string;
  /** Prefix of the span keys. */
  keyPrefix: string;
  conf: BratConf | null;
  /** Records a line left out (ctx.drop with "line N" of the .ann). */
  drop: (line: number, what: string, why: string) => void;
  fail: (n: number, reason: string) => never;
  recs: Rec[];
  /** Every record with an id (all but `*`), by id. */
  byId: Map<string, Rec>;
  /** The spans, by the id of their T. */
  spans: Map<string, ParsedSpan>;
  /** T's and E's left out, with the reason, so that what names them is left out too (not refused). */
  gone: Map<string, string>;
  /** The trigger T of each event, by the event's id. */
  triggerOf: Map<string, string>;
}

/** What an id names: a span (a T, or an event's trigger), something left out, or another record. */
type Target = { span: string } | { gone: string } | { other: Rec };

/** Which T each E stands for (its trigger, which must be a T of this file); an E whose trigger is gone is gone. */
export function findTriggers(pair: Pair): void {
  for (const r of pair.recs) {
    if (r.kind !== 'E') continue;
    const trig = pair.byId.get(r.trigger);
    if (!trig || trig.kind !== 'T') pair.fail(r.line, `${r.id}: trigger ${r.trigger} is not a text-bound annotation (T) of this file`);
    pair.triggerOf.set(r.id, r.trigger);
    if (pair.gone.has(r.trigger)) pair.gone.set(r.id, `its trigger ${r.trigger} was not imported`);
  }
}

/** What `id` names (see Target); an id the file does not define fails, naming `line`. */
function targetOf(pair: Pair, id: string, line: number, what: string): Target {
  if (pair.gone.has(id)) return { gone: `it names ${id}, which was not imported (${pair.gone.get(id)})` };
  if (pair.spans.has(id)) return { span: id };
  const trig = pair.triggerOf.get(id);
  if (trig && pair.spans.has(trig)) return { span: trig };
  const rec = pair.byId.get(id);
  if (!rec) return pair.fail(line, `${what} names ${id}, which this file does not define`);
  return { other: rec };
}

const KIND_NAMES: Record<Rec['kind'], string> = { T: 'a span', R: 'a relation', E: 'an event', A: 'an attribute', N: 'a normalization', '#': 'a note', '*': 'an equivalence' };

/** Why something cannot hang on `rec`: Crosscheck keeps attributes, normalizations and notes on spans only. */
const notOnSpan = (rec: Rec, kept: string) =>
  `${'id' in rec ? rec.id : '*'} is ${KIND_NAMES[rec.kind]}; Crosscheck keeps ${kept} on spans only${rec.kind === 'R' ? ' (links have none)' : ''}`;

/** A, M and N lines become span attributes, # lines span notes; on anything but a span they are dropped. */
export function addAttributesAndNotes(pair: Pair): void {
  const { spans } = pair;
  const names = pair.conf?.names;
  const notes = new Map<string, string[]>();
  for (const r of pair.recs) {
    if (r.kind !== 'A' && r.kind !== 'N' && r.kind !== '#') continue;
    const what =
      r.kind === 'A' ? `${r.id} ${r.type} on ${r.target}${r.value === null ? '' : ` = ${r.value}`}` : r.kind === 'N' ? `${r.id} ${r.ref} on ${r.target}` : `note ${r.id} on ${r.target} ${JSON.stringify(r.text.slice(0, 60))}`;
    const t = targetOf(pair, r.target, r.line, r.id);
    if ('gone' in t) {
      pair.drop(r.line, what, t.gone);
      continue;
    }
    if ('other' in t) {
      const kept = r.kind === 'A' ? 'attributes' : r.kind === 'N' ? 'normalizations' : 'notes';
      pair.drop(r.line, what, notOnSpan(t.other, kept));
      continue;
    }
    const attrs = spans.get(t.span)!.attributes!;
    if (r.kind === 'A') {
      const key = names?.attribute.get(r.type) ?? r.type;
      const value = r.value === null ? 'true' : decodeBratValue(r.value);
      if (key in attrs && attrs[key] !== value) {
        pair.drop(r.line, what, `${t.span} already has ${key} = ${JSON.stringify(attrs[key])}; a span keeps one value per attribute`);
        continue;
      }
      attrs[key] = value;
    } else if (r.kind === 'N') {
      const db = r.ref.slice(0, r.ref.indexOf(':'));
      let key = `normalization:${db}`;
      for (let i = 2; key in attrs; i++) key = `normalization:${db}:${i}`;
      attrs[key] = r.text ? `${r.ref} ${r.text}` : r.ref;
    } else {
      let list = notes.get(t.span);
      if (!list) notes.set(t.span, (list = []));
      list.push(r.text);
    }
  }
  for (const [id, list] of notes) spans.get(id)!.note = list.join('\n');
}

/** R, E and * lines as links between span keys, in file order; a reversed duplicate of a symmetric type is not doubled. */
export function linksOf(pair: Pair): ParsedDoc['links'] {
  const { conf, fail, keyPrefix } = pair;
  const names = conf?.names;
  const links: ParsedDoc['links'] = [];
  const seen = new Set<string>();
  /** Adds from → to unless it is there already; a link from a span to itself is dropped. */
  const addLink = (line: number, what: string, from: string, to: string, type: string, symmetric: boolean) => {
    if (from === to) return pair.drop(line, what, `a link from ${from} to itself; Crosscheck links join two different spans`);
    const k = `${from}\t${to}\t${type}`;
    if (seen.has(k) || (symmetric && seen.has(`${to}\t${from}\t${type}`))) return;
    seen.add(k);
    links.push({ from: `${keyPrefix}:${from}`, to: `${keyPrefix}:${to}`, type });
  };
  /** The span `id` stands for, or the reason it is gone; anything else breaks the file. */
  const refSpan = (id: string, line: number, what: string): { span: string } | { gone: string } => {
    const t = targetOf(pair, id, line, what);
    if ('other' in t) return fail(line, `${what} names ${id}, which is not a span or an event`);
    return t;
  };
  for (const r of pair.recs) {
    if (r.kind === 'R') {
      const what = `${r.id} ${r.type} ${r.args[0].id} → ${r.args[1].id}`;
      const from = refSpan(r.args[0].id, r.line, r.id);
      const to = refSpan(r.args[1].id, r.line, r.id);
      if ('gone' in from || 'gone' in to) {
        pair.drop(r.line, what, 'gone' in from ? from.gone : (to as { gone: string }).gone);
        continue;
      }
      const decl = conf?.relations.get(r.type);
      const mapped = names?.relation.get(r.type);
      const equiv = !!decl?.symmetric && !!decl.transitive;
      addLink(r.line, what, from.span, to.span, mapped ?? (equiv ? 'same-as' : r.type), !!decl?.symmetric);
    } else if (r.kind === 'E') {
      if (pair.gone.has(r.id)) {
        pair.drop(r.line, `event ${r.id} ${r.type} with ${r.args.length} argument${r.args.length === 1 ? '' : 's'}`, pair.gone.get(r.id)!);
        continue;
      }
      const trigger = pair.triggerOf.get(r.id)!;
      const trigType = (pair.byId.get(trigger) as Extract<Rec, { kind: 'T' }>).type;
      if (trigType !== r.type) pair.drop(r.line, `the type ${r.type} of event ${r.id}`, `its trigger ${trigger} is typed ${trigType}, which the span keeps`);
      for (const a of r.args) {
        const what = `${r.id} argument ${a.role}:${a.id}`;
        const to = refSpan(a.id, r.line, `${r.id} (${a.role})`);
        if ('gone' in to) pair.drop(r.line, what, to.gone);
        else addLink(r.line, what, trigger, to.span, a.role.replace(/(?<=\D)\d+$/, ''), false);
      }
    } else if (r.kind === '*') {
      const type = names?.relation.get(r.type) ?? 'same-as';
      const members: string[] = [];
      for (const m of r.members) {
        const s = refSpan(m, r.line, `* ${r.type}`);
        if ('gone' in s) pair.drop(r.line, `${m} in the equivalence * ${r.type}`, s.gone);
        else members.push(s.span);
      }
      for (let i = 1; i < members.length; i++) addLink(r.line, `* ${r.type} ${members[i - 1]} ${members[i]}`, members[i - 1], members[i], type, true);
    }
  }
  return links;
}

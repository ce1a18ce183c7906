/**
 * brat's own reading of annotation.conf and its span checks, restated for the tests (not a test itself; brat's
 * tools are Python and cannot be installed on this machine, so the export is checked against the grammar its
 * server code implements instead). Source read: nlplab/brat server/src/projectconfig.py (sections, macros,
 * reserved names, `Key:Type|Type` arguments, <REL-TYPE>, <OVERLAP>/<OVL-TYPE>, ENTITY-NESTING, argument matching
 * with <ANY> and <ENTITY>) and server/src/verify_annotations.py (verify_annotation_types, verify_entity_overlap,
 * verify_relations), at the commit named in shared/interop/SOURCES.md.
 */

const RESERVED = new Set(['ANY', 'ENTITY', 'RELATION', 'EVENT', 'NONE', 'EMPTY', 'REL-TYPE', 'URL', 'URLBASE', 'GLYPH-POS', 'DEFAULT', 'NORM', 'OVERLAP', 'OVL-TYPE', 'INHERIT'].map((n) => `<${n}>`));
const SPECIAL_RELATIONS = new Set(['<OVERLAP>', 'ENTITY-NESTING']);
const SECTIONS = ['entities', 'relations', 'events', 'attributes'];

/** One configured type: its terms (the first is the storage form), ordinary arguments and reserved ones. */
export interface ConfNode {
  terms: string[];
  /** Argument keys in order (Arg1, Arg2, Theme…), without repetition marks. */
  argList: string[];
  args: Map<string, string[]>;
  /** Reserved-key arguments: <REL-TYPE> (split at "-"), <OVL-TYPE>, <URL>… */
  special: Map<string, string[]>;
}

/** annotation.conf as brat reads it: the nodes of each section (hierarchy flattened), and what brat would complain about. */
export function readConfLikeBrat(text: string): { sections: Record<string, ConfNode[]>; problems: string[] } {
  const problems: string[] = [];
  const lines: Record<string, string[]> = {};
  let section = 'general';
  for (const l of text.split('\n')) {
    const head = /^\s*\[(.*)\]\s*$/.exec(l);
    if (head) {
      section = head[1] === 'spans' ? 'entities' : head[1];
      if (!SECTIONS.includes(section)) problems.push(`unexpected section [${section}]`);
      lines[section] ??= [];
    } else (lines[section] ??= []).push(l);
  }
  const sections: Record<string, ConfNode[]> = {};
  for (const s of SECTIONS) {
    if (!(s in lines)) problems.push(`missing section [${s}]`);
    sections[s] = readHierarchy(lines[s] ?? [], problems);
  }
  return { sections, problems };
}

function readHierarchy(lines: string[], problems: string[]): ConfNode[] {
  const nodes: ConfNode[] = [];
  const macros = new Map<string, string>();
  const depths = new Set<number>();
  for (let l of lines) {
    if (!l.trim() || /^\s*#/.test(l) || /^\s*-+\s*$/.test(l)) continue;
    const macro = /^<([a-zA-Z_-]+)>=\s*(.*?)\s*$/.exec(l);
    if (macro) {
      if (RESERVED.has(`<${macro[1]}>`)) problems.push(`cannot redefine reserved <${macro[1]}>`);
      else macros.set(`<${macro[1]}>`, macro[2]);
      continue;
    }
    for (const [name, value] of macros) l = l.split(name).join(value);
    for (const m of l.matchAll(/<.*?>/g)) if (!RESERVED.has(m[0])) problems.push(`undefined macro ${m[0]} in ${JSON.stringify(l)}`);
    const m = /^(\s*)(\S+)(?:\s+(.*))?$/.exec(l);
    if (!m) {
      problems.push(`cannot parse ${JSON.stringify(l)}`);
      continue;
    }
    const depth = m[1].length;
    if (depth > 0 && !depths.has(depth - 1)) problems.push(`no parent for ${JSON.stringify(l)}`);
    depths.add(depth);
    const node: ConfNode = { terms: m[2].split('|').map((t) => t.trim()).filter(Boolean), argList: [], args: new Map(), special: new Map() };
    node.terms = node.terms.map((t) => t.replace(/^!/, ''));
    if (!SPECIAL_RELATIONS.has(node.terms[0]) && !/^[A-Za-z0-9_-]+$/.test(node.terms[0])) problems.push(`term ${node.terms[0]} is not in storage form`);
    for (const a of (m[3] ?? '').split(',').map((x) => x.trim()).filter(Boolean)) {
      const kv = /^(\S*?):(\S*)$/.exec(a);
      if (!kv) {
        problems.push(`cannot parse argument ${JSON.stringify(a)} of ${node.terms[0]}`);
        continue;
      }
      const [, key, types] = kv;
      if (RESERVED.has(key)) {
        node.special.set(key, key === '<REL-TYPE>' ? types.split('-') : [types]);
        continue;
      }
      const rep = /^(\S+?)(\{\S+\}|\?|\*|\+|)$/.exec(key)!;
      if (node.args.has(rep[1])) problems.push(`argument ${rep[1]} appears twice in ${node.terms[0]}`);
      const list = types.split('|');
      if (list.some((t) => !t.trim())) problems.push(`empty type in ${a}`);
      node.argList.push(rep[1]);
      node.args.set(rep[1], list);
    }
    nodes.push(node);
  }
  return nodes;
}

/** A T line of an .ann: id, type and the extent brat compares (first start, last end). */
interface TLine {
  id: string;
  type: string;
  start: number;
  end: number;
}

/**
 * What brat's verify_annotations.py would report for one .ann under `conf`: T types the configuration does not
 * know, overlapping entity spans the overlap rules do not allow (same span, containment, crossing), and
 * relations whose argument types no relation of that name allows. Empty when brat would be silent on these.
 */
export function verifyLikeBrat(conf: string, ann: string): string[] {
  const { sections, problems } = readConfLikeBrat(conf);
  const issues = [...problems];
  const entities = new Set(sections.entities.map((n) => n.terms[0]));
  const events = new Set(sections.events.map((n) => n.terms[0]));
  const relations = sections.relations;
  const matches = (argType: string, annType: string) =>
    argType === annType || argType === '<ANY>' || annType === '<ANY>' || (argType === '<ENTITY>' && entities.has(annType)) || (argType === '<EVENT>' && events.has(annType));
  const byArgs = (t1: string, t2: string, special: boolean) =>
    relations.filter((r) => SPECIAL_RELATIONS.has(r.terms[0]) === special && r.argList.length === 2 && r.args.get(r.argList[0])!.some((a) => matches(a, t1)) && r.args.get(r.argList[1])!.some((a) => matches(a, t2)));
  const overlapKinds = (inner: string, outer: string) => {
    const rules = byArgs(inner, outer, true);
    const ovl = rules.filter((r) => r.terms[0] === '<OVERLAP>');
    if (ovl.length) return new Set(ovl.flatMap((r) => (r.special.get('<OVL-TYPE>') ?? []).flatMap((v) => v.split('|'))));
    return new Set(rules.length ? ['contain'] : []);
  };
  const allows = (kind: string, t1: string, t2: string, both: boolean) => {
    const k12 = overlapKinds(t1, t2);
    const k21 = overlapKinds(t2, t1);
    return k12.has(kind) || k12.has('<ANY>') || k21.has('<ANY>') || (both && k21.has(kind));
  };

  const ts: TLine[] = [];
  const typeOf = new Map<string, string>();
  const rels: { id: string; type: string; a1: string; a2: string }[] = [];
  for (const line of ann.split('\n')) {
    const t = /^(T\S*)\t(\S+) ([\d ;]+)\t/.exec(line);
    if (t) {
      const nums = t[3].split(/[ ;]/).map(Number);
      ts.push({ id: t[1], type: t[2], start: nums[0], end: nums[nums.length - 1] });
      typeOf.set(t[1], t[2]);
      if (!entities.has(t[2]) && !events.has(t[2])) issues.push(`${t[1]}: ${t[2]} is not a known textbound type`);
    }
    const r = /^(R\S*)\t(\S+) Arg1:(\S+) Arg2:(\S+)/.exec(line);
    if (r) rels.push({ id: r[1], type: r[2], a1: r[3], a2: r[4] });
  }
  const physical = ts.filter((t) => entities.has(t.type));
  for (const a1 of physical) {
    for (const a2 of physical) {
      if (a1 === a2 || !(a2.start < a1.end && a2.end > a1.start)) continue;
      if (a1.start === a2.start && a1.end === a2.end) {
        if (!allows('equal', a1.type, a2.type, true)) issues.push(`${a1.id}: ${a1.type} cannot have identical span with ${a2.type} ${a2.id}`);
      } else if (a2.start <= a1.start && a1.end <= a2.end) {
        if (!allows('contain', a1.type, a2.type, false)) issues.push(`${a1.id}: ${a1.type} cannot be contained in ${a2.type} (${a2.id})`);
      } else if (a1.start <= a2.start && a2.end <= a1.end) {
        if (!allows('contain', a2.type, a1.type, false)) issues.push(`${a1.id}: ${a1.type} cannot contain ${a2.type} (${a2.id})`);
      } else if (!allows('cross', a1.type, a2.type, true)) issues.push(`${a1.id}: annotation cannot have crossing span with ${a2.id}`);
    }
  }
  for (const r of rels) {
    const [t1, t2] = [typeOf.get(r.a1) ?? '?', typeOf.get(r.a2) ?? '?'];
    const ok = (x: string, y: string) => byArgs(x, y, false).some((n) => n.terms[0] === r.type);
    if (!ok(t1, t2) && !ok(t2, t1)) issues.push(`${r.id}: ${r.type} relation Arg1:${t1} Arg2:${t2} not allowed`);
  }
  return issues;
}

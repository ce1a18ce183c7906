/**
 * brat's annotation.conf, read for the import (brat-import.ts, brat-folder.ts): the declared entity, event,
 * relation and attribute types, the relation flags that make a type an equivalence, the span overlap rules, and
 * the `# crosscheck-name` lines a Crosscheck export writes (brat-export.ts) to restore names brat cannot store.
 * Format: https://brat.nlplab.org/configuration.html.
 *
 * Overlap rules live in [relations] under two reserved names that are not relation types: `<OVERLAP>` (brat 1.3
 * on: `<OVERLAP> Arg1:A|B, Arg2:C, <OVL-TYPE>:contain|equal|cross|<ANY>`, brat's projectconfig.py
 * TEXTBOUND_OVERLAP_TYPE and OVERLAP_TYPE_ARG) and the older `ENTITY-NESTING` (Arg1 may lie inside Arg2, read by
 * brat as `contain`). Crosscheck accepts any overlap, so they only describe the file; they are kept in `overlaps`.
 */

/**
 * The attribute that holds a span's layer (its annotator's name, issue 13). brat has no annotator field: its
 * standoff format (https://brat.nlplab.org/standoff.html) attaches typed attributes to a T (`A1\tName T1 Value`),
 * declared in annotation.conf's [attributes] with their values (`Name Arg:<ENTITY>, Value:v1|v2`,
 * https://brat.nlplab.org/configuration.html), and brat shows and filters by them; `AnnotatorNotes` (#) is free
 * text meant for a person's comment, which a span's note already uses. A value is one token (brat splits the A line
 * at white space), so the name is percent-encoded like every attribute value (brat-syntax.ts encodeBratValue:
 * "Ana Lima" → Ana%20Lima). The import reads this attribute back as the span's layer, not as an attribute. A link's
 * layer is its ends' (a link never joins two layers), so relations need none.
 */
export const ANNOTATOR_ATTRIBUTE = 'annotator';

export interface BratConf {
  /** Entity types (all levels of the hierarchy, `!` removed). */
  entities: Set<string>;
  events: Set<string>;
  relations: Map<string, { symmetric: boolean; transitive: boolean }>;
  attributes: Map<string, { values: string[] | null }>;
  /** Span overlap rules from [relations]: which types (Arg1, Arg2) may overlap how (contain, equal, cross, <ANY>). */
  overlaps: BratOverlapRule[];
  /** Crosscheck's names for brat names, from the `# crosscheck-name` lines a Crosscheck export writes. */
  names: { entity: Map<string, string>; relation: Map<string, string>; attribute: Map<string, string> };
}

/** One `<OVERLAP>` (or old `ENTITY-NESTING`) line: Arg1 and Arg2 types as written (`<ENTITY>` included). */
export interface BratOverlapRule {
  arg1: string[];
  arg2: string[];
  /** `<OVL-TYPE>` values: contain (Arg1 inside Arg2), equal, cross, or <ANY>; ENTITY-NESTING is ["contain"]. */
  kinds: string[];
}

/** The reserved [relations] names of overlap rules (brat's projectconfig.py SPECIAL_RELATION_TYPES). */
const OVERLAP_NAMES = new Set(['<OVERLAP>', 'ENTITY-NESTING']);

/** Reads an annotation.conf: sections, hierarchy by indentation, `!` abstract types, macros, `<REL-TYPE>` flags. */
export function parseBratConf(text: string): BratConf {
  const conf: BratConf = {
    entities: new Set(),
    events: new Set(),
    relations: new Map(),
    attributes: new Map(),
    overlaps: [],
    names: { entity: new Map(), relation: new Map(), attribute: new Map() },
  };
  let section = '';
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    const named = /^#\s*crosscheck-name\t(entity|relation|attribute)\t([^\t]+)\t(.*)$/.exec(raw);
    if (named) {
      try {
        const orig = JSON.parse(named[3]);
        if (typeof orig === 'string') conf.names[named[1] as 'entity'].set(named[2], orig);
      } catch {
        /* not ours after all: a comment */
      }
      continue;
    }
    if (!raw.trim() || /^\s*#/.test(raw)) continue;
    const head = /^\s*\[(.*)\]\s*$/.exec(raw);
    if (head) {
      section = head[1].trim();
      continue;
    }
    if (/^\s*-+\s*$/.test(raw) || /^<[A-Za-z_-]+>=/.test(raw)) continue;
    const m = /^\s*(\S+)(?:\s+(.*))?$/.exec(raw);
    if (!m) continue;
    const name = m[1].split('|')[0].replace(/^!/, '');
    const args = (m[2] ?? '').split(',').map((a) => a.trim()).filter(Boolean);
    if (section === 'relations' && OVERLAP_NAMES.has(name)) {
      const arg = (key: string) => args.find((a) => a.startsWith(`${key}:`))?.slice(key.length + 1).split('|') ?? [];
      conf.overlaps.push({ arg1: arg('Arg1'), arg2: arg('Arg2'), kinds: name === 'ENTITY-NESTING' ? ['contain'] : arg('<OVL-TYPE>') });
      continue;
    }
    if (!name || name.startsWith('<')) continue;
    if (section === 'entities') conf.entities.add(name);
    else if (section === 'events') conf.events.add(name);
    else if (section === 'relations') {
      const rel = args.find((a) => a.startsWith('<REL-TYPE>:'));
      const flags = rel ? rel.slice('<REL-TYPE>:'.length).split('-') : name === 'Equiv' ? ['symmetric', 'transitive'] : [];
      conf.relations.set(name, { symmetric: flags.includes('symmetric'), transitive: flags.includes('transitive') });
    } else if (section === 'attributes') {
      const v = args.find((a) => a.startsWith('Value:'));
      conf.attributes.set(name, { values: v ? v.slice('Value:'.length).split('|').map((x) => x.trim()) : null });
    }
  }
  return conf;
}

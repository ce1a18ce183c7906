/**
 * Hugging Face token classification (format 'hf'), two files per export folder (per split folder when splitting):
 *
 *   data.jsonl     one row a line: {"id": "12", "tokens": ["Gen", ".", …], "ner_tags": [0, 0, 1, 2, …]}
 *                  one row per document; with the `sentences` option one per sentence, ids "12-0", "12-1", …
 *   features.json  the rows' schema as `datasets.Features.to_dict()` writes it, so that
 *                  `load_dataset('json', data_files=…, features=Features.from_dict(json.load(open('features.json'))))`
 *                  gives `ner_tags` as Sequence(ClassLabel(names=[…])) and `tokens` as Sequence(Value('string')).
 *
 * - features.json: {"id": Value string, "tokens": Sequence of Value string, "ner_tags": Sequence of ClassLabel}.
 *   Lists use `"_type": "Sequence"` with `"length": -1`: every `datasets` version reads it (1.x needs `length`;
 *   4.x reads Sequence as its List). ClassLabel `names` are "O", then "B-<label>", "I-<label>" for each label of
 *   the export in project order; `ner_tags` are indices into that list. Label names are kept as they are (a tag
 *   here is a JSON string, white space is fine).
 * - Tokens: conll-tokens.ts (the CoNLL export's rule). Tags: IOB2 by token-tags.ts (a token partly inside a span
 *   is inside it; overlapping and nested spans by conll.ts's OVERLAP_RULE, dropped ones counted in the notes; a
 *   discontinuous span is one entity per fragment — B- at each — with its gap tokens O).
 * - Sentences: token-tags.ts sentenceGroups (the app's sentence rule; sentences an entity crosses are one row, so
 *   an entity is never cut, as in conll.ts). Sentences without tokens give no row; a document without tokens gives a row with
 *   empty lists in per-document mode.
 * - Not carried (the notes count them): links, span notes, span attributes, clusters; document title, date,
 *   source and path (the `id` is the document id).
 * - Layers (issue 13): a token has one tag, so an export of several layers writes each layer as a dataset of its
 *   own, `<layer>/data.jsonl` and `<layer>/features.json` (layer-files.ts: every document in each, so the rows of
 *   two annotators line up by `id`); load one with `data_files='<layer>/data.jsonl'`. One layer: the files as before.
 */
import { tokenTable, type TokenTable } from './conll-tokens.js';
import { countNotCarried, noneCarried, notCarriedNote, plural, type NotCarried } from './not-carried.js';
import { OVERLAP_RULE } from './conll.js';
import { sentenceGroups, tokenEntities, type TokenEntity } from './token-tags.js';
import { keyedState } from './export-state.js';
import { layerFilesNote, layerFolders, layerParts, perLayer } from './layer-files.js';
import type { ExportContext, Exporter, Sink } from './types.js';

/** The ClassLabel names of an export with these labels (project order): O, then B-/I- per label. */
export function hfTagNames(labels: readonly { name: string }[]): string[] {
  return ['O', ...labels.flatMap((l) => [`B-${l.name}`, `I-${l.name}`])];
}

/** features.json: the Features dict (Features.to_dict form) of the rows, with `names` as ClassLabel names. */
export function hfFeatures(names: readonly string[]) {
  const string = { dtype: 'string', _type: 'Value' };
  return {
    id: string,
    tokens: { feature: string, length: -1, _type: 'Sequence' },
    ner_tags: { feature: { names: [...names], _type: 'ClassLabel' }, length: -1, _type: 'Sequence' },
  };
}

/** IOB2 tag indices of every token (0 = O), for tag names from hfTagNames. */
function tagIndices(t: TokenTable, entities: readonly TokenEntity[], index: ReadonlyMap<string, number>): Int32Array {
  const tags = new Int32Array(t.count);
  for (const e of entities) {
    const b = index.get(`B-${e.span.label}`)!;
    tags[e.first] = b;
    tags.fill(b + 1, e.first + 1, e.last + 1);
  }
  return tags;
}

/** One JSON line of data.jsonl: tokens from..to (exclusive) of `t` over `text`. */
function row(id: string, text: string, t: TokenTable, tags: Int32Array, from: number, to: number): string {
  const tokens = new Array<string>(to - from);
  for (let k = from; k < to; k++) tokens[k - from] = text.slice(t.from[k], t.to[k]);
  return JSON.stringify({ id, tokens, ner_tags: Array.from(tags.subarray(from, to)) }) + '\n';
}

interface Counts {
  rows: number;
  dropped: number;
  empty: number;
  discontinuous: number;
  lost: NotCarried;
}
const counts = new WeakMap<Sink, Counts>();
const tagIndexOf = keyedState((ctx: ExportContext) => new Map(hfTagNames(ctx.labels).map((n, i) => [n, i])));

function tagIndex(ctx: ExportContext): Map<string, number> {
  const m = tagIndexOf(ctx);
  return m;
}

export const hfExporter: Exporter = {
  format: 'hf',
  begin(ctx, sink) {
    const features = JSON.stringify(hfFeatures(hfTagNames(ctx.labels)), null, 2) + '\n';
    for (const folder of perLayer(ctx) ? [...layerFolders(ctx).values()].map((f) => `${f}/`) : ['']) {
      sink.write(`${folder}features.json`, features);
      sink.write(`${folder}data.jsonl`, '');
    }
    counts.set(sink, { rows: 0, dropped: 0, empty: 0, discontinuous: 0, lost: noneCarried() });
  },
  doc(whole, ctx, sink) {
    const c = counts.get(sink)!;
    const t = tokenTable(whole.text);
    for (const { folder, doc: d } of layerParts(whole, ctx)) {
      const placed = tokenEntities(t, d.spans);
      const tags = tagIndices(t, placed.entities, tagIndex(ctx));
      const rows = ctx.options.sentences
        ? sentenceGroups(d.text, t, placed.entities).map(([a, b], n) => row(`${d.id}-${n}`, d.text, t, tags, a, b))
        : [row(String(d.id), d.text, t, tags, 0, t.count)];
      if (rows.length) sink.write(folder ? `${folder}/data.jsonl` : 'data.jsonl', rows.join(''));
      c.rows += rows.length;
      c.dropped += placed.dropped;
      c.empty += placed.empty;
      c.discontinuous += placed.discontinuous;
    }
    countNotCarried(c.lost, whole);
  },
  end(ctx, sink) {
    const c = counts.get(sink)!;
    const notes: string[] = [];
    const layers = layerFilesNote('hf', ctx, (f) => `${f}/data.jsonl`);
    if (layers) notes.push(layers);
    if (!c.rows) notes.push('A data.jsonl has no rows (a split without documents or sentences): datasets refuses to load an empty file, leave it out of data_files.');
    if (c.dropped) notes.push(`hf has one tag per token: dropped ${plural(c.dropped, 'overlapping span')} (rule: ${OVERLAP_RULE}).`);
    if (c.empty) notes.push(`${plural(c.empty, 'span')} covering only white space had no token to tag.`);
    if (c.discontinuous) notes.push(`${plural(c.discontinuous, 'discontinuous span')} written as one entity per fragment (B- at each fragment, the gap's tokens O).`);
    const lost = notCarriedNote('hf', c.lost, ['links', 'notes', 'attributes', 'clustered']);
    if (lost) notes.push(lost);
    return { notes };
  },
};

/**
 * Every file format Crosscheck reads or writes, declared once: its id, whether it imports and/or exports, the
 * file extensions that tell it apart, the words the UI and the CLI show, and the export options it takes.
 * The contract's `format` enums, the CLI's help and `--format` parsing and the export dialog's choices are all
 * derived from this record. Adding a format is its module under services/formats/ plus one line here (the
 * compiler then asks for its entry in services/formats/index.ts).
 */

/**
 * Options an export format may take beyond the common ones (labels, documents, split, seed, absolute paths):
 * `negatives` (pairs: sampled negatives per positive), `offsets` (the unit offsets are counted in, see
 * OffsetUnit), `sentences` (one row per sentence instead of per document), `singletons` (clusters of one mention
 * written too).
 */
export type ExportOption = 'negatives' | 'offsets' | 'sentences' | 'singletons';

/**
 * Units a file may count character offsets in: Unicode code points (Python's `str`, Crosscheck's own), UTF-16
 * code units (JavaScript strings: doccano's and Label Studio's editors), or extended grapheme clusters (UAX #29,
 * doccano's "count grapheme clusters as one character" setting). Formats convert at their border
 * (services/formats/offset-units.ts).
 */
export const offsetUnits = ['codepoint', 'utf16', 'grapheme'] as const;
export type OffsetUnit = (typeof offsetUnits)[number];

export interface FormatInfo {
  /** Shown in the export dialog and the CLI's help. */
  readonly label: string;
  /** One line on what the files hold. */
  readonly what: string;
  /** Present when Crosscheck imports the format; `extensions` (lower case, with the dot) tell it apart. */
  readonly import?: { readonly extensions: readonly string[] };
  /** Present when Crosscheck exports the format. */
  readonly export?: { readonly options: readonly ExportOption[] };
}

export const formats = {
  text: { label: 'Plain text', what: 'one article per file (.txt, .md), any encoding', import: { extensions: ['.txt', '.md'] } },
  jsonl: {
    label: 'Crosscheck JSONL',
    what: 'lossless: documents, spans, notes, attributes, links, clusters',
    import: { extensions: ['.jsonl'] },
    export: { options: [] },
  },
  csv: { label: 'CSV', what: 'one row per annotation, with its sentence', export: { options: [] } },
  brat: {
    label: 'brat standoff',
    what: '.txt + .ann per document, annotation.conf',
    import: { extensions: ['.ann', '.txt', '.conf'] },
    export: { options: [] },
  },
  conll: {
    label: 'CoNLL (IOB2)',
    what: 'tokens and tags for sequence labelling (reads IOB1, IOB2, BIOES, BILOU)',
    import: { extensions: ['.conll', '.iob', '.bio', '.conll2003'] },
    export: { options: [] },
  },
  w3c: {
    label: 'W3C Web Annotation',
    what: 'JSON-LD with quote and position selectors',
    import: { extensions: ['.jsonld', '.json'] },
    export: { options: [] },
  },
  doccano: { label: 'doccano', what: 'JSONL with entities and relations', import: { extensions: ['.jsonl'] }, export: { options: ['offsets'] } },
  labelstudio: {
    label: 'Label Studio',
    what: 'task JSON with labels and relations',
    import: { extensions: ['.json'] },
    export: { options: ['offsets'] },
  },
  webanno: { label: 'WebAnno TSV3', what: 'INCEpTION / WebAnno tab-separated export, or an INCEpTION project export (.zip or folder: one layer per annotator, the curation as gold)', import: { extensions: ['.tsv', '.zip'] } },
  pairs: { label: 'Claim-matching pairs', what: 'positive pairs per cluster, sampled negatives', export: { options: ['negatives'] } },
  clusters: { label: 'Clusters (mentions)', what: 'one line per mention with its cluster', export: { options: [] } },
  hf: { label: 'Hugging Face tokens (IOB2)', what: 'token classification rows and features.json for datasets', export: { options: ['sentences'] } },
  checkthat: { label: 'CheckThat! claim retrieval', what: 'queries, qrels and verified claims as CLEF CheckThat! task 2', export: { options: [] } },
  'coref-conll': { label: 'Coreference (CoNLL-2012)', what: 'same-as clusters for the CoNLL-2012 reference scorer', export: { options: ['singletons'] } },
} as const satisfies Record<string, FormatInfo>;

type Formats = typeof formats;
export type FormatId = keyof Formats;
export type ExportFormat = { [K in FormatId]: Formats[K] extends { export: object } ? K : never }[FormatId];
/** What `import --format` takes: a format that imports, or 'auto' (told apart by extension and content). */
export type ImportFormat = 'auto' | { [K in FormatId]: Formats[K] extends { import: object } ? K : never }[FormatId];

const ids = Object.keys(formats) as FormatId[];

/** Export format ids in registry order (the export dialog's order), as a non-empty tuple for `z.enum`. */
export const exportFormats = ids.filter((id) => 'export' in formats[id]) as [ExportFormat, ...ExportFormat[]];
/** Import format ids, 'auto' first, as a non-empty tuple for `z.enum`. */
export const importFormats = ['auto', ...ids.filter((id) => 'import' in formats[id])] as [ImportFormat, ...ImportFormat[]];

/** Whether export format `id` takes option `o` (e.g. pairs takes `negatives`). */
export function takesOption(id: ExportFormat, o: ExportOption): boolean {
  return (formats[id].export.options as readonly ExportOption[]).includes(o);
}

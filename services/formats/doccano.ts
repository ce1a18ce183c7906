/**
 * doccano (https://github.com/doccano/doccano): JSONL, one JSON object per document. Split in three:
 * doccano-shapes.ts (the record shapes every doccano version wrote, and how a file's records are found),
 * doccano-import.ts (parseDoccano) and doccano-export.ts (doccanoExporter).
 *
 * Offsets are UTF-16 code units by default, both ways. doccano's backend stores what its browser editor sends,
 * and the editor (v-annotator) takes positions from the DOM selection, which counts JavaScript string positions:
 * doccano issue #2290 shows "firetrucks" after "👨🏻‍🚒 firemen drive " at 22,32 in doccano where Python's
 * `text[19:29]` is the word. (doccano 0.x converted to code points in its old editor, PR #108, 2019; projects
 * made with "Count grapheme clusters as one character" count clusters.) On import, a file whose spans fit only
 * one other reading (a span that would split a surrogate pair or a cluster, or end past the text, or cover
 * other text than the file gives) is read in that unit, and the report's notes say which unit was read and
 * why (services/formats/offset-units.ts). `--offsets codepoint|utf16|grapheme` overrides on import and export.
 *
 * Line endings: a text with CRLF or CR is stored with LF (ingest.ts), its offsets remapped after conversion.
 */
export { doccanoExporter } from './doccano-export.js';
export { DOCCANO_OFFSETS, parseDoccano, type DoccanoOptions } from './doccano-import.js';
export { readRecords } from './doccano-shapes.js';

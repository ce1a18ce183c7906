/**
 * One file (or folder) per layer, for the formats that hold one layer per file (issue 13): token tags (conll, hf)
 * can give a token one tag, so two annotators' spans cannot share a file, and doccano's own export writes one
 * `<username>.jsonl` per annotator. With one layer in the export (`--layer NAME`, or a project with one layer),
 * nothing changes: the files are where they always were. With several, each layer's spans and links are written
 * as if that layer alone were exported, under a name made from the layer's (layerFileName); every document is in
 * every layer's file, so the files line up row for row (a layer without spans in a document tags it all O).
 */
import { AppError } from '../../common/errors.js';
import type { ExportContext, ExportDoc } from './types.js';

/** Characters no file name may hold on Windows, macOS or Linux, and control characters. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;
/** Names Windows reserves whatever the extension. */
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/**
 * A file name for the layer `name`: its characters, with those a file name cannot hold on some system (/ \ : * ? "
 * < > | and control characters) as `_`, no leading dot or trailing dot or space, and a Windows device name
 * (con, nul…) prefixed with `_`. Names that come out equal in any case get -2, -3… in `taken` order.
 * @example layerFileName('Ana / desk') // 'Ana _ desk'
 */
export function layerFileName(name: string, taken: Set<string> = new Set()): string {
  let base = name.replace(UNSAFE, '_').replace(/^[.\s]+/, '').replace(/[.\s]+$/, '') || 'layer';
  if (RESERVED.test(base)) base = `_${base}`;
  let out = base;
  for (let k = 2; taken.has(out.toLowerCase()); k++) out = `${base}-${k}`;
  taken.add(out.toLowerCase());
  return out;
}

/** A layer's part of a document, and where its files go: `folder` is '' when the export has one layer. */
export interface LayerPart {
  layer: string | null;
  folder: string;
  doc: ExportDoc;
}

const foldersOf = new WeakMap<ExportContext, Map<string, string>>();

/** The file name of each layer of the export, made once per run so every sink agrees. */
export function layerFolders(ctx: ExportContext): Map<string, string> {
  let m = foldersOf.get(ctx);
  if (!m) {
    const taken = new Set<string>();
    m = new Map(ctx.layers.map((l) => [l, layerFileName(l, taken)]));
    foldersOf.set(ctx, m);
  }
  return m;
}

/** Whether the export writes one file per layer: it holds several (a context built without layers holds one). */
export const perLayer = (ctx: ExportContext): boolean => (ctx.layers?.length ?? 0) > 1;

/**
 * The parts of `d` to write: the document as it is (folder '') for an export of one layer, else one part per layer
 * of the export, with that layer's spans and links only.
 */
export function layerParts(d: ExportDoc, ctx: ExportContext): LayerPart[] {
  if (!perLayer(ctx)) return [{ layer: ctx.layers?.[0] ?? d.spans[0]?.annotator ?? null, folder: '', doc: d }];
  const folders = layerFolders(ctx);
  return ctx.layers.map((layer) => ({
    layer,
    folder: folders.get(layer)!,
    doc: { ...d, spans: d.spans.filter((s) => s.annotator === layer), links: d.links.filter((l) => l.annotator === layer) },
  }));
}

/** The note an export of several layers adds: where each layer went. */
export function layerFilesNote(format: string, ctx: ExportContext, where: (folder: string) => string): string | null {
  if (!perLayer(ctx)) return null;
  const folders = layerFolders(ctx);
  const shown = ctx.layers.map((l) => `${l} → ${where(folders.get(l)!)}`).join(', ');
  return `${format} holds one layer per file: each annotator's layer was written on its own (${shown}); --layer NAME exports one.`;
}

/**
 * For formats built from clusters across documents (pairs, coref-conll): one layer's clusters make one dataset, and
 * pairing or numbering the mentions of two annotators together would mix different people's clusters (a negative
 * pair could even join two copies of the same mention). @throws AppError('InvalidInput') naming the layers when the
 * export holds several, asking for `--layer`.
 */
export function oneLayerOnly(format: string, ctx: ExportContext): void {
  if (!perLayer(ctx)) return;
  throw new AppError(
    'InvalidInput',
    `${format} is built from one annotator's clusters, and these documents hold ${ctx.layers.length} layers (${ctx.layers.join(', ')}): choose one with --layer (gold: the adjudicated layer).`,
  );
}

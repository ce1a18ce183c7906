/**
 * Annotators and their layers (issue 13). Every annotation, link and cluster name belongs to one annotator, a
 * name unique in the project (compared by layerNameKey: any case, any width); an annotator's annotations are their **layer**. Two names are reserved:
 * `auto` holds proposals made by pre-annotation, `gold` the adjudicated layer a curator builds from the others.
 * Neither can be an analyst's own name, and `all` cannot be a layer's name either: `--layer all` means every layer.
 */

/** The layer of proposals (pre-annotation, issue 14). */
export const AUTO_LAYER = 'auto';
/** The adjudicated layer (curation). */
export const GOLD_LAYER = 'gold';
/** Names no analyst can take: the two reserved layers, and `all` (every layer, in `--layer`). */
export const RESERVED_LAYER_NAMES: readonly string[] = [AUTO_LAYER, GOLD_LAYER, 'all'];
/** The longest annotator name, in UTF-16 code units (as the label names' 60). */
export const ANNOTATOR_NAME_MAX = 60;

/** An annotator of the project, with the size of their layer. */
export interface Annotator {
  id: number;
  name: string;
  /** `auto` or `gold`: layers the tool fills, never an analyst's own. */
  reserved: boolean;
  /** How many spans and links the layer holds, and in how many documents it has spans. */
  spans: number;
  links: number;
  documents: number;
}

/** Who is annotating now: the layer new spans and links go to. `chosen` is false until the analyst confirmed a name. */
export interface CurrentAnnotator {
  id: number;
  name: string;
  chosen: boolean;
}

/**
 * The form annotator names are compared in (reserved names, uniqueness): trimmed, Unicode NFKC (full-width
 * "ａｕｔｏ" and "ＡＵＴＯ" become "auto", ligatures and compatibility forms their plain letters), then lower case
 * (and NFKC again, as lower-casing can leave a composable sequence).
 */
export const layerNameKey = (name: string): string => name.trim().normalize('NFKC').toLowerCase().normalize('NFKC');

/** Whether `name` is reserved (`auto`, `gold`, `all`, compared by layerNameKey). */
export const isReservedLayerName = (name: string): boolean => RESERVED_LAYER_NAMES.includes(layerNameKey(name));

/**
 * The name a layer called `name` is stored and found under: a reserved name folds to its canonical lower-case form
 * (a file's "GOLD" or "ＡＵＴＯ" is the `gold` or `auto` layer, never a second one beside it); any other is trimmed.
 */
export const canonicalLayerName = (name: string): string => {
  const key = layerNameKey(name);
  return RESERVED_LAYER_NAMES.includes(key) ? key : name.trim();
};

/**
 * Letters of scripts whose look-alikes pass for one another ("autο" with a Greek omicron reads as "auto"; NFKC
 * does not fold confusables). A word may use one of them, never two: a rule simple enough to explain, which
 * leaves names in any single script (and words of different scripts side by side) alone.
 */
const CONFUSABLE_SCRIPTS = [/\p{Script=Latin}/u, /\p{Script=Greek}/u, /\p{Script=Cyrillic}/u];
const mixesScripts = (name: string): boolean =>
  name.split(/[^\p{L}\p{M}]+/u).some((word) => CONFUSABLE_SCRIPTS.filter((s) => s.test(word)).length > 1);

/**
 * Why `name` cannot be an analyst's annotator name, or null: it is trimmed first, must hold 1..60 characters
 * with no control characters, no invisible formatting characters (Unicode Cf), no comma and no word mixing Latin,
 * Greek or Cyrillic letters (look-alikes), is never `all`, and may not be `auto` or `gold` (by layerNameKey:
 * "ＡＵＴＯ" is `auto`) unless `allowReserved` (an import or merge of a file whose layers are called so
 * keeps them: proposals, an adjudicated set).
 */
export function annotatorNameProblem(name: string, allowReserved = false): string | null {
  const n = name.trim();
  if (!n) return 'an annotator name cannot be empty';
  if (n.length > ANNOTATOR_NAME_MAX) return `an annotator name is at most ${ANNOTATOR_NAME_MAX} characters`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(n)) return 'an annotator name cannot hold control characters';
  // Zero-width and direction marks (Unicode Cf) would let "root\u200b" pass for "root", or "\u202e" be a name
  // that shows as nothing.
  if (/\p{Cf}/u.test(n)) return 'an annotator name cannot hold invisible formatting characters (zero-width or direction marks)';
  // `--annotators a,b` lists names with commas; a comma inside one would make it unreachable there.
  if (n.includes(',')) return 'an annotator name cannot hold a comma (the command line lists annotators with commas)';
  if (mixesScripts(n)) return 'an annotator name cannot mix Latin, Greek or Cyrillic letters within a word (look-alikes such as a Greek ο in "autο")';
  if (layerNameKey(n) === 'all') return '"all" means every layer (`--layer all`) and cannot be a layer\'s name';
  if (!allowReserved && isReservedLayerName(n)) {
    return `"${n}" is a reserved layer name (auto: proposals, gold: adjudicated); choose another`;
  }
  return null;
}

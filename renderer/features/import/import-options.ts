/**
 * The options the next import runs with (`import.files`'s `options`): the file encoding ("detect" lets the backend
 * choose, and refuse files whose encoding is in doubt), strict mode (a file with anything dropped is refused
 * whole) and the layer name of files that do not say whose work they hold. Kept for the session in one small store, so that the import buttons, the drop zone and the report dialog
 * all show and use the same choice.
 */
import { useSyncExternalStore } from 'react';
import type { ImportOptions } from '../../../common/contract';
import { annotatorNameProblem } from '../../../common/annotators';

export interface ImportChoice {
  /** "detect", or an encoding name the backend knows (iconv-lite's names and aliases). */
  encoding: string;
  strict: boolean;
  /**
   * The layer (annotator name) of spans whose file names no annotator (`--annotator`); blank or absent: the
   * current annotator's. Files that name their annotators keep them.
   */
  annotator?: string;
}

export const DETECT = 'detect';

/** The encodings offered in the list; any other name can be typed. */
export const COMMON_ENCODINGS: readonly { name: string; what: string }[] = [
  { name: 'UTF-8', what: 'Unicode' },
  { name: 'windows-1250', what: 'Central European (Windows)' },
  { name: 'ISO-8859-2', what: 'Central European (ISO)' },
  { name: 'windows-1251', what: 'Cyrillic (Windows)' },
  { name: 'KOI8-R', what: 'Russian (KOI8-R)' },
  { name: 'KOI8-U', what: 'Ukrainian (KOI8-U)' },
  { name: 'ISO-8859-5', what: 'Cyrillic (ISO)' },
  { name: 'windows-1252', what: 'Western (Windows)' },
  { name: 'ISO-8859-15', what: 'Western (ISO, with €)' },
  { name: 'windows-1253', what: 'Greek (Windows)' },
  { name: 'ISO-8859-7', what: 'Greek (ISO)' },
  { name: 'windows-1254', what: 'Turkish' },
  { name: 'windows-1255', what: 'Hebrew' },
  { name: 'windows-1256', what: 'Arabic' },
  { name: 'windows-1257', what: 'Baltic' },
  { name: 'IBM866', what: 'Cyrillic (DOS)' },
  { name: 'macintosh', what: 'Western (classic Mac OS)' },
  { name: 'Shift_JIS', what: 'Japanese' },
  { name: 'GB18030', what: 'Chinese (simplified)' },
  { name: 'Big5', what: 'Chinese (traditional)' },
  { name: 'EUC-KR', what: 'Korean' },
];

let current: ImportChoice = { encoding: DETECT, strict: false };
const listeners = new Set<() => void>();

/** The choice the next import uses. */
export const importChoice = (): ImportChoice => current;

/** Changes part of the choice; every component showing it re-renders. */
export function setImportChoice(change: Partial<ImportChoice>): void {
  current = { ...current, ...change };
  for (const l of listeners) l();
}

/** The current choice, kept up to date in a component. */
export function useImportChoice(): ImportChoice {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    importChoice,
  );
}

/**
 * The choice as `import.files` takes it: no `options` at all for the defaults (detect, not strict), the encoding
 * only when one is named (blank counts as detect).
 */
export function toImportOptions(choice: ImportChoice): ImportOptions | undefined {
  const encoding = choice.encoding.trim();
  const named = encoding && encoding.toLowerCase() !== DETECT ? encoding : undefined;
  const annotator = choice.annotator?.trim() || undefined;
  if (!named && !choice.strict && !annotator) return undefined;
  return { strict: choice.strict, ...(named ? { encoding: named } : {}), ...(annotator ? { annotator } : {}) };
}

/** Short words for a non-default choice ("windows-1250 · strict · layer ana"), or '' for the defaults. */
export function describeChoice(choice: ImportChoice): string {
  const o = toImportOptions(choice);
  return o ? [o.encoding, o.strict ? 'strict' : '', o.annotator ? `layer ${o.annotator}` : ''].filter(Boolean).join(' · ') : '';
}

/** Why the layer name typed for the next import cannot be used (common/annotators.ts), or null (blank is fine). */
export function layerNameProblem(choice: ImportChoice): string | null {
  return choice.annotator?.trim() ? annotatorNameProblem(choice.annotator, true) : null;
}

/** Whether a skipped file's reason asks for an encoding to be named (the backend could not choose one). */
export const asksForEncoding = (reason: string): boolean => /name one with --encoding|could not be recognised|not valid /.test(reason);

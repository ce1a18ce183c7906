/**
 * How the dev gold set is written by hand (build-gold.ts turns it into gold.jsonl): one DocSpec per document,
 * its spans as (label, exact substring, occurrence number when the substring occurs more than once, 1-based).
 */
export type GoldLabel = 'figure' | 'speaker' | 'claim';
export type SpanSpec = readonly [label: GoldLabel, substring: string, occurrence?: number];

export interface DocSpec {
  id: string;
  /** Where the text comes from (doccano's `source`). */
  source: string;
  /** The text file, relative to the repository root, read exactly as it is. */
  file: string;
  spans: readonly SpanSpec[];
}

// The search queries and the annotations asked for suggestions in `npm run bench -- scale` (read by
// bench/scale/server-ops.ts). Built from what the generated corpus holds (bench/scale/project.ts, text.ts) and
// what a desk types: names and their transliterated spellings, name prefixes, the beat's stock phrases,
// medium-frequency words, long-tail terms and their prefixes, two- and three-word searches, and the phrases of the
// articles' leads ("X said that N victims were fate in P.").
import { BIG_SPANS, SPANS_PER_DOC } from './project.js';

/** Search queries, each as a person types it (toFtsQuery's syntax). */
export const searchQueries: readonly string[] = [
  // Names and spellings (each surname is in one article in ten, a spelling variant in one in thirty).
  'Rudskoy', 'Konashenkov', 'Zakharova', 'Kovalenko', '"Sergey Rudskoy"', '"Maria Zakharova"', 'Rutskoi', 'Konashenkoff',
  // Name prefixes.
  'konash*', 'rudsk*', 'zakhar*', 'koval*',
  // Stock phrases of the beat (bench/scale/text.ts STOCK_PHRASES).
  '"residential areas"', '"general staff"', '"red cross"', '"smart bombs"', '"humanitarian pause"', '"civilian infrastructure"',
  '"war crimes"', '"grain corridor"', '"power plant"', '"chemical weapons"', '"prisoner exchange"', '"mass grave"',
  // Medium-frequency words and places.
  'ceasefire', 'convoy', 'refugees', 'hospital', 'artillery', 'evacuated', 'Mariupol', 'Aleppo', 'Bakhmut',
  // Long-tail terms of the generated vocabulary, two of their prefixes (each standing for ~130 made-up words,
  // in half the articles: denser than a language's prefixes), and prefixes of common words.
  'quinrovel', 'quinro*', 'velda*', 'evacu*', 'artiller*',
  // Two- and three-word searches.
  'ceasefire convoy', 'hospital shelling', 'Bakhmut residents', 'kharkiv wounded', 'drone attack border',
  // The leads' phrases (one in thirty articles; "were" and "in" are in every one).
  '"civilians were killed"', '"children were evacuated"', '"soldiers were wounded"', '"were injured in Kharkiv"', '"residents were displaced"',
];

/**
 * Annotations to ask suggestions for in a project of `docs` generated articles: in twelve documents spread over
 * the corpus, the speaker, the lead claim, its figure, a later figure and a later claim (document i's spans are
 * numbered from BIG_SPANS + 1 + SPANS_PER_DOC · i in that order), and three spans of the 1 MB report (a claim, a
 * speaker and a figure among its 10,000).
 */
export function suggestionIds(docs: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < 12; k++) {
    const i = Math.floor(((k + 0.5) * docs) / 12);
    for (let off = 1; off <= 5; off++) out.push(BIG_SPANS + SPANS_PER_DOC * i + off);
  }
  out.push(4999, 5000, 5001);
  return out;
}

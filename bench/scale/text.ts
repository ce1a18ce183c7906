// Article text for the scale bench. bench/corpus.ts draws from ~100 words, so at 100,000 documents every word is in
// every document and every search reads the whole index: no real archive looks like that. Here word frequencies
// follow Zipf's law (frequency ∝ 1 / rank; Zipf 1949, and e.g. Piantadosi 2014 for news text) over 400 common
// English and news words followed by 40,000 made-up names and terms, and stock phrases of the beat ("residential
// areas", "general staff") recur, so a term's document frequency spans "the" (every article) to a name met a
// handful of times, as in a real desk's archive.
import { mulberry32 } from '../../common/random.js';

const common = (
  'the of and to in a is that for it as was with be by on not he i this are or his from at which but have an they ' +
  'you were her she there been one all we their has would when if so no will more what up out about who can them ' +
  'some into only other time could new two these may then do first any my now such like our over man me even most ' +
  'made after also did many before must through back years where much your way well down should because each just ' +
  'those people how too little state good very make world still own see men work long get here between both life ' +
  'being under never day same another know while last might us great old year off come since against go came right ' +
  'used take three states himself few house use during without again place around however home small found thought ' +
  'went say part once general high upon school every does got united left number course war until always away ' +
  'something fact though water less public put think almost hand enough far took head yet government system better ' +
  'set told nothing night end why called didn eyes find going look asked later knew point next city business give ' +
  'group toward young days let room president side social given present several order national possible rather second ' +
  'face per among form important often things looked early white case john become large big need four within felt ' +
  'along children saw best church ever least power development light thing seemed family interest want members ' +
  'military ministry defense coalition civilians airstrikes attack forces troops officials spokesman statement ' +
  'residential strikes killed wounded injured refugees ceasefire offensive humanitarian aid convoy hospital ' +
  'shelling artillery drone missile border region province capital village reported according sources claimed ' +
  'denied confirmed investigation casualties evacuated displaced rebels militants army navy commander'
).split(' ');

const syllables = ['ka', 'ro', 'mi', 'sen', 'tor', 'vel', 'da', 'lin', 'gra', 'po', 'shi', 'ner', 'zu', 'bel', 'fa', 'quin', 'har', 'osk', 'ya', 'tem'];
/** 40,000 made-up words of two to four syllables: names, places and terms of the long tail. */
function tail(): string[] {
  const r = mulberry32(2024);
  const out = new Set<string>();
  while (out.size < 40_000) {
    const n = 2 + Math.floor(r() * 3);
    let w = '';
    for (let k = 0; k < n; k++) w += syllables[Math.floor(r() * syllables.length)];
    out.add(w);
  }
  return [...out];
}

const phrases = [
  'residential areas', 'general staff', 'red cross', 'smart bombs', 'humanitarian pause', 'civilian infrastructure',
  'defense ministry', 'security council', 'peace talks', 'air defense', 'human rights', 'ground offensive',
  'mass grave', 'war crimes', 'prisoner exchange', 'grain corridor', 'power plant', 'supply lines', 'front line', 'chemical weapons',
];

let vocabulary: { words: string[]; cumulative: Float64Array } | null = null;
/** The ranked vocabulary and its Zipf cumulative distribution (s = 1). */
function zipf() {
  if (vocabulary) return vocabulary;
  const words = [...common, ...tail()];
  const cumulative = new Float64Array(words.length);
  let sum = 0;
  for (let k = 0; k < words.length; k++) cumulative[k] = sum += 1 / (k + 1);
  for (let k = 0; k < words.length; k++) cumulative[k] /= sum;
  return (vocabulary = { words, cumulative });
}

/** A word drawn by Zipf's law (binary search over the cumulative distribution). */
function word(r: () => number): string {
  const { words, cumulative } = zipf();
  const x = r();
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return words[lo];
}

function sentence(r: () => number): string {
  const n = 8 + Math.floor(r() * 18);
  const ws = Array.from({ length: n }, () => word(r));
  // One sentence in six carries a stock phrase of the beat.
  if (r() < 1 / 6) ws.splice(Math.floor(r() * n), 0, phrases[Math.floor(r() * phrases.length)]);
  const s = ws.join(' ');
  return s[0].toUpperCase() + s.slice(1) + '.';
}

/** One article of about `size` characters: a headline line, then paragraphs of Zipf-distributed words. */
export function zipfArticle(r: () => number, size: number): string {
  let body = '';
  while (body.length < size) body += Array.from({ length: 2 + Math.floor(r() * 4) }, () => sentence(r)).join(' ') + '\n\n';
  return `${sentence(r).slice(0, 90)}\n\n${body}`;
}

export const STOCK_PHRASES: readonly string[] = phrases;

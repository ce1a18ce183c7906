import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '../common/random.js';

const words = (
  'the russian military is accusing us-led coalition of striking civilians in mosul and other residential areas ' +
  'nearby at least 60 were killed another 200 injured during three days airstrikes on iraqi city according to ' +
  'ministry defense general staff sergey rudskoy told journalists tuesday numerous attacks targeting schools ' +
  'objects both parts nineveh governorate situation closely monitored progress liberating isis red cross ' +
  'offensive refugees aleppo syria moscow damascus pause konashenkov spokesman smart bombs pentagon raid ' +
  'президент заявил мирных жителей погибли über straße café naïve'
).split(' ');
const sources = ['RT', 'TASS', 'Reuters', 'AP', 'Interfax', 'RIA Novosti', 'BBC', 'Al Jazeera'];

/** One article of about `size` characters: headline, a date line, a source line, paragraphs. */
export function article(r: () => number, i: number, size = 3000): string {
  const pick = () => words[Math.floor(r() * words.length)];
  const sentence = () => {
    const n = 8 + Math.floor(r() * 18);
    const s = Array.from({ length: n }, pick).join(' ');
    return s[0].toUpperCase() + s.slice(1) + '.';
  };
  const day = 1 + Math.floor(r() * 28);
  const month = 1 + Math.floor(r() * 12);
  let body = '';
  while (body.length < size) {
    const para = Array.from({ length: 2 + Math.floor(r() * 4) }, sentence).join(' ');
    body += para + '\n\n';
  }
  return `${sentence().slice(0, 90)} (${i})\n\ndate 2017-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}\nsource: ${sources[i % sources.length]}\n\n${body}`;
}

/** Writes `count` generated articles into `dir` (100 per sub-folder, as real archives are nested). */
export function writeCorpus(dir: string, count: number, seed = 42, size = 3000): { files: number; bytes: number } {
  const r = mulberry32(seed);
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const sub = join(dir, `batch-${String(Math.floor(i / 100)).padStart(3, '0')}`);
    if (i % 100 === 0) mkdirSync(sub, { recursive: true });
    const text = article(r, i, size);
    writeFileSync(join(sub, `article-${String(i).padStart(5, '0')}.txt`), text);
    bytes += Buffer.byteLength(text);
  }
  return { files: count, bytes };
}

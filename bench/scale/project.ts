// The generated projects of `npm run bench -- scale` (issue 15): 1,000, 10,000 and 100,000 articles of ~3.5 kB,
// ten spans each (a million at 100,000), a said-by link per document and same-as chains making claim and speaker
// clusters of five mentions each (10,000 of each and 180,000 links at 100,000 documents), plus one 1 MB report with 10,000 spans at the top of the list, the
// same at every size (tagging in it is measured). Deterministic (mulberry32 seeds), built once and cached under
// bench/out/, keyed by BUILD_VERSION and the size (opening migrates a copy to the current schema).
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../../common/random.js';
import { cpLength } from '../../common/offsets.js';
import { openProject } from '../../services/project.js';
import { textHash } from '../../services/import/hash.js';
import { article } from '../corpus.js';
import { zipfArticle } from './text.js';

/** Bumped whenever buildScaleProject writes something else. */
const BUILD_VERSION = 2;
export const SPANS_PER_DOC = 10;
export const BIG_SPANS = 10_000;
const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'out');

const first = ['Sergey', 'Igor', 'Vladimir', 'Ashton', 'John', 'Maria', 'Ahmed', 'Olena', 'Pierre', 'Li'];
const last = ['Rudskoy', 'Konashenkov', 'Putin', 'Carter', 'Kirby', 'Zakharova', 'Rasul', 'Kovalenko', 'Dubois', 'Wei'];
/** Spelling variants as transliteration produces them. */
const variant = (s: string) => s.replace(/dsk/, 'tsk').replace(/y$/, 'i').replace(/ov$/, 'off');
const outlets = ['RT', 'TASS', 'Reuters', 'AP', 'Interfax', 'RIA Novosti', 'BBC', 'Al Jazeera', 'AFP', 'Kyiv Independent', 'Meduza', 'DW'];
const places = ['Mosul', 'Aleppo', 'Raqqa', 'Idlib', 'Homs', 'Deir ez-Zor', 'Kharkiv', 'Mariupol', 'Bakhmut', 'Kherson'];

/** What a cached scale project holds, for the bench's labels. */
export interface ScaleProject {
  path: string;
  documents: number;
  annotations: number;
  links: number;
  claimClusters: number;
  speakerClusters: number;
  /** The 1 MB report's document id. */
  bigId: number;
  bytes: number;
}

/** The day `i` days after 2015-01-01, as YYYY-MM-DD (ten years of dates over 100,000 articles). */
function dayOf(i: number): string {
  return new Date(Date.UTC(2015, 0, 1) + (i % 3650) * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The 1 MB report: generated paragraphs with 10,000 spans, some nested in their neighbour as real tagging does.
 * The same text and spans in every project.
 */
function writeBigReport(p: ReturnType<typeof openProject>): number {
  const r = mulberry32(11);
  let big = '';
  for (let i = 0; big.length < 1_000_000; i++) big += article(r, i, 2000).replace(/\(\d+\)/, '') + '\n';
  const id = p.documents.insert({ title: 'Big report (1 MB)', date: '2017-03-01', source: 'UN', path: null, hash: textHash(big), text: big, length: cpLength(big) }, 'bench');
  const step = Math.floor(big.length / BIG_SPANS);
  for (let i = 0; i < BIG_SPANS; i++) {
    const s = i * step + 1;
    const e = s + 5 + (i % 40);
    p.annotations.insertChecked({ docId: id, labelId: 1 + (i % 3), start: s, end: e, text: big.slice(s, e), note: '', attributes: {}, at: 'bench', annotatorId: 1 });
  }
  return id;
}

/**
 * Builds (or finds in the cache) the project of `docs` generated articles. Each article has a lead "X said that N
 * civilians were killed in P." with a speaker, a claim and a figure (value attribute), and seven more spans over its
 * sentences (claims and figures); the claim is said-by the speaker (one link per document). The lead claims and
 * speakers of the first half of the documents form clusters of five (document i with i ± docs/10 …): docs/10 claim
 * clusters and docs/10 speaker clusters, linked by same-as chains.
 */
export function scaleProject(docs: number, log: (s: string) => void = () => {}): ScaleProject {
  const dir = join(outDir, `scale-v${BUILD_VERSION}-${docs}`);
  const path = join(dir, 'p.crosscheck');
  const infoPath = join(dir, 'info.json');
  if (existsSync(path) && existsSync(infoPath)) return { ...(JSON.parse(readFileSync(infoPath, 'utf8')) as ScaleProject), path };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const tmp = `${path}.building-${process.pid}`;
  const t0 = performance.now();
  const p = openProject(tmp);
  const labels = new Map(p.labels.list().map((l) => [l.name, l.id]));
  const types = new Map(p.links.types().map((t) => [t.name, t.id]));
  const [claim, speaker, figure] = ['claim', 'speaker', 'figure'].map((n) => labels.get(n)!);
  const group = Math.max(1, Math.floor(docs / 10));
  const leadClaim: number[] = [];
  const leadSpeaker: number[] = [];
  let bytes = 0;
  let annotations = 0;
  let links = 0;
  let bigId = 0;
  p.transaction(() => (bigId = writeBigReport(p)));
  annotations += BIG_SPANS;
  const BATCH = 2000;
  for (let from = 0; from < docs; from += BATCH) {
    p.transaction(() => {
      for (let i = from; i < Math.min(docs, from + BATCH); i++) {
        const { text, lead, who, killed, victims } = scaleArticle(i);
        bytes += Buffer.byteLength(text);
        const docId = p.documents.insert(
          { title: text.slice(0, text.indexOf("\n")),  date: i % 97 === 0 ? null : dayOf(i * 7), source: i % 89 === 0 ? null : outlets[i % outlets.length], path: `scale/${i}.txt`, hash: textHash(text), text, length: cpLength(text) },
          'bench',
        );
        // Generated text is ASCII but for a few words of Cyrillic and Latin-1, all in the BMP: UTF-16 indexes are
        // code points here.
        const at = text.indexOf(lead);
        const fig = text.indexOf(String(killed), at);
        const spans: [number, number, number, Record<string, string>][] = [
          [speaker, at, at + who.length, {}],
          [claim, at, at + lead.length - 1, {}],
          [figure, fig, fig + `${killed} ${victims}`.length, { value: String(killed), unit: victims }],
        ];
        let cursor = at + lead.length;
        while (spans.length < SPANS_PER_DOC) {
          const end = text.indexOf('.', cursor + 40);
          if (end < 0) break;
          if (spans.length % 3 === 0) spans.push([figure, cursor + 2, cursor + 12, {}]);
          else spans.push([claim, cursor + 2, end, {}]);
          cursor = end + 1;
        }
        const ids = spans.map(([labelId, s, e, attributes]) =>
          p.annotations.insertChecked({ docId, labelId, start: s, end: e, text: text.slice(s, e), note: '', attributes, at: 'bench', annotatorId: 1 }),
        );
        annotations += ids.length;
        p.links.create(ids[1], ids[0], types.get('said-by')!);
        links++;
        leadSpeaker.push(ids[0]);
        leadClaim.push(ids[1]);
        // Clusters of five among the first half: i joins i - group.
        if (i < docs / 2 && i >= group) {
          p.links.create(ids[1], leadClaim[i - group], types.get('same-as')!);
          p.links.create(ids[0], leadSpeaker[i - group], types.get('same-as')!);
          links += 2;
        }
      }
    });
    if ((from / BATCH) % 5 === 0) log(`scale project ${docs}: ${from + BATCH} documents, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  p.close();
  renameSync(tmp, path);
  const info: ScaleProject = { path, documents: docs + 1, annotations, links, claimClusters: Math.min(group, Math.floor(docs / 2)), speakerClusters: Math.min(group, Math.floor(docs / 2)), bigId, bytes };
  writeFileSync(infoPath, JSON.stringify(info, null, 2));
  log(`scale project ${docs}: built in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  return info;
}

/**
 * A copy of a cached scale project in `dir` (which must exist) to measure on: the cache itself is never opened, so
 * writes, migrations and WAL files stay out of it. Returns the copy's path.
 */
export function workingCopy(p: ScaleProject, dir: string): string {
  const to = join(dir, `scale-${p.documents - 1}.crosscheck`);
  copyFileSync(p.path, to);
  return to;
}

/**
 * Article `i` of the scale corpus (the same at every size: the 1,000-document project is the first thousand of the
 * 100,000): a Zipf-distributed text of ~3.5 kB (bench/scale/text.ts) with a lead "X said that N victims were fate
 * in P." after its headline. Leads vary (six victims, five fates, ten places), so a phrase such as "civilians were
 * killed" is in one article in thirty, as a story is in an archive.
 */
export function scaleArticle(i: number) {
  const r = mulberry32(100_003 * i + 17);
  const surname = last[(i * 7) % last.length];
  const who = `${first[i % first.length]} ${i % 3 === 0 ? variant(surname) : surname}`;
  const killed = 20 + Math.floor(r() * 400);
  const victims = ['civilians', 'people', 'residents', 'children', 'soldiers', 'workers'][i % 6];
  const fate = ['killed', 'wounded', 'injured', 'evacuated', 'displaced'][Math.floor(i / 6) % 5];
  const lead = `${who} said that ${killed} ${victims} were ${fate} in ${places[i % places.length]}.`;
  const body = zipfArticle(r, 3300);
  const cut = body.indexOf('\n\n');
  const text = `${body.slice(0, cut)}\n\n${lead}${body.slice(cut)}`;
  return { text, lead, who, killed, victims };
}

/** The folder of `docs` article files (scaleArticle) the import is measured on, 100 per sub-folder, written once and cached. */
export function scaleCorpus(docs: number): { dir: string; bytes: number } {
  const dir = join(outDir, `scale-corpus-v${BUILD_VERSION}-${docs}`);
  const done = join(dir, 'bytes.txt');
  if (existsSync(done)) return { dir: join(dir, 'files'), bytes: Number(readFileSync(done, 'utf8')) };
  rmSync(dir, { recursive: true, force: true });
  let bytes = 0;
  for (let i = 0; i < docs; i++) {
    const sub = join(dir, 'files', `batch-${String(Math.floor(i / 100)).padStart(4, '0')}`);
    if (i % 100 === 0) mkdirSync(sub, { recursive: true });
    const { text } = scaleArticle(i);
    writeFileSync(join(sub, `article-${String(i).padStart(6, '0')}.txt`), text);
    bytes += Buffer.byteLength(text);
  }
  writeFileSync(done, String(bytes));
  return { dir: join(dir, 'files'), bytes };
}

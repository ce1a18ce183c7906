/**
 * The test fixture shared by pairs-export.test.ts and clusters-export.test.ts (not a test itself): a project
 * builder that places spans by the substring they cover, the news project both exports are checked on, and
 * an export into a fresh folder.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openProject, type Project } from '../project.js';
import { runExport, type ExportOptions } from '../export/run.js';
import { pairsExporter } from './pairs-export.js';
import { clustersExporter } from './clusters-export.js';

const exporters = { pairs: pairsExporter, clusters: clustersExporter };
export const CLAIM = 1;
export const SPEAKER = 2;
const FIGURE = 3;
const SAME_AS = 1;

/** One line of pairs.jsonl. */
export interface Line {
  a: number;
  b: number;
  label: 0 | 1;
  a_text: string;
  b_text: string;
  a_doc: number;
  b_doc: number;
  a_context: string | null;
  b_context: string | null;
  cluster: string | null;
  label_name: string;
  hard?: boolean;
}

const cp = (s: string) => Array.from(s).length;

/** The helpers, writing projects and exports under the folder `dirOf()` gives (a test's temporary folder). */
export function pairsFixtures(dirOf: () => string) {
  let n = 0;

  /** A project builder: documents by text, spans by the substring they cover (code points), same-as links. */
  function builder(name: string) {
    const p = openProject(join(dirOf(), `${name}.crosscheck`));
    const texts = new Map<number, string>();
    return {
      p,
      doc(text: string, title = `doc ${texts.size + 1}`): number {
        const id = p.documents.insert({ title, date: null, source: null, path: null, hash: `${name}-${texts.size}-${text}`, text, length: cp(text) }, 'now');
        texts.set(id, text);
        return id;
      },
      span(doc: number, s: string, labelId: number, nth = 0): number {
        const text = texts.get(doc)!;
        let at = -1;
        for (let i = 0; i <= nth; i++) at = text.indexOf(s, at + 1);
        assert.ok(at >= 0, `"${s}" is in doc ${doc}`);
        const start = cp(text.slice(0, at));
        return p.annotations.create({ docId: doc, labelId, start, end: start + cp(s) }).id;
      },
      same(...ids: number[]) {
        for (let i = 1; i < ids.length; i++) p.links.create(ids[0], ids[i], SAME_AS);
      },
      text: (doc: number) => texts.get(doc)!,
    };
  }

  async function exportTo(p: Project, o: Omit<ExportOptions, 'dest' | 'docs'> & { docs?: ExportOptions['docs'] }) {
    const dest = join(dirOf(), `out-${++n}`);
    const result = await runExport(p, exporters, { docs: { kind: 'all' }, ...o, dest });
    return { dest, result };
  }

  const readPairs = (file: string): Line[] =>
    readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));

  /**
   * The shared fixture: 8 news documents. Clusters: A (claim "60 civilians", 3 mentions, one with a ZWJ family
   * emoji), B (claim about a hospital, 2 mentions; plus a figure linked to it in the mixed variant), C (speaker
   * Rudskoy, 2 mentions, one with a combining accent). Unclustered claims, one sharing the word "civilians".
   */
  function newsProject(name: string, opts: { mixed?: boolean } = {}) {
    const b = builder(name);
    const d = [
      b.doc('Gen. Sergey Rudskoy said: 60 civilians killed in Aleppo. 👩‍👩‍👧 families fled.'),
      b.doc('Reports say sixty civilians died in Aleppo 🇸🇾. The hospital was bombed twice.'),
      b.doc('Rudskoy\u0301 repeated the claim: 60 civilians killed, he said.'),
      b.doc('Doctors confirm the hospital was bombed twice. 40 wounded were counted.'),
      b.doc('Civilians fled the city on Tuesday. The convoy reached Idlib.'),
      b.doc('Prices rose by 5 percent. The minister resigned.'),
      b.doc('The ceasefire collapsed overnight. Talks will resume in Geneva.'),
      b.doc('Sergey Shoigu visited the front. A bridge was destroyed.'),
    ];
    const a1 = b.span(d[0], '60 civilians killed in Aleppo', CLAIM);
    const a2 = b.span(d[1], 'sixty civilians died in Aleppo 🇸🇾', CLAIM);
    const a3 = b.span(d[2], '60 civilians killed', CLAIM);
    const fam = b.span(d[0], '👩‍👩‍👧 families fled', CLAIM);
    const b1 = b.span(d[1], 'The hospital was bombed twice', CLAIM);
    const b2 = b.span(d[3], 'the hospital was bombed twice', CLAIM);
    const c1 = b.span(d[0], 'Sergey Rudskoy', SPEAKER);
    const c2 = b.span(d[2], 'Rudskoy\u0301', SPEAKER);
    const loose = [
      b.span(d[4], 'Civilians fled the city', CLAIM),
      b.span(d[4], 'The convoy reached Idlib', CLAIM),
      b.span(d[5], 'Prices rose by 5 percent', CLAIM),
      b.span(d[5], 'The minister resigned', CLAIM),
      b.span(d[6], 'The ceasefire collapsed overnight', CLAIM),
      b.span(d[6], 'Talks will resume in Geneva', CLAIM),
      b.span(d[7], 'A bridge was destroyed', CLAIM),
      b.span(d[3], '40 wounded were counted', CLAIM),
    ];
    const speakers = [b.span(d[7], 'Sergey Shoigu', SPEAKER), b.span(d[3], 'Doctors', SPEAKER), b.span(d[6], 'Talks', SPEAKER)];
    const figure = b.span(d[3], '40', FIGURE);
    b.same(a1, a2, a3);
    b.same(b1, b2);
    b.same(c1, c2);
    if (opts.mixed) b.same(b1, figure);
    b.p.links.clusters.rename(b.p.annotations.get(a1).clusterId!, 'Sixty civilians');
    const groups = { A: [a1, a2, a3], B: opts.mixed ? [b1, b2, figure] : [b1, b2], C: [c1, c2] };
    return { ...b, d, groups, fam, loose, speakers, figure };
  }

  /** Label and cluster of every span of the project, read through its repositories. */
  function spanFacts(p: Project) {
    const labels = new Map(p.labels.list().map((l) => [l.id, l.name]));
    const docs = p.documents.list('imported', 'asc', 0, Number.MAX_SAFE_INTEGER).items;
    const spans = docs.flatMap((d) => p.annotations.listForDocument(d.id));
    return new Map(spans.map((a) => [a.id, { id: a.id, doc: a.docId, cluster: a.clusterId, label: labels.get(a.labelId)!, text: a.text }]));
  }

  return { builder, newsProject, exportTo, readPairs, spanFacts };
}

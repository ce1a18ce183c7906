import { createHash } from 'node:crypto';
import { openProject, type Project } from '../services/project.js';
import { article } from './corpus.js';
import { mulberry32 } from '../common/random.js';

const first = ['Sergey', 'Igor', 'Vladimir', 'Ashton', 'John', 'Maria', 'Ahmed', 'Olena', 'Pierre', 'Li'];
const last = ['Rudskoy', 'Konashenkov', 'Putin', 'Carter', 'Kirby', 'Zakharova', 'Rasul', 'Kovalenko', 'Dubois', 'Wei'];
/** Spelling variants as transliteration produces them: the suggestions must find these. */
const variant = (s: string) => s.replace(/dsk/, 'tsk').replace(/y$/, 'i').replace(/ov$/, 'off');

export interface BenchProject {
  project: Project;
  annotationIds: number[];
}

/**
 * A project of `docs` generated articles with `perDoc` annotations each (claims, speakers under spelling
 * variants, figures), written straight through the repositories: the suggestion and export benches need the
 * data, not another measurement of import.
 */
export function buildProject(path: string, docs: number, perDoc: number, seed = 7): BenchProject {
  const r = mulberry32(seed);
  const project = openProject(path);
  const annotationIds: number[] = [];
  const labels = new Map(project.labels.list().map((l) => [l.name, l.id]));
  project.transaction(() => {
    for (let i = 0; i < docs; i++) {
      const who = `${first[i % first.length]} ${i % 3 === 0 ? variant(last[(i * 7) % last.length]) : last[(i * 7) % last.length]}`;
      const killed = 20 + Math.floor(r() * 400);
      const lead = `${who} said that ${killed} civilians were killed in Mosul.`;
      const text = `${article(r, i, 2400).replace('\n\n', `\n\n${lead}\n\n`)}`;
      const id = project.documents.insert(
        { title: `Article ${i}`, date: `2017-01-${String(1 + (i % 28)).padStart(2, '0')}`, source: ['RT', 'TASS', 'AP'][i % 3], path: null, hash: createHash('sha1').update(text).digest('hex'), text, length: text.length },
        'bench',
      );
      const at = text.indexOf(lead);
      const spans: [string, number, number][] = [
        ['speaker', at, at + who.length],
        ['claim', at, at + lead.length - 1],
        ['figure', text.indexOf(String(killed), at), text.indexOf(String(killed), at) + String(killed).length + ' civilians'.length],
      ];
      // The rest: claims over whole sentences further down, so that documents carry `perDoc` spans in all.
      let from = at + lead.length;
      while (spans.length < perDoc) {
        const end = text.indexOf('.', from + 40);
        if (end < 0) break;
        spans.push(['claim', from + 2, end]);
        from = end + 1;
      }
      for (const [label, s, e] of spans) {
        if (e <= s) continue;
        annotationIds.push(
          project.annotations.insertChecked({ docId: id, labelId: labels.get(label)!, start: s, end: e, text: text.slice(s, e), note: '', attributes: {}, at: 'bench', annotatorId: 1 }),
        );
      }
    }
  });
  return { project, annotationIds };
}

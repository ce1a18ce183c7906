import { createHash } from 'node:crypto';
import { openProject, type Project } from '../project.js';
import { cpLength } from '../../common/offsets.js';
import { GOLD_LAYER } from '../../common/annotators.js';

export const TEXTS = ['The mayor denied the report on Friday.', 'Officials said the mayor denied it twice.'];
export const CLAIM = 1;
export const SPEAKER = 2;
export const SAME_AS = 1;
export const SAID_BY = 4;

/** A project in memory with the two TEXTS as documents 1 and 2 and the layers ana, ben and cat. */
export function curationProject() {
  const p: Project = openProject(':memory:');
  const docs = TEXTS.map((text, i) =>
    p.documents.insert(
      { title: `doc ${i + 1}`, date: null, source: null, path: null, hash: createHash('sha256').update(text).digest('hex'), text, length: cpLength(text) },
      '2024-01-01T00:00:00.000Z',
    ),
  );
  const layer = { ana: p.annotators.ensure('ana'), ben: p.annotators.ensure('ben'), cat: p.annotators.ensure('cat') };
  /** Tags a span in `who`'s layer; returns its id. */
  const tag = (who: keyof typeof layer, doc: number, labelId: number, start: number, end: number) =>
    p.annotations.create({ docId: docs[doc - 1], labelId, start, end, annotatorId: layer[who] }).id;
  const goldSpans = (docId?: number) => {
    const g = p.annotators.idByName(GOLD_LAYER);
    const ds = docId ? [docId] : docs;
    return ds.flatMap((d) => p.annotations.listForDocument(d)).filter((a) => a.annotatorId === g);
  };
  return { p, docs, layer, tag, goldSpans };
}

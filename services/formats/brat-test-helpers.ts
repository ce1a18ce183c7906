/**
 * Helpers shared by the brat tests (brat-export.test.ts, brat-import.test.ts, brat-folder.test.ts; not a test
 * itself): code point arithmetic, export documents built from needles, and an in-memory run of bratExporter.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bratExporter } from './brat-export.js';
import type { ExportContext, ExportDoc, ExportLink, ExportSpan, ParsedDoc, Sink } from './types.js';

/** The brat files of other tools and papers under fixtures/brat. */
export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'brat');

export const cpLen = (s: string) => Array.from(s).length;
/** Code point offset of the `nth` occurrence of `needle` in `text`. */
export const cpOf = (text: string, needle: string, nth = 0) => {
  let u = -1;
  for (let i = 0; i <= nth; i++) u = text.indexOf(needle, u + 1);
  assert.ok(u >= 0, `${needle} not in text`);
  return cpLen(text.slice(0, u));
};
export const cpSlice = (text: string, s: number, e: number) => Array.from(text).slice(s, e).join('');

function memorySink() {
  const files = new Map<string, string>();
  const sink: Sink = { write: (p, t) => void files.set(p, (files.get(p) ?? '') + t) };
  return { files, sink };
}

export function fakeCtx(labels: string[], extraTypes: ExportContext['linkTypes'] = []): ExportContext {
  const colors = ['#e8a33d', '#3d8be8', '#2fae6b', '#8b5cf6', '#db2777', '#0891b2'];
  return {
    labels: labels.map((name, i) => ({ name, color: colors[i % colors.length] })),
    linkTypes: [
      { name: 'same-as', directed: false, transitive: true },
      { name: 'contradicts', directed: false, transitive: false },
      { name: 'supports', directed: false, transitive: false },
      { name: 'said-by', directed: true, transitive: false },
      { name: 'cites', directed: true, transitive: false },
      ...extraTypes,
    ],
    db: null as never,
    docIds: new Set(),
    labelNames: new Set(labels),
    layers: [],
    layerId: null,
    options: { seed: 1, contextSentence: true },
  };
}

let nextSpanId = 1;
/** A span id not used before in this test file's run (span() takes its ids from here too). */
export const newSpanId = () => nextSpanId++;
export function span(text: string, needle: string, label: string, extra: Partial<ExportSpan> = {}, nth = 0): ExportSpan {
  const start = cpOf(text, needle, nth);
  return { id: newSpanId(), start, end: start + cpLen(needle), label, text: needle, note: '', attributes: {}, cluster: null, annotator: 'ana', ...extra };
}

export function doc(id: number, text: string, spans: ExportSpan[], links: ExportLink[] = []): ExportDoc {
  spans.sort((a, b) => a.start - b.start || a.end - b.end || a.id - b.id);
  return { id, title: `Doc ${id}`, date: '2016-10-20', source: 'RT', path: null, text, done: false, split: null, spans, links };
}

export function link(id: number, from: ExportSpan, to: ExportSpan, type: string, toDocId: number): ExportLink {
  const directed = type === 'said-by' || type === 'cites';
  return { id, from: from.id, to: to.id, type, directed, toDocId, annotator: 'ana' };
}

/** Drives an exporter the way services/export/run.ts does: begin per sink, doc per document, end per sink. */
export function exportTo(ctx: ExportContext, groups: Record<string, ExportDoc[]>) {
  const sinks: Record<string, ReturnType<typeof memorySink>> = {};
  for (const name of Object.keys(groups)) {
    sinks[name] = memorySink();
    bratExporter.begin?.(ctx, sinks[name].sink);
  }
  for (const [name, docs] of Object.entries(groups)) for (const d of docs) bratExporter.doc(d, ctx, sinks[name].sink);
  const notes: string[] = [];
  for (const name of Object.keys(groups)) notes.push(...(bratExporter.end?.(ctx, sinks[name].sink)?.notes ?? []));
  return { sinks, notes };
}

export function writeOut(root: string, sinks: Record<string, ReturnType<typeof memorySink>>) {
  for (const [name, s] of Object.entries(sinks)) {
    for (const [rel, text] of s.files) {
      const p = join(root, name, rel);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, text);
    }
  }
}

export const spanBy = (d: ParsedDoc, id: string) => {
  const s = d.spans.find((x) => x.key.endsWith(`:${id}`));
  assert.ok(s, `no span ${id} in ${d.title}`);
  return s!;
};
export const linksOf = (d: ParsedDoc) => d.links.map((l) => `${l.from.split(':').pop()} -${l.type}-> ${l.to.split(':').pop()}`).sort();

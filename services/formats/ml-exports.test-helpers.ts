/**
 * Shared by the tests of the hf, checkthat and coref-conll exports (not a test itself): a project builder that
 * places spans by the text they cover — several pieces make a discontinuous span, stored as brat import stores
 * one (fragments.ts) — and an export of a project through the registry's exporters into a fresh folder.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openProject } from '../project.js';
import { runExport, type ExportOptions } from '../export/run.js';
import { FRAGMENTS_ATTRIBUTE } from './fragments.js';
import { exporters } from './index.js';

const SAME_AS = 1;
const cpLength = (s: string) => Array.from(s).length;

/** The helpers, writing projects and exports under the folder `dirOf()` gives (a test's temporary folder). */
export function mlFixtures(dirOf: () => string) {
  let exports = 0;

  function project(name: string) {
    const p = openProject(join(dirOf(), `${name}.crosscheck`));
    const texts = new Map<number, string>();
    const labelIds = new Map(p.labels.list().map((l) => [l.name, l.id]));
    return {
      p,
      /** A document; `date` as the importer stores it (ISO day). */
      doc(text: string, o: { title?: string; date?: string } = {}): number {
        const title = o.title ?? `doc ${texts.size + 1}`;
        const id = p.documents.insert({ title, date: o.date ?? null, source: null, path: null, hash: `${name}:${texts.size}:${text}`, text, length: cpLength(text) }, 'now');
        texts.set(id, text);
        return id;
      },
      /**
       * A span of label `label` covering `pieces` (found in order, each after the previous one; the `nth` match
       * of the first); two or more pieces make a discontinuous span.
       */
      span(doc: number, pieces: string | string[], label: string, nth = 0): number {
        const text = texts.get(doc)!;
        const list = typeof pieces === 'string' ? [pieces] : pieces;
        const found: [number, number][] = [];
        let after = 0; // UTF-16 index where the next piece may start
        list.forEach((piece, i) => {
          let at = text.indexOf(piece, after);
          for (let k = 0; i === 0 && k < nth && at >= 0; k++) at = text.indexOf(piece, at + 1);
          assert.ok(at >= 0, `"${piece}" is in doc ${doc}`);
          const start = cpLength(text.slice(0, at));
          found.push([start, start + cpLength(piece)]);
          after = at + piece.length;
        });
        const attributes: Record<string, string> = {};
        if (found.length > 1) attributes[FRAGMENTS_ATTRIBUTE] = found.map(([a, b]) => `${a}-${b}`).join(';');
        const labelId = labelIds.get(label);
        assert.ok(labelId, `label ${label}`);
        return p.annotations.create({ docId: doc, labelId, start: found[0][0], end: found[found.length - 1][1], attributes }).id;
      },
      /** Same-as links from the first span to each other: one cluster. */
      same(...ids: number[]): void {
        for (let i = 1; i < ids.length; i++) p.links.create(ids[0], ids[i], SAME_AS);
      },
      clusterOf: (span: number) => p.annotations.get(span).clusterId!,
    };
  }

  /** Runs an export of `p` into a new folder; `read` gives a file of it as text. */
  async function exportTo(p: ReturnType<typeof project>['p'], o: Omit<ExportOptions, 'dest' | 'docs'> & { docs?: ExportOptions['docs'] }) {
    const dest = join(dirOf(), `export-${++exports}`);
    const result = await runExport(p, exporters, { docs: { kind: 'all' }, ...o, dest });
    return { dest, result, read: (rel: string) => readFileSync(join(dest, rel), 'utf8') };
  }

  return { project, exportTo };
}

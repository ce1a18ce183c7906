/**
 * For the import-layers tests (issue 13): a fresh project per import, and what it holds afterwards as
 * `[layer, label, text]` rows and links as `[layer, type, from text, to text]`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProject, type Project } from '../project.js';

/** The hand-written multi-annotator fixtures (services/formats/fixtures/layers/SOURCES.md). */
export const layersFixture = (name: string) => join(import.meta.dirname, 'fixtures', 'layers', name);
export const readLayersFixture = (name: string) => readFileSync(layersFixture(name), 'utf8');

/** Runs `body` with a new temporary folder (for files a test writes), removed afterwards. */
export function inTempDir(body: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-import-layers-'));
  try {
    body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `body` on a new project in a temporary folder, removed afterwards. */
export function withProject<T>(body: (p: Project) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-layers-'));
  const p = openProject(join(dir, 'p.crosscheck'));
  try {
    return body(p);
  } finally {
    p.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every span of the project as `[layer, label, text]`, by document, then start, then layer name. */
export function layerRows(p: Project): [string, string, string][] {
  const label = new Map(p.labels.list().map((l) => [l.id, l.name]));
  const rows: [string, string, string, number, number][] = [];
  for (const d of p.documents.list('imported', 'asc', 0, 1000).items) {
    for (const a of p.annotations.listForDocument(d.id)) rows.push([p.annotators.name(a.annotatorId), label.get(a.labelId)!, a.text, d.id, a.start]);
  }
  rows.sort((x, y) => x[3] - y[3] || x[4] - y[4] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  return rows.map(([layer, l, text]) => [layer, l, text]);
}

/** Every link of the project as `[layer, type, from text, to text]`, sorted. */
export function linkRows(p: Project): [string, string, string, string][] {
  const type = new Map(p.links.types().map((t) => [t.id, t.name]));
  const seen = new Map<number, [string, string, string, string]>();
  for (const d of p.documents.list('imported', 'asc', 0, 1000).items) {
    for (const a of p.annotations.listForDocument(d.id)) {
      for (const l of p.links.forAnnotation(a.id)) {
        seen.set(l.id, [p.annotators.name(l.annotatorId), type.get(l.typeId)!, p.annotations.get(l.fromId).text, p.annotations.get(l.toId).text]);
      }
    }
  }
  return [...seen.values()].sort((a, b) => (a.join('\t') < b.join('\t') ? -1 : 1));
}

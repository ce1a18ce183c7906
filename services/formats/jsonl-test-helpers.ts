/**
 * Helpers shared by the JSONL tests (jsonl-ids.test.ts, jsonl-rules.test.ts, jsonl-schema.test.ts; not a test
 * itself): a scratch folder, importing a JSONL text through importJsonl, and the project's export as objects.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProject, type Project } from '../project.js';
import { jsonlLines } from '../export/jsonl.js';
import { importJsonl } from './jsonl-import.js';
import { collectingContext } from './types.js';
import type { ImportOptions } from '../../common/contract.js';

/** A scratch folder for one test file: `path(name)` inside it, `project(name)` opened there, `done()` removes it. */
export function scratch(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), `crosscheck-${prefix}-`));
  const opened: Project[] = [];
  return {
    path: (name: string) => join(dir, name),
    project(name: string): Project {
      const p = openProject(join(dir, `${name}.crosscheck`));
      opened.push(p);
      return p;
    },
    done() {
      for (const p of opened.splice(0)) p.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Writes `content` to `file` and imports it (shown as in.jsonl), with the report and what was dropped and noted. */
export function importText(p: Project, file: string, content: string, options: Partial<ImportOptions> = {}) {
  writeFileSync(file, content);
  const ctx = collectingContext('in.jsonl', options);
  const report = importJsonl(p, file, 'in.jsonl', ctx);
  return { report, dropped: ctx.dropped, notes: ctx.notes };
}

/** The whole project's JSONL export as one string. */
export const exportText = (p: Project) => [...jsonlLines(p.db)].join('');

/** A line of the export, parsed: just what the tests look at. */
export interface ExportedLine {
  id: string | number;
  title: string;
  text: string;
  spans: { id: string | number; start: number; end: number; label: string; text: string; attributes: Record<string, string>; cluster: { id: number; name: string } | null }[];
  links: { id: string | number; from: string | number; to: string | number; type: string }[];
}

/** The whole project's JSONL export, parsed line by line. */
export const exportObjects = (p: Project): ExportedLine[] => [...jsonlLines(p.db)].map((l) => JSON.parse(l) as ExportedLine);

/** One line per object, as JSONL. */
export const jsonl = (...lines: unknown[]) => lines.map((l) => JSON.stringify(l)).join('\n') + '\n';

/** A project where only some spans have a cluster or attributes, one document has a date and one a link. */
export function unevenProject(p: Project, file: string): void {
  importText(
    p,
    file,
    jsonl(
      {
        id: 1, title: 'Briefing', date: '2016-10-20', source: 'RT', text: 'Gen. Rudskoy said 60 civilians died.',
        spans: [
          { id: 1, start: 5, end: 12, label: 'speaker', text: 'Rudskoy', cluster: { id: 1, name: 'Rudskoy' } },
          { id: 2, start: 18, end: 20, label: 'figure', text: '60', attributes: { unit: 'people' } },
          { id: 3, start: 18, end: 35, label: 'claim', text: '60 civilians died', note: 'wire copy' },
        ],
        links: [
          { from: 3, to: 1, type: 'said-by' },
          { from: 1, to: 4, type: 'same-as' },
        ],
      },
      { id: 2, title: 'Follow-up', text: 'Rudskoy repeated it.', spans: [{ id: 4, start: 0, end: 7, label: 'speaker', text: 'Rudskoy', cluster: { id: 1, name: 'Rudskoy' } }] },
      { id: 3, title: 'Nothing tagged', text: 'An article without spans.' },
    ),
  );
}

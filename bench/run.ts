import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../services/paths.js';
import { importEntry } from './entries/import.js';
import { suggestEntry } from './entries/suggest.js';
import { exportEntry } from './entries/export.js';
import { uiEntry } from './entries/ui.js';
import { adversarialEntry } from './entries/adversarial.js';
import { formatsEntry } from './entries/formats.js';
import { cliImportEntry } from './entries/cli-import.js';
import { agreementEntry } from './entries/agreement.js';
import { mergeEntry } from './entries/merge.js';
import { preannotateEntry } from './entries/preannotate.js';
import { scaleEntry } from './entries/scale.js';
import type { BenchEntry, BenchRow } from './types.js';

/** `npm run bench [-- name...]`: runs the entries, prints a table, writes bench/out/results.json. */
const entries: BenchEntry[] = [importEntry, suggestEntry, exportEntry, uiEntry, adversarialEntry, formatsEntry, cliImportEntry, agreementEntry, mergeEntry, preannotateEntry, scaleEntry];

const wanted = process.argv.slice(2);
const chosen = wanted.length ? entries.filter((e) => wanted.includes(e.name)) : entries;
if (!chosen.length) {
  console.error(`no bench entry named ${wanted.join(', ')}; entries: ${entries.map((e) => e.name).join(', ')}`);
  process.exit(2);
}

const rows: BenchRow[] = [];
for (const e of chosen) {
  console.error(`running ${e.name}: ${e.description}…`);
  rows.push(...(await e.run()));
}

const table = [
  ['entry', 'metric', 'value', 'baseline', 'ratio', 'target', 'ok'],
  ...rows.map((r) => [
    r.entry,
    r.metric,
    `${r.value} ${r.unit}`,
    r.baseline === undefined ? '' : `${r.baseline} ${r.unit}`,
    r.ratio === undefined ? '' : String(r.ratio),
    r.target ?? '',
    r.pass === undefined ? '' : r.pass ? 'yes' : 'NO',
  ]),
];
const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
for (const row of table) console.log(row.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd());

const out = join(repoRoot, 'bench', 'out');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'results.json'), JSON.stringify({ date: new Date().toISOString(), rows }, null, 2));
if (rows.some((r) => r.pass === false)) process.exitCode = 1;

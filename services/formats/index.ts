/**
 * Every format Crosscheck reads or writes, by name. A new format is an Exporter and/or a parser here;
 * nothing else (contract, hosts, UI) changes.
 */
import type { Exporter } from './types.js';
import { jsonlExporter } from './jsonl.js';
import { csvExporter } from './csv.js';
import { bratExporter } from './brat.js';
import { conllExporter } from './conll.js';
import { w3cExporter } from './w3c.js';
import { doccanoExporter } from './doccano.js';
import { labelStudioExporter } from './labelstudio.js';
import { pairsExporter, clustersExporter } from './pairs.js';

export const exportFormats = ['jsonl', 'csv', 'brat', 'conll', 'w3c', 'doccano', 'labelstudio', 'pairs', 'clusters'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const exporters: Record<ExportFormat, Exporter> = {
  jsonl: jsonlExporter,
  csv: csvExporter,
  brat: bratExporter,
  conll: conllExporter,
  w3c: w3cExporter,
  doccano: doccanoExporter,
  labelstudio: labelStudioExporter,
  pairs: pairsExporter,
  clusters: clustersExporter,
};

export const importFormats = ['auto', 'text', 'jsonl', 'brat', 'doccano', 'labelstudio', 'w3c', 'webanno'] as const;
export type ImportFormat = (typeof importFormats)[number];

/**
 * The exporter of every export format in the registry (common/formats.ts). A new format is its module, one line
 * in the registry, and its entry here (for an export) or in importers.ts (for an import): the compiler asks for
 * both, since these maps are keyed by the registry's ids. Contract, hosts, CLI and UI take the rest from the
 * registry.
 */
import type { ExportFormat } from '../../common/formats.js';
import type { Exporter } from './types.js';
import { jsonlExporter } from './jsonl.js';
import { csvExporter } from './csv.js';
import { bratExporter } from './brat-export.js';
import { conllExporter } from './conll.js';
import { w3cExporter } from './w3c-export.js';
import { doccanoExporter } from './doccano.js';
import { labelStudioExporter } from './labelstudio.js';
import { pairsExporter } from './pairs-export.js';
import { clustersExporter } from './clusters-export.js';
import { hfExporter } from './hf-export.js';
import { checkthatExporter } from './checkthat-export.js';
import { corefConllExporter } from './coref-conll-export.js';

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
  hf: hfExporter,
  checkthat: checkthatExporter,
  'coref-conll': corefConllExporter,
};

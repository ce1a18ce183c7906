/**
 * Label Studio JSON, import and export. The rules are at the top of each module: labelstudio-import.ts (tasks
 * and JSON-MIN, the offset unit and its evidence, value.text forms, what is dropped), labelstudio-results.ts
 * (one annotation's results), labelstudio-min.ts (JSON-MIN), labelstudio-export.ts (the export).
 */
export { labelConfig, labelStudioExporter } from './labelstudio-export.js';
export { parseLabelStudio, textForm } from './labelstudio-import.js';

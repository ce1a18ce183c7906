// What scripts/build.mjs does with the renderer bundle once esbuild has written it (format esm, split): refuses
// a bundle that carries the contract's schemas, drops the chunks' duplicate style sheets, and writes index.html
// with the chunks app.js imports at once preloaded. Reads esbuild's metafile (paths relative to the working folder).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

const isZod = (path) => /(^|\/)node_modules\/zod\//.test(path);

/**
 * Throws when the renderer bundle carries zod: the contract's schemas (common/contract.ts) are the backend's, and
 * one value imported from there brings every method's schema and zod's locales into the page (about 460 kB, a third
 * of the bundle, evaluated at every open). The renderer imports types from there and values from small modules.
 */
export function refuseContract(metafile) {
  const inputs = Object.keys(metafile.inputs);
  if (!inputs.some(isZod)) return;
  const via = inputs.filter((f) => !f.includes('node_modules/') && metafile.inputs[f].imports.some((i) => isZod(i.path) || /(^|\/)common\/contract\.ts$/.test(i.path)));
  throw new Error(`The renderer bundle includes zod (through ${via.join(', ') || 'a package'}): import only types from common/contract.ts in the renderer.`);
}

/**
 * Deletes the style sheets esbuild writes beside lazily loaded chunks (with their maps): the entry's app.css already
 * holds every rule of them, in import order, and nothing loads the chunks' copies. Throws if a chunk's sheet has
 * rules from a file app.css lacks (then the sheet would be needed and this step wrong).
 */
export function dropChunkCss(metafile, entryCss) {
  const outputs = metafile.outputs;
  const entry = Object.keys(outputs).find((o) => resolve(o) === resolve(entryCss));
  if (!entry) throw new Error(`esbuild wrote no ${entryCss}`);
  const inEntry = new Set(Object.keys(outputs[entry].inputs));
  for (const [out, o] of Object.entries(outputs)) {
    if (!out.endsWith('.css') || out === entry) continue;
    const missing = Object.keys(o.inputs).filter((f) => !inEntry.has(f));
    if (missing.length) throw new Error(`${out} has rules that ${entryCss} lacks (${missing.join(', ')}); it must be loaded with its chunk.`);
    rmSync(resolve(out), { force: true });
    rmSync(`${resolve(out)}.map`, { force: true });
  }
}

/**
 * Writes `template` (renderer/index.html) to `dest` with a `<link rel="modulepreload">` for every chunk `entryJs`
 * imports statically (directly or through another chunk), before its script tag: the browser fetches them with
 * app.js instead of after parsing it, chunk by chunk.
 */
export function writeIndexHtml(metafile, entryJs, template, dest) {
  const outputs = metafile.outputs;
  const key = (file) => Object.keys(outputs).find((o) => resolve(o) === resolve(file));
  const entry = key(entryJs);
  if (!entry) throw new Error(`esbuild wrote no ${entryJs}`);
  const seen = new Set();
  const walk = (out) => {
    for (const i of outputs[out].imports) {
      if (i.kind !== 'import-statement' || seen.has(i.path)) continue;
      seen.add(i.path);
      walk(i.path);
    }
  };
  walk(entry);
  const script = '<script type="module" src="./assets/app.js"></script>';
  const html = readFileSync(template, 'utf8');
  if (!html.includes(script)) throw new Error(`${template} must load the renderer with ${script}`);
  const links = [...seen].sort().map((p) => `<link rel="modulepreload" href="./${relative(dirname(dest), resolve(p)).split('\\').join('/')}" />`);
  writeFileSync(dest, html.replace(script, [...links, script].join('\n    ')));
}

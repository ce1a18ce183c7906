/**
 * The layers of README.md's "How it is built" table, enforced: `npm test` runs `npm run lint:layers`
 * (dependency-cruiser), and an import across a layer fails with the name of the rule it breaks, e.g.
 * `error renderer-imports-only-common: renderer/x.ts → services/backend.ts`.
 * Tests may reach a little further than the code they test (a host test opens a real backend), so the layer
 * rules look at non-test files only; the renderer's rules hold for its tests too.
 */

/** Which layers each layer may import (besides itself): the README's table. */
const mayImport = {
  common: [],
  db: ['common'],
  services: ['db', 'common'],
  server: ['services', 'common'],
  electron: ['services', 'common'],
  cli: ['services', 'server', 'common'],
  renderer: ['common'],
};
const layers = Object.keys(mayImport);
const testFile = '\\.test\\.tsx?$';

const layerRules = Object.entries(mayImport).map(([layer, allowed]) => ({
  name: `${layer}-imports-only-${allowed.length ? allowed.join('-') : 'itself'}`,
  comment: `${layer}/ may import ${allowed.length ? allowed.join(' and ') : 'no other layer'} (README: How it is built).`,
  severity: 'error',
  from: { path: `^${layer}/`, pathNot: layer === 'renderer' ? undefined : testFile },
  to: { path: `^(${layers.filter((l) => l !== layer && !allowed.includes(l)).concat(['bench', 'soak']).join('|')})/` },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'common-imports-no-packages',
      comment: 'common/ is imported by every layer, the renderer included: no Node module, no package but zod.',
      severity: 'error',
      from: { path: '^common/', pathNot: testFile },
      to: { pathNot: ['^common/', '(^|/)node_modules/zod/'] },
    },
    {
      name: 'sqlite-only-in-db',
      comment: 'Only db/ talks to SQLite: services compose repositories, and the bench\'s raw baselines live in db/baselines.ts.',
      severity: 'error',
      from: { pathNot: ['^db/', testFile] },
      to: { path: '(^|/)node_modules/better-sqlite3/' },
    },
    {
      name: 'renderer-no-node',
      comment: 'The renderer runs in a browser or a sandboxed window: no Node built-in (its tsconfig has no Node types either).',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-no-electron-or-sqlite',
      comment: 'Electron and the native SQLite binding stay out of the renderer bundle.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '(^|/)node_modules/(electron|better-sqlite3)/' },
    },
    {
      name: 'renderer-tests-import-renderer-and-common',
      comment: 'Renderer unit tests import the renderer and common, like the renderer itself.',
      severity: 'error',
      from: { path: '^renderer-tests/' },
      to: { path: `^(${layers.filter((l) => l !== 'renderer' && l !== 'common').join('|')}|bench|soak)/` },
    },
    {
      name: 'no-circular',
      comment: 'A cycle makes two modules one; split what they share into a third. (A type-only import back is no cycle at run time.)',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/', '^test-results/', '^db/fixtures/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.depcruise.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'],
    },
  },
};

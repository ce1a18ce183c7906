// Packaging of the desktop app. After `npm run build`: `npx electron-builder --linux` (or --mac, --win).
// electron-builder is not a dependency of the project; npx fetches it on a machine with internet. It finds this
// file by its name (electron-builder.cjs, after .yml/.yaml/.json/.json5/.toml/.js: keep none of those beside it);
// an older electron-builder that does not look for .cjs takes `--config electron-builder.cjs`.
// CommonJS rather than YAML so that electron/packaging.test.ts can read it without a YAML parser.
//
// Native module: electron-builder rebuilds better-sqlite3 for Electron's ABI *in place* in node_modules
// (npmRebuild). Afterwards run `npm rebuild better-sqlite3` to get the Node build back for `npm test`.
// `npm start` does not need this: scripts/start-electron.mjs keeps a separate Electron copy.

/**
 * The Electron version to package: the installed one, else the one package-lock.json pins. electron is an optional
 * dependency (a plain `npm install` must succeed where its binary cannot be downloaded, and npm takes a failed
 * optional package out), so electron-builder cannot count on reading node_modules/electron.
 * @returns {string}
 */
function electronVersion() {
  try {
    return require('./node_modules/electron/package.json').version;
  } catch {
    return require('./package-lock.json').packages['node_modules/electron'].version;
  }
}

module.exports = {
  appId: 'org.crosscheck.workbench',
  productName: 'Crosscheck',
  electronVersion: electronVersion(),

  directories: {
    output: 'release',
    buildResources: 'build',
  },

  // package.json's "main" must name the bundled main; this makes sure the packaged copy does.
  extraMetadata: {
    main: 'dist/electron/main.cjs',
  },

  // main, preload and renderer are bundled by scripts/build.mjs; the only module loaded from node_modules at
  // run time is better-sqlite3 (production dependencies are added by electron-builder whatever `files` says).
  // Electron is an optional *production* dependency here (see electronVersion above): its package, and the binary
  // it downloaded, must not be copied into the app a second time.
  files: ['dist/**', '!dist/**/*.map', 'package.json', '!node_modules/electron{,/**}'],

  // The sample articles the first run turns into "Sample project.crosscheck" (paths.ts: <resources>/samples/corpus).
  extraResources: [{ from: 'samples/corpus', to: 'samples/corpus' }],

  asar: true,
  // A native addon cannot be loaded from inside the archive.
  asarUnpack: ['**/node_modules/better-sqlite3/build/Release/*.node'],
  npmRebuild: true,

  // Fuses: bits flipped in the packaged Electron binary before it is signed, so that the shipped app cannot be
  // turned into something else by whoever can set its environment or arguments. Checked by
  // electron/packaging.test.ts. `npm start` runs an unflipped Electron (scripts/start-electron.mjs relies on
  // ELECTRON_RUN_AS_NODE there); a packaged app must never need it: run background work in worker_threads, not
  // in a copy of the executable started as Node.
  electronFuses: {
    // ELECTRON_RUN_AS_NODE=1 would make the signed binary a plain Node that runs any script.
    runAsNode: false,
    // NODE_OPTIONS (e.g. --require) would load code into the main process.
    enableNodeOptionsEnvironmentVariable: false,
    // --inspect / --inspect-brk would open a debugger port into the main process.
    enableNodeCliInspectArguments: false,
    // Only app.asar is loaded: not a loose app/ folder put beside it.
    onlyLoadAppFromAsar: true,
    // The archive is checked against the hash signed into the binary (macOS, and Windows from Electron 30).
    enableEmbeddedAsarIntegrityValidation: true,
    // The renderer comes from the crosscheck: scheme (electron/app-protocol.ts); file: needs no extra powers.
    grantFileProtocolExtraPrivileges: false,
    // The session keeps no cookies of ours; encrypted at rest all the same.
    enableCookieEncryption: true,
    loadBrowserProcessSpecificV8Snapshot: false,
  },

  fileAssociations: [
    {
      ext: 'crosscheck',
      name: 'Crosscheck project',
      description: 'Crosscheck project',
      role: 'Editor',
      mimeType: 'application/x-crosscheck',
    },
  ],

  mac: {
    category: 'public.app-category.productivity',
    target: ['dmg', 'zip'],
  },

  win: {
    target: ['nsis'],
  },

  nsis: {
    oneClick: false,
    allowToChangeInstallationDirectory: true,
  },

  // deb would also need a maintainer e-mail (package.json "author"); add it there before adding deb here.
  linux: {
    category: 'Office',
    target: ['AppImage', 'tar.gz'],
  },
};

import { defineConfig, type Options } from 'tsup';

const LIBRARY = {
  index: 'src/index.ts',
  errors: 'src/errors.ts',
  verify: 'src/verify/index.ts',
  bake: 'src/bake/index.ts',
  status: 'src/status/index.ts',
  pathway: 'src/pathway/index.ts',
  keys: 'src/keys/index.ts',
  'status-store': 'src/status/store/index.ts',
  net: 'src/net/index.ts',
  serve: 'src/serve/index.ts',
};

// dist/cli.js, the executable, is bin.ts alone: its one import (./main.js) is the CLI built with
// the library (dist/cli-main.js), so the package holds one copy of every module.
const cliFromLibrary: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'cli-from-library',
  setup(build) {
    build.onResolve({ filter: /^\.\/main\.js$/ }, (args) =>
      args.importer.endsWith('bin.ts') ? { path: './cli-main.js', external: true } : undefined,
    );
  },
};

// One entry per public subpath so bundlers can tree-shake: `credstack/verify` must not pull
// in issuing, baking or the CLI. The CLI is the only Node-specific entry.
export default defineConfig([
  {
    // One build for every library entry, so each module exists once in dist/: one CredstackError
    // class (an error from credstack/status/store is `instanceof` the root's), one copy of the
    // contexts and validators in shared chunks. Node-only entries (the status stores: node:fs and
    // databases; the address-checking fetch: node:dns, node:https) import node: built-ins, kept
    // external; nothing the browser entries reach imports them (npm run check:browser). The CLI
    // (cli-main) is built here too, so it shares the library's chunks rather than copying them.
    entry: { ...LIBRARY, 'cli-main': 'src/cli/main.ts' },
    format: ['esm'],
    dts: { entry: LIBRARY },
    clean: false,
    sourcemap: true,
    target: 'es2022',
    platform: 'neutral',
    external: [/^node:/],
    splitting: true,
    treeshake: true,
    // Names stay (readable stack traces; source maps ship): whitespace and syntax only, which is
    // ~30% less code for a cold process to read and compile (~5 ms of a verifier's cold start).
    minifyWhitespace: true,
    minifySyntax: true,
  },
  {
    entry: { cli: 'src/cli/bin.ts' },
    format: ['esm'],
    dts: false,
    sourcemap: false,
    target: 'node20',
    platform: 'node',
    banner: { js: '#!/usr/bin/env node' },
    esbuildPlugins: [cliFromLibrary],
  },
]);

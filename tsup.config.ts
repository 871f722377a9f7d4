import { defineConfig } from 'tsup';

// One entry per public subpath so bundlers can tree-shake: `credstack/verify` must not pull
// in issuing, baking or the CLI. The CLI is the only Node-specific entry.
export default defineConfig([
  {
    entry: {
      index: 'src/index.ts',
      errors: 'src/errors.ts',
    },
    format: ['esm'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'es2022',
    platform: 'neutral',
    splitting: true,
    treeshake: true,
  },
  {
    entry: { cli: 'src/cli/bin.ts' },
    format: ['esm'],
    dts: false,
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    banner: { js: '#!/usr/bin/env node' },
  },
]);

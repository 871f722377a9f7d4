// Bundles the CLI once per test run (esbuild, < 1 s) so CLI tests spawn plain `node` instead of
// transpiling TypeScript in every child process: several seconds saved per invocation.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const CLI_BUNDLE = fileURLToPath(
  new URL('../node_modules/.cache/credstack-test/cli.mjs', import.meta.url),
);

export default async function setup(): Promise<void> {
  mkdirSync(fileURLToPath(new URL('../node_modules/.cache/credstack-test/', import.meta.url)), {
    recursive: true,
  });
  await build({
    entryPoints: [fileURLToPath(new URL('../src/cli/bin.ts', import.meta.url))],
    outfile: CLI_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'error',
  });
}

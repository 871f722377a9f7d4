// Bundles the CLI once per test run (esbuild, < 1 s) so CLI tests spawn plain `node` instead of
// transpiling TypeScript in every child process: several seconds saved per invocation.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

// Inside the checkout (.tmp/ is ignored), not node_modules/.cache: checkouts that share one
// node_modules (git worktrees) must not run each other's CLI.
export const CLI_BUNDLE = fileURLToPath(new URL('../.tmp/credstack-test/cli.mjs', import.meta.url));

export default async function setup(): Promise<void> {
  mkdirSync(fileURLToPath(new URL('../.tmp/credstack-test/', import.meta.url)), {
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

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CLI_BUNDLE } from '../global-setup.js';

const source = fileURLToPath(new URL('../../src/cli/bin.ts', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Runs the CLI in a child process, as a user would run `credstack`: the bundle the test setup
 * built from source, or the source through tsx when run outside the suite's setup.
 */
export function runCli(args: string[], options: { cwd?: string; input?: string } = {}) {
  const argv = existsSync(CLI_BUNDLE) ? [CLI_BUNDLE, ...args] : ['--import', 'tsx', source, ...args];
  const result = spawnSync(process.execPath, argv, {
    cwd: options.cwd ?? root,
    input: options.input,
    encoding: 'utf8',
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../src/cli/bin.ts', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the CLI from source in a child process, as a user would run `credstack`. */
export function runCli(args: string[], options: { cwd?: string; input?: string } = {}) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', bin, ...args], {
    cwd: options.cwd ?? root,
    input: options.input,
    encoding: 'utf8',
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

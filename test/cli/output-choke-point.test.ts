// Everything the CLI prints goes through src/cli/io.ts (print, printError, printJson, writeOutput),
// where control characters are escaped before they reach a terminal. A command that wrote to
// process.stdout / process.stderr itself would bypass that; this keeps it from creeping back.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../../src/cli/', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('CLI output', () => {
  it('only src/cli/io.ts writes to stdout and stderr', () => {
    const offenders = sources(cli)
      .filter((file) => relative(cli, file) !== 'io.ts')
      .filter((file) =>
        /process\.(stdout|stderr)\.write|console\.(log|error|warn|info)/.test(readFileSync(file, 'utf8')),
      )
      .map((file) => relative(cli, file));
    expect(offenders).toEqual([]);
  });
});

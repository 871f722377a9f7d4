// `credstack pathway import --ctdl` / `export --ctdl`, run as a user would, on Credential
// Engine's published conditions sample (test/vectors/pathways/SOURCES.md).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const sample = fileURLToPath(new URL('../vectors/pathways/ctdl-pathway-conditions.json', import.meta.url));

describe('credstack pathway import / export --ctdl', () => {
  it('imports the sample, exports it back, and re-imports the same pathway', { timeout: 240_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'credstack-ctdl-cli-'));
    const out = join(dir, 'pathway.json');
    const owner = ['--employer', 'https://board.example/profile', '--employer-name', 'Example Board'];
    const r = runCli([
      'pathway',
      'import',
      '--ctdl',
      sample,
      ...owner,
      '--occupation',
      '15-1252.00=Software Developers',
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Wrote the pathway (6 components)');
    expect(r.stderr).toContain('warning: the Pathway has no name');
    const pathway = JSON.parse(readFileSync(out, 'utf8'));
    expect(pathway.milestones[0].rule.anyOf).toHaveLength(2);

    const ctdl = join(dir, 'pathway.jsonld');
    const e = runCli(['pathway', 'export', '--ctdl', '--pathway', out, '--out', ctdl]);
    expect(e.code, e.stderr).toBe(0);
    const back = runCli(['pathway', 'import', '--ctdl', ctdl]);
    expect(back.code, back.stderr).toBe(0);
    expect(JSON.parse(back.stdout)).toEqual(pathway);
  });

  it('imports a sample without an owner as a pathway without an employer, and says so', {
    timeout: 120_000,
  }, () => {
    const r = runCli(['pathway', 'import', '--ctdl', sample]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('warning: the Pathway has no offeredBy');
    expect(JSON.parse(r.stdout).employer).toBeUndefined();
  });
});

// The selective-disclosure round trip as a holder and an employer run it: issue with
// ecdsa-sd-2023, list what is in it, derive hiding the result, verify what was shown.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sdBadge } from '../proof/sd-badge.js';
import { runCli } from './run-cli.js';

describe('credstack derive', { timeout: 240_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'credstack-derive-'));
  const file = (name: string) => join(dir, name);

  it('issue --format ecdsa-sd-2023 → derive --reveal → verify lists what was disclosed', () => {
    expect(runCli(['keygen', '--alg', 'P-256', '--out', file('key.json')]).code).toBe(0);
    const controller = JSON.parse(readFileSync(file('key.json'), 'utf8')).controller as string;
    const badge = sdBadge(controller);
    badge.validFrom = '2020-01-01T00:00:00Z';
    writeFileSync(file('badge.json'), JSON.stringify(badge));
    const issued = runCli([
      'issue',
      '--key',
      file('key.json'),
      '--in',
      file('badge.json'),
      '--format',
      'ecdsa-sd-2023',
      '--out',
      file('badge.sd.json'),
    ]);
    expect(issued.code, issued.stderr).toBe(0);

    const listed = runCli(['derive', file('badge.sd.json'), '--list']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout.split('\n')).toContain('/credentialSubject/result/0/value');

    const derived = runCli([
      'derive',
      file('badge.sd.json'),
      '--reveal',
      '/credentialSubject/id',
      '--reveal',
      '/name',
      '--out',
      file('badge.shown.json'),
    ]);
    expect(derived.code, derived.stderr).toBe(0);
    expect(derived.stderr).toContain('/credentialSubject/id');
    const shown = JSON.parse(readFileSync(file('badge.shown.json'), 'utf8'));
    expect(shown.credentialSubject.result).toBeUndefined();
    expect(shown.name).toBe('Teamwork Badge');

    const verified = runCli(['verify', file('badge.shown.json')]);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    expect(verified.stdout).toContain('VERIFIED');
    expect(verified.stdout).toContain('Shown in part (selective disclosure)');
    expect(verified.stdout).not.toContain('/credentialSubject/result');

    // the base credential is the holder's: verify says to derive first
    const base = runCli(['verify', file('badge.sd.json')]);
    expect(base.code).toBe(1);
    expect(base.stdout).toContain('derive');
  });

  it('bad input is a usage error with a reason', () => {
    const none = runCli(['derive', file('badge.sd.json'), '--reveal', '/nothing']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('/nothing points at nothing in the credential');
    const mandatory = runCli([
      'issue',
      '--key',
      file('key.json'),
      '--in',
      file('badge.json'),
      '--mandatory',
      '/issuer',
    ]);
    expect(mandatory.code).toBe(2);
    expect(mandatory.stderr).toContain('--mandatory goes with --format ecdsa-sd-2023');
    const again = runCli(['derive', file('badge.shown.json')]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already derived');
  });
});

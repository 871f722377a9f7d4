import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createAchievement,
  createOpenBadgeCredential,
  generateKey,
  issueCredential,
} from '../../src/index.js';
import { runCli } from '../cli/run-cli.js';

// Each case runs the CLI several times in child processes: slow on a busy machine.
describe('CLI: present, verify a presentation, trust', { timeout: 240_000 }, () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'credstack-present-'));
    const [school, learner] = await Promise.all([generateKey(), generateKey()]);
    writeFileSync(join(dir, 'learner-key.json'), JSON.stringify(learner));
    const badge = await issueCredential(
      await createOpenBadgeCredential({
        issuer: { id: school.controller, name: 'Riverside School' },
        achievement: createAchievement({
          id: 'https://school.example/a/1',
          name: 'Aseptic technique',
          description: 'd',
          criteria: { narrative: 'n' },
        }),
        recipient: { id: learner.controller },
      }),
      { key: school },
    );
    writeFileSync(join(dir, 'badge.json'), JSON.stringify(badge));
    writeFileSync(
      join(dir, 'trusted.json'),
      JSON.stringify({ issuers: [{ id: school.controller, name: 'Riverside School' }] }),
    );
    writeFileSync(join(dir, 'other.json'), JSON.stringify(['did:web:other.example']));
  });

  it('present → verify with the right challenge and domain exits 0; a replay exits 1', () => {
    for (const format of ['data-integrity', 'vp-jwt']) {
      const out = join(dir, `vp-${format}.txt`);
      const made = runCli([
        'present',
        '--key',
        join(dir, 'learner-key.json'),
        '--challenge',
        'n-1',
        '--domain',
        'hr.example',
        '--format',
        format,
        join(dir, 'badge.json'),
        '--out',
        out,
      ]);
      expect(made.code, made.stderr).toBe(0);
      const ok = runCli(['verify', out, '--challenge', 'n-1', '--domain', 'hr.example']);
      expect(ok.code, ok.stdout + ok.stderr).toBe(0);
      expect(ok.stdout).toContain('VERIFIED presentation');
      const replay = runCli(['verify', out, '--challenge', 'n-2', '--domain', 'hr.example', '--json']);
      expect(replay.code).toBe(1);
      expect(
        JSON.parse(replay.stdout).checks.some(
          (c: { id: string; status: string }) => c.id === 'challenge' && c.status === 'failed',
        ),
      ).toBe(true);
      expect(runCli(['verify', out]).code).toBe(2); // a presentation needs --challenge and --domain
    }
  });

  it('--trust shows trust; --require-trusted turns an untrusted issuer into exit 1', () => {
    const trusted = runCli([
      'verify',
      join(dir, 'badge.json'),
      '--trust',
      join(dir, 'trusted.json'),
      '--require-trusted',
    ]);
    expect(trusted.code, trusted.stderr).toBe(0);
    expect(trusted.stdout).toContain('; on your trust list as "Riverside School".');
    const untrusted = runCli([
      'verify',
      join(dir, 'badge.json'),
      '--trust',
      join(dir, 'other.json'),
      '--require-trusted',
    ]);
    expect(untrusted.code).toBe(1);
    expect(untrusted.stdout).toContain('; not on your trust list.');
    expect(runCli(['verify', join(dir, 'badge.json'), '--trust', join(dir, 'other.json')]).code).toBe(0);
    expect(runCli(['verify', join(dir, 'badge.json'), '--require-trusted']).code).toBe(2);
  });
});

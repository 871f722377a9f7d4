// A school-only pathway (no employer, no occupations) of hashed-email badges, built from the CLI
// alone: keygen, new badge, issue, pathway progress | compose | verify. Each badge is hashed with
// its own salt, so nothing but the learner's email links the two: --learner is required.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

let dir: string;
const f = (name: string) => join(dir, name);
const ok = (r: ReturnType<typeof runCli>) => {
  expect(r.code, r.stdout + r.stderr).toBe(0);
  return r;
};

function issueBadge(name: string, achievement: string, email: string): string {
  ok(
    runCli([
      'new',
      'badge',
      '--name',
      name,
      '--description',
      `${name}, a course of the school.`,
      '--criteria',
      'Passed the course.',
      '--achievement-id',
      `https://school.example/achievements/${achievement}`,
      '--email',
      email,
      '--out',
      f(`${achievement}-${email}.json`),
    ]),
  );
  const signed = f(`${achievement}-${email}.signed.json`);
  ok(
    runCli([
      'issue',
      '--key',
      f('school-key.json'),
      '--in',
      f(`${achievement}-${email}.json`),
      '--out',
      signed,
    ]),
  );
  return signed;
}

let anaBadges: string[];
let bobBadge: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'credstack-school-pathway-'));
  ok(runCli(['keygen', '--out', f('school-key.json')]));
  ok(runCli(['keygen', '--out', f('wallet-key.json')]));
  const school = JSON.parse(readFileSync(f('school-key.json'), 'utf8')).controller;
  writeFileSync(
    f('pathway.json'),
    JSON.stringify({
      id: 'https://school.example/pathways/welding',
      type: 'Pathway',
      name: 'Welding Certificate',
      partners: [{ id: school, type: 'Profile', name: 'Example School' }],
      components: [
        { id: 'safety', achievement: 'https://school.example/achievements/safety' },
        { id: 'mig', achievement: 'https://school.example/achievements/mig' },
      ],
      completion: { allOf: ['safety', 'mig'] },
    }),
  );
  anaBadges = [
    issueBadge('Shop Safety', 'safety', 'ana@example.org'),
    issueBadge('MIG Welding', 'mig', 'ana@example.org'),
  ];
  bobBadge = issueBadge('Shop Safety', 'safety', 'bob@example.org');
}, 240_000);

describe('a school-only pathway of hashed-email badges from the CLI', { timeout: 240_000 }, () => {
  const pathway = () => ['--pathway', f('pathway.json')];

  it('progress counts both of the learner’s badges and lists neither as another learner’s', () => {
    const r = ok(
      runCli(['pathway', 'progress', ...pathway(), '--learner', 'ana@example.org', '--json', ...anaBadges]),
    );
    const progress = JSON.parse(r.stdout);
    expect(progress.complete).toBe(true);
    expect(progress.rejected).toEqual([]);
  });

  it('compose --learner embeds both badges, lists what it left out, and verify --learner accepts the proof', () => {
    const out = f('proof.json');
    const c = ok(
      runCli([
        'pathway',
        'compose',
        ...pathway(),
        '--key',
        f('wallet-key.json'),
        '--learner',
        'ana@example.org',
        '--out',
        out,
        ...anaBadges,
        bobBadge,
      ]),
    );
    expect(c.stderr).toContain(`left out (not counted: see credstack pathway progress): ${bobBadge}`);
    const proof = JSON.parse(readFileSync(out, 'utf8'));
    expect(proof.credentialSubject.verifiableCredential).toHaveLength(2);
    expect(proof.credentialSubject.pathwayProgress.complete).toBe(true);

    const v = ok(runCli(['pathway', 'verify', out, ...pathway(), '--learner', 'ana@example.org']));
    expect(v.stdout).toMatch(/^VERIFIED/);

    // Without the learner, nothing proves whose hashed badges these are; the message names the flag.
    const unnamed = runCli(['pathway', 'verify', out, ...pathway()]);
    expect(unnamed.code).toBe(1);
    expect(unnamed.stdout).toContain('--learner in the CLI');
    expect(unnamed.stdout).not.toContain('options.learner');
  });

  describe('negative', () => {
    it('progress and compose without --learner exit 2, naming the hashed-email files and the flag', () => {
      for (const command of ['progress', 'compose']) {
        const extra = command === 'compose' ? ['--key', f('wallet-key.json'), '--out', f('no.json')] : [];
        const r = runCli(['pathway', command, ...pathway(), ...extra, ...anaBadges]);
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr).toContain(anaBadges[0]!);
        expect(r.stderr).toContain(anaBadges[1]!);
        expect(r.stderr).toContain('pass --learner <email|id>');
      }
    });
  });
});

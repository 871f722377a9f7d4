// `credstack new badge` → `issue` → `verify --email`, as a newcomer follows the README.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

describe('credstack new badge', { timeout: 240_000 }, () => {
  let dir: string;
  const badge = () => join(dir, 'badge.json');
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'credstack-new-'));
    writeFileSync(join(dir, 'art.png'), PNG);
    expect(runCli(['keygen', '--out', join(dir, 'key.json')]).code).toBe(0);
  });

  it('writes a valid unsigned OB 3.0 credential, the email hashed and salted', () => {
    const r = runCli([
      'new',
      'badge',
      '--name',
      'Forklift Safety',
      '--description',
      'Operates a counterbalance forklift safely.',
      '--criteria',
      'Passed the written test and the driving assessment.',
      '--email',
      'Bob@Example.org',
      '--alignment',
      'https://skills.example/forklift,Forklift operation,Example Skills',
      '--alignment',
      'https://skills.example/safety,Workplace safety',
      '--image',
      join(dir, 'art.png'),
      '--out',
      badge(),
    ]);
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(badge(), 'utf8');
    expect(text.toLowerCase()).not.toContain('bob@example.org');
    const doc = JSON.parse(text);
    expect(doc.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(doc.issuer).toBeUndefined(); // set by `issue` from the key
    const [identity] = doc.credentialSubject.identifier;
    expect(identity).toMatchObject({ identityType: 'emailAddress', hashed: true });
    expect(identity.identityHash).toMatch(/^sha256\$[0-9a-f]{64}$/);
    expect(identity.salt).toBeTypeOf('string');
    const achievement = doc.credentialSubject.achievement;
    expect(achievement.criteria).toEqual({
      narrative: 'Passed the written test and the driving assessment.',
    });
    expect(achievement.alignment).toEqual([
      {
        type: ['Alignment'],
        targetUrl: 'https://skills.example/forklift',
        targetName: 'Forklift operation',
        targetFramework: 'Example Skills',
      },
      { type: ['Alignment'], targetUrl: 'https://skills.example/safety', targetName: 'Workplace safety' },
    ]);
    expect(achievement.image.id).toBe(`data:image/png;base64,${PNG.toString('base64')}`);
  });

  it('issue signs it and verify --email checks the recipient: 0 for Bob, 1 for anyone else', () => {
    const signed = join(dir, 'badge.signed.json');
    const i = runCli(['issue', '--key', join(dir, 'key.json'), '--in', badge(), '--out', signed]);
    expect(i.code, i.stderr).toBe(0);
    expect(runCli(['validate', signed]).code).toBe(0);

    const ok = runCli(['verify', signed, '--email', 'bob@example.org']);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toContain('recipient: issued to bob@example.org (by an emailAddress identifier)');

    const other = runCli(['verify', signed, '--email', 'mallory@example.org']);
    expect(other.code).toBe(1);
    expect(other.stdout).toMatch(/^VERIFIED/); // the signature is fine; the recipient is not
    expect(other.stdout).toContain('recipient: NOT issued to mallory@example.org');

    const json = runCli(['verify', signed, '--email', 'mallory@example.org', '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).recipient).toEqual({ email: 'mallory@example.org', matched: false });
  });

  it('--key names the issuer; --did sets credentialSubject.id', () => {
    const r = runCli([
      'new',
      'badge',
      '--name',
      'Teamwork',
      '--description',
      'Works in a team.',
      '--criteria',
      'https://school.example/criteria/teamwork',
      '--did',
      'did:example:ana',
      '--key',
      join(dir, 'key.json'),
      '--issuer-name',
      'Example School',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    const key = JSON.parse(readFileSync(join(dir, 'key.json'), 'utf8'));
    expect(doc.issuer).toMatchObject({ id: key.controller, name: 'Example School' });
    expect(doc.credentialSubject.id).toBe('did:example:ana');
    expect(doc.credentialSubject.achievement.criteria).toEqual({
      id: 'https://school.example/criteria/teamwork',
    });
  });

  describe('negative', () => {
    const base = ['new', 'badge', '--name', 'N', '--description', 'D', '--criteria', 'C'];
    it('exits 2 without a recipient, with a bad --alignment, or an unknown achievement type', () => {
      const none = runCli(base);
      expect(none.code).toBe(2);
      expect(none.stderr).toContain('--email <email> or --did <id>');

      const align = runCli([...base, '--did', 'did:example:a', '--alignment', 'not a url']);
      expect(align.code).toBe(2);
      expect(align.stderr).toContain('--alignment must be URL,NAME');

      const type = runCli([...base, '--did', 'did:example:a', '--achievement-type', 'Badg']);
      expect(type.code).toBe(2);
      expect(type.stderr).toContain('achievementType');
    });
  });
});

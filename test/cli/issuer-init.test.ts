import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const spec = new URL('../vectors/spec/ob-v3p0/spec/basic-openbadgecredential.unsigned.json', import.meta.url);

// Each case spawns the CLI several times: slow on a loaded 2-core machine.
describe('credstack issuer init', { timeout: 240_000 }, () => {
  let dir: string;
  let unsigned: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'credstack-issuer-'));
    const badge = JSON.parse(readFileSync(spec, 'utf8'));
    delete badge.issuer; // issue sets the key's controller
    unsigned = join(dir, 'unsigned.json');
    writeFileSync(unsigned, JSON.stringify(badge));
  });

  /** keygen, issuer init, issue, verify offline with the documents map; then a tampered copy. */
  function roundTrip(name: string, keygen: string[], id: string, extra: string[], format?: string) {
    const key = join(dir, `${name}-key.json`);
    const site = join(dir, name);
    const made = runCli(['keygen', ...keygen, '--out', key]);
    expect(made.code, made.stderr).toBe(0);
    const init = runCli(['issuer', 'init', '--key', key, '--id', id, '--out', site, ...extra]);
    expect(init.code, init.stderr).toBe(0);
    const signed = join(dir, `${name}.signed`);
    const issued = runCli([
      'issue',
      '--key',
      key,
      '--in',
      unsigned,
      '--out',
      signed,
      ...(format ? ['--format', format] : []),
    ]);
    expect(issued.code, issued.stderr).toBe(0);
    const map = join(site, 'documents.json');
    const offline = runCli(['verify', signed, '--documents', map, '--json']);
    expect(offline.code, offline.stdout + offline.stderr).toBe(0);
    expect(JSON.parse(offline.stdout).verdict).toBe('verified');
    // Without the documents the key cannot be found offline: the map is what made it verify.
    expect(runCli(['verify', signed]).code).toBe(1);
    return { site, init, signed, map, key };
  }

  it('did:web: did.json and a documents map; issue and verify offline; tampered is not verified', () => {
    const { site, init, signed, map } = roundTrip(
      'web',
      ['--alg', 'ES256', '--did', 'web:school.example'],
      'did:web:school.example',
      [],
    );
    expect(init.stderr).toContain('publish at https://school.example/.well-known/did.json');
    const did = JSON.parse(readFileSync(join(site, 'did.json'), 'utf8'));
    expect(did['@context']).toContain('https://www.w3.org/ns/did/v1');
    expect(did.id).toBe('did:web:school.example');
    expect(did.assertionMethod).toEqual([did.verificationMethod[0].id]);
    expect(JSON.stringify(did)).not.toMatch(/"d"|secretKeyMultibase/);
    expect(JSON.parse(readFileSync(map, 'utf8'))).toEqual({
      'https://school.example/.well-known/did.json': 'did.json',
    });

    const forged = JSON.parse(readFileSync(signed, 'utf8'));
    forged.credentialSubject.achievement.name = 'Forged';
    writeFileSync(join(dir, 'web-forged.json'), JSON.stringify(forged));
    const bad = runCli(['verify', join(dir, 'web-forged.json'), '--documents', map]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).not.toMatch(/^VERIFIED/m);
  });

  it('https: Profile, key document, JWKS and documents map; Data Integrity and VC-JWT verify offline', () => {
    const id = 'https://school.example/issuer';
    const { site, init, map, key } = roundTrip('https', ['--controller', id], id, [
      '--name',
      'Example School',
    ]);
    expect(init.stderr).toContain(`publish at ${id}`);
    expect(init.stderr).toContain('publish at https://school.example/.well-known/jwks.json');
    const profile = JSON.parse(readFileSync(join(site, 'profile.json'), 'utf8'));
    expect(profile).toMatchObject({ id, type: ['Profile'], name: 'Example School' });
    expect(profile.assertionMethod).toHaveLength(1);
    const keyDoc = JSON.parse(readFileSync(join(site, 'key.json'), 'utf8'));
    expect(keyDoc).toMatchObject({ id: profile.assertionMethod[0], controller: id });
    const jwks = JSON.parse(readFileSync(join(site, 'jwks.json'), 'utf8'));
    expect(jwks.keys[0].kid).toBe(keyDoc.id);
    expect(jwks.keys[0].d).toBeUndefined();
    expect(JSON.parse(readFileSync(map, 'utf8'))).toEqual({
      [id]: 'profile.json',
      [keyDoc.id]: 'key.json',
      'https://school.example/.well-known/jwks.json': 'jwks.json',
    });

    const jwt = runCli(['issue', '--key', key, '--in', unsigned, '--format', 'vc-jwt']);
    expect(jwt.code, jwt.stderr).toBe(0);
    writeFileSync(join(dir, 'https.jwt'), jwt.stdout);
    const v = runCli(['verify', join(dir, 'https.jwt'), '--documents', map, '--json']);
    expect(v.code, v.stdout + v.stderr).toBe(0);
    const [header, payload, signature] = jwt.stdout.trim().split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    (claims.vc ?? claims).credentialSubject.achievement.name = 'Forged';
    writeFileSync(
      join(dir, 'https-forged.jwt'),
      [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.'),
    );
    expect(runCli(['verify', join(dir, 'https-forged.jwt'), '--documents', map]).code).toBe(1);
  });

  it('refuses to overwrite without --force, writing nothing', () => {
    const site = join(dir, 'web');
    const before = readFileSync(join(site, 'did.json'), 'utf8');
    const again = runCli([
      'issuer',
      'init',
      '--key',
      join(dir, 'web-key.json'),
      '--id',
      'did:web:school.example',
      '--out',
      site,
    ]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--force');
    expect(readFileSync(join(site, 'did.json'), 'utf8')).toBe(before);
    const forced = runCli([
      'issuer',
      'init',
      '--key',
      join(dir, 'web-key.json'),
      '--id',
      'did:web:school.example',
      '--out',
      site,
      '--force',
      '--json',
    ]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(JSON.parse(forced.stdout).files).toEqual([
      { file: join(site, 'did.json'), url: 'https://school.example/.well-known/did.json' },
    ]);
  });

  it('usage errors: a key of another issuer, an id that is neither did:web nor https, --name with did:web', () => {
    const web = join(dir, 'web-key.json');
    const other = runCli([
      'issuer',
      'init',
      '--key',
      web,
      '--id',
      'did:web:other.example',
      '--out',
      join(dir, 'x'),
    ]);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('ERR_ISSUER_MISMATCH');
    expect(other.stderr).toContain('credstack keygen --did web:other.example');
    const https = runCli([
      'issuer',
      'init',
      '--key',
      web,
      '--id',
      'https://other.example/i',
      '--out',
      join(dir, 'x'),
    ]);
    expect(https.code).toBe(2);
    expect(https.stderr).toContain('credstack keygen --controller https://other.example/i');
    const didKey = runCli(['issuer', 'init', '--key', web, '--id', 'did:key:z6Mk', '--out', join(dir, 'x')]);
    expect(didKey.code).toBe(2);
    expect(didKey.stderr).toContain('--id must be a did:web DID or an https URL');
    const named = runCli([
      'issuer',
      'init',
      '--key',
      web,
      '--id',
      'did:web:school.example',
      '--name',
      'School',
      '--out',
      join(dir, 'x'),
    ]);
    expect(named.code).toBe(2);
    expect(existsSync(join(dir, 'x'))).toBe(false);
  });
});

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const spec = (name: string) => new URL(`../vectors/spec/ob-v3p0/spec/${name}`, import.meta.url);

// Each case spawns the CLI several times: slow on a loaded 2-core machine.
describe('credstack CLI', { timeout: 240_000 }, () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'credstack-cli-'));
  });

  it('keygen writes a key file for each algorithm', () => {
    for (const alg of ['Ed25519', 'ES256']) {
      const r = runCli(['keygen', '--alg', alg, '--out', join(dir, `${alg}.json`)]);
      expect(r.code, r.stderr).toBe(0);
      const key = JSON.parse(readFileSync(join(dir, `${alg}.json`), 'utf8'));
      expect(key.controller).toMatch(/^did:key:z/);
      expect(key.privateKeyJwk.d).toBeTypeOf('string');
    }
    const rsa = runCli([
      'keygen',
      '--alg',
      'RS256',
      '--did',
      'web:school.example',
      '--out',
      join(dir, 'rsa.json'),
    ]);
    expect(rsa.code, rsa.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'rsa.json'), 'utf8')).controller).toBe('did:web:school.example');
  });

  it('keygen --json prints a public summary, never the private key', () => {
    const r = runCli(['keygen', '--alg', 'ES256', '--out', join(dir, 'p256-json.json'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.algorithm).toBe('P-256');
    expect(summary.controller).toMatch(/^did:key:zDn/);
    expect(summary.publicKeyJwk.d).toBeUndefined();
    expect(r.stdout).not.toContain('"d"');
  });

  it('keygen refuses an unknown algorithm with exit 2', () => {
    const r = runCli(['keygen', '--alg', 'HS256']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--alg must be');
  });

  it('validate: 0 valid, 1 invalid, 2 unreadable; --json prints the result', () => {
    const ok = runCli(['validate', spec('basic-openbadgecredential.unsigned.json').pathname, '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).valid).toBe(true);

    const doc = JSON.parse(readFileSync(spec('basic-openbadgecredential.unsigned.json'), 'utf8'));
    delete doc.credentialSubject.achievement.name;
    writeFileSync(join(dir, 'invalid.json'), JSON.stringify(doc));
    const bad = runCli(['validate', join(dir, 'invalid.json'), '--json']);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).errors.map((e: { path: string }) => e.path)).toContain(
      '/credentialSubject/achievement/name',
    );

    writeFileSync(join(dir, 'garbage.json'), '{ not json');
    const garbage = runCli(['validate', join(dir, 'garbage.json')]);
    expect(garbage.code).toBe(2);
    expect(garbage.stderr).toContain('ERR_JSON_PARSE');
    expect(garbage.stderr).not.toMatch(/\n\s+at /); // no stack trace

    const missing = runCli(['validate', join(dir, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('ERR_FILE_READ');

    writeFileSync(join(dir, 'unknown-type.json'), JSON.stringify({ type: ['Something'] }));
    expect(runCli(['validate', join(dir, 'unknown-type.json')]).code).toBe(2);
  });

  it('issue + verify round trip in both formats, with exit codes', () => {
    const key = join(dir, 'Ed25519.json');
    const unsigned = JSON.parse(readFileSync(spec('basic-openbadgecredential.unsigned.json'), 'utf8'));
    delete unsigned.issuer; // the CLI fills in the key's controller
    writeFileSync(join(dir, 'unsigned.json'), JSON.stringify(unsigned));

    const di = runCli([
      'issue',
      '--key',
      key,
      '--in',
      join(dir, 'unsigned.json'),
      '--out',
      join(dir, 'signed.json'),
    ]);
    expect(di.code, di.stderr).toBe(0);
    const signed = JSON.parse(readFileSync(join(dir, 'signed.json'), 'utf8'));
    expect(signed.proof.cryptosuite).toBe('eddsa-rdfc-2022');

    const jwt = runCli(['issue', '--key', key, '--in', join(dir, 'unsigned.json'), '--format', 'vc-jwt']);
    expect(jwt.code, jwt.stderr).toBe(0);
    writeFileSync(join(dir, 'badge.jwt'), jwt.stdout);

    for (const file of ['signed.json', 'badge.jwt']) {
      const v = runCli(['verify', join(dir, file), '--json']);
      expect(v.code, v.stdout + v.stderr).toBe(0);
      expect(JSON.parse(v.stdout).verdict).toBe('verified');
    }
    const text = runCli(['verify', join(dir, 'signed.json')]);
    expect(text.stdout).toContain('VERIFIED');
    expect(text.stdout).toMatch(/\[ok {2}\] proof/);

    signed.credentialSubject.achievement.name = 'Forged';
    writeFileSync(join(dir, 'forged.json'), JSON.stringify(signed));
    const forged = runCli(['verify', join(dir, 'forged.json')]);
    expect(forged.code).toBe(1);
    expect(forged.stdout).toContain('INVALID');

    // Verifying "as of" a date before the proof existed: the proof claims a future creation time.
    const early = runCli(['verify', join(dir, 'signed.json'), '--now', '2000-01-01T00:00:00Z', '--json']);
    expect(early.code).toBe(1);
    expect(JSON.parse(early.stdout).checks.find((c: { status: string }) => c.status === 'failed').code).toBe(
      'PROOF_CREATED_IN_FUTURE',
    );
    // A badge valid only from a future date is not yet valid.
    writeFileSync(
      join(dir, 'future.json'),
      JSON.stringify({ ...unsigned, validFrom: '2099-01-01T00:00:00Z' }),
    );
    expect(
      runCli([
        'issue',
        '--key',
        key,
        '--in',
        join(dir, 'future.json'),
        '--out',
        join(dir, 'future.signed.json'),
      ]).code,
    ).toBe(0);
    const future = runCli(['verify', join(dir, 'future.signed.json'), '--json']);
    expect(future.code).toBe(1);
    expect(JSON.parse(future.stdout).verdict).toBe('not-yet-valid');

    const stdin = runCli(['verify', '-', '--json'], {
      input: readFileSync(join(dir, 'signed.json'), 'utf8'),
    });
    expect(stdin.code).toBe(0);
  });

  it('issue refuses an issuer that is not the key controller, writing nothing', () => {
    const unsigned = JSON.parse(readFileSync(spec('basic-openbadgecredential.unsigned.json'), 'utf8'));
    writeFileSync(join(dir, 'other-issuer.json'), JSON.stringify(unsigned));
    const r = runCli([
      'issue',
      '--key',
      join(dir, 'Ed25519.json'),
      '--in',
      join(dir, 'other-issuer.json'),
      '--out',
      join(dir, 'should-not-exist.json'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ERR_ISSUER_MISMATCH');
    expect(() => readFileSync(join(dir, 'should-not-exist.json'))).toThrow();
  });

  it('verify with a documents map resolves an https issuer key offline', () => {
    const vector = JSON.parse(
      readFileSync(new URL('../vectors/ob-test-vector/test-vector.json', import.meta.url), 'utf8'),
    );
    const { controller, verificationMethodId, publicKeyMultibase } = vector.keyPair;
    writeFileSync(
      join(dir, 'issuer.json'),
      JSON.stringify({
        '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
        id: controller,
        verificationMethod: [{ id: verificationMethodId, type: 'Multikey', controller, publicKeyMultibase }],
        assertionMethod: [verificationMethodId],
      }),
    );
    writeFileSync(join(dir, 'map.json'), JSON.stringify({ [controller]: 'issuer.json' }));
    const credential = new URL('../vectors/ob-test-vector/credential.signed.json', import.meta.url).pathname;
    const without = runCli(['verify', credential, '--json']);
    expect(without.code).toBe(1);
    expect(JSON.parse(without.stdout).verdict).toBe('indeterminate');
    const withMap = runCli(['verify', credential, '--documents', join(dir, 'map.json'), '--json']);
    expect(withMap.code, withMap.stdout).toBe(0);
  });

  it('verify: usage errors exit 2', () => {
    expect(runCli(['verify']).code).toBe(2);
    expect(runCli(['verify', join(dir, 'signed.json'), '--now', 'yesterday']).code).toBe(2);
    expect(runCli(['verify', join(dir, 'missing.json')]).code).toBe(2);
    expect(runCli(['frobnicate']).code).toBe(2);
  });

  it('--help and --version exit 0', () => {
    const help = runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('verify');
    expect(runCli(['--version']).code).toBe(0);
  });
});

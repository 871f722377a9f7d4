import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

describe('credstack keygen: key type names', { timeout: 240_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'credstack-keygen-'));

  it('takes the JWS names and the key types, as --alg or --type', () => {
    const cases: Array<[string[], string]> = [
      [['--alg', 'P-256'], 'P-256'],
      [['--type', 'ES256'], 'P-256'],
      [['--type', 'eddsa'], 'Ed25519'],
      [['--alg', 'RSA', '--type', 'RS256', '--did', 'web:school.example'], 'RSA'],
    ];
    for (const [i, [args, algorithm]] of cases.entries()) {
      const out = join(dir, `key-${i}.json`);
      const r = runCli(['keygen', ...args, '--out', out]);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(readFileSync(out, 'utf8')).algorithm).toBe(algorithm);
    }
  });

  it('a wrong name is a usage error naming the one meant', () => {
    const p256 = runCli(['keygen', '--alg', 'secp256r1']);
    expect(p256.code).toBe(2);
    expect(p256.stderr).toContain('--alg must be Ed25519, ES256 or RS256 (or P-256, RSA), got secp256r1');
    expect(p256.stderr).toContain('did you mean ES256?');
    const rsa = runCli(['keygen', '--type', 'rsa-2048']);
    expect(rsa.code).toBe(2);
    expect(rsa.stderr).toContain('--type must be');
    expect(rsa.stderr).toContain('did you mean RS256?');
    const far = runCli(['keygen', '--alg', 'HS256']);
    expect(far.code).toBe(2);
    expect(far.stderr).not.toContain('did you mean');
    const both = runCli(['keygen', '--alg', 'ES256', '--type', 'Ed25519']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('name different key types');
  });
});

// Key types by either name: the API's (Ed25519, P-256, RSA) and JOSE's / the CLI's (EdDSA, ES256,
// RS256). A near miss is refused with the name meant.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { isCredstackError } from '../../src/errors.js';
import {
  type GenerateKeyOptions,
  generateKey,
  importKeyFile,
  type JwsAlgorithm,
  jwsAlgorithm,
  type KeyAlgorithm,
} from '../../src/keys/index.js';

async function errorOf(fn: () => unknown): Promise<{ code: string; message: string }> {
  try {
    await fn();
  } catch (error) {
    if (isCredstackError(error)) return error;
    throw error;
  }
  throw new Error('expected an error');
}

describe('key type names', () => {
  it('generateKey takes the JWS names and records the key type', async () => {
    expect((await generateKey({ algorithm: 'EdDSA' })).algorithm).toBe('Ed25519');
    expect((await generateKey({ algorithm: 'ES256' })).algorithm).toBe('P-256');
    const rsa = await generateKey({ algorithm: 'RS256', controller: 'https://school.example/issuer' });
    expect(rsa.algorithm).toBe('RSA');
    expect(rsa.publicKeyJwk.alg).toBe('RS256');
  });

  it('the option type admits both names; the key file keeps the key type', () => {
    expectTypeOf<GenerateKeyOptions['algorithm']>().toEqualTypeOf<KeyAlgorithm | JwsAlgorithm | undefined>();
    expectTypeOf<Awaited<ReturnType<typeof generateKey>>['algorithm']>().toEqualTypeOf<KeyAlgorithm>();
    expectTypeOf(jwsAlgorithm).parameter(0).toEqualTypeOf<KeyAlgorithm | JwsAlgorithm>();
  });

  it('jwsAlgorithm maps a key type and passes a JWS name through', () => {
    expect(jwsAlgorithm('P-256')).toBe('ES256');
    expect(jwsAlgorithm('ES256')).toBe('ES256');
    expect(jwsAlgorithm('EdDSA')).toBe('EdDSA');
    expect(() => jwsAlgorithm('toString' as KeyAlgorithm)).toThrow(/Unsupported key algorithm/);
  });

  it('a near miss is refused with the name meant', async () => {
    const cases: Array<[string, string]> = [
      ['p256', '"P-256" (or "ES256")'],
      ['secp256r1', '"P-256" (or "ES256")'],
      ['es-256', '"P-256" (or "ES256")'],
      ['rsa', '"RSA" (or "RS256")'],
      ['ed25519', '"Ed25519" (or "EdDSA")'],
    ];
    for (const [name, meant] of cases) {
      const error = await errorOf(() => generateKey({ algorithm: name as KeyAlgorithm }));
      expect(error.code).toBe('ERR_KEY_UNSUPPORTED');
      expect(error.message).toContain(`did you mean ${meant}?`);
    }
    const far = await errorOf(() => generateKey({ algorithm: 'Ed448' as KeyAlgorithm }));
    expect(far.code).toBe('ERR_KEY_UNSUPPORTED');
    expect(far.message).not.toContain('did you mean');
    expect((await errorOf(() => generateKey({ algorithm: 'constructor' as KeyAlgorithm }))).code).toBe(
      'ERR_KEY_UNSUPPORTED',
    );
  });

  it('a key file records the key type: a JWS name there is refused, with the one meant', async () => {
    const key = await generateKey({ algorithm: 'P-256' });
    const error = await errorOf(() => importKeyFile({ ...key, algorithm: 'ES256' }));
    expect(error.code).toBe('ERR_KEY_UNSUPPORTED');
    expect(error.message).toContain('did you mean "P-256"?');
  });
});

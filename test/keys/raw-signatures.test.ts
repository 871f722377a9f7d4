import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateKey } from '../../src/keys/index.js';
// Internal module: the signature backend shared by signers, verifiers and the Data Integrity fast path.
import { importRawSign, importRawVerify, rawSignatureBackend } from '../../src/keys/raw-signatures.js';
import type { KeyAlgorithm } from '../../src/keys/types.js';

const ALGORITHMS: KeyAlgorithm[] = ['Ed25519', 'P-256', 'RSA'];
const keys = Object.fromEntries(
  await Promise.all(
    ALGORITHMS.map(
      async (a) => [a, await generateKey({ algorithm: a, did: { web: 'issuer.example' } })] as const,
    ),
  ),
);

describe('raw signatures: node:crypto on Node, WebCrypto elsewhere, the same signatures', () => {
  it('uses node:crypto on Node', async () => {
    expect(await rawSignatureBackend()).toBe('node:crypto');
  });

  it.each(ALGORITHMS)(
    '%s: each backend verifies what the other signs, and refuses altered data',
    async (algorithm) => {
      const key = keys[algorithm]!;
      const backends = [{}, { webcrypto: true }];
      for (const signWith of backends) {
        const sign = await importRawSign(algorithm, key.privateKeyJwk!, signWith);
        for (const verifyWith of backends) {
          const verify = await importRawVerify(algorithm, key.publicKeyJwk!, verifyWith);
          await fc.assert(
            fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), async (data) => {
              const signature = await sign(data);
              expect(await verify(data, signature)).toBe(true);
              const altered = Uint8Array.from([...data, 1]);
              expect(await verify(altered, signature)).toBe(false);
            }),
            { numRuns: algorithm === 'RSA' ? 5 : 25 },
          );
        }
      }
    },
  );

  it('Ed25519 signatures are byte-identical across backends (deterministic, RFC 8032)', async () => {
    const key = keys.Ed25519!;
    const data = new TextEncoder().encode('credstack');
    const a = await (await importRawSign('Ed25519', key.privateKeyJwk!))(data);
    const b = await (await importRawSign('Ed25519', key.privateKeyJwk!, { webcrypto: true }))(data);
    expect(a).toEqual(b);
  });

  it.each(ALGORITHMS)(
    '%s: malformed signature bytes are false, never a throw, on both backends',
    async (algorithm) => {
      const key = keys[algorithm]!;
      for (const options of [{}, { webcrypto: true }]) {
        const verify = await importRawVerify(algorithm, key.publicKeyJwk!, options);
        for (const bad of [
          new Uint8Array(0),
          new Uint8Array(63),
          new Uint8Array(64),
          new Uint8Array(513).fill(255),
        ]) {
          expect(await verify(new Uint8Array(8), bad)).toBe(false);
        }
      }
    },
  );

  it('refuses a key the runtime cannot use, on both backends', async () => {
    const offCurve = { ...keys['P-256']!.publicKeyJwk!, y: keys['P-256']!.publicKeyJwk!.x };
    await expect(importRawVerify('P-256', offCurve)).rejects.toThrow();
    await expect(importRawVerify('P-256', offCurve, { webcrypto: true })).rejects.toThrow();
  });
});

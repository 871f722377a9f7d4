// The VC-JWT key import cache (src/proof/vc-jwt/verify.ts importJwsKey): one import per distinct
// key and algorithm, never a key for another algorithm or JWK, and failures are not kept.
import { describe, expect, it } from 'vitest';
import { generateKey } from '../../../src/keys/index.js';
import { importJwsKey } from '../../../src/proof/vc-jwt/verify.js';

describe('importJwsKey', () => {
  it('imports a key once per JWK and algorithm', async () => {
    const { publicKeyJwk } = await generateKey({ algorithm: 'P-256' });
    const first = importJwsKey(publicKeyJwk as never, 'ES256');
    // members in another order are the same key
    const reordered = Object.fromEntries(Object.entries(publicKeyJwk).reverse());
    expect(importJwsKey(reordered as never, 'ES256')).toBe(first);
    await first;
  });

  it('a different key, or the same key under another algorithm, is its own entry', async () => {
    const a = await generateKey({ algorithm: 'P-256' });
    const b = await generateKey({ algorithm: 'P-256' });
    expect(importJwsKey(a.publicKeyJwk as never, 'ES256')).not.toBe(
      importJwsKey(b.publicKeyJwk as never, 'ES256'),
    );
    // jose refuses an Ed25519 key for ES256: that refusal is not hidden by a cached import
    const ed = await generateKey({ algorithm: 'Ed25519' });
    await importJwsKey(ed.publicKeyJwk as never, 'EdDSA');
    await expect(importJwsKey(ed.publicKeyJwk as never, 'ES256')).rejects.toThrow();
  });

  it('does not keep a failed import', async () => {
    const bad = { kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'AAAA' };
    const first = importJwsKey(bad as never, 'ES256');
    await expect(first).rejects.toThrow();
    const second = importJwsKey(bad as never, 'ES256');
    expect(second).not.toBe(first);
    await expect(second).rejects.toThrow();
  });
});

import { p256 } from '@noble/curves/nist.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// Internal module: P-256 point (de)compression and validation written out in src/keys/p256.ts (to keep
// @noble/curves out of the verifier's cold start). Checked here against noble's own p256.
import { compressP256, decompressP256, isP256Point } from '../../src/keys/p256.js';

const secretKey = fc
  .uint8Array({ minLength: 32, maxLength: 32 })
  .filter((k) => p256.utils.isValidSecretKey(k));

describe('P-256 points', () => {
  it('the curve is P-256: its generator is a point of it, and -G decompresses as nist.js has it', () => {
    const G = p256.Point.BASE.toBytes(false);
    expect(isP256Point(G.slice(1, 33), G.slice(33))).toBe(true);
    const minusG = p256.Point.BASE.negate().toBytes(true);
    expect(decompressP256(minusG)).toEqual({
      x: G.slice(1, 33),
      y: p256.Point.BASE.negate().toBytes(false).slice(33),
    });
  });

  it('decompresses and validates exactly as noble p256 does, for random public keys', () => {
    fc.assert(
      fc.property(secretKey, (sk) => {
        const compressed = p256.getPublicKey(sk, true);
        const raw = p256.getPublicKey(sk, false);
        const x = raw.slice(1, 33);
        const y = raw.slice(33);
        expect(decompressP256(compressed)).toEqual({ x, y });
        expect(compressP256(x, y)).toEqual(compressed);
        expect(isP256Point(x, y)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses points off the curve and malformed encodings, as noble p256 does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.boolean(), (x, odd) => {
        const compressed = Uint8Array.from([odd ? 3 : 2, ...x]);
        let expected: boolean;
        try {
          p256.Point.fromBytes(compressed).assertValidity();
          expected = true;
        } catch {
          expected = false;
        }
        expect(decompressP256(compressed) !== undefined).toBe(expected);
      }),
      { numRuns: 300 },
    );
    const G = p256.Point.BASE.toBytes(false);
    const y = G.slice(33);
    y[31] ^= 1;
    // coordinates ≥ p are not field elements, whatever they reduce to
    const p = p256.Point.CURVE().p;
    const bytes = (n: bigint) =>
      Uint8Array.from(n.toString(16).padStart(64, '0').match(/../g)!, (h) => Number.parseInt(h, 16));
    expect(decompressP256(Uint8Array.from([2, ...bytes(p)]))).toBeUndefined();
    expect(decompressP256(Uint8Array.from([2, ...bytes(p + 1n)]))).toBeUndefined();
    expect(isP256Point(bytes(p), G.slice(33))).toBe(false);
    expect(isP256Point(new Uint8Array(32), new Uint8Array(32))).toBe(false); // (0, 0): not the point at infinity
    expect(isP256Point(G.slice(1, 33), y)).toBe(false);
    expect(decompressP256(new Uint8Array(33))).toBeUndefined();
    expect(decompressP256(p256.Point.BASE.toBytes(false))).toBeUndefined();
    expect(isP256Point(new Uint8Array(31), new Uint8Array(32))).toBe(false);
  });

  it('validates arbitrary (x, y) exactly as noble p256 does', () => {
    const coordinate = fc.uint8Array({ minLength: 32, maxLength: 32 });
    fc.assert(
      fc.property(coordinate, coordinate, secretKey, fc.boolean(), (x, y, sk, real) => {
        // half the cases a real point, half random bytes (almost never on the curve)
        const raw = p256.getPublicKey(sk, false);
        const [px, py] = real ? [raw.slice(1, 33), raw.slice(33)] : [x, y];
        let expected: boolean;
        try {
          p256.Point.fromBytes(Uint8Array.from([4, ...px, ...py])).assertValidity();
          expected = true;
        } catch {
          expected = false;
        }
        expect(isP256Point(px, py)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});

// P-256 point (de)compression. Multikey and did:key carry P-256 public keys as 33-byte compressed
// points, JWK as (x, y); WebCrypto converts neither way, so @noble/curves (audited) does it.
import { weierstrass } from '@noble/curves/abstract/weierstrass.js';

// The P-256 (secp256r1) domain parameters of SEC 2 v2 §2.4.2 / NIST SP 800-186 §3.2.1.3, as
// @noble/curves/nist.js spells them. We build the one curve from noble's abstract module instead of
// importing nist.js, which also builds P-384, P-521, hash-to-curve and OPRF suites on import: ~30 ms of
// every cold start of the verifier, for a curve it only decompresses points of.
// test/keys/p256.test.ts checks this curve against nist.js's p256.
const Point = weierstrass({
  p: BigInt('0xffffffff00000001000000000000000000000000ffffffffffffffffffffffff'),
  n: BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551'),
  h: BigInt(1),
  a: BigInt('0xffffffff00000001000000000000000000000000fffffffffffffffffffffffc'),
  b: BigInt('0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b'),
  Gx: BigInt('0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296'),
  Gy: BigInt('0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5'),
});

function pointFrom(bytes: Uint8Array): ReturnType<typeof Point.fromBytes> | undefined {
  try {
    const point = Point.fromBytes(bytes);
    point.assertValidity();
    return point;
  } catch {
    return undefined;
  }
}

/** True when (x, y) is a point of P-256 (rejects invalid-curve keys before any crypto). */
export function isP256Point(x: Uint8Array, y: Uint8Array): boolean {
  if (x.length !== 32 || y.length !== 32) return false;
  const uncompressed = new Uint8Array(65);
  uncompressed[0] = 0x04;
  uncompressed.set(x, 1);
  uncompressed.set(y, 33);
  return pointFrom(uncompressed) !== undefined;
}

export function compressP256(x: Uint8Array, y: Uint8Array): Uint8Array {
  const out = new Uint8Array(33);
  out[0] = (y[31]! & 1) === 1 ? 0x03 : 0x02;
  out.set(x, 1);
  return out;
}

/** Returns `undefined` when the bytes are not a compressed P-256 point. */
export function decompressP256(point: Uint8Array): { x: Uint8Array; y: Uint8Array } | undefined {
  if (point.length !== 33 || (point[0] !== 0x02 && point[0] !== 0x03)) return undefined;
  const parsed = pointFrom(point);
  if (!parsed) return undefined;
  const raw = parsed.toBytes(false);
  return { x: raw.slice(1, 33), y: raw.slice(33, 65) };
}

// P-256 point (de)compression. Multikey and did:key carry P-256 public keys as 33-byte compressed
// points, JWK as (x, y); WebCrypto converts neither way, so @noble/curves (audited) does it.
import { p256 } from '@noble/curves/nist.js';

function pointFrom(bytes: Uint8Array): ReturnType<typeof p256.Point.fromBytes> | undefined {
  try {
    const point = p256.Point.fromBytes(bytes);
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

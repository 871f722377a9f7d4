// P-256 point (de)compression and validation. Multikey and did:key carry P-256 public keys as 33-byte
// compressed points, JWK as (x, y); WebCrypto converts neither way.
//
// Written out here (SEC 1 v2 §2.3.4, with the domain parameters of SEC 2 v2 §2.4.2) rather than
// imported from @noble/curves: its abstract curve code is seven modules, and loading them was ~8 ms
// of every cold start of `credstack/verify`, which never decompresses a point unless a credential is
// signed with a P-256 key. Only public values pass through here (no secret, so no constant-time
// concern), the signature check itself is WebCrypto's or node:crypto's (which validate the point
// again on import), and test/keys/p256.test.ts holds these functions to @noble/curves' p256.

import { fromHex, toHex } from '../lib/bytes.js';

const P = BigInt('0xffffffff00000001000000000000000000000000ffffffffffffffffffffffff');
const B = BigInt('0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b');
// p ≡ 3 (mod 4), so a square root of v is v^((p + 1) / 4) when v is a square.
const SQRT_EXPONENT = (P + 1n) / 4n;

function modP(value: bigint): bigint {
  const r = value % P;
  return r < 0n ? r + P : r;
}

function powP(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  let b = modP(base);
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % P;
    b = (b * b) % P;
  }
  return result;
}

/** y² of the curve y² = x³ − 3x + b at `x`. */
const ySquared = (x: bigint): bigint => modP(x * x * x - 3n * x + B);

const toBigInt = (bytes: Uint8Array): bigint => BigInt(`0x0${toHex(bytes)}`);

const to32Bytes = (value: bigint): Uint8Array => fromHex(value.toString(16).padStart(64, '0'));

/** True when (x, y) is a point of P-256 (rejects invalid-curve keys before any crypto). */
export function isP256Point(x: Uint8Array, y: Uint8Array): boolean {
  if (x.length !== 32 || y.length !== 32) return false;
  const X = toBigInt(x);
  const Y = toBigInt(y);
  // P-256 has prime order (cofactor 1): every point on the curve is in the group.
  return X < P && Y < P && (Y * Y) % P === ySquared(X);
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
  const X = toBigInt(point.subarray(1));
  if (X >= P) return undefined;
  const square = ySquared(X);
  let Y = powP(square, SQRT_EXPONENT);
  if ((Y * Y) % P !== square) return undefined; // x³ − 3x + b has no square root: no point at x
  if ((Y & 1n) !== BigInt(point[0]! & 1)) Y = P - Y; // the other root has the other parity (Y ≠ 0 here)
  return { x: point.slice(1), y: to32Bytes(Y) };
}

// P-256 point compression (SEC 1 §2.3.3/§2.3.4). Multikey and did:key carry P-256 public keys as
// 33-byte compressed points, JWK as (x, y); WebCrypto converts neither way, so the curve
// equation is solved here with BigInt. Public data only: nothing secret goes through this file.

const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const B = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn;

function toBigInt(bytes: Uint8Array): bigint {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}

function toBytes32(n: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 31; i >= 0; i--) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
}

function modPow(base: bigint, exp: bigint): bigint {
  let result = 1n;
  base %= P;
  while (exp > 0n) {
    if (exp & 1n) result = (result * base) % P;
    base = (base * base) % P;
    exp >>= 1n;
  }
  return result;
}

/** y² = x³ − 3x + b (mod p). */
function rhs(x: bigint): bigint {
  return (((x * x * x - 3n * x + B) % P) + P) % P;
}

/** True when (x, y) is a point of P-256 (rejects invalid-curve keys before any crypto). */
export function isP256Point(x: Uint8Array, y: Uint8Array): boolean {
  const xi = toBigInt(x);
  const yi = toBigInt(y);
  return x.length === 32 && y.length === 32 && xi < P && yi < P && (yi * yi) % P === rhs(xi);
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
  const x = toBigInt(point.subarray(1));
  if (x >= P) return undefined;
  const y2 = rhs(x);
  // p ≡ 3 (mod 4), so a square root is y2^((p+1)/4).
  let y = modPow(y2, (P + 1n) / 4n);
  if ((y * y) % P !== y2) return undefined;
  if (Number(y & 1n) !== (point[0] & 1)) y = P - y;
  return { x: point.slice(1), y: toBytes32(y) };
}

// Multikey encoding (W3C Controlled Identifiers §2.2.2): `z` + base58btc(multicodec varint ‖ key).
// Codes from the multicodec table: ed25519-pub 0xed, p256-pub 0x1200 (33-byte compressed point),
// ed25519-priv 0x1300 (32-byte seed), p256-priv 0x1306 (32-byte scalar), written as varints.

import * as base64url from '../lib/base64url.js';
import { CredstackError, type ErrorCode } from '../errors.js';
import { toHex } from '../lib/bytes.js';
import { base58Decode, base58Encode } from './base58.js';
import { compressP256, decompressP256 } from './p256.js';
import type { Jwk, PublicKeyInfo } from './types.js';

const ED25519_PUB = [0xed, 0x01] as const;
const P256_PUB = [0x80, 0x24] as const;
const ED25519_PRIV = [0x80, 0x26] as const;
const P256_PRIV = [0x86, 0x26] as const;

function encode(prefix: readonly number[], key: Uint8Array): string {
  const bytes = new Uint8Array(prefix.length + key.length);
  bytes.set(prefix);
  bytes.set(key, prefix.length);
  return `z${base58Encode(bytes)}`;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function decode(multibase: string, path: string, secret = false): Uint8Array {
  const bytes =
    typeof multibase === 'string' && multibase[0] === 'z' ? base58Decode(multibase.slice(1)) : undefined;
  if (bytes === undefined || bytes.length < 3) {
    // A secret key is never echoed into an error message, not even in part.
    const got = secret ? 'a malformed value' : JSON.stringify(String(multibase).slice(0, 60));
    throw new CredstackError(
      'ERR_KEY_INVALID',
      `${path}: expected a base58btc multibase string starting with "z", got ${got}`,
      { path },
    );
  }
  return bytes;
}

/** `publicKeyMultibase` of an Ed25519 or P-256 public JWK; `undefined` for RSA (no Multikey form here). */
export function publicKeyMultibaseFromJwk(jwk: Jwk): string | undefined {
  if (jwk.kty === 'OKP') return encode(ED25519_PUB, base64url.decode(jwk.x!));
  if (jwk.kty === 'EC')
    return encode(P256_PUB, compressP256(base64url.decode(jwk.x!), base64url.decode(jwk.y!)));
  return undefined;
}

/** `secretKeyMultibase` of an Ed25519 or P-256 private JWK (the 32-byte seed / scalar `d`). */
export function secretKeyMultibaseFromJwk(jwk: Jwk): string | undefined {
  if (jwk.d === undefined) return undefined;
  if (jwk.kty === 'OKP') return encode(ED25519_PRIV, base64url.decode(jwk.d));
  if (jwk.kty === 'EC') return encode(P256_PRIV, base64url.decode(jwk.d));
  return undefined;
}

/**
 * Decodes a Multikey `publicKeyMultibase` (Ed25519 `z6Mk…`, P-256 `zDn…`). An unknown multicodec
 * throws `unsupported` (ERR_KEY_UNSUPPORTED, or ERR_DID_UNSUPPORTED for did:key).
 */
export function parsePublicKeyMultibase(
  multibase: string,
  path = 'publicKeyMultibase',
  unsupported: ErrorCode = 'ERR_KEY_UNSUPPORTED',
): PublicKeyInfo {
  const bytes = decode(multibase, path);
  if (startsWith(bytes, ED25519_PUB)) {
    if (bytes.length !== 34) {
      throw new CredstackError(
        'ERR_KEY_INVALID',
        `${path}: an Ed25519 public key is 32 bytes, got ${bytes.length - 2}`,
        {
          path,
        },
      );
    }
    const jwk: Jwk = { kty: 'OKP', crv: 'Ed25519', x: base64url.encode(bytes.subarray(2)) };
    return { algorithm: 'Ed25519', publicKeyJwk: jwk, publicKeyMultibase: multibase };
  }
  if (startsWith(bytes, P256_PUB)) {
    const point = decompressP256(bytes.subarray(2));
    if (point === undefined) {
      throw new CredstackError(
        'ERR_KEY_INVALID',
        `${path}: not a compressed P-256 point (33 bytes, on the curve)`,
        {
          path,
        },
      );
    }
    const jwk: Jwk = { kty: 'EC', crv: 'P-256', x: base64url.encode(point.x), y: base64url.encode(point.y) };
    return { algorithm: 'P-256', publicKeyJwk: jwk, publicKeyMultibase: multibase };
  }
  throw new CredstackError(
    unsupported,
    `${path}: unsupported multicodec key type (prefix bytes 0x${toHex(bytes.subarray(0, 2))}); supported: Ed25519 (z6Mk…) and P-256 (zDn…)`,
    { path },
  );
}

/**
 * Decodes a `secretKeyMultibase` to the JWK `d` member. Also accepts the legacy 64-byte Ed25519
 * form (seed ‖ public key) older @digitalbazaar/ed25519-multikey versions wrote.
 */
export function parseSecretKeyMultibase(
  multibase: string,
  path = 'secretKeyMultibase',
): { kty: 'OKP' | 'EC'; d: string } {
  const bytes = decode(multibase, path, true);
  const key = bytes.subarray(2);
  if (startsWith(bytes, ED25519_PRIV) && (key.length === 32 || key.length === 64)) {
    return { kty: 'OKP', d: base64url.encode(key.subarray(0, 32)) };
  }
  if (startsWith(bytes, P256_PRIV) && key.length === 32) return { kty: 'EC', d: base64url.encode(key) };
  throw new CredstackError(
    'ERR_KEY_INVALID',
    `${path}: not an Ed25519 (0x8026) or P-256 (0x8626) secret key`,
    {
      path,
    },
  );
}

// JWK checks shared by key files, verification methods and JWKS export. Every key that enters
// credstack passes through readPublicJwk, so unsupported curves, short RSA moduli, points off the
// curve and leaked private members are refused here, before any crypto runs.

import * as base64url from '../lib/base64url.js';
import { CredstackError, describeValue } from '../errors.js';
import { isObject } from '../lib/json.js';
import { isP256Point } from './p256.js';
import type { Jwk, JwsAlgorithm, KeyAlgorithm } from './types.js';

/** JWK members that are secret (RFC 7518 §6.2.2, §6.3.2, §6.4). */
export const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;

/** NIST SP 800-131A and the 1EdTech impl guide: RSA keys under 2048 bits are not acceptable. */
export const MIN_RSA_BITS = 2048;

const JWS_ALGORITHMS: Record<KeyAlgorithm, JwsAlgorithm> = {
  Ed25519: 'EdDSA',
  'P-256': 'ES256',
  RSA: 'RS256',
};

/**
 * The JWS `alg` used with a key algorithm. A JWS name is accepted too, and returned as is.
 *
 * @example
 * ```ts
 * import { jwsAlgorithm } from 'credstack'
 * jwsAlgorithm('P-256') // 'ES256'
 * jwsAlgorithm('ES256') // 'ES256'
 * ```
 */
export function jwsAlgorithm(alg: KeyAlgorithm | JwsAlgorithm): JwsAlgorithm {
  const key = namedAlgorithm(alg);
  const jws = key === undefined ? undefined : JWS_ALGORITHMS[key];
  if (jws === undefined) {
    throw new CredstackError(
      'ERR_KEY_UNSUPPORTED',
      `Unsupported key algorithm: expected "Ed25519", "P-256" or "RSA", got ${describeValue(alg)}`,
    );
  }
  return jws;
}

// The API names key types by curve or family (`P-256`, `RSA`), the CLI and JOSE by JWS algorithm
// (`ES256`, `RS256`): both are accepted wherever a key type is chosen, exactly as written.
const KEY_ALGORITHM_OF_NAME: Readonly<Record<string, KeyAlgorithm>> = {
  Ed25519: 'Ed25519',
  EdDSA: 'Ed25519',
  'P-256': 'P-256',
  ES256: 'P-256',
  RSA: 'RSA',
  RS256: 'RSA',
};

// Near misses, compared lower-cased without `-`, `_` and spaces (`p256`, `secp256r1`, `rsa`):
// refused, since a name that is almost right may be a different key type in another library,
// but answered with the name meant.
const NEAR_MISSES: Readonly<Record<string, KeyAlgorithm>> = {
  ed25519: 'Ed25519',
  eddsa: 'Ed25519',
  okp: 'Ed25519',
  p256: 'P-256',
  es256: 'P-256',
  secp256r1: 'P-256',
  prime256v1: 'P-256',
  nistp256: 'P-256',
  ec: 'P-256',
  ecdsa: 'P-256',
  rsa: 'RSA',
  rs256: 'RSA',
  rsa2048: 'RSA',
};

function namedAlgorithm(name: unknown): KeyAlgorithm | undefined {
  return typeof name === 'string' && Object.hasOwn(KEY_ALGORITHM_OF_NAME, name)
    ? KEY_ALGORITHM_OF_NAME[name]
    : undefined;
}

/**
 * The key algorithm a near-miss name most likely means (`p256` → `P-256`), for "did you mean"
 * hints; `undefined` when nothing is close. Internal.
 */
export function suggestKeyAlgorithm(name: unknown): KeyAlgorithm | undefined {
  if (typeof name !== 'string') return undefined;
  const key = name.toLowerCase().replace(/[-_\s]/g, '');
  return Object.hasOwn(NEAR_MISSES, key) ? NEAR_MISSES[key] : undefined;
}

/**
 * The key algorithm named `name`: `Ed25519` / `EdDSA`, `P-256` / `ES256`, `RSA` / `RS256`.
 * Anything else is ERR_KEY_UNSUPPORTED, with the intended name when it is a near miss. Internal:
 * what generateKey and `credstack keygen` read a key type with.
 */
export function keyAlgorithmFromName(name: unknown, where: string): KeyAlgorithm {
  const algorithm = namedAlgorithm(name);
  if (algorithm !== undefined) return algorithm;
  const meant = suggestKeyAlgorithm(name);
  throw new CredstackError(
    'ERR_KEY_UNSUPPORTED',
    `${where}: expected "Ed25519", "P-256" or "RSA" (or the JWS names "EdDSA", "ES256", "RS256"), got ${describeValue(name)}${meant ? `; did you mean "${meant}" (or "${JWS_ALGORITHMS[meant]}")?` : ''}`,
  );
}

/** True for the key algorithms credstack supports. */
export function isKeyAlgorithm(value: unknown): value is KeyAlgorithm {
  return value === 'Ed25519' || value === 'P-256' || value === 'RSA';
}

function invalid(path: string, message: string): CredstackError {
  return new CredstackError('ERR_KEY_INVALID', `${path}: ${message}`, { path });
}

/** Decodes a base64url member; `undefined` when it is not a valid base64url string. */
export function b64uBytes(value: unknown): Uint8Array | undefined {
  if (typeof value !== 'string' || !/^[A-Za-z0-9_-]*$/.test(value)) return undefined;
  try {
    return base64url.decode(value);
  } catch {
    return undefined;
  }
}

function member(jwk: Record<string, unknown>, name: string, path: string, length?: number): Uint8Array {
  const bytes = b64uBytes(jwk[name]);
  if (bytes === undefined || bytes.length === 0) {
    // Never echo (part of) a secret member into an error message or log.
    const secret = (PRIVATE_JWK_MEMBERS as readonly string[]).includes(name);
    const got = secret ? `a malformed ${typeof jwk[name]}` : describeValue(jwk[name]);
    throw invalid(`${path}.${name}`, `expected a non-empty base64url string, got ${got}`);
  }
  if (length !== undefined && bytes.length !== length) {
    throw invalid(`${path}.${name}`, `expected ${length} bytes, got ${bytes.length}`);
  }
  return bytes;
}

/** Bit length of an unsigned big-endian integer. */
function bitLength(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length && bytes[i] === 0) i++;
  if (i === bytes.length) return 0;
  return (bytes.length - i - 1) * 8 + (32 - Math.clz32(bytes[i]!));
}

/** The algorithm of a JWK, from `kty` and `crv`. */
function algorithmOf(jwk: Record<string, unknown>, path: string): KeyAlgorithm {
  const { kty, crv } = jwk;
  if (kty === 'OKP' && crv === 'Ed25519') return 'Ed25519';
  if (kty === 'EC' && crv === 'P-256') return 'P-256';
  if (kty === 'RSA') return 'RSA';
  if (kty === 'OKP' || kty === 'EC') {
    throw new CredstackError(
      'ERR_KEY_UNSUPPORTED',
      `${path}: unsupported curve ${describeValue(crv)} for kty "${kty}"; supported: OKP Ed25519, EC P-256, RSA`,
      { path },
    );
  }
  throw new CredstackError(
    'ERR_KEY_UNSUPPORTED',
    `${path}.kty: expected "OKP", "EC" or "RSA", got ${describeValue(kty)}`,
    { path: `${path}.kty` },
  );
}

/**
 * Checks a public JWK and returns its algorithm and public members (plus `kid`/`alg` when
 * present). Private members are refused: a public key document must never carry them.
 */
export function readPublicJwk(value: unknown, path: string): { algorithm: KeyAlgorithm; jwk: Jwk } {
  if (!isObject(value)) throw invalid(path, `expected a JWK object, got ${describeValue(value)}`);
  for (const name of PRIVATE_JWK_MEMBERS) {
    if (name in value) throw invalid(path, `a public JWK must not contain the private member "${name}"`);
  }
  return readJwk(value, path);
}

function readJwk(value: Record<string, unknown>, path: string): { algorithm: KeyAlgorithm; jwk: Jwk } {
  const algorithm = algorithmOf(value, path);
  let jwk: Jwk;
  if (algorithm === 'Ed25519') {
    member(value, 'x', path, 32);
    jwk = { kty: 'OKP', crv: 'Ed25519', x: value.x as string };
  } else if (algorithm === 'P-256') {
    const x = member(value, 'x', path, 32);
    const y = member(value, 'y', path, 32);
    if (!isP256Point(x, y)) throw invalid(path, 'the point (x, y) is not on the P-256 curve');
    jwk = { kty: 'EC', crv: 'P-256', x: value.x as string, y: value.y as string };
  } else {
    const bits = bitLength(member(value, 'n', path));
    if (bits < MIN_RSA_BITS) {
      throw invalid(
        `${path}.n`,
        `RSA modulus of ${bits} bits is too short; at least ${MIN_RSA_BITS} bits required`,
      );
    }
    member(value, 'e', path);
    jwk = { kty: 'RSA', n: value.n as string, e: value.e as string };
  }
  if (value.alg !== undefined && value.alg !== jwsAlgorithm(algorithm)) {
    throw invalid(
      `${path}.alg`,
      `expected "${jwsAlgorithm(algorithm)}" for a ${algorithm} key, got ${describeValue(value.alg)}`,
    );
  }
  if (value.kid !== undefined && typeof value.kid !== 'string') {
    throw invalid(`${path}.kid`, `expected a string, got ${describeValue(value.kid)}`);
  }
  if (typeof value.kid === 'string') jwk.kid = value.kid;
  if (typeof value.alg === 'string') jwk.alg = value.alg;
  return { algorithm, jwk };
}

/**
 * Checks a private JWK against the public one it belongs to and returns it normalised. The public
 * members must be equal: a private key that does not match its public key would sign proofs
 * nobody can verify.
 */
export function readPrivateJwk(value: unknown, publicJwk: Jwk, path: string): Jwk {
  if (!isObject(value)) throw invalid(path, `expected a JWK object, got ${describeValue(value)}`);
  const { algorithm, jwk } = readJwk(value, path);
  for (const name of ['kty', 'crv', 'x', 'y', 'n', 'e'] as const) {
    if (jwk[name] !== publicJwk[name]) {
      throw invalid(`${path}.${name}`, `the private key does not match the public key (${name} differs)`);
    }
  }
  if (algorithm === 'RSA') {
    for (const name of ['d', 'p', 'q', 'dp', 'dq', 'qi'] as const) {
      member(value, name, path);
      jwk[name] = value[name] as string;
    }
  } else {
    member(value, 'd', path, 32);
    jwk.d = value.d as string;
  }
  return jwk;
}

/** The public members of a JWK (drops everything secret, keeps `kid`/`alg`). */
export function publicJwk(jwk: Jwk): Jwk {
  const out: Jwk = { kty: jwk.kty };
  for (const name of ['crv', 'x', 'y', 'n', 'e', 'kid', 'alg'] as const) {
    if (jwk[name] !== undefined) out[name] = jwk[name];
  }
  return out;
}

import type { JWK } from 'jose';
import { CredstackError } from '../errors.js';
import type { Signer } from '../keys/index.js';
import * as base64url from '../lib/base64url.js';
import { fromUtf8, utf8 } from '../lib/bytes.js';
import { isCompactJws } from '../lib/jws.js';
import { idOf, isObject, type JsonObject } from '../lib/json.js';

/**
 * JWS algorithms the verifier accepts by default: asymmetric only — never `none`, never HMAC.
 * `verifyCredential`'s `algorithms` option can only narrow the list.
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * import { DEFAULT_JWT_ALGORITHMS, verifyCredential } from 'credstack'
 * DEFAULT_JWT_ALGORITHMS // ['RS256', 'ES256', 'EdDSA']
 * await verifyCredential(jwt, { algorithms: ['EdDSA'] })
 * ```
 */
export const DEFAULT_JWT_ALGORITHMS: readonly string[] = Object.freeze(['RS256', 'ES256', 'EdDSA']);

const JWS_ALG: Record<string, string> = { Ed25519: 'EdDSA', 'P-256': 'ES256', RSA: 'RS256' };

/**
 * Options for {@link signJwt}.
 * @example
 * ```ts
 * import { createSigner, type SignJwtOptions, signJwt } from 'credstack'
 * const options: SignJwtOptions = { signer: await createSigner(key) }
 * const jwt = await signJwt({ iss: 'did:example:issuer' }, options)
 * ```
 */
export interface SignJwtOptions {
  signer: Signer;
  /** Identify the key with `kid` (default: the signer's id) or embed the public `jwk`. */
  publicKeyJwk?: JWK;
  /** Add `typ: "JWT"` (the only `typ` the spec allows). Default true. */
  typ?: boolean;
}

/** Seconds since the epoch for an XML date-time (what `nbf`/`exp` carry). */
export function numericDate(dateTime: unknown, name: string): number {
  const ms = typeof dateTime === 'string' ? Date.parse(dateTime) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `${name} must be an ISO 8601 date-time, got ${String(dateTime)}`,
    );
  }
  return Math.floor(ms / 1000);
}

/**
 * The VC-JWT claims of OB 3.0 §JWT Payload Format: the credential itself plus `iss` (issuer id),
 * `jti` (credential id), `nbf` (validFrom), `sub` (subject id) and `exp` (validUntil) when present.
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * import { jwtClaims } from 'credstack'
 * const { iss, jti, nbf, sub } = jwtClaims(unsignedCredential) // what issueCredential(…, { format: 'vc-jwt' }) signs
 * ```
 */
export function jwtClaims(credential: JsonObject): JsonObject {
  const claims: JsonObject = { ...credential };
  const iss = idOf(credential.issuer);
  if (iss) claims.iss = iss;
  if (typeof credential.id === 'string') claims.jti = credential.id;
  const from = credential.validFrom ?? credential.issuanceDate;
  if (from !== undefined) claims.nbf = numericDate(from, 'validFrom');
  const subject = Array.isArray(credential.credentialSubject)
    ? credential.credentialSubject[0]
    : credential.credentialSubject;
  const sub = idOf(subject);
  if (sub) claims.sub = sub;
  const until = credential.validUntil ?? credential.expirationDate;
  if (until !== undefined) claims.exp = numericDate(until, 'validUntil');
  return claims;
}

/**
 * Signs `payload` as a compact JWS with a {@link Signer}, so the private key can stay in a KMS:
 * only the signing input leaves credstack. The header carries only `alg`, `kid` or `jwk`, and
 * optionally `typ: "JWT"` — OB 3.0 forbids other header parameters. Most callers want
 * `issueCredential(credential, { format: 'vc-jwt' })`, which builds the claims and validates first.
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * import { createSigner, generateKey, jwtClaims, signJwt } from 'credstack'
 * const signer = await createSigner(await generateKey())
 * const jwt = await signJwt(jwtClaims(credential), { signer }) // 'eyJhbGciOiJFZERTQSIs…'
 * ```
 */
export async function signJwt(payload: JsonObject, options: SignJwtOptions): Promise<string> {
  const alg = JWS_ALG[options.signer.algorithm];
  if (!alg) {
    throw new CredstackError(
      'ERR_KEY_UNSUPPORTED',
      `No JWS algorithm for key type ${options.signer.algorithm}`,
    );
  }
  const header: JsonObject = { alg };
  if (options.publicKeyJwk) {
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = options.publicKeyJwk;
    header.jwk = pub;
  } else {
    header.kid = options.signer.id;
  }
  if (options.typ !== false) header.typ = 'JWT';
  const signingInput = `${base64url.encode(JSON.stringify(header))}.${base64url.encode(JSON.stringify(payload))}`;
  let signature: Uint8Array;
  try {
    signature = await options.signer.sign({ data: utf8(signingInput) });
  } catch (cause) {
    throw new CredstackError('ERR_SIGNING_FAILED', 'The signer failed to sign the JWT', { cause });
  }
  return `${signingInput}.${base64url.encode(signature)}`;
}

export { isCompactJws };

/** The decoded parts of a compact JWS, without verifying it. */
export interface DecodedJwt {
  header: JsonObject;
  payload: JsonObject;
}

/**
 * Decodes header and payload without verifying anything; ERR_JSON_PARSE when either is not a
 * JSON object. Use `verifyCredential` to trust what is inside.
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * import { decodeJwt } from 'credstack'
 * const { header, payload } = decodeJwt(jwt) // header.alg === 'EdDSA', payload.iss === issuer id
 * ```
 */
export function decodeJwt(jwt: string): DecodedJwt {
  const [h, p] = jwt.trim().split('.');
  try {
    const header = JSON.parse(fromUtf8(base64url.decode(h!))) as unknown;
    if (!isObject(header)) throw new Error('protected header is not a JSON object');
    const payload = JSON.parse(fromUtf8(base64url.decode(p!))) as unknown;
    if (!isObject(payload)) throw new Error('payload is not a JSON object');
    return { header, payload };
  } catch (cause) {
    throw new CredstackError('ERR_JSON_PARSE', `Not a valid compact JWS: ${(cause as Error).message}`, {
      cause,
      details: { header: h?.slice(0, 40) },
    });
  }
}

/**
 * The credential a VC-JWT carries: the payload itself (VCDM 2.0 / OB 3.0) or, for the legacy
 * VCDM 1.1 form, the `vc` claim with the registered claims mapped back (OB 3.0 §Verify a Credential).
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * import { credentialFromJwtPayload, decodeJwt } from 'credstack'
 * const { credential, legacy } = credentialFromJwtPayload(decodeJwt(jwt).payload)
 * ```
 */
export function credentialFromJwtPayload(payload: JsonObject): { credential: JsonObject; legacy: boolean } {
  if (isObject(payload.vc)) {
    const credential: JsonObject = { ...payload.vc };
    if (credential.id === undefined && typeof payload.jti === 'string') credential.id = payload.jti;
    if (credential.issuer === undefined && typeof payload.iss === 'string') credential.issuer = payload.iss;
    if (credential.issuanceDate === undefined && typeof payload.nbf === 'number') {
      credential.issuanceDate = new Date(payload.nbf * 1000).toISOString().replace('.000Z', 'Z');
    }
    if (credential.expirationDate === undefined && typeof payload.exp === 'number') {
      credential.expirationDate = new Date(payload.exp * 1000).toISOString().replace('.000Z', 'Z');
    }
    return { credential, legacy: true };
  }
  const {
    iss: _iss,
    jti: _jti,
    nbf: _nbf,
    sub: _sub,
    exp: _exp,
    iat: _iat,
    aud: _aud,
    nonce: _n,
    ...rest
  } = payload;
  return { credential: rest, legacy: false };
}

/** Verifies the JWS signature with `key`, enforcing the algorithm allowlist before any crypto. */
export async function verifyJwsSignature(
  jwt: string,
  key: CryptoKey | Uint8Array | JWK,
  algorithms: readonly string[],
): Promise<void> {
  jwsVerify ??= import('jose/jws/compact/verify');
  const { compactVerify } = await jwsVerify;
  await compactVerify(jwt.trim(), key as CryptoKey, { algorithms: [...algorithms] });
}

// Loaded on the first JWT: a verifier that only meets Data Integrity proofs never parses it.
let jwsVerify: Promise<typeof import('jose/jws/compact/verify')> | undefined;

// Imported JWS verification keys, by algorithm and every member of the JWK: importing a P-256 key
// (point validation included) cost more than the signature check on every VC-JWT verification of
// the same issuer. Bounded, oldest out first; a key that fails to import is not kept.
const MAX_JWS_KEYS = 256;
const jwsKeys = new Map<string, Promise<CryptoKey | Uint8Array>>();

/**
 * jose's `importJWK` for verifying, once per distinct key and algorithm. Internal.
 *
 * @example
 * ```ts
 * await verifyJwsSignature(jwt, await importJwsKey(jwk, 'ES256'), ['ES256'])
 * ```
 */
export function importJwsKey(jwk: JWK, alg: string): Promise<CryptoKey | Uint8Array> {
  const id = JSON.stringify([alg, Object.entries(jwk).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]);
  const known = jwsKeys.get(id);
  if (known) return known;
  const imported = import('jose/key/import').then(({ importJWK }) => importJWK({ ...jwk, alg }, alg));
  if (jwsKeys.size >= MAX_JWS_KEYS) jwsKeys.delete(jwsKeys.keys().next().value!);
  jwsKeys.set(id, imported);
  imported.catch(() => {
    if (jwsKeys.get(id) === imported) jwsKeys.delete(id);
  });
  return imported;
}

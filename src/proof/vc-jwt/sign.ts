// Signing a VC-JWT (OB 3.0 §JWT Proof Format): the claims and the compact JWS, through a Signer.

import type { JWK } from 'jose';
import { CredstackError } from '../../errors.js';
import type { Signer } from '../../keys/index.js';
import * as base64url from '../../lib/base64url.js';
import { utf8 } from '../../lib/bytes.js';
import { idOf, type JsonObject } from '../../lib/json.js';

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

// Reading a VC-JWT without verifying it: the decoded header and payload, the credential inside.

import { CredstackError } from '../../errors.js';
import * as base64url from '../../lib/base64url.js';
import { fromUtf8 } from '../../lib/bytes.js';
import { isCompactJws } from '../../lib/jws.js';
import { isObject, type JsonObject } from '../../lib/json.js';

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

// Verifying a VC-JWT's signature: the algorithm allowlist and the imported keys, cached.

import type { JWK } from 'jose';

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

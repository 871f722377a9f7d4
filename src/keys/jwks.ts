// JWKS export (RFC 7517 §5) for VC-JWT issuers: the 1EdTech impl guide's key provenance check
// looks for the `kid` in `https://{authority of issuer.id}/.well-known/jwks.json`.

import { CredstackError, describeValue } from '../errors.js';
import { publicJwk } from './jwk.js';
import { importKeyFile } from './key-file.js';
import type { Jwk, KeyFile } from './types.js';

/**
 * Options of {@link exportJwks}.
 * @example
 * ```ts
 * import { type ExportJwksOptions, exportJwks } from 'credstack'
 * const options: ExportJwksOptions = { includeIssuer: true }
 * const jwks = exportJwks([key], options)
 * ```
 */
export type ExportJwksOptions = {
  /** Add `iss` = the key's controller to each JWK (the impl guide's optional provenance member). */
  includeIssuer?: boolean;
};

/**
 * The public JWK Set of some keys: public members only, `kid` = the verification method id,
 * `alg` set. Serve it as `application/jwk-set+json`.
 *
 * @example
 * ```ts
 * import { exportJwks } from 'credstack'
 * const jwks = exportJwks([key]) // { keys: [{ kty: 'RSA', n, e, kid, alg: 'RS256' }] }
 * ```
 */
export function exportJwks(keys: readonly KeyFile[], options: ExportJwksOptions = {}): { keys: Jwk[] } {
  if (!Array.isArray(keys)) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `exportJwks: expected an array of keys, got ${describeValue(keys)}`,
    );
  }
  const seen = new Set<string>();
  return {
    keys: keys.map((input) => {
      const key = importKeyFile(input);
      if (seen.has(key.id))
        throw new CredstackError('ERR_INVALID_INPUT', `exportJwks: two keys have the id ${key.id}`);
      seen.add(key.id);
      const jwk = publicJwk(key.publicKeyJwk);
      if (options.includeIssuer) jwk.iss = key.controller;
      return jwk;
    }),
  };
}

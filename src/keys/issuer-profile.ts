// HTTP(S) issuers: what to publish so that a verifier can dereference the issuer's keys.
// An HTTP GET drops the fragment, so `https://example.edu/issuers/1#key` is answered by the
// document at `https://example.edu/issuers/1`: the issuer profile itself must carry the key.

import { MULTIKEY_CONTEXT, OB_CONTEXT, VC_V2_CONTEXT } from '../contexts/urls.js';
import { CredstackError, describeValue } from '../errors.js';
import { isObject } from '../lib/json.js';
import { verificationMethodOf } from './did-web.js';
import { exportJwks } from './jwks.js';
import { importKeyFile, publicKeyFile } from './key-file.js';
import type { Jwk, KeyFile } from './types.js';

/**
 * What {@link issuerProfileWithKeys} returns: documents to serve, by URL.
 * @example
 * ```ts
 * import { type IssuerProfileDocuments, issuerProfileWithKeys } from 'credstack'
 * const docs: IssuerProfileDocuments = issuerProfileWithKeys(key, { id: 'https://example.org/issuers/1', name: 'Example University' })
 * ```
 */
export type IssuerProfileDocuments = {
  /** The OB Profile plus `verificationMethod` (public keys) and `assertionMethod` (their ids); serve at `profile.id`. */
  profile: Record<string, unknown>;
  /** Each key as a stand-alone document with `controller`, by verification method id (for in-process loaders). */
  keyDocuments: Record<string, Record<string, unknown>>;
  /** Public JWKS; serve at `jwksUrl` (`https://{issuer authority}/.well-known/jwks.json`) for VC-JWT key provenance. */
  jwks: { keys: Jwk[] };
  jwksUrl: string;
  /** Everything above by URL: pass to `createKeyResolver({ documents })` or a document loader. */
  documents: Record<string, unknown>;
};

function bad(message: string): CredstackError {
  return new CredstackError('ERR_INVALID_INPUT', `issuerProfileWithKeys: ${message}`);
}

/**
 * Builds what an https issuer publishes: its OB Profile carrying its public keys (so that the
 * verification method `https://example.edu/issuers/1#z6Mk…` dereferences), stand-alone key
 * documents (Multikey with `controller`, as Data Integrity verifiers load them) and a JWKS.
 * The embedded `issuer` of credentials should stay the plain profile: the added
 * `verificationMethod` / `assertionMethod` terms are not in the OB context.
 *
 * @example
 * ```ts
 * import { generateKey, issuerProfileWithKeys } from 'credstack'
 * const key = await generateKey({ controller: 'https://example.edu/issuers/565049' })
 * const { profile, jwks, jwksUrl } = issuerProfileWithKeys(key, {
 *   id: 'https://example.edu/issuers/565049', name: 'Example University',
 * })
 * ```
 */
export function issuerProfileWithKeys(
  keys: KeyFile | readonly KeyFile[],
  profile: { id: string; name?: string; [property: string]: unknown },
): IssuerProfileDocuments {
  if (!isObject(profile) || typeof profile.id !== 'string') {
    throw bad(`profile: expected an object with an https "id", got ${describeValue(profile)}`);
  }
  let url: URL;
  try {
    url = new URL(profile.id);
  } catch {
    throw bad(`profile.id: expected an https URL, got ${describeValue(profile.id)}`);
  }
  if (!['https:', 'http:'].includes(url.protocol) || url.hash !== '') {
    throw bad(`profile.id: expected an https URL without fragment, got ${JSON.stringify(profile.id)}`);
  }
  for (const name of ['verificationMethod', 'assertionMethod'] as const) {
    if (name in profile) throw bad(`profile.${name} is built from the keys; remove it from the input`);
  }
  const list = (Array.isArray(keys) ? keys : [keys]).map((key) => publicKeyFile(importKeyFile(key)));
  if (list.length === 0) throw bad('expected at least one key');

  const keyDocuments: Record<string, Record<string, unknown>> = {};
  const methods = list.map((key) => {
    if (key.controller !== profile.id) {
      throw new CredstackError(
        'ERR_ISSUER_MISMATCH',
        `issuerProfileWithKeys: key ${key.id} is controlled by ${key.controller}, not by the issuer ${profile.id}`,
      );
    }
    if (!key.id.startsWith(`${profile.id}#`)) {
      // Another URL would need its own document, which this function does not produce.
      throw bad(`key id ${key.id} must be the issuer id plus a fragment (${profile.id}#…)`);
    }
    const vm = verificationMethodOf(key);
    if (keyDocuments[vm.id] !== undefined) throw bad(`two keys have the id ${vm.id}`);
    keyDocuments[vm.id] = vm.type === 'Multikey' ? { '@context': MULTIKEY_CONTEXT, ...vm } : { ...vm };
    return vm;
  });

  const { '@context': context = [VC_V2_CONTEXT, OB_CONTEXT], id, type = ['Profile'], ...rest } = profile;
  const published = {
    '@context': context,
    id,
    type,
    ...rest,
    verificationMethod: methods,
    assertionMethod: methods.map((vm) => vm.id),
  };
  const jwks = exportJwks(list);
  const jwksUrl = `${url.origin}/.well-known/jwks.json`;
  return {
    profile: published,
    keyDocuments,
    jwks,
    jwksUrl,
    documents: { [profile.id]: published, ...keyDocuments, [jwksUrl]: jwks },
  };
}

// did:key (W3C CCG did:key v0.7): the DID is the Multikey public key itself, so it resolves
// offline — no registry, no network. Ed25519 `did:key:z6Mk…`, P-256 `did:key:zDn…`.

import { DID_V1_CONTEXT, MULTIKEY_CONTEXT } from '../contexts/urls.js';
import { CredstackError, describeValue } from '../errors.js';
import { isObject } from '../lib/json.js';
import { publicJwk, readPublicJwk } from './jwk.js';
import { parsePublicKeyMultibase, publicKeyMultibaseFromJwk } from './multikey.js';
import type { DidDocument, Jwk, PublicKeyInfo } from './types.js';

/**
 * A parsed did:key: its key, the DID without fragment and its one verification method id.
 * @example
 * ```ts
 * import { type ParsedDidKey, parseDidKey } from 'credstack'
 * const parsed: ParsedDidKey = parseDidKey('did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK')
 * parsed.algorithm; // 'Ed25519'
 * ```
 */
export type ParsedDidKey = PublicKeyInfo & { did: string; verificationMethodId: string };

/**
 * The did:key of an Ed25519 or P-256 public key (a JWK, or anything with `publicKeyJwk` such as
 * a {@link KeyFile}). RSA has no did:key in credstack: use did:web or an https issuer for it.
 *
 * @example
 * ```ts
 * import { didKeyFromPublicKey, generateKey } from 'credstack'
 * const key = await generateKey()
 * didKeyFromPublicKey(key) === key.controller // true
 * ```
 */
export function didKeyFromPublicKey(key: Jwk | { publicKeyJwk: Jwk }): string {
  const jwk = isObject(key) && 'publicKeyJwk' in key && isObject(key.publicKeyJwk) ? key.publicKeyJwk : key;
  const { algorithm, jwk: checked } = readPublicJwk(
    isObject(jwk) ? publicJwk(jwk as Jwk) : jwk,
    'publicKeyJwk',
  );
  const multibase = publicKeyMultibaseFromJwk(checked);
  if (multibase === undefined) {
    throw new CredstackError(
      'ERR_KEY_UNSUPPORTED',
      `did:key supports Ed25519 and P-256 keys, got ${algorithm}; publish an RSA key with did:web or an https issuer`,
    );
  }
  return `did:key:${multibase}`;
}

/**
 * Decodes a did:key (optionally with its `#fragment`) to its public key.
 * Errors: ERR_KEY_INVALID (not a DID, malformed key), ERR_DID_UNSUPPORTED (another DID method or
 * an unknown multicodec key type).
 *
 * @example
 * ```ts
 * import { parseDidKey } from 'credstack'
 * const { algorithm, publicKeyJwk } = parseDidKey('did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi')
 * ```
 */
export function parseDidKey(did: string): ParsedDidKey {
  if (typeof did !== 'string' || !did.startsWith('did:')) {
    throw new CredstackError('ERR_KEY_INVALID', `Expected a did:key DID, got ${describeValue(did)}`);
  }
  if (!did.startsWith('did:key:')) {
    throw new CredstackError(
      'ERR_DID_UNSUPPORTED',
      `Expected a did:key DID, got the DID method of ${JSON.stringify(did.slice(0, 60))}`,
    );
  }
  const hash = did.indexOf('#');
  const bare = hash === -1 ? did : did.slice(0, hash);
  const multibase = bare.slice('did:key:'.length);
  const fragment = hash === -1 ? undefined : did.slice(hash + 1);
  if (
    !multibase.startsWith('z') ||
    multibase.includes(':') ||
    multibase.includes('?') ||
    multibase.includes('/')
  ) {
    throw new CredstackError(
      'ERR_KEY_INVALID',
      `${JSON.stringify(did.slice(0, 80))} is not a did:key of a base58btc Multikey`,
    );
  }
  const info = parsePublicKeyMultibase(multibase, 'did:key', 'ERR_DID_UNSUPPORTED');
  if (fragment !== undefined && fragment !== multibase) {
    throw new CredstackError(
      'ERR_KEY_INVALID',
      `A did:key has one verification method, #${multibase}; got the fragment ${JSON.stringify(`#${fragment}`)}`,
    );
  }
  return { ...info, did: bare, verificationMethodId: `${bare}#${multibase}` };
}

/**
 * The DID document of a did:key, built offline (Multikey verification method; contexts
 * did/v1 + multikey/v1). The one key is listed for assertionMethod, authentication,
 * capabilityInvocation and capabilityDelegation.
 *
 * @example
 * ```ts
 * import { didKeyDocument } from 'credstack'
 * const doc = didKeyDocument('did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi')
 * doc.verificationMethod[0].id // 'did:key:z6Mk…#z6Mk…'
 * ```
 */
export function didKeyDocument(did: string): DidDocument {
  const { did: id, verificationMethodId, publicKeyMultibase } = checkedDidKey(did);
  return {
    '@context': [DID_V1_CONTEXT, MULTIKEY_CONTEXT],
    id,
    verificationMethod: [
      { id: verificationMethodId, type: 'Multikey', controller: id, publicKeyMultibase: publicKeyMultibase! },
    ],
    assertionMethod: [verificationMethodId],
    authentication: [verificationMethodId],
    capabilityInvocation: [verificationMethodId],
    capabilityDelegation: [verificationMethodId],
  };
}

// A verifier resolves the same issuer's did:key for every credential (and again for the proof
// purpose check): the base58 decoding and key checks of parseDidKey run once per DID. Only DIDs that
// parsed are remembered, so every error still comes from parseDidKey. Bounded, oldest out.
const CHECKED_CACHE_SIZE = 256;
const checked = new Map<string, { did: string; verificationMethodId: string; publicKeyMultibase: string }>();

function checkedDidKey(did: string): {
  did: string;
  verificationMethodId: string;
  publicKeyMultibase: string;
} {
  const known = checked.get(did);
  if (known) return known;
  const { did: bare, verificationMethodId, publicKeyMultibase } = parseDidKey(did);
  const entry = { did: bare, verificationMethodId, publicKeyMultibase: publicKeyMultibase! };
  checked.set(did, entry);
  if (checked.size > CHECKED_CACHE_SIZE) checked.delete(checked.keys().next().value as string);
  return entry;
}

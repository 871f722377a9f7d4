// did:web (W3C CCG did:web Method Specification §3.2): the DID names an https location of its
// DID document. credstack builds the document to publish and computes where a verifier looks.

import { DID_V1_CONTEXT, MULTIKEY_CONTEXT } from '../contexts/urls.js';
import { CredstackError, describeValue } from '../errors.js';
import { publicJwk } from './jwk.js';
import { importKeyFile, publicKeyFile } from './key-file.js';
import type { DidDocument, KeyFile, VerificationMethod } from './types.js';

// did:web ABNF: idchar = ALPHA / DIGIT / "." / "-" / "_" / pct-encoded.
const SEGMENT = /^(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2})+$/;
const HOST = /^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::\d{1,5})?$/;

function invalid(did: string, message: string): CredstackError {
  return new CredstackError(
    'ERR_KEY_INVALID',
    `Invalid did:web ${JSON.stringify(did.slice(0, 100))}: ${message}`,
  );
}

/**
 * The https URL of the DID document of a did:web (fragment and query are ignored):
 * `did:web:example.edu` → `https://example.edu/.well-known/did.json`,
 * `did:web:example.edu:issuers:1` → `https://example.edu/issuers/1/did.json`,
 * `did:web:example.com%3A3000` → `https://example.com:3000/.well-known/did.json`.
 *
 * @example
 * ```ts
 * import { didWebUrl } from 'credstack'
 * didWebUrl('did:web:w3c-ccg.github.io:user:alice') // 'https://w3c-ccg.github.io/user/alice/did.json'
 * ```
 */
export function didWebUrl(did: string): string {
  if (typeof did !== 'string' || !did.startsWith('did:')) {
    throw new CredstackError('ERR_KEY_INVALID', `Expected a did:web DID, got ${describeValue(did)}`);
  }
  if (!did.startsWith('did:web:')) {
    throw new CredstackError(
      'ERR_DID_UNSUPPORTED',
      `Expected a did:web DID, got ${JSON.stringify(did.slice(0, 60))}`,
    );
  }
  const end = did.search(/[?#]/);
  const segments = did.slice('did:web:'.length, end === -1 ? undefined : end).split(':');
  for (const segment of segments) {
    if (!SEGMENT.test(segment))
      throw invalid(did, `${JSON.stringify(segment)} is not a valid method-specific id segment`);
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      throw invalid(did, `${JSON.stringify(segment)} has a malformed percent-encoding`);
    }
    // A decoded "/" or dot segment would move the document outside the path the DID names.
    if (decoded.includes('/') || decoded.includes('\\') || decoded === '.' || decoded === '..') {
      throw invalid(did, `the segment ${JSON.stringify(segment)} is not allowed`);
    }
  }
  // §3.2.2 step 2: only the port colon is percent-encoded in the domain.
  const host = segments[0]!.replace(/%3A/i, ':');
  if (!HOST.test(host)) throw invalid(did, `${JSON.stringify(host)} is not a host name (with optional port)`);
  const path = segments.length === 1 ? '.well-known' : segments.slice(1).join('/');
  return `https://${host.toLowerCase()}/${path}/did.json`;
}

/**
 * Options of {@link didWebDocument}.
 * @example
 * ```ts
 * import { type DidWebDocumentOptions, didWebDocument } from 'credstack'
 * const options: DidWebDocumentOptions = { id: 'did:web:example.org' }
 * const doc = didWebDocument([key], options)
 * ```
 */
export type DidWebDocumentOptions = {
  /** The DID; default: the controller of the keys (all must share it). */
  id?: string;
  /** Extra top-level members such as `alsoKnownAs` or `service`, copied as given. */
  extra?: Record<string, unknown>;
};

/**
 * The DID document to serve at {@link didWebUrl}(did) for `did:web` keys: each key as a
 * verification method (Multikey with publicKeyMultibase for Ed25519 / P-256; JsonWebKey with
 * publicKeyJwk for RSA), referenced by id from assertionMethod (what proofs need) and
 * authentication. Private parts are never copied.
 *
 * @example
 * ```ts
 * import { didWebDocument, didWebUrl, generateKey } from 'credstack'
 * const key = await generateKey({ did: { web: 'example.edu' } })
 * const doc = didWebDocument([key]) // serve at didWebUrl(key.controller)
 * ```
 */
export function didWebDocument(keys: readonly KeyFile[], options: DidWebDocumentOptions = {}): DidDocument {
  if (!Array.isArray(keys) || keys.length === 0) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `didWebDocument: expected a non-empty array of keys, got ${describeValue(keys)}`,
    );
  }
  const checked = keys.map((key) => publicKeyFile(importKeyFile(key)));
  const did = options.id ?? checked[0]!.controller;
  didWebUrl(did);
  if (did.search(/[?#]/) !== -1) throw invalid(did, 'a DID has no fragment or query');
  const verificationMethod = checked.map((key) => {
    if (key.controller !== did) {
      throw new CredstackError(
        'ERR_ISSUER_MISMATCH',
        `didWebDocument: key ${key.id} is controlled by ${key.controller}, not by ${did}`,
      );
    }
    return verificationMethodOf(key);
  });
  const ids = verificationMethod.map((vm) => vm.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate !== undefined) {
    throw new CredstackError('ERR_INVALID_INPUT', `didWebDocument: two keys have the same id ${duplicate}`);
  }
  return {
    ...options.extra,
    '@context': [DID_V1_CONTEXT, MULTIKEY_CONTEXT],
    id: did,
    verificationMethod,
    assertionMethod: ids,
    authentication: [...ids],
  };
}

/** The public verification method of a key file (Multikey, or JsonWebKey for RSA). */
export function verificationMethodOf(key: KeyFile): VerificationMethod {
  const { id, controller } = key;
  if (key.publicKeyMultibase !== undefined) {
    return { id, type: 'Multikey', controller, publicKeyMultibase: key.publicKeyMultibase };
  }
  return { id, type: 'JsonWebKey', controller, publicKeyJwk: publicJwk(key.publicKeyJwk) };
}

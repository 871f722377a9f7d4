// Verification method resolution for verifiers, offline first: did:key from the DID itself,
// did:web and https from documents the caller supplies, the network only through the caller's
// fetchJson. Nothing here fetches by default (STYLE §8).

import { hasUriScheme } from '../lib/uri.js';
import { CredstackError, describeValue, isCredstackError } from '../errors.js';
import { isObject } from '../lib/json.js';
import { didKeyDocument } from './did-key.js';
import { didWebUrl } from './did-web.js';
import type { VerificationMethod } from './types.js';
import { verificationMethodFromDocument } from './verification-method.js';

/**
 * Options of {@link createKeyResolver}.
 * @example
 * ```ts
 * import { createKeyResolver, type KeyResolverOptions } from 'credstack'
 * const options: KeyResolverOptions = { documents: { 'did:web:example.org': didDocument } }
 * const resolveKey = createKeyResolver(options)
 * ```
 */
export type KeyResolverOptions = {
  /** Known documents by URL / DID / verification method id (e.g. `issuerProfileWithKeys(…).documents`). */
  documents?: Record<string, unknown>;
  /** Fetches a JSON document (https only). Without it nothing is fetched. */
  fetchJson?: (url: string) => Promise<unknown>;
};

/**
 * A resolved verification method and, when known, the document of its controller.
 * @example
 * ```ts
 * import { createKeyResolver, type ResolvedVerificationMethod } from 'credstack'
 * const resolved: ResolvedVerificationMethod = await createKeyResolver()(verificationMethodId)
 * ```
 */
export type ResolvedVerificationMethod = {
  verificationMethod: VerificationMethod;
  /** The controller's DID document / profile: check that it lists the method in `assertionMethod`. */
  controllerDocument?: unknown;
};

/**
 * Resolves a verification method id (a `proof.verificationMethod` or JWS `kid`).
 * @example
 * ```ts
 * import { createKeyResolver, type KeyResolver } from 'credstack'
 * const resolveKey: KeyResolver = createKeyResolver()
 * const { verificationMethod } = await resolveKey('did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK')
 * ```
 */
export type KeyResolver = (verificationMethodId: string) => Promise<ResolvedVerificationMethod>;

function withoutFragment(url: string): string {
  return url.split('#', 1)[0]!;
}

/**
 * Where the document behind a DID or URL (`id` without its fragment) is found: `did:key` is
 * derived from the DID itself; `did:web` and http(s) are looked up among supplied documents under
 * `lookup` (in order) and otherwise fetched from `fetchUrl`. Shared by {@link createKeyResolver}
 * and the verifier's resolver, so both accept and refuse the same identifiers. Internal.
 * Errors: ERR_KEY_INVALID (no or unknown scheme), ERR_DID_UNSUPPORTED (other DID methods).
 */
export function locateDocument(id: string): { didKey: true } | { lookup: string[]; fetchUrl: string } {
  if (!hasUriScheme(id)) {
    throw new CredstackError(
      'ERR_KEY_INVALID',
      `Expected a URI with a scheme (did:, https:), got ${describeValue(id)}`,
    );
  }
  const scheme = id.slice(0, id.indexOf(':')).toLowerCase();
  const base = withoutFragment(id);
  if (scheme === 'did') {
    if (base.startsWith('did:key:')) return { didKey: true };
    if (!base.startsWith('did:web:')) {
      throw new CredstackError(
        'ERR_DID_UNSUPPORTED',
        `The DID method of ${JSON.stringify(id.slice(0, 80))} is not supported (did:key and did:web are)`,
      );
    }
    const fetchUrl = didWebUrl(base);
    return { lookup: [base, fetchUrl], fetchUrl };
  }
  if (scheme === 'https' || scheme === 'http') return { lookup: [base], fetchUrl: base };
  throw new CredstackError(
    'ERR_KEY_INVALID',
    `The scheme "${scheme}:" of ${JSON.stringify(id.slice(0, 80))} is not supported (did:key, did:web and https are)`,
  );
}

/**
 * Refuses a DID document that is not the document of the DID asked for (DID Core §7.1: the
 * resolved document's `id` must be the DID). A did:web server, a caller's `documents` map or an
 * injected fetch could answer with some other DID's document, whose keys would then pass as the
 * requested DID's. `requested` may carry a fragment: a document supplied under a verification
 * method id may also be that method itself (its `id` is then the full id). Non-DID ids (https
 * profiles, status lists) and non-objects pass; later steps reject what they cannot use. Shared by
 * {@link createKeyResolver} and the verifier's resolver. Internal.
 * Errors: ERR_KEY_INVALID (the document's id is another one).
 *
 * @example
 * ```ts
 * assertDocumentOfDid('did:web:a.example#key-1', { id: 'did:web:a.example' }) // passes
 * assertDocumentOfDid('did:web:a.example', { id: 'did:web:b.example' }) // throws ERR_KEY_INVALID
 * ```
 */
export function assertDocumentOfDid(requested: string, document: unknown): void {
  const did = withoutFragment(requested);
  if (!did.startsWith('did:') || !isObject(document)) return;
  if (document.id === did || document.id === requested) return;
  const claimed = typeof document.id === 'string' ? document.id.slice(0, 200) : describeValue(document.id);
  throw new CredstackError(
    'ERR_KEY_INVALID',
    `The DID document found for ${did} is the document of ${claimed}, not of ${did} (DID Core §7.1: its id must be ${did})`,
    { details: { requested: did, documentId: document.id } },
  );
}

/**
 * A resolver for verification methods. did:key resolves offline. did:web and http(s) ids are
 * looked up in `documents` (by the exact id, then the id without fragment, then for did:web its
 * did.json URL) and only then fetched with `fetchJson` (https only). Results of `fetchJson` are
 * cached per resolver.
 * Errors: ERR_KEY_INVALID (no or unknown scheme, or a DID document whose id is another DID),
 * ERR_DID_UNSUPPORTED (other DID methods), ERR_NETWORK_DISABLED (not in documents and no
 * fetchJson), ERR_DOCUMENT_NOT_FOUND (document lacks the method), ERR_FETCH_REFUSED (http),
 * ERR_FETCH_FAILED.
 *
 * @example
 * ```ts
 * import { createKeyResolver } from 'credstack'
 * const resolve = createKeyResolver({ documents: { 'did:web:example.edu': didDocument } })
 * const { verificationMethod, controllerDocument } = await resolve('did:web:example.edu#key-1')
 * ```
 */
export function createKeyResolver(options: KeyResolverOptions = {}): KeyResolver {
  const { documents = {}, fetchJson } = options;
  const fetched = new Map<string, Promise<unknown>>();

  const known = (url: string): unknown => (Object.hasOwn(documents, url) ? documents[url] : undefined);

  const fetchDocument = (url: string, forId: string): Promise<unknown> => {
    if (fetchJson === undefined) {
      return Promise.reject(
        new CredstackError(
          'ERR_NETWORK_DISABLED',
          `Cannot resolve ${forId}: ${url} is not among the supplied documents and network access is off (pass fetchJson to allow fetching)`,
        ),
      );
    }
    if (!url.startsWith('https://')) {
      return Promise.reject(
        new CredstackError('ERR_FETCH_REFUSED', `Refusing to fetch ${url}: only https is fetched`),
      );
    }
    let promise = fetched.get(url);
    if (promise === undefined) {
      promise = fetchJson(url).catch((cause: unknown) => {
        fetched.delete(url); // a transient failure must not poison later resolutions
        throw isCredstackError(cause)
          ? cause
          : new CredstackError('ERR_FETCH_FAILED', `Fetching ${url} (for ${forId}) failed`, { cause });
      });
      fetched.set(url, promise);
    }
    return promise;
  };

  /** The document of a controller, when it can be had without failing the resolution. */
  const controllerDocument = async (controller: string): Promise<unknown> => {
    try {
      const where = locateDocument(controller);
      if ('didKey' in where) return didKeyDocument(controller);
      const local = where.lookup.map(known).find((doc) => doc !== undefined);
      if (local === undefined && fetchJson === undefined) return undefined;
      const doc = local ?? (await fetchDocument(where.fetchUrl, controller));
      // Another DID's document must not vouch for this controller's keys.
      assertDocumentOfDid(controller, doc);
      return doc;
    } catch {
      // Optional: without the controller document the caller cannot confirm the key is
      // authorised, and its check fails on its own with a clearer message than ours.
      return undefined;
    }
  };

  return async (vmId) => {
    if (typeof vmId !== 'string') {
      throw new CredstackError(
        'ERR_KEY_INVALID',
        `Verification method must be a URI, got ${describeValue(vmId)}`,
      );
    }
    const where = locateDocument(vmId);
    if ('didKey' in where) {
      const doc = didKeyDocument(vmId);
      return { verificationMethod: doc.verificationMethod[0]!, controllerDocument: doc };
    }
    const base = withoutFragment(vmId);
    const local = [vmId, ...where.lookup].map(known).find((doc) => doc !== undefined);
    const doc = local ?? (await fetchDocument(where.fetchUrl, vmId));
    assertDocumentOfDid(vmId, doc);
    const verificationMethod = verificationMethodFromDocument(doc, vmId);
    if (verificationMethod === undefined) {
      throw new CredstackError(
        'ERR_DOCUMENT_NOT_FOUND',
        `The document for ${base} does not contain the verification method ${vmId}`,
      );
    }
    const controller =
      isObject(doc) && doc.id === verificationMethod.controller
        ? doc
        : await controllerDocument(verificationMethod.controller);
    return controller === undefined
      ? { verificationMethod }
      : { verificationMethod, controllerDocument: controller };
  };
}

import {
  createDocumentLoader,
  DID_V1_CONTEXT,
  type DocumentLoader,
  MULTIKEY_CONTEXT,
} from '../contexts/index.js';
import { CredstackError } from '../errors.js';
import { didKeyDocument } from '../keys/did-key.js';
import { verificationMethodFromDocument } from '../keys/verification-method.js';
import { assertDocumentOfDid, locateDocument } from '../keys/resolve.js';
import { asArray, isObject } from '../lib/json.js';
import { type FetchLike, safeFetchJson } from '../lib/safe-fetch.js';

/**
 * Network settings for resolving keys, issuer profiles and status lists. Off unless `fetch` is given.
 * @example
 * ```ts
 * import { type NetworkOptions, verifyCredential } from 'credstack'
 * const network: NetworkOptions = { timeout: 5_000, maxBytes: 1_000_000 }
 * const result = await verifyCredential(jwt, { network })
 * ```
 */
export interface NetworkOptions {
  /** A WHATWG-compatible fetch. Without it, credstack never touches the network. */
  fetch?: FetchLike;
  /** Per-request timeout in ms. Default 5000. */
  timeout?: number;
  /** Maximum bytes per response. Default 1 MiB. */
  maxBytes?: number;
  /** Allow http: and private addresses (tests, intranets). Default false. */
  allowInsecure?: boolean;
}

/**
 * Options shared by every resolver of the verifier.
 * @example
 * ```ts
 * import { type ResolveOptions, verifyCredential } from 'credstack'
 * const options: ResolveOptions = { documents: { 'https://example.org/issuers/1': issuerProfile } }
 * const result = await verifyCredential(jwt, options)
 * ```
 */
export interface ResolveOptions {
  /**
   * URL or DID → JSON document, consulted first: DID documents, issuer profiles, key documents,
   * JWKS, status lists. Lets a verifier run air-gapped with a pinned set.
   */
  documents?: Readonly<Record<string, unknown>> | ReadonlyMap<string, unknown>;
  network?: NetworkOptions;
  /** A cache shared across calls (URL → document promise). Default: one per verify call. */
  cache?: Map<string, Promise<unknown>>;
}

export interface Resolver {
  /** Any document by URL/DID: supplied documents, then did:key, then the network if allowed. */
  get(url: string): Promise<unknown>;
  /**
   * The JSON-LD loader for proofs: contexts from the bundle and supplied documents only; other
   * URLs only when {@link Resolver.allowKeyUrl} named them (a proof's verification method and
   * its controller).
   */
  documentLoader: DocumentLoader;
  /** Lets the proof library load this verification method (and then its controller). */
  allowKeyUrl(url: string): void;
  /** The caller's documents. */
  documents: ReadonlyMap<string, unknown>;
}

function toMap(documents: ResolveOptions['documents']): ReadonlyMap<string, unknown> {
  if (!documents) return new Map();
  return documents instanceof Map ? documents : new Map(Object.entries(documents));
}

/**
 * Builds the resolver a verification uses. Contexts are never fetched (a credential cannot bring
 * its own vocabulary); keys, profiles and status lists come from `documents`, did:key, or — only
 * when the caller passed `network.fetch` — from https URLs with timeouts and size caps. A DID
 * document whose `id` is not the DID asked for is refused (ERR_KEY_INVALID).
 */
export function createResolver(options: ResolveOptions = {}): Resolver {
  const documents = toMap(options.documents);
  const cache = options.cache ?? new Map<string, Promise<unknown>>();
  const network = options.network;

  const findBase = async (base: string): Promise<unknown> => {
    const supplied = documents.get(base);
    if (supplied !== undefined) return supplied;
    const where = locateDocument(base);
    if ('didKey' in where) return didKeyDocument(base);
    for (const key of where.lookup) {
      const found = documents.get(key);
      if (found !== undefined) return found;
    }
    const url = where.fetchUrl;
    if (!network?.fetch) {
      throw new CredstackError(
        'ERR_NETWORK_DISABLED',
        `${base} is not among the supplied documents and network access is off (pass documents, or allow the network)`,
      );
    }
    return safeFetchJson(url, {
      fetch: network.fetch,
      ...(network.timeout !== undefined ? { timeout: network.timeout } : {}),
      ...(network.maxBytes !== undefined ? { maxBytes: network.maxBytes } : {}),
      ...(network.allowInsecure !== undefined ? { allowInsecure: network.allowInsecure } : {}),
    });
  };

  // Wherever a DID's document came from (supplied, did.json URL, the network), it must be that
  // DID's: otherwise another DID's keys would pass as the requested DID's (DID Core §7.1).
  const fetchBase = async (base: string): Promise<unknown> => {
    const document = await findBase(base);
    assertDocumentOfDid(base, document);
    return document;
  };

  const get = async (url: string): Promise<unknown> => {
    const exact = documents.get(url);
    if (exact !== undefined) {
      assertDocumentOfDid(url, exact);
      return exact;
    }
    const [base, fragment] = splitFragment(url);
    let pending = cache.get(base);
    if (!pending) {
      pending = fetchBase(base);
      cache.set(base, pending);
      // A failure is not cached forever: a later call may have documents or network.
      pending.catch(() => cache.delete(base));
    }
    const document = await pending;
    if (fragment === undefined) return base.startsWith('did:key:') ? bareDidKey(document) : document;
    const vm = verificationMethodFromDocument(document, url);
    if (vm) return vm;
    // A key document served at its own URL (the document is the verification method).
    if (isObject(document) && document.id === url) return document;
    throw new CredstackError(
      'ERR_DOCUMENT_NOT_FOUND',
      `${base} does not contain the verification method ${url}`,
    );
  };

  const contexts = createDocumentLoader({ documents });
  // Requests for JSON-LD contexts come from `@context` values; keys and controllers come from
  // proofs. Only the latter may reach beyond the bundle, so a credential can never make the
  // verifier fetch a context (or anything else) of its choosing.
  const keyUrls = new Set<string>();
  const documentLoader: DocumentLoader = async (url) => {
    if (!keyUrls.has(url)) return contexts(url);
    const document = await get(url);
    if (isObject(document)) {
      const controller = typeof document.controller === 'string' ? document.controller : undefined;
      if (controller) keyUrls.add(controller);
    }
    const view = url.includes('#') ? withContext(document) : asControllerDocument(document);
    return { contextUrl: null, documentUrl: url, document: view };
  };
  return {
    get,
    documentLoader,
    allowKeyUrl: (url) => {
      keyUrls.add(url);
    },
    documents,
  };
}

/**
 * A bare did:key used as a verification method (`did:key:z6Mk…` without `#z6Mk…`, as some issuers
 * and the 1EdTech fixtures write it) means the DID's one key. The same URL is then loaded twice by
 * the proof library: as the verification method and as its controller document. So the DID
 * document is returned with the key's members merged in and the bare DID listed as an assertion
 * method. Safe: a did:key document is derived from the DID itself, nothing else can be claimed.
 */
function bareDidKey(document: unknown): unknown {
  if (!isObject(document) || typeof document.id !== 'string') return document;
  const methods = asArray(document.verificationMethod).filter(isObject);
  const [key] = methods;
  if (methods.length !== 1 || !key) return document;
  return {
    ...document,
    type: key.type,
    controller: document.id,
    publicKeyMultibase: key.publicKeyMultibase,
    assertionMethod: [...asArray(document.assertionMethod), document.id],
  };
}

function splitFragment(url: string): [string, string | undefined] {
  const i = url.indexOf('#');
  return i === -1 ? [url, undefined] : [url.slice(0, i), url.slice(i + 1)];
}

/**
 * A controller document the proof library checks `assertionMethod` on. An https issuer usually
 * serves its OB Profile there ([VC v2, OB] contexts, as `issuerProfileWithKeys` publishes it),
 * where `assertionMethod` and `Multikey` are not JSON-LD terms; jsonld-signatures would frame
 * it in safe mode and fail. Read as a DID-context controller document instead, the library
 * takes `assertionMethod` as plain JSON, which is what it means in such a profile.
 */
function asControllerDocument(document: unknown): unknown {
  if (!isObject(document) || document.assertionMethod === undefined) return withContext(document);
  if (asArray(document['@context'])[0] === DID_V1_CONTEXT) return document;
  return { ...document, '@context': [DID_V1_CONTEXT, MULTIKEY_CONTEXT] };
}

// The proof libraries expand key documents; a bare Multikey object needs a context to do so.
function withContext(document: unknown): unknown {
  if (!isObject(document) || document['@context'] !== undefined) return document;
  if (document.type === 'Multikey')
    return { '@context': 'https://w3id.org/security/multikey/v1', ...document };
  if (document.type === 'Ed25519VerificationKey2020') {
    return { '@context': 'https://w3id.org/security/suites/ed25519-2020/v1', ...document };
  }
  if (document.type === 'JsonWebKey' || document.type === 'JsonWebKey2020') {
    return { '@context': 'https://w3id.org/security/suites/jws-2020/v1', ...document };
  }
  return document;
}

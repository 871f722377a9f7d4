import {
  createDocumentLoader,
  DID_V1_CONTEXT,
  type DocumentLoader,
  MULTIKEY_CONTEXT,
} from '../contexts/index.js';
import { CredstackError } from '../errors.js';
import { didKeyDocument } from '../keys/did-key.js';
import {
  authorizesMethod,
  type FindVerificationMethodOptions,
  verificationMethodFromDocument,
} from '../keys/verification-method.js';
import { assertDocumentOfDid, locateDocument } from '../keys/resolve.js';
import { asArray, isObject, type JsonObject } from '../lib/json.js';
import { type FetchLike, safeFetchJson } from '../lib/safe-fetch.js';
import { isCompactJws } from '../lib/jws.js';

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
    if (supplied !== undefined) return assertUsable(base, supplied);
    const where = locateDocument(base);
    if ('didKey' in where) return didKeyDocument(base);
    for (const key of where.lookup) {
      const found = documents.get(key);
      if (found !== undefined) return assertUsable(key, found);
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
      assertUsable(url, exact);
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
    if (isObject(view) && view['@context'] === undefined) {
      // The proof libraries frame key and controller documents as JSON-LD: without a context
      // every term is undefined and safe mode fails, which would read as a bad signature.
      throw new CredstackError(
        'ERR_DOCUMENT_UNUSABLE',
        `The document for ${url} has no @context${typeof view.type === 'string' ? ` and credstack knows none for its type ${view.type}` : ''}: add "@context" (e.g. https://www.w3.org/ns/did/v1 for a DID document)`,
        { path: url },
      );
    }
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

/**
 * A supplied document must be a JSON object: a string there is typically a CLI documents map
 * (URL → file path) handed over as the documents themselves. Say so, with the URL, instead of
 * failing later as a key or context that does not parse.
 */
function assertUsable(url: string, document: unknown): unknown {
  // a status list may be served as a VC-JWT
  if (isObject(document) || (typeof document === 'string' && isCompactJws(document))) return document;
  const what = document === null ? 'null' : Array.isArray(document) ? 'an array' : `a ${typeof document}`;
  throw new CredstackError(
    'ERR_DOCUMENT_UNUSABLE',
    `The document supplied for ${url} is ${what}, not a JSON object${typeof document === 'string' ? ' (a file path? supply the document itself)' : ''}`,
    { path: url },
  );
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

/** A verification relationship a key can be bound for (`assertionMethod` for credentials, `authentication` for presentations). */
export type KeyRelationship = NonNullable<FindVerificationMethodOptions['purpose']>;

/**
 * Whether the key a JWT names (`kid`) is the key of `controllerId` (the issuer, or the holder of a
 * presentation), and the method to verify with when it is. `invalid`: the controller's own
 * documents were read and do not list the key; `indeterminate`: they could not be had, so nothing
 * can be said. Internal.
 */
export type KeyBinding =
  | { bound: true; method: JsonObject; where: string }
  | { bound: false; verdict: 'invalid' | 'indeterminate'; reason: string };

/**
 * Binds a JWT `kid` to `controllerId` the way Data Integrity binds a proof's key: through the
 * controller's OWN documents listing it for `relationship` ({@link authorizesMethod}), never
 * through the `controller` a key document claims (anyone can publish a key naming anyone).
 * - A DID: the key must be a DID URL of that DID (a bare did:key names its one key), listed in
 *   the DID document (derived for did:key; supplied or fetched for did:web).
 * - An https (or other) id: the key must be listed in the document at that id (the issuer
 *   profile, OB 3.0 §Dereferencing the Public Key), embedded or referenced (a referenced key's
 *   document must name the same controller, as a Data Integrity key's must), or — when the `kid`
 *   is under the id's own origin — in the JWKS at `https://{origin}/.well-known/jwks.json` with
 *   that `kid` (IMPL §Key provenance; a JWK `iss`, when present, must be the id).
 * The method returned when bound is read from the controller's document, so the key the JWT is
 * then verified with is the one the controller published.
 */
export async function bindJwtKey(
  resolver: Resolver,
  controllerId: string,
  kid: string,
  relationship: KeyRelationship,
): Promise<KeyBinding> {
  const mismatch = (reason: string): KeyBinding => ({ bound: false, verdict: 'invalid', reason });
  const [kidBase] = splitFragment(kid);
  if (controllerId.startsWith('did:') && kidBase !== controllerId) {
    return mismatch(`The key ${kid} is not a key of ${controllerId}: a DID's keys are DID URLs of that DID`);
  }
  // did:key: the bare DID means its one key, whose id is the DID plus its multibase as fragment.
  const wanted =
    kid === controllerId && kid.startsWith('did:key:') ? `${kid}#${kid.slice('did:key:'.length)}` : kid;
  const unavailable: string[] = [];
  const read = async (url: string): Promise<unknown> => {
    try {
      return await resolver.get(url);
    } catch (error) {
      unavailable.push(`${url}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  };
  const ownMethod = (method: JsonObject, where: string): KeyBinding =>
    idOfController(method) === controllerId
      ? { bound: true, method, where }
      : mismatch(
          `${where} lists ${kid} for ${relationship}, but the key names ${String(idOfController(method))} as its controller, not ${controllerId}`,
        );

  const document = await read(controllerId);
  if (document !== undefined) {
    if (authorizesMethod(document, wanted, relationship)) {
      let method: JsonObject | undefined;
      try {
        method = verificationMethodFromDocument(document, wanted, { purpose: relationship });
      } catch (error) {
        return mismatch(
          `${controllerId} lists ${kid}, but its entry is malformed: ${(error as Error).message}`,
        );
      }
      if (method !== undefined) return ownMethod(method, controllerId);
      // Listed by reference only: the key lives in a document of its own.
      const referenced = await read(wanted);
      if (isObject(referenced)) return ownMethod(referenced, controllerId);
    }
  }
  const jwksUrl = sameOriginJwks(controllerId, kid);
  if (jwksUrl !== undefined) {
    const jwks = await read(jwksUrl);
    const listed = isObject(jwks)
      ? asArray(jwks.keys).find((key) => isObject(key) && key.kid === kid)
      : undefined;
    if (isObject(listed)) {
      if (listed.iss !== undefined && listed.iss !== controllerId) {
        return mismatch(`${jwksUrl} lists ${kid} for the issuer ${String(listed.iss)}, not ${controllerId}`);
      }
      return {
        bound: true,
        method: { id: kid, type: 'JsonWebKey', controller: controllerId, publicKeyJwk: listed },
        where: jwksUrl,
      };
    }
  }
  const consulted = [controllerId, ...(jwksUrl === undefined ? [] : [jwksUrl])].join(' and ');
  if (unavailable.length > 0) {
    return {
      bound: false,
      verdict: 'indeterminate',
      reason: `Cannot tell whether ${kid} is a key of ${controllerId}: ${unavailable.join('; ')}`,
    };
  }
  return mismatch(`${consulted} ${jwksUrl ? 'do' : 'does'} not list ${kid} for ${relationship}`);
}

function idOfController(method: JsonObject): string | undefined {
  const { controller } = method;
  if (typeof controller === 'string') return controller;
  return isObject(controller) && typeof controller.id === 'string' ? controller.id : undefined;
}

/** The JWKS at the origin of an http(s) id, when `kid` is under that same origin. */
function sameOriginJwks(controllerId: string, kid: string): string | undefined {
  try {
    const own = new URL(controllerId);
    if (own.protocol !== 'https:' && own.protocol !== 'http:') return undefined;
    if (new URL(kid).origin !== own.origin) return undefined;
    return `${own.origin}/.well-known/jwks.json`;
  } catch {
    return undefined;
  }
}

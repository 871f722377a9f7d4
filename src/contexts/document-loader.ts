import { CredstackError } from '../errors.js';
import { BUNDLED_CONTEXTS } from './bundled.js';

/**
 * What a JSON-LD document loader returns (the jsonld.js `RemoteDocument` shape).
 * @example
 * ```ts
 * import { createDocumentLoader, type RemoteDocument } from 'credstack'
 * const remote: RemoteDocument = await createDocumentLoader()('https://www.w3.org/ns/credentials/v2')
 * ```
 */
export interface RemoteDocument {
  contextUrl: string | null;
  documentUrl: string;
  document: unknown;
}

/**
 * A JSON-LD document loader, as jsonld.js and @digitalbazaar/vc call it.
 * @example
 * ```ts
 * import { createDocumentLoader, type DocumentLoader } from 'credstack'
 * const documentLoader: DocumentLoader = createDocumentLoader()
 * const { document } = await documentLoader('https://www.w3.org/ns/credentials/v2')
 * ```
 */
export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

/**
 * A resolver consulted after the bundled contexts: returns the document for `url`, or
 * `undefined` when it does not handle that URL (the next resolver is then asked).
 * @example
 * ```ts
 * import { createDocumentLoader, type DocumentResolver } from 'credstack'
 * const fromCache: DocumentResolver = (url) => cache.get(url)
 * const documentLoader = createDocumentLoader({ resolvers: [fromCache] })
 * ```
 */
export type DocumentResolver = (url: string) => Promise<unknown | undefined> | unknown | undefined;

/**
 * Options for {@link createDocumentLoader}.
 * @example
 * ```ts
 * import { createDocumentLoader, type DocumentLoaderOptions } from 'credstack'
 * const options: DocumentLoaderOptions = { documents: { 'https://example.org/contexts/v1': { '@context': {} } } }
 * const documentLoader = createDocumentLoader(options)
 * ```
 */
export interface DocumentLoaderOptions {
  /**
   * Caller-supplied documents, URL → JSON, consulted before anything else: pinned contexts,
   * issuer profiles, DID documents, status lists. Lets a verifier run air-gapped.
   */
  documents?: Readonly<Record<string, unknown>> | ReadonlyMap<string, unknown>;
  /** Resolvers tried in order after the documents and the bundled contexts (e.g. did:key, an allowed fetch). */
  resolvers?: readonly DocumentResolver[];
}

function toMap(documents: DocumentLoaderOptions['documents']): ReadonlyMap<string, unknown> {
  if (!documents) return new Map();
  if (documents instanceof Map) return documents;
  return new Map(Object.entries(documents));
}

/**
 * Creates an offline-first JSON-LD document loader: caller documents, then the contexts
 * credstack bundles, then the given resolvers. A URL none of them holds is an
 * `ERR_DOCUMENT_NOT_FOUND` error — the loader never touches the network on its own, so a
 * credential cannot make the verifier fetch (or be swayed by) a remote context.
 *
 * Exported from `credstack`.
 *
 * @example
 * ```ts
 * import { createDocumentLoader } from 'credstack'
 * const documentLoader = createDocumentLoader({ documents: { 'https://example.edu/issuer': profile } })
 * const { document } = await documentLoader('https://www.w3.org/ns/credentials/v2')
 * ```
 */
export function createDocumentLoader(options: DocumentLoaderOptions = {}): DocumentLoader {
  const documents = toMap(options.documents);
  const resolvers = options.resolvers ?? [];
  return async (url: string): Promise<RemoteDocument> => {
    if (typeof url !== 'string') {
      throw new CredstackError('ERR_INVALID_INPUT', `Document URL must be a string, got ${typeof url}`);
    }
    const found = documents.get(url) ?? BUNDLED_CONTEXTS.get(url);
    if (found !== undefined) return { contextUrl: null, documentUrl: url, document: found };
    for (const resolve of resolvers) {
      const document = await resolve(url);
      if (document !== undefined) return { contextUrl: null, documentUrl: url, document };
    }
    throw new CredstackError(
      'ERR_DOCUMENT_NOT_FOUND',
      `No document for ${url}: it is not a bundled context, not in the supplied documents, and no resolver handled it (credstack fetches nothing unless allowed)`,
      { path: url },
    );
  };
}

/**
 * The bundled contexts' URLs, for allowlists and documentation.
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * import { bundledContextUrls, OB_CONTEXT } from 'credstack'
 * bundledContextUrls().includes(OB_CONTEXT) // true: verification never fetches it
 * ```
 */
export function bundledContextUrls(): string[] {
  return [...BUNDLED_CONTEXTS.keys()];
}

/**
 * The bundled context document for `url`, or `undefined`.
 *
 * @example
 * ```ts
 * getBundledContext('https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json')
 * ```
 */
export function getBundledContext(url: string): unknown | undefined {
  return BUNDLED_CONTEXTS.get(url);
}

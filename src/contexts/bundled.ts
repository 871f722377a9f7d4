// The JSON-LD contexts credstack ships (sources: src/contexts/SOURCES.md; the documents themselves
// are src/contexts/documents/*.json). They are bundled as JSON text (generated/documents.ts) and
// parsed on first use: a verifier needs two or three of them, and parsing ~80 KB of object literals
// on import was ~3 ms of every cold start. Each document is parsed once, so a URL always gives the
// same object (the context cache keys on it); callers must not mutate it.

import { CONTEXT_DOCUMENTS } from './generated/documents.js';

/** URL → file name in src/contexts/documents. */
const FILES = new Map<string, string>([
  ['https://www.w3.org/ns/credentials/v2', 'credentials-v2.json'],
  ['https://www.w3.org/2018/credentials/v1', 'credentials-v1.json'],
  ['https://www.w3.org/2018/credentials/examples/v1', 'credentials-examples-v1.json'],
  ['https://www.w3.org/ns/credentials/examples/v2', 'credentials-examples-v2.json'],
  ['https://w3id.org/security/data-integrity/v1', 'data-integrity-v1.json'],
  ['https://w3id.org/security/data-integrity/v2', 'data-integrity-v2.json'],
  ['https://w3id.org/security/multikey/v1', 'multikey-v1.json'],
  ['https://www.w3.org/ns/did/v1', 'did-v1.json'],
  ['https://w3id.org/did/v1', 'did-v1.json'],
  ['https://w3id.org/security/suites/ed25519-2020/v1', 'ed25519-2020-v1.json'],
  ['https://w3id.org/security/suites/jws-2020/v1', 'jws-2020-v1.json'],
  ['https://w3id.org/security/v1', 'security-v1.json'],
  ['https://w3id.org/security/v2', 'security-v2.json'],
  ['https://www.w3.org/ns/credentials/status/v1', 'bitstring-status-list-v1.json'],
  ['https://w3id.org/vc/status-list/2021/v1', 'status-list-2021-v1.json'],
  ['https://purl.imsglobal.org/spec/ob/v3p0/context.json', 'ob-context-3.0.0.json'],
  ['https://purl.imsglobal.org/spec/ob/v3p0/context/ob_v3p0.jsonld', 'ob-context-3.0.0.json'],
  ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json', 'ob-context-3.0.1.json'],
  ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json', 'ob-context-3.0.2.json'],
  ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json', 'ob-context-3.0.3.json'],
  ['https://purl.imsglobal.org/spec/ob/v3p0/extensions.json', 'ob-extensions.json'],
  ['https://purl.imsglobal.org/spec/clr/v2p0/context.json', 'clr-context-2.0.0.json'],
  ['https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json', 'clr-context-2.0.1.json'],
  [
    'https://openbadgespec.org/extensions/accessibilityExtension/context-3.0.0.json',
    'ext-accessibilityExtension-context-3.0.0.json',
  ],
  [
    'https://openbadgespec.org/extensions/applyLinkExtension/context-3.0.0.json',
    'ext-applyLinkExtension-context-3.0.0.json',
  ],
  [
    'https://openbadgespec.org/extensions/geoCoordinatesExtension/context-3.0.0.json',
    'ext-geoCoordinatesExtension-context-3.0.0.json',
  ],
  [
    'https://openbadgespec.org/extensions/licenseExtension/context-3.0.0.json',
    'ext-licenseExtension-context-3.0.0.json',
  ],
  ['https://credstack.dev/contexts/pathway/v1.json', 'credstack-pathway-v1.json'],
]);

const parsed = new Map<string, unknown>();

function documentOf(file: string): unknown {
  let document = parsed.get(file);
  if (document === undefined) {
    document = JSON.parse(CONTEXT_DOCUMENTS[file]!) as unknown;
    parsed.set(file, document);
  }
  return document;
}

/** The bundled documents parsed so far (file names), for tests of what a verification loads. */
export function parsedContextFiles(): string[] {
  return [...parsed.keys()];
}

/** URL → context document, for every context credstack bundles. */
export interface BundledContexts extends Iterable<[string, unknown]> {
  get(url: string): unknown;
  has(url: string): boolean;
  keys(): IterableIterator<string>;
}

export const BUNDLED_CONTEXTS: BundledContexts = {
  get: (url) => {
    const file = FILES.get(url);
    return file === undefined ? undefined : documentOf(file);
  },
  has: (url) => FILES.has(url),
  keys: () => FILES.keys(),
  *[Symbol.iterator]() {
    for (const [url, file] of FILES) yield [url, documentOf(file)] as [string, unknown];
  },
};

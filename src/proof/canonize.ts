import type { DocumentLoader } from '../contexts/index.js';
import { concatBytes, fromHex } from '../lib/bytes.js';
import type { JsonObject } from '../lib/json.js';
import { canonizeFast, expandFast, expandWithUnsecured } from './rdf/canonize-fast.js';
import type { Expanded } from './rdf/expand.js';
import { type CanonicalizationBudget, canonizeDataset } from './rdf/rdfc.js';
import { MessageDigest } from './rdf/rdfc-platform.js';
import type { Quad } from './rdf/to-rdf.js';

type JsonLd = {
  canonize(input: unknown, options: Record<string, unknown>): Promise<string>;
  expand(input: unknown, options: Record<string, unknown>): Promise<unknown[]>;
  toRDF(input: unknown, options: Record<string, unknown>): Promise<Quad[]>;
};

let reference: Promise<JsonLd> | undefined;

/**
 * jsonld.js, imported on first need: its main module costs ~300 ms to load (HTTP client included),
 * which a verifier that only meets credentials using the bundled contexts never pays.
 */
export function loadJsonLd(): Promise<JsonLd> {
  reference ??= import('jsonld').then((m) => ((m as unknown as { default?: JsonLd }).default ?? m) as JsonLd);
  return reference;
}

/**
 * The options @digitalbazaar's eddsa-rdfc-2022 and ecdsa-rdfc-2019 cryptosuites canonicalize with:
 * RDFC-1.0, safe mode (an undefined term is an error, not silently dropped), no base IRI, and
 * `@direction` as i18n datatypes.
 */
export function referenceCanonizeOptions(documentLoader: DocumentLoader): Record<string, unknown> {
  return {
    algorithm: 'RDFC-1.0',
    format: 'application/n-quads',
    safe: true,
    base: null,
    rdfDirection: 'i18n-datatype',
    documentLoader,
  };
}

/**
 * RDFC-1.0 canonical N-Quads of a JSON-LD document in safe mode — the input of eddsa-rdfc-2022 /
 * ecdsa-rdfc-2019 hashing. Documents that use only the bundled contexts (as `documentLoader` serves
 * them) take a specialised path that is byte-identical to jsonld.js + rdf-canonize and an order of
 * magnitude faster; anything else is canonicalized by jsonld.js itself (same output, same errors).
 * A verifier passes its `budget`: both paths then spend it, and throw ERR_CANONICALIZATION_LIMIT
 * once it is spent.
 *
 * @example
 * ```ts
 * const nquads = await canonize(credential, createDocumentLoader())
 * ```
 */
export async function canonize(
  document: JsonObject,
  documentLoader: DocumentLoader,
  budget?: CanonicalizationBudget,
): Promise<string> {
  if (budget === undefined) {
    const fast = await canonizeFast(document, documentLoader);
    if (fast !== undefined) return fast;
    const jsonld = await loadJsonLd();
    return jsonld.canonize(document, referenceCanonizeOptions(documentLoader));
  }
  // a spent budget fails at once, before expanding a document it could not canonicalize anyway
  if (budget.exhausted) throw budget.error();
  const key = JSON.stringify(document);
  return budget.memo(key, async () => {
    // the verifier's JSON-LD check may have expanded this very document already
    const fast = await canonizeFast(document, documentLoader, budget, budget.expansion(key));
    if (fast !== undefined) return fast;
    return referenceCanonize(document, referenceCanonizeOptions(documentLoader), budget);
  });
}

/**
 * What jsonld.js `canonize` and the @digitalbazaar cryptosuites' `canonize` do — jsonld.js toRDF
 * with `options`, then rdf-canonize's RDFC-1.0 on the dataset (`messageDigestAlgorithm` as given) —
 * with the RDFC-1.0 step metered by `budget`: the copy of rdf-canonize's code the fast path runs,
 * so the reference path respects the same bound.
 */
export async function referenceCanonize(
  input: unknown,
  options: Record<string, unknown>,
  budget: CanonicalizationBudget,
): Promise<string> {
  if (budget.exhausted) throw budget.error();
  const jsonld = await loadJsonLd();
  const { format: _format, canonizeOptions: _canonize, ...toRdfOptions } = options;
  const dataset = await jsonld.toRDF(input, {
    rdfDirection: 'i18n-datatype',
    ...toRdfOptions,
    produceGeneralizedRdf: false,
  });
  const algorithm = options.messageDigestAlgorithm;
  return canonizeDataset(dataset, budget, typeof algorithm === 'string' ? algorithm : undefined);
}

/**
 * Expands `document` in JSON-LD safe mode only to learn whether it is valid there: resolves when
 * every term is defined (and nothing would be silently dropped), rejects with jsonld.js's error
 * otherwise. Same verdict as `jsonld.expand(document, { safe: true, documentLoader })`, without
 * loading jsonld.js for documents that use only the bundled contexts.
 *
 * @example
 * ```ts
 * await assertSafeJsonLd(credential, createDocumentLoader()) // throws on an undefined term
 * ```
 */
export async function assertSafeJsonLd(document: JsonObject, documentLoader: DocumentLoader): Promise<void> {
  await expandSafe(document, documentLoader);
}

/**
 * The expanded form of `document` in JSON-LD safe mode (credstack's fast expansion, or jsonld.js
 * `expand` for what it does not take: the same structure), rejecting as {@link assertSafeJsonLd}
 * does. A verifier reads it to find what the RDF a proof signs leaves out
 * (`findUnsignedContent`).
 */
export async function expandSafe(document: JsonObject, documentLoader: DocumentLoader): Promise<unknown> {
  const fast = await expandFast(document, documentLoader);
  if (fast !== undefined) return fast;
  const jsonld = await loadJsonLd();
  return jsonld.expand(document, { documentLoader, safe: true });
}

/**
 * {@link expandSafe} of a credential, and (when the fast path can derive it from that one
 * expansion, see `expandWithUnsecured`) the expanded form of the credential without its `proof`
 * with that document's JSON text: what its Data Integrity proofs canonicalize, handed to their
 * {@link CanonicalizationBudget} so that verification expands the credential once.
 */
export async function expandSafeShared(
  document: JsonObject,
  documentLoader: DocumentLoader,
): Promise<{ expanded: unknown; unsecured?: { key: string; expanded: Expanded } }> {
  const fast = await expandWithUnsecured(document, documentLoader);
  if (fast.expanded === undefined) return { expanded: await expandSafe(document, documentLoader) };
  if (fast.unsecured === undefined) return { expanded: fast.expanded };
  const { proof: _proof, ...unsecured } = document;
  return { expanded: fast.expanded, unsecured: { key: JSON.stringify(unsecured), expanded: fast.unsecured } };
}

/**
 * SHA-256 or SHA-384 of a UTF-8 string, through the MessageDigest RDFC-1.0 hashes with: node:crypto
 * in Node (synchronous, ~10 µs for a 2 KB document), WebCrypto elsewhere. Plain
 * `crypto.subtle.digest` costs ~40 µs more per call in Node 20 (algorithm normalisation, a promise,
 * a thread-pool job), and every proof hashes twice.
 */
export async function digest(
  text: string,
  algorithm: 'SHA-256' | 'SHA-384' = 'SHA-256',
): Promise<Uint8Array> {
  const md = new MessageDigest(algorithm === 'SHA-256' ? 'sha256' : 'sha384');
  md.update(text);
  return fromHex(await md.digest());
}

/**
 * The hash data of a Data Integrity proof (VC-DI-EDDSA §3.2.4 / VC-DI-ECDSA): the canonical
 * proof configuration (the proof without `proofValue`, under the document's `@context`) and the
 * canonical document without its proof, each hashed with SHA-256, proof hash first.
 *
 * @example
 * ```ts
 * const { hashData } = await proofHashData(credential, proofOptions, createDocumentLoader())
 * ```
 */
export async function proofHashData(
  document: JsonObject,
  proofOptions: JsonObject,
  documentLoader: DocumentLoader,
): Promise<{ documentCanon: string; proofCanon: string; hashData: Uint8Array }> {
  const { proof: _proof, ...unsecured } = document;
  const { proofValue: _value, ...options } = proofOptions;
  const [proofCanon, documentCanon] = await Promise.all([
    canonize({ '@context': document['@context'], ...options }, documentLoader),
    canonize(unsecured, documentLoader),
  ]);
  const hashData = concatBytes([await digest(proofCanon), await digest(documentCanon)]);
  return { documentCanon, proofCanon, hashData };
}

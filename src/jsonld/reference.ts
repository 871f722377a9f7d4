// The reference path: jsonld.js (imported on first need) and rdf-canonize's RDFC-1.0, for what
// credstack's engine leaves (see canonize.ts, the chooser). Same output, same errors.

import type { DocumentLoader } from '../contexts/index.js';
import type { JsonObject } from '../lib/json.js';
import type { EngineTrace, Fallback } from './engine.js';
import { type CanonicalizationBudget, canonizeDataset } from './rdfc/budget.js';
import type { Quad } from './fast/to-rdf.js';

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

/** jsonld.js `expand` in safe mode, recording on `trace` why credstack's expansion did not run. */
export async function expandWithReference(
  document: JsonObject,
  documentLoader: DocumentLoader,
  trace: EngineTrace,
  fallback?: Fallback,
): Promise<unknown> {
  trace.handedOver('expand', fallback);
  const jsonld = await loadJsonLd();
  return jsonld.expand(document, { documentLoader, safe: true });
}

// The hash data of a Data Integrity proof: the one copy signing and both verifiers share.

import type { DocumentLoader } from '../../contexts/index.js';
import { concatBytes } from '../../lib/bytes.js';
import type { JsonObject } from '../../lib/json.js';
import { canonicalize, digest } from '../../jsonld/canonize.js';
import type { EngineTrace } from '../../jsonld/engine.js';
import type { CanonicalizationBudget } from '../../jsonld/rdfc/budget.js';
import { DI_V2_URL, VC_V2_URL } from './common.js';

export function includesContext(document: JsonObject, url: string): boolean {
  const context = document['@context'];
  return context === url || (Array.isArray(context) && context.includes(url));
}

/** data-integrity `ensureSuiteContext`: a document without VC 2.0 or DI 2.0 gets the DI 2.0 context. */
export function ensureSuiteContext(document: JsonObject): void {
  if (includesContext(document, DI_V2_URL) || includesContext(document, VC_V2_URL)) return;
  const existing = document['@context'] ?? [];
  document['@context'] = Array.isArray(existing) ? [...existing, DI_V2_URL] : [existing, DI_V2_URL];
}

/**
 * The canonical forms a proof's hash data is made of, and the hash data.
 * @example
 * ```ts
 * import { createDocumentLoader, type HashData, proofHashData } from 'credstack'
 * const { proofCanon, documentCanon }: HashData = await proofHashData(credential, credential.proof, createDocumentLoader())
 * ```
 */
export interface HashData {
  /** RDFC-1.0 N-Quads of the proof configuration. */
  proofCanon: string;
  /** RDFC-1.0 N-Quads of the document without its proof. */
  documentCanon: string;
  /** SHA-256 of `proofCanon` followed by SHA-256 of `documentCanon`: what is signed. */
  hashData: Uint8Array;
}

/**
 * The hash data of a Data Integrity proof (VC-DI-EDDSA §3.2.4 / VC-DI-ECDSA §3.3.4), the one copy
 * signing and verifying share: the canonical proof configuration (the proof, without
 * `proofValue`, under the document's `@context` plus the suite context, as data-integrity's
 * `ensureSuiteContext` adds it) and the canonical `document` (given without its proof), each
 * hashed with SHA-256, proof hash first. Both canonicalizations run concurrently, spending
 * `budget` when a verifier gives one and recording their engine on `trace`.
 */
export async function hashData(
  document: JsonObject,
  proof: JsonObject,
  documentLoader: DocumentLoader,
  options: { budget?: CanonicalizationBudget; trace?: EngineTrace } = {},
): Promise<HashData> {
  const config: JsonObject = { '@context': document['@context'], ...proof };
  ensureSuiteContext(config);
  delete config.proofValue;
  const [proofCanon, documentCanon] = await Promise.all([
    canonicalize(config, documentLoader, options),
    canonicalize(document, documentLoader, options),
  ]);
  const [proofHash, documentHash] = await Promise.all([
    digest(proofCanon.chunks ?? proofCanon.nquads),
    digest(documentCanon.chunks ?? documentCanon.nquads),
  ]);
  return {
    proofCanon: proofCanon.nquads,
    documentCanon: documentCanon.nquads,
    hashData: concatBytes([proofHash, documentHash]),
  };
}

/**
 * The hash data of a Data Integrity proof over `document` (its own `proof`, if any, left out) with
 * `proofOptions` as the proof configuration: what an eddsa-rdfc-2022 or ecdsa-rdfc-2019 signature
 * signs, with the canonical forms it is made of (to compare with a specification's vectors).
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
): Promise<HashData> {
  const { proof: _proof, ...unsecured } = document;
  return hashData(unsecured, proofOptions, documentLoader);
}

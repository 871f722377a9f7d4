// Pieces shared by Data Integrity signing and verification: constants, the reference stack's
// small rules (suite context, dates, algorithm checks, messages) and the hash data.

import type { DocumentLoader } from '../contexts/index.js';
import { CredstackError, isCredstackError } from '../errors.js';
import { concatBytes } from '../lib/bytes.js';
import type { JsonObject } from '../lib/json.js';
import { canonicalize, digest } from '../jsonld/canonize.js';
import type { EngineTrace } from '../jsonld/engine.js';
import type { CanonicalizationBudget } from '../jsonld/rdfc.js';
import type { Cryptosuite } from './suites.js';

export const VC_V1_URL = 'https://www.w3.org/2018/credentials/v1';
export const VC_V2_URL = 'https://www.w3.org/ns/credentials/v2';
export const DI_V2_URL = 'https://w3id.org/security/data-integrity/v2';

/** The key algorithms each cryptosuite accepts (data-integrity `requiredAlgorithm`). */
export const REQUIRED_ALGORITHM: Record<Cryptosuite, string | string[]> = {
  'eddsa-rdfc-2022': 'Ed25519',
  'ecdsa-rdfc-2019': ['P-256', 'P-384'],
};

/** data-integrity's message for a key of the wrong algorithm (`who` is "signer" or "verifier"). */
export function algorithmMismatch(
  who: string,
  algorithm: unknown,
  required: string | string[],
): string | undefined {
  const ok = Array.isArray(required) ? required.includes(algorithm as string) : required === algorithm;
  if (ok) return undefined;
  const suffix = Array.isArray(required)
    ? `is not a supported algorithm for the cryptosuite. The supported algorithms are: "${required.join(', ')}".`
    : `does not match the required algorithm for the cryptosuite "${required}".`;
  return `The ${who}'s algorithm "${String(algorithm)}" ${suffix}`;
}

/** data-integrity `w3cDate`: ISO 8601 in UTC, without milliseconds. */
export function w3cDate(date: Date): string {
  return `${date.toISOString().slice(0, -5)}Z`;
}

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
    digest(proofCanon.nquads),
    digest(documentCanon.nquads),
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

/**
 * A one-line message for an error of the proof stack (jsonld-signatures nests them).
 *
 * @example
 * ```ts
 * messageOf(new Error('Invalid signature.')) // 'signature does not match the document'
 * ```
 */
export function messageOf(error: unknown): string {
  if (error instanceof Error) {
    const inner = (error as { errors?: unknown[] }).errors;
    if (Array.isArray(inner) && inner.length > 0) return messageOf(inner[0]);
    if (error.message === 'Invalid signature.') return 'signature does not match the document';
    return error.message;
  }
  if (Array.isArray(error) && error.length > 0) return messageOf(error[0]);
  return String(error ?? 'unknown error');
}

/** The first CredstackError in an error chain (cause, details.cause, a proof set's errors). */
export function findCredstackError(error: unknown, depth = 0): CredstackError | undefined {
  if (depth > 5 || typeof error !== 'object' || error === null) return undefined;
  if (isCredstackError(error)) return error;
  const e = error as { cause?: unknown; details?: { cause?: unknown }; errors?: unknown };
  // jsonld-signatures gathers a proof set's errors in `errors`
  const inner = Array.isArray(e.errors) ? e.errors[0] : undefined;
  return (
    findCredstackError(e.details?.cause, depth + 1) ??
    findCredstackError(e.cause, depth + 1) ??
    findCredstackError(inner, depth + 1)
  );
}

// jsonld-signatures and jsonld give their errors no codes. The one failure a verifier tells apart
// from a signature that does not match (a key its controller does not authorize for the purpose,
// ControllerProofPurpose, or one that could not be loaded) they say only in English. So it is read
// from the message here, once, where their error is caught, and carried on as
// ERR_KEY_NOT_AUTHORIZED: what decides a verdict downstream (verify/checks/proof-di.ts) is a code,
// and credstack's own failures carry theirs from the start (verify-fast.ts).
const KEY_NOT_AUTHORIZED_TEXT = /not authorized by controller|Unable to load|not found/i;

/**
 * An error caught from the reference stack (or a document loader), coded: a CredstackError in its
 * chain is what decides and it is kept as it is; a refused key becomes ERR_KEY_NOT_AUTHORIZED with
 * the original as its cause; anything else (a signature that does not match) is returned unchanged.
 */
export function codedProofError(error: unknown, message = messageOf(error)): unknown {
  if (findCredstackError(error) !== undefined || !KEY_NOT_AUTHORIZED_TEXT.test(message)) return error;
  return new CredstackError('ERR_KEY_NOT_AUTHORIZED', message, { cause: error });
}

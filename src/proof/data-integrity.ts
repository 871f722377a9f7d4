import * as vc from '@digitalbazaar/vc';
import jsigs from 'jsonld-signatures';
import type { DocumentLoader } from '../contexts/index.js';
import { CredstackError, isCredstackError } from '../errors.js';
import type { Signer } from '../keys/index.js';
import { clone, type JsonObject } from '../lib/json.js';
import { type Cryptosuite, signingSuite, verifyingSuite } from './suites.js';

/** Options for {@link signDataIntegrity}. */
export interface SignDataIntegrityOptions {
  signer: Signer;
  cryptosuite: Cryptosuite;
  documentLoader: DocumentLoader;
  /** The proof's `created` time; defaults to now. */
  created?: Date | string;
}

/**
 * Adds a Data Integrity proof to `document` through @digitalbazaar/vc (the reference
 * implementation), so the output is what any conforming verifier expects. An existing `proof`
 * is kept and the new one is appended (a proof set: each proof signs the document without proofs).
 */
export async function signDataIntegrity(
  document: JsonObject,
  options: SignDataIntegrityOptions,
): Promise<JsonObject> {
  const suite = signingSuite(options.cryptosuite, options.signer, options.created);
  try {
    return (await vc.issue({
      credential: clone(document),
      suite,
      documentLoader: options.documentLoader,
    })) as JsonObject;
  } catch (cause) {
    // A missing context surfaces deep inside jsonld; name it with its own code.
    const inner = findCredstackError(cause);
    if (inner) throw inner;
    throw new CredstackError('ERR_SIGNING_FAILED', `Data Integrity signing failed: ${messageOf(cause)}`, {
      cause,
    });
  }
}

/** The outcome of checking one embedded proof. */
export interface ProofCheck {
  verified: boolean;
  /** The error message when not verified. */
  message?: string;
  /** The underlying error. */
  error?: unknown;
}

/**
 * Verifies one embedded proof of `document` on its own: the document is checked with that proof
 * alone, so every proof of a proof set must pass by itself (jsonld-signatures would accept a set
 * when any one proof passes).
 */
export async function verifyDataIntegrityProof(
  document: JsonObject,
  proof: JsonObject,
  options: { documentLoader: DocumentLoader; purpose?: unknown },
): Promise<ProofCheck> {
  const suite = verifyingSuite(proof);
  if (!suite) return { verified: false, message: 'proof type or cryptosuite is not accepted' };
  const { proof: _drop, ...rest } = document;
  const single = { ...rest, proof };
  try {
    const result = await jsigs.verify(single, {
      suite,
      purpose: options.purpose ?? new jsigs.purposes.AssertionProofPurpose(),
      documentLoader: options.documentLoader,
    });
    if (result.verified) return { verified: true };
    const error = result.results?.find((r) => r.error)?.error ?? result.error;
    return { verified: false, message: messageOf(error), error };
  } catch (error) {
    return { verified: false, message: messageOf(error), error };
  }
}

function findCredstackError(error: unknown, depth = 0): CredstackError | undefined {
  if (depth > 5 || typeof error !== 'object' || error === null) return undefined;
  if (isCredstackError(error)) return error;
  const e = error as { cause?: unknown; details?: { cause?: unknown } };
  return findCredstackError(e.details?.cause, depth + 1) ?? findCredstackError(e.cause, depth + 1);
}

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

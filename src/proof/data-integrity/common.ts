// Pieces shared by Data Integrity signing and verification: constants and the reference stack's
// small rules (dates, algorithm checks, messages, error codes).

import { CredstackError, isCredstackError } from '../../errors.js';
import type { Signer } from '../../keys/index.js';
import type { JsonObject } from '../../lib/json.js';
import type { Cryptosuite } from './suites.js';
import type { ProofCheck } from './verify.js';

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

/** The signer checks of data-integrity's suites, in their order and with their messages. */
export function assertSigner(
  signer: Signer | undefined,
  required: string | string[],
): asserts signer is Signer {
  if (!signer || typeof signer.sign !== 'function')
    throw new TypeError('A signer API has not been specified.');
  const mismatch = algorithmMismatch('signer', signer.algorithm, required);
  if (mismatch) throw new CredstackError('ERR_KEY_UNSUPPORTED', mismatch);
}

/** A proof's `created` time, as DataIntegrityProof takes it: a falsy value means now. */
export function proofDate(created: Date | string | undefined): Date {
  const date = created ? new Date(created) : new Date();
  if (Number.isNaN(date.getTime())) {
    throw new CredstackError('ERR_INVALID_INPUT', `"date" "${String(created)}" is not a valid date.`);
  }
  return date;
}

/** @digitalbazaar/vc `issue`: a VCDM 1.1 credential without issuanceDate gets one (now). */
export function addIssuanceDate(credential: JsonObject): void {
  if (
    Array.isArray(credential['@context']) &&
    credential['@context'][0] === VC_V1_URL &&
    !credential.issuanceDate
  ) {
    credential.issuanceDate = w3cDate(new Date());
  }
}

/** data-integrity `w3cDate`: ISO 8601 in UTC, without milliseconds. */
export function w3cDate(date: Date): string {
  return `${date.toISOString().slice(0, -5)}Z`;
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
// and credstack's own failures carry theirs from the start (fast.ts).
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

/** A failure from an error the proof stack threw or reported, with its code (see codedProofError). */
export function failedCheck(error: unknown): ProofCheck {
  const message = messageOf(error);
  return { verified: false, message, error: codedProofError(error, message) };
}

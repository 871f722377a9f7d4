// Verifying one Data Integrity proof, and the one place that chooses the proof engine: credstack's
// own check (fast.ts) for eddsa-rdfc-2022 / ecdsa-rdfc-2019 with the usual key shapes, the
// reference stack (reference.ts, jsonld-signatures and the @digitalbazaar suites, imported on
// demand) for what is rare — the legacy suites, P-384, unusual verification methods, custom proof
// purposes. The choice and its reason are recorded on the budget's EngineTrace.

import type { DocumentLoader } from '../../contexts/index.js';
import { CredstackError, describeValue } from '../../errors.js';
import type { JsonObject } from '../../lib/json.js';
import { type EngineMode, EngineTrace, engineModeOf, Fallback } from '../../jsonld/engine.js';
import type { CanonicalizationBudget } from '../../jsonld/rdfc/budget.js';
import { verifyFast } from './fast.js';
import { failedCheck } from './common.js';

/**
 * The outcome of checking one embedded proof.
 * @example
 * ```ts
 * import { type ProofCheck, verifyDataIntegrityProof } from 'credstack'
 * const check: ProofCheck = await verifyDataIntegrityProof(document, proof, { documentLoader })
 * if (!check.verified) console.log(check.message)
 * ```
 */
export interface ProofCheck {
  verified: boolean;
  /** The error message when not verified. */
  message?: string;
  /** The underlying error. */
  error?: unknown;
}

/**
 * Options for {@link verifyDataIntegrityProof}.
 * @example
 * ```ts
 * import { createDocumentLoader, type VerifyDataIntegrityProofOptions } from 'credstack'
 * const options: VerifyDataIntegrityProofOptions = { documentLoader: createDocumentLoader() }
 * ```
 */
export interface VerifyDataIntegrityProofOptions {
  documentLoader: DocumentLoader;
  /** A jsonld-signatures proof purpose replacing AssertionProofPurpose. */
  purpose?: unknown;
  /**
   * The RDF canonicalization work this proof may spend, shared with the other proofs of one
   * verification (`verifyCredential` makes one per credential from `limits`). Past it the proof is
   * not verified and `error` is a CredstackError ERR_CANONICALIZATION_LIMIT. Default: unmetered
   * (rdf-canonize's own limit only).
   */
  budget?: CanonicalizationBudget;
  /**
   * `reference` verifies with jsonld-signatures and the @digitalbazaar suites only, skipping
   * credstack's engine. Default `auto`. A `budget` brings its own choice (its `trace`).
   */
  engine?: EngineMode;
}

/**
 * Verifies one embedded proof of `document` on its own: the document is checked with that proof
 * alone, so every proof of a proof set must pass by itself (jsonld-signatures would accept a set
 * when any one proof passes). The verification method and its controller are loaded through
 * `documentLoader`; the controller must list the method under `assertionMethod` (the
 * AssertionProofPurpose of jsonld-signatures, which `purpose` replaces when given).
 *
 * @example
 * ```ts
 * const { verified, message } = await verifyDataIntegrityProof(credential, credential.proof, { documentLoader })
 * ```
 */
export async function verifyDataIntegrityProof(
  document: JsonObject,
  proof: JsonObject,
  options: VerifyDataIntegrityProofOptions,
): Promise<ProofCheck> {
  const mode = engineModeOf(options.engine);
  if (mode === undefined) {
    const message = `engine must be 'auto' or 'reference', not ${describeValue(options.engine)}`;
    return { verified: false, message, error: new CredstackError('ERR_INVALID_INPUT', message) };
  }
  const { proof: _drop, ...rest } = document;
  if (proof.type === 'Ed25519Signature2018') {
    // a legacy JWS suite the reference packages no longer ship: see ed25519-signature-2018.ts
    // Credentials only: a custom purpose (a presentation's challenge and domain) is not checked here.
    if (options.purpose !== undefined)
      return {
        verified: false,
        message: 'Ed25519Signature2018 is verified on credentials only',
        error: new CredstackError(
          'ERR_FORMAT_UNSUPPORTED',
          'Ed25519Signature2018 is verified on credentials only',
        ),
      };
    const { verifyEd25519Signature2018 } = await import('./ed25519-signature-2018.js');
    // credstack's own code whatever the mode: there is no reference implementation to hand it to
    options.budget?.trace.ran('proof', 'credstack');
    return verifyEd25519Signature2018(rest, proof, {
      documentLoader: options.documentLoader,
      ...(options.budget ? { budget: options.budget } : {}),
    });
  }
  // The one place that chooses the proof engine (canonize.ts chooses the canonicalization's).
  const trace = options.budget?.trace ?? new EngineTrace(mode);
  let fallback: Fallback | undefined;
  if (trace.fast) {
    try {
      const fast = await verifyFast(rest, proof, options);
      if (!(fast instanceof Fallback)) {
        trace.ran('proof', 'credstack');
        return fast;
      }
      fallback = fast;
    } catch (error) {
      trace.ran('proof', 'credstack');
      return failedCheck(error);
    }
  }
  trace.handedOver('proof', fallback);
  const { verifyWithReference } = await import('./reference.js');
  return verifyWithReference(rest, proof, options);
}

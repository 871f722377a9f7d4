// Data Integrity proofs (VC Data Integrity 1.0) with the eddsa-rdfc-2022 and ecdsa-rdfc-2019 (P-256)
// cryptosuites, implemented directly: hash data = H(canonical proof configuration) ||
// H(canonical document), signed with the key, proofValue = multibase base58btc. The steps, their
// order and their error messages follow @digitalbazaar/vc `issue`, jsonld-signatures and
// @digitalbazaar/data-integrity (the reference stack), whose output this reproduces byte for byte
// (test/proof, test/interop). What is rare — the legacy suites, P-384, unusual verification method
// shapes, custom proof purposes — is handed to the reference stack itself, imported on demand.

import type { DocumentLoader } from '../contexts/index.js';
import { CredstackError, describeValue } from '../errors.js';
import { base58Encode } from '../keys/base58.js';
import type { Signer } from '../keys/index.js';
import { clone, type JsonObject } from '../lib/json.js';
import {
  algorithmMismatch,
  codedProofError,
  ensureSuiteContext,
  findCredstackError,
  hashData,
  messageOf,
  REQUIRED_ALGORITHM,
  VC_V1_URL,
  w3cDate,
} from './di-common.js';
import { type EngineMode, EngineTrace, engineModeOf, Fallback } from '../jsonld/engine.js';
import type { CanonicalizationBudget } from '../jsonld/rdfc.js';
import type { Cryptosuite } from './suites.js';
import { verifyFast } from './verify-fast.js';
import { undefinedTermError } from './undefined-term.js';

export { messageOf };

/**
 * Options for {@link signDataIntegrity}.
 * @example
 * ```ts
 * import { createDocumentLoader, createSigner, type SignDataIntegrityOptions, signDataIntegrity } from 'credstack'
 * const options: SignDataIntegrityOptions = { signer: await createSigner(key), cryptosuite: 'eddsa-rdfc-2022',
 *   documentLoader: createDocumentLoader() }
 * const signed = await signDataIntegrity(credential, options)
 * ```
 */
export interface SignDataIntegrityOptions {
  signer: Signer;
  cryptosuite: Cryptosuite;
  documentLoader: DocumentLoader;
  /** The proof's `created` time; defaults to now. */
  created?: Date | string;
  /** The proof's `challenge` (VC Data Integrity §2.1): a non-empty string, signed with it. */
  challenge?: string;
  /** The proof's `domain`: a non-empty string or list of them, signed with it. */
  domain?: string | readonly string[];
  /**
   * `reference` canonicalizes with jsonld.js + rdf-canonize instead of credstack's engine (the same
   * bytes, several times slower): to compare the two, or to rule credstack's own code out.
   * Default `auto`.
   */
  engine?: EngineMode;
}

let vcModule: Promise<{ _checkCredential(options: Record<string, unknown>): void }> | undefined;

/**
 * Adds a Data Integrity proof to `document`, exactly as @digitalbazaar/vc `issue` with a
 * DataIntegrityProof suite would (same checks, same proof, same bytes), so the output is what any
 * conforming verifier expects. An existing `proof` is kept and the new one is appended (a proof
 * set: each proof signs the document without proofs).
 *
 * @example
 * ```ts
 * const signed = await signDataIntegrity(credential, {
 *   signer: await createSigner(key), cryptosuite: 'eddsa-rdfc-2022', documentLoader: createDocumentLoader(),
 * })
 * ```
 */
export async function signDataIntegrity(
  document: JsonObject,
  options: SignDataIntegrityOptions,
): Promise<JsonObject> {
  const { signer, cryptosuite, documentLoader } = options;
  const required = REQUIRED_ALGORITHM[cryptosuite];
  if (required === undefined) {
    throw new CredstackError('ERR_FORMAT_UNSUPPORTED', `Unknown cryptosuite ${JSON.stringify(cryptosuite)}`);
  }
  if (!signer || typeof signer.sign !== 'function')
    throw new TypeError('A signer API has not been specified.');
  const mismatch = algorithmMismatch('signer', signer.algorithm, required);
  if (mismatch) throw new CredstackError('ERR_KEY_UNSUPPORTED', mismatch);
  // like the DataIntegrityProof suite: a falsy `created` means now
  const date = options.created ? new Date(options.created) : new Date();
  if (Number.isNaN(date.getTime())) {
    throw new CredstackError('ERR_INVALID_INPUT', `"date" "${String(options.created)}" is not a valid date.`);
  }
  const mode = engineModeOf(options.engine);
  if (mode === undefined) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `"engine" must be 'auto' or 'reference', not ${describeValue(options.engine)}.`,
    );
  }
  const { challenge, domain } = options;
  if (challenge !== undefined && (typeof challenge !== 'string' || challenge === '')) {
    throw new CredstackError('ERR_INVALID_INPUT', '"challenge" must be a non-empty string.');
  }
  const domains = typeof domain === 'string' ? [domain] : domain;
  if (
    domain !== undefined &&
    (!Array.isArray(domains) ||
      domains.length === 0 ||
      domains.some((d) => typeof d !== 'string' || d === ''))
  ) {
    throw new CredstackError('ERR_INVALID_INPUT', '"domain" must be a non-empty string or a list of them.');
  }
  try {
    const credential = clone(document);
    // @digitalbazaar/vc `issue`: a VCDM 1.1 credential without issuanceDate gets one, then the
    // data model checks run.
    if (
      Array.isArray(credential['@context']) &&
      credential['@context'][0] === VC_V1_URL &&
      !credential.issuanceDate
    ) {
      credential.issuanceDate = w3cDate(new Date());
    }
    vcModule ??= import('@digitalbazaar/vc') as never;
    (await vcModule)._checkCredential({ credential, mode: 'issue', maxClockSkew: 300 });
    ensureSuiteContext(credential);

    const { proof: _existing, ...input } = credential;
    const proof: JsonObject = {
      type: 'DataIntegrityProof',
      created: w3cDate(date),
      verificationMethod: signer.id,
      cryptosuite,
      proofPurpose: 'assertionMethod',
    };
    // proof options the signature covers (they are part of the proof configuration it hashes)
    if (challenge !== undefined) proof.challenge = challenge;
    if (domain !== undefined) proof.domain = typeof domain === 'string' ? domain : [...domain];
    const { hashData: data } = await hashData(input, proof, documentLoader, {
      trace: new EngineTrace(mode),
    });
    const signature = await signer.sign({ data });
    proof.proofValue = `z${base58Encode(signature)}`;
    // jsonld `addValue`: a second proof turns `proof` into an array.
    const existing = credential.proof;
    if (existing === undefined) credential.proof = proof;
    else credential.proof = Array.isArray(existing) ? [...existing, proof] : [existing, proof];
    return credential;
  } catch (cause) {
    // A missing context surfaces deep inside jsonld; name it with its own code.
    const inner = findCredstackError(cause);
    if (inner) throw inner;
    const undefinedTerm = undefinedTermError(cause, document);
    if (undefinedTerm) throw undefinedTerm;
    throw new CredstackError('ERR_SIGNING_FAILED', `Data Integrity signing failed: ${messageOf(cause)}`, {
      cause,
    });
  }
}

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
      return caught(error);
    }
  }
  trace.handedOver('proof', fallback);
  return verifyWithReference(rest, proof, options);
}

/** The reference stack (jsonld-signatures + @digitalbazaar suites), for what the fast path leaves. */
async function verifyWithReference(
  rest: JsonObject,
  proof: JsonObject,
  options: VerifyDataIntegrityProofOptions,
): Promise<ProofCheck> {
  const { jsigs, verifyingSuite } = await import('./reference-suites.js');
  const suite = verifyingSuite(proof, options.budget);
  if (!suite) return { verified: false, message: 'proof type or cryptosuite is not accepted' };
  try {
    const result = await jsigs.verify(
      { ...rest, proof },
      {
        suite,
        purpose: options.purpose ?? new jsigs.purposes.AssertionProofPurpose(),
        documentLoader: options.documentLoader,
      },
    );
    if (result.verified) return { verified: true };
    const error = result.results?.find((r) => r.error)?.error ?? result.error;
    // jsonld-signatures wraps what a suite throws: a spent budget keeps its own code
    const limit = findCredstackError(error);
    if (limit?.code === 'ERR_CANONICALIZATION_LIMIT')
      return { verified: false, message: limit.message, error: limit };
    return caught(error);
  } catch (error) {
    return caught(error);
  }
}

/** A failure from an error the proof stack threw or reported, with its code (see codedProofError). */
function caught(error: unknown): ProofCheck {
  const message = messageOf(error);
  return { verified: false, message, error: codedProofError(error, message) };
}

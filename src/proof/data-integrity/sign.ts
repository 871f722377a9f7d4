// Signing a Data Integrity proof (VC Data Integrity 1.0) with eddsa-rdfc-2022 or ecdsa-rdfc-2019
// (P-256), implemented directly: hash data = H(canonical proof configuration) || H(canonical
// document), signed with the key, proofValue = multibase base58btc. The steps, their order and
// their error messages follow @digitalbazaar/vc `issue` and @digitalbazaar/data-integrity (the
// reference stack), whose output this reproduces byte for byte (test/proof, test/interop).

import type { DocumentLoader } from '../../contexts/index.js';
import { CredstackError, describeValue } from '../../errors.js';
import { base58Encode } from '../../keys/base58.js';
import type { Signer } from '../../keys/index.js';
import { clone, type JsonObject } from '../../lib/json.js';
import {
  addIssuanceDate,
  assertSigner,
  proofDate,
  findCredstackError,
  messageOf,
  REQUIRED_ALGORITHM,
  w3cDate,
} from './common.js';
import { ensureSuiteContext, hashData } from './hash-data.js';
import { type EngineMode, EngineTrace, engineModeOf } from '../../jsonld/engine.js';
import type { Cryptosuite } from './suites.js';
import { undefinedTermError } from './undefined-term.js';

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
  assertSigner(signer, required);
  const date = proofDate(options.created);
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
    // @digitalbazaar/vc `issue`: the issuance date first, then the data model checks
    addIssuanceDate(credential);
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

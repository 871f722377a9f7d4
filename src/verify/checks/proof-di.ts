import { hasUriScheme } from '../../lib/uri.js';
import { isCredstackError } from '../../errors.js';
import { asArray, isObject, type JsonObject, idOf } from '../../lib/json.js';
import { messageOf } from '../../proof/data-integrity/common.js';
import { verifyDataIntegrityProof } from '../../proof/data-integrity/verify.js';
import { findCredstackError } from '../../proof/data-integrity/common.js';
import type { EngineTrace } from '../../jsonld/engine.js';
import { budgetFor, type ProvidedExpansion } from '../../jsonld/rdfc/budget.js';
import { DETACHED_JWS } from '../../proof/data-integrity/ed25519-signature-2018.js';
import { disclosedPointers, sdProofKind } from '../../proof/data-integrity/ecdsa-sd-2023.js';
import {
  ACCEPTED_PROOF_SUITES,
  DEPRECATED_PROOF_SUITES,
  proofKind,
} from '../../proof/data-integrity/suites.js';
import { DEFAULT_LIMITS, type VerifyLimits } from '../../lib/limits.js';
import type { Resolver } from '../resolve.js';
import { type Check, failed, passed, warning } from '../result.js';

export interface ProofContext {
  resolver: Resolver;
  now: Date;
  clockTolerance: number;
  /** Accepted embedded proof kinds (`DataIntegrityProof/eddsa-rdfc-2022`, `Ed25519Signature2020`, …). */
  suites: readonly string[];
  /** Accepted JWS algorithms. */
  algorithms: readonly string[];
  maxProofs: number;
  /** The RDF canonicalization bounds (limits.ts); default DEFAULT_LIMITS. */
  limits?: Pick<Required<VerifyLimits>, 'canonicalizationWorkFactor' | 'maxBlankNodes'>;
  /**
   * The credential without its proof and its expanded form, made by the JSON-LD check: Data
   * Integrity proofs canonicalize it without expanding it again. Only for a credential the
   * verifier owns (parse.ts `owned`): nothing may change it while the proofs are checked.
   */
  unsecured?: ProvidedExpansion;
  /** Records which engine verified each proof and canonicalized what it signs (engine.ts). */
  trace?: EngineTrace;
  /** Expected proof purpose. Default assertionMethod. */
  purpose?: unknown;
  proofPurpose?: string;
}

const BASE58BTC_MULTIBASE = /^z[1-9A-HJ-NP-Za-km-z]+$/;
// 'z' + base58btc of the longest signature an accepted suite makes (ecdsa-rdfc-2019 with P-384:
// 96 bytes, at most 132 characters), with room to spare.
const MAX_PROOF_VALUE_LENGTH = 200;
// ecdsa-sd-2023 writes multibase base64url (no padding): a CBOR array with one 64-byte signature
// per disclosed non-mandatory statement. 256 KiB is thousands of statements; decoding is linear.
const SD_PROOF_KIND = 'DataIntegrityProof/ecdsa-sd-2023';
const BASE64URL_MULTIBASE = /^u[A-Za-z0-9_-]+$/;
const MAX_SD_PROOF_VALUE_LENGTH = 262_144;

/** Why a key could not be had: not there at all (indeterminate) or malformed (invalid). */
export function resolutionFailure(error: unknown, path: string, what: string): Check {
  const code = isCredstackError(error) ? error.code : 'ERR_UNKNOWN';
  const message = `${what}: ${messageOf(error)}`;
  if (code === 'ERR_DID_UNSUPPORTED' || code === 'ERR_KEY_INVALID') {
    return failed('proof', 'PROOF_METHOD_INVALID', message, { path });
  }
  if (code === 'ERR_DOCUMENT_UNUSABLE') {
    return failed('proof', 'DOCUMENT_UNUSABLE', message, { path, verdict: 'indeterminate' });
  }
  // The controller's document was had and does not list this key: the controller says it is not
  // theirs (VC Data Integrity: INVALID_VERIFICATION_METHOD), which is a forgery, not a gap.
  if (code === 'ERR_DOCUMENT_NOT_FOUND') {
    return failed('proof', 'PROOF_METHOD_NOT_FOUND', message, { path });
  }
  return failed('proof', 'PROOF_KEY_UNRESOLVED', message, { path, verdict: 'indeterminate' });
}

/**
 * Checks every embedded proof on its own. Each must be of an accepted kind, for the expected
 * purpose, not created in the future, signed by a resolvable key, and verify.
 */
export async function checkEmbeddedProofs(
  credential: JsonObject,
  ctx: ProofContext,
): Promise<{ checks: Check[]; methods: JsonObject[] }> {
  const proofs = asArray(credential.proof);
  const methods: JsonObject[] = [];
  if (proofs.length === 0) {
    return {
      checks: [failed('proof', 'PROOF_MISSING', 'The credential has no proof', { path: '/proof' })],
      methods,
    };
  }
  if (proofs.length > ctx.maxProofs) {
    return {
      checks: [
        failed('proof', 'PROOF_TOO_MANY', `${proofs.length} proofs, more than the ${ctx.maxProofs} allowed`),
      ],
      methods,
    };
  }
  const checks: Check[] = [];
  const single = !Array.isArray(credential.proof);
  // One RDF canonicalization budget for all the proofs: a proof set of 8 must not get 8 times the
  // work, and the unsecured document they all sign is canonicalized once.
  const budget = budgetFor(credential, ctx.limits ?? DEFAULT_LIMITS, ctx.trace);
  if (ctx.unsecured) budget.provideExpansion(ctx.unsecured.document, ctx.unsecured.expanded);
  for (const [i, proof] of proofs.entries()) {
    const path = single ? '/proof' : `/proof/${i}`;
    if (!isObject(proof)) {
      checks.push(failed('proof', 'PROOF_MALFORMED', 'A proof must be an object', { path }));
      continue;
    }
    const kind = proofKind(proof);
    if (!ctx.suites.includes(kind) || !ACCEPTED_PROOF_SUITES.includes(kind)) {
      // Not a forgery: a suite credstack does not verify (or the caller's `suites` left out)
      // leaves the signature unchecked, so nothing can be said either way.
      checks.push(
        failed(
          'proof',
          'PROOF_SUITE_UNSUPPORTED',
          ACCEPTED_PROOF_SUITES.includes(kind)
            ? `Proof kind ${kind} was not checked: the suites option leaves it out`
            : `Proof kind ${kind} could not be checked: credstack verifies ${ACCEPTED_PROOF_SUITES.join(', ')}`,
          { path, verdict: 'indeterminate' },
        ),
      );
      continue;
    }
    const expectedPurpose = ctx.proofPurpose ?? 'assertionMethod';
    if (proof.proofPurpose !== expectedPurpose) {
      checks.push(
        failed(
          'proof',
          'PROOF_PURPOSE',
          `proofPurpose must be ${expectedPurpose}, got ${JSON.stringify(proof.proofPurpose)}`,
          {
            path: `${path}/proofPurpose`,
          },
        ),
      );
      continue;
    }
    // Every accepted suite writes proofValue as multibase base58btc. The proof libraries also take
    // base64url ('u…') and skip characters outside the alphabet (a trailing space), so one signature
    // would have many spellings under one verdict: only the canonical one is accepted.
    if (kind === 'Ed25519Signature2018') {
      // A JWS suite: the signature is in `jws`, bounded and shaped before anything decodes it.
      if (typeof proof.jws !== 'string' || !DETACHED_JWS.test(proof.jws) || proof.proofValue !== undefined) {
        checks.push(
          failed(
            'proof',
            'PROOF_MALFORMED',
            'An Ed25519Signature2018 proof carries a detached JWS in jws, and no proofValue',
            {
              path: `${path}/jws`,
            },
          ),
        );
        continue;
      }
    } else if (kind === SD_PROOF_KIND) {
      const sd = checkSdProofValue(proof, path);
      if (sd) {
        checks.push(sd);
        continue;
      }
    } else if (typeof proof.proofValue === 'string' && proof.proofValue.length > MAX_PROOF_VALUE_LENGTH) {
      // refused before any decoding: base58 decoding is quadratic in the length (here and in the
      // reference suites), so a megabyte of proofValue would hold a verifier for minutes
      checks.push(
        failed(
          'proof',
          'PROOF_MALFORMED',
          `proofValue is ${proof.proofValue.length} characters; no accepted suite's signature is longer than ${MAX_PROOF_VALUE_LENGTH}`,
          { path: `${path}/proofValue` },
        ),
      );
      continue;
    }
    if (
      kind !== 'Ed25519Signature2018' &&
      kind !== SD_PROOF_KIND &&
      (typeof proof.proofValue !== 'string' || !BASE58BTC_MULTIBASE.test(proof.proofValue))
    ) {
      checks.push(
        failed(
          'proof',
          'PROOF_MALFORMED',
          `proofValue must be multibase base58btc (z followed by base58 characters only), got ${JSON.stringify(String(proof.proofValue).slice(0, 40))}`,
          { path: `${path}/proofValue` },
        ),
      );
      continue;
    }
    // VC Data Integrity §4.3 (Verify Proof): a proof's own @context must begin the document's, in
    // order. Without this check a context slipped into the proof is accepted whenever it happens
    // to canonicalize alike.
    if (proof['@context'] !== undefined) {
      const own = asArray(proof['@context']);
      const doc = asArray(credential['@context']);
      if (own.length > doc.length || own.some((c, j) => JSON.stringify(c) !== JSON.stringify(doc[j]))) {
        checks.push(
          failed(
            'proof',
            'PROOF_MALFORMED',
            'proof.@context must be the first entries of the credential @context (VC Data Integrity §4.3)',
            { path: `${path}/@context` },
          ),
        );
        continue;
      }
    }
    if (typeof proof.created === 'string') {
      const created = Date.parse(proof.created);
      if (Number.isNaN(created)) {
        checks.push(
          failed('proof', 'PROOF_MALFORMED', `proof.created is not a date: ${proof.created}`, {
            path: `${path}/created`,
          }),
        );
        continue;
      }
      if (created > ctx.now.getTime() + ctx.clockTolerance * 1000) {
        checks.push(
          failed(
            'proof',
            'PROOF_CREATED_IN_FUTURE',
            `The proof claims to be created in the future (${proof.created})`,
            { path: `${path}/created` },
          ),
        );
        continue;
      }
    }
    const vmId = idOf(proof.verificationMethod);
    if (!vmId) {
      checks.push(failed('proof', 'PROOF_METHOD_INVALID', 'The proof has no verificationMethod', { path }));
      continue;
    }
    if (!hasUriScheme(vmId)) {
      checks.push(
        failed('proof', 'PROOF_METHOD_INVALID', `verificationMethod ${vmId} has no URI scheme`, {
          path: `${path}/verificationMethod`,
        }),
      );
      continue;
    }
    let method: unknown;
    try {
      method = await ctx.resolver.get(vmId);
    } catch (error) {
      checks.push(resolutionFailure(error, `${path}/verificationMethod`, `Cannot resolve the key ${vmId}`));
      continue;
    }
    if (!isObject(method)) {
      checks.push(
        failed('proof', 'PROOF_METHOD_INVALID', `${vmId} did not resolve to a verification method`, { path }),
      );
      continue;
    }
    ctx.resolver.allowKeyUrl(vmId);
    const result = await verifyDataIntegrityProof(credential, proof, {
      documentLoader: ctx.resolver.documentLoader,
      budget,
      ...(ctx.purpose ? { purpose: ctx.purpose } : {}),
    });
    if (result.verified) {
      methods.push(method);
      if (DEPRECATED_PROOF_SUITES.includes(kind)) {
        checks.push(
          warning(
            'proof',
            'PROOF_SUITE_DEPRECATED',
            `${kind} proof verified, but the suite is deprecated`,
            path,
          ),
        );
      } else if (kind === SD_PROOF_KIND) {
        const { pointers, more } = disclosedPointers(credential);
        const list = `${pointers.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
        checks.push(
          passed(
            'proof',
            'PROOF_VALID',
            `${kind} derived proof by ${vmId} verified; discloses ${list}`,
            path,
          ),
        );
      } else {
        checks.push(passed('proof', 'PROOF_VALID', `${kind} proof by ${vmId} verified`, path));
      }
    } else {
      const why = proofFailure(result.error);
      checks.push(
        failed('proof', why.code, `${kind} proof ${why.lead}: ${result.message}`, {
          path,
          verdict: why.verdict,
        }),
      );
    }
  }
  return { checks, methods };
}

/**
 * An ecdsa-sd-2023 proofValue's shape: multibase base64url, bounded, and a disclosure (derived)
 * proof. A base proof is the issuer's message to the holder, which the suite does not verify:
 * nothing can be said until it is derived. Undefined when the proof may go to the suite.
 */
function checkSdProofValue(proof: JsonObject, path: string): Check | undefined {
  const value = proof.proofValue;
  if (typeof value !== 'string' || !BASE64URL_MULTIBASE.test(value)) {
    return failed(
      'proof',
      'PROOF_MALFORMED',
      `An ecdsa-sd-2023 proofValue is multibase base64url (u followed by base64url characters only), got ${JSON.stringify(String(value).slice(0, 40))}`,
      { path: `${path}/proofValue` },
    );
  }
  if (value.length > MAX_SD_PROOF_VALUE_LENGTH) {
    return failed(
      'proof',
      'PROOF_MALFORMED',
      `proofValue is ${value.length} characters, more than the ${MAX_SD_PROOF_VALUE_LENGTH} an ecdsa-sd-2023 proof may take`,
      { path: `${path}/proofValue` },
    );
  }
  const sd = sdProofKind(proof);
  if (sd === 'base') {
    return failed(
      'proof',
      'PROOF_SD_BASE',
      'This is an ecdsa-sd-2023 base proof, which only the holder uses: derive a credential from it (deriveCredential, or credstack derive) and verify that',
      { path, verdict: 'indeterminate' },
    );
  }
  if (sd !== 'derived') {
    return failed(
      'proof',
      'PROOF_MALFORMED',
      'The ecdsa-sd-2023 proofValue is neither a base nor a derived proof',
      {
        path: `${path}/proofValue`,
      },
    );
  }
  return undefined;
}

interface ProofFailure {
  code: string;
  verdict: 'invalid' | 'indeterminate';
  lead: string;
}

const UNCHECKED = (code: string): ProofFailure => ({ code, verdict: 'indeterminate', lead: 'not checked' });
const KEY_NOT_AUTHORIZED: ProofFailure = {
  code: 'PROOF_KEY_NOT_AUTHORIZED',
  verdict: 'invalid',
  lead: 'is signed with a key its controller does not authorize',
};
const SIGNATURE_INVALID: ProofFailure = {
  code: 'PROOF_SIGNATURE_INVALID',
  verdict: 'invalid',
  lead: 'does not verify',
};

// Why a proof did not verify, the one table that decides it, by the CredstackError code anywhere
// in the error chain (jsonld-signatures wraps what a document loader or suite throws): a document
// that could not be had or used, or a spent budget, is "could not be checked"; a document that was
// had and refuses the key is a forgery. jsonld-signatures gives no codes of its own: its refusal of
// a key (ControllerProofPurpose) is coded ERR_KEY_NOT_AUTHORIZED where its error is caught
// (proof/data-integrity/common.ts codedProofError), so no message is read here. No code at all is a signature
// that does not match the document.
const BY_CODE: Readonly<Record<string, ProofFailure>> = {
  ERR_CANONICALIZATION_LIMIT: UNCHECKED('PROOF_CANONICALIZATION_LIMIT'),
  ERR_NETWORK_DISABLED: UNCHECKED('PROOF_KEY_UNRESOLVED'),
  ERR_FETCH_REFUSED: UNCHECKED('PROOF_KEY_UNRESOLVED'),
  ERR_FETCH_FAILED: UNCHECKED('PROOF_KEY_UNRESOLVED'),
  ERR_FETCH_TIMEOUT: UNCHECKED('PROOF_KEY_UNRESOLVED'),
  ERR_FETCH_TOO_LARGE: UNCHECKED('PROOF_KEY_UNRESOLVED'),
  ERR_DOCUMENT_NOT_FOUND: UNCHECKED('PROOF_KEY_UNRESOLVED'),
  ERR_DOCUMENT_UNUSABLE: UNCHECKED('DOCUMENT_UNUSABLE'),
  ERR_FORMAT_UNSUPPORTED: UNCHECKED('PROOF_SUITE_UNSUPPORTED'),
  ERR_KEY_NOT_AUTHORIZED: KEY_NOT_AUTHORIZED,
};

function proofFailure(error: unknown): ProofFailure {
  const code = findCredstackError(error)?.code;
  return code === undefined ? SIGNATURE_INVALID : (BY_CODE[code] ?? KEY_NOT_AUTHORIZED);
}

/** DI issuer binding: every verified proof's key must be controlled by the credential's issuer. */
export function checkIssuerBinding(issuerId: string | undefined, methods: readonly JsonObject[]): Check {
  if (!issuerId)
    return failed('issuer', 'ISSUER_MISSING', 'The credential has no issuer id', { path: '/issuer' });
  for (const method of methods) {
    const controller = idOf(method.controller);
    if (controller !== issuerId) {
      return failed(
        'issuer',
        'ISSUER_KEY_MISMATCH',
        `The key ${String(method.id)} is controlled by ${controller ?? 'nobody'}, not by the issuer ${issuerId}`,
        { path: '/issuer' },
      );
    }
  }
  return passed('issuer', 'ISSUER_BOUND', `The signing key belongs to the issuer ${issuerId}`);
}

// Ed25519Signature2018 (W3C CCG Ed25519 Signature 2018; jsonld-signatures LinkedDataSignature with
// a detached, unencoded-payload JWS, RFC 7797), verification only. Real badges still carry it: the
// JFF x VC-EDU plugfest 2 and 3 badges are signed with it. The steps are those of
// jsonld-signatures `LinkedDataSignature.createVerifyData` and @digitalbazaar/ed25519-signature-2018
// `verifySignature`:
//   verifyData = SHA-256(RDFC-1.0(proof options)) || SHA-256(RDFC-1.0(document)), where the proof
//   options are the proof without `jws` / `signatureValue` / `proofValue`, under the document's
//   @context (canonicalized in safe mode, no base IRI);
//   the signature is Ed25519 over ASCII(base64url(header) + ".") || verifyData, with the header
//   {"alg":"EdDSA","b64":false,"crit":["b64"]}.
// The key is loaded through the verifier's document loader, and its controller must list it for
// the proof purpose (jsonld-signatures ControllerProofPurpose), as for every other suite.

import type { DocumentLoader } from '../../contexts/index.js';
import { CredstackError } from '../../errors.js';
import { base58Decode } from '../../keys/base58.js';
import { importRawVerify } from '../../keys/raw-signatures.js';
import { authorizesMethod, keyFromVerificationMethod } from '../../keys/verification-method.js';
import { decode as fromBase64url, encode as toBase64url } from '../../lib/base64url.js';
import { concatBytes, fromUtf8, utf8 } from '../../lib/bytes.js';
import { isObject, type JsonObject } from '../../lib/json.js';
import { canonize, digest } from '../../jsonld/canonize.js';
import { codedProofError } from './common.js';
import type { ProofCheck } from './verify.js';
import type { CanonicalizationBudget } from '../../jsonld/rdfc/budget.js';

/** A detached JWS: `header..signature`, base64url, no payload. Bounded before any decoding. */
export const DETACHED_JWS = /^[A-Za-z0-9_-]{1,200}\.\.[A-Za-z0-9_-]{1,200}$/;

/**
 * Verifies one Ed25519Signature2018 proof of `document` (without its `proof`). Never throws: a
 * failure is `{ verified: false }` with a message and, where the cause is credstack's (a document
 * that could not be loaded), the CredstackError as `error`.
 */
export async function verifyEd25519Signature2018(
  document: JsonObject,
  proof: JsonObject,
  options: { documentLoader: DocumentLoader; budget?: CanonicalizationBudget; purpose?: string },
): Promise<ProofCheck> {
  try {
    const jws = typeof proof.jws === 'string' ? proof.jws : '';
    if (!DETACHED_JWS.test(jws)) return fail('proof.jws must be a detached JWS (header..signature)');
    const [encodedHeader, , encodedSignature] = jws.split('.') as [string, string, string];
    let header: unknown;
    try {
      header = JSON.parse(fromUtf8(fromBase64url(encodedHeader)));
    } catch {
      return fail('proof.jws header is not base64url JSON');
    }
    // RFC 7797: b64 false must be marked critical; nothing else is understood.
    if (
      !isObject(header) ||
      header.alg !== 'EdDSA' ||
      header.b64 !== false ||
      !Array.isArray(header.crit) ||
      header.crit.length !== 1 ||
      header.crit[0] !== 'b64' ||
      Object.keys(header).some((k) => k !== 'alg' && k !== 'b64' && k !== 'crit')
    ) {
      return fail('proof.jws header must be {"alg":"EdDSA","b64":false,"crit":["b64"]}');
    }
    const signature = fromBase64url(encodedSignature);
    if (signature.length !== 64) return fail('proof.jws signature is not 64 bytes');

    const vmId = typeof proof.verificationMethod === 'string' ? proof.verificationMethod : undefined;
    if (!vmId) return fail('The proof has no verificationMethod');
    const purpose = options.purpose ?? 'assertionMethod';
    const method = (await options.documentLoader(vmId)).document;
    if (!isObject(method)) return fail(`${vmId} did not resolve to a verification method`);
    const controllerId =
      typeof method.controller === 'string'
        ? method.controller
        : isObject(method.controller) && typeof method.controller.id === 'string'
          ? method.controller.id
          : undefined;
    if (!controllerId) return fail(`The verification method ${vmId} names no controller`);
    const controller = (await options.documentLoader(controllerId)).document;
    if (!authorizesMethod(controller, vmId, purpose as never)) {
      return refused(
        `Verification method "${vmId}" not authorized by controller for proof purpose "${purpose}".`,
      );
    }
    const publicKey = await ed25519Key(method);
    if (!publicKey) return fail(`${vmId} is not an Ed25519 public key`);

    const { jws: _jws, signatureValue: _sv, proofValue: _pv, ...options_ } = proof;
    const proofOptions: JsonObject = { '@context': document['@context'], ...options_ };
    const [proofHash, documentHash] = await Promise.all([
      canonize(proofOptions, options.documentLoader, options.budget).then((c) => digest(c)),
      canonize(document, options.documentLoader, options.budget).then((c) => digest(c)),
    ]);
    const data = concatBytes([utf8(`${encodedHeader}.`), proofHash, documentHash]);
    const verify = await importRawVerify('Ed25519', {
      kty: 'OKP',
      crv: 'Ed25519',
      x: toBase64url(publicKey),
    } as never);
    return (await verify(data, signature))
      ? { verified: true }
      : { verified: false, message: 'signature does not match the document' };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { verified: false, message, error: codedProofError(error, message) };
  }
}

// No error object: a malformed or non-matching proof is the proof's fault, read as such.
function fail(message: string): ProofCheck {
  return { verified: false, message };
}

// The controller does not list the key: the code is what tells this from a bad signature.
function refused(message: string): ProofCheck {
  return { verified: false, message, error: new CredstackError('ERR_KEY_NOT_AUTHORIZED', message) };
}

/** The 32 key bytes: Ed25519VerificationKey2018 (publicKeyBase58), or any Ed25519 key credstack reads. */
async function ed25519Key(method: JsonObject): Promise<Uint8Array | undefined> {
  if (typeof method.publicKeyBase58 === 'string') {
    const bytes = base58Decode(method.publicKeyBase58);
    return bytes?.length === 32 ? bytes : undefined;
  }
  try {
    const key = await keyFromVerificationMethod(method as never);
    if (key.algorithm !== 'Ed25519') return undefined;
    const x = (key.publicKeyJwk as { x?: unknown }).x;
    return typeof x === 'string' ? fromBase64url(x) : undefined;
  } catch {
    return undefined;
  }
}

// Fast verification of eddsa-rdfc-2022 and ecdsa-rdfc-2019 (P-256) proofs: the steps of
// jsonld-signatures `ProofSet.verify` + @digitalbazaar/data-integrity `verifyProof` + the
// AssertionProofPurpose (ControllerProofPurpose) check, in their order, with their messages.
// Returns a Fallback (engine.ts: why) to hand a proof to the reference stack whenever it meets
// something this module does not reproduce exactly (other suites or key shapes, a custom purpose,
// odd encodings); verify.ts makes the choice and records it.

import type { DocumentLoader } from '../../contexts/index.js';
import { CredstackError } from '../../errors.js';
import { base58Decode } from '../../keys/base58.js';
import { importRawVerify, type RawVerify } from '../../keys/raw-signatures.js';
import { keyFromVerificationMethod } from '../../keys/verification-method.js';
import { isObject, type JsonObject } from '../../lib/json.js';
import { algorithmMismatch, codedProofError, messageOf, REQUIRED_ALGORITHM } from './common.js';
import { hashData } from './hash-data.js';
import { Fallback } from '../../jsonld/engine.js';
import type { CanonicalizationBudget } from '../../jsonld/rdfc/budget.js';
import type { Cryptosuite } from './suites.js';

const MULTIKEY_V1 = 'https://w3id.org/security/multikey/v1';
const DID_V1 = 'https://www.w3.org/ns/did/v1';
const SECURITY_V2 = 'https://w3id.org/security/v2';
const TERM = 'assertionMethod';

// data-integrity `util.XMLDateTimeRegExp` (not anchored, as there).
const XML_DATE_TIME = new RegExp(
  '-?([1-9][0-9]{3,}|0[0-9]{3})' +
    '-(0[1-9]|1[0-2])' +
    '-(0[1-9]|[12][0-9]|3[01])' +
    'T(([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]+)?|(24:00:00(\\.0+)?))' +
    '(Z|(\\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))?',
);

// Imported public keys by cryptosuite, key type and multibase: verifying many credentials of one
// issuer parses and imports its key once. Bounded (least recently used out) so a stream of issuers
// cannot grow it forever. A key that cannot take the fast path is remembered as `null`.
const KEY_CACHE_SIZE = 256;
type FastKey = { algorithm: string; verify: RawVerify } | null;
const keys = new Map<string, Promise<FastKey>>();

/** What the fast path needs from a verification method, or `undefined` for the reference path. */
async function publicKey(vm: unknown, cryptosuite: Cryptosuite): Promise<FastKey | undefined> {
  if (!isObject(vm) || typeof vm.publicKeyMultibase !== 'string' || vm.publicKeyJwk !== undefined)
    return undefined;
  // The reference accepts a Multikey whose @context (if any) includes the Multikey context, and
  // converts Ed25519VerificationKey2020 keys for eddsa.
  if (vm.type === 'Multikey') {
    const context = vm['@context'];
    if (
      !(
        context === undefined ||
        context === MULTIKEY_V1 ||
        (Array.isArray(context) && context.includes(MULTIKEY_V1))
      )
    ) {
      return undefined;
    }
  } else if (!(vm.type === 'Ed25519VerificationKey2020' && cryptosuite === 'eddsa-rdfc-2022')) {
    return undefined;
  }
  const id = `${cryptosuite} ${vm.type} ${vm.publicKeyMultibase}`;
  let key = keys.get(id);
  if (key) {
    keys.delete(id);
    keys.set(id, key);
    return key;
  }
  key = importFastKey(vm, cryptosuite);
  keys.set(id, key);
  if (keys.size > KEY_CACHE_SIZE) keys.delete(keys.keys().next().value as string);
  return key;
}

async function importFastKey(vm: JsonObject, cryptosuite: Cryptosuite): Promise<FastKey> {
  try {
    const info = await keyFromVerificationMethod(vm);
    if (
      algorithmMismatch('verifier', info.algorithm, REQUIRED_ALGORITHM[cryptosuite]) ||
      (info.algorithm !== 'Ed25519' && info.algorithm !== 'P-256')
    )
      return null;
    return { algorithm: info.algorithm, verify: await importRawVerify(info.algorithm, info.publicKeyJwk) };
  } catch {
    return null;
  }
}

export interface FastCheck {
  verified: boolean;
  message?: string;
  error?: unknown;
}

const fail = (message: string, error: unknown = new Error(message)): FastCheck => ({
  verified: false,
  message: message === 'Invalid signature.' ? 'signature does not match the document' : message,
  error,
});

// The key is not the controller's (or not there): the reference stack's message, with the code
// that decides the verdict (common.ts codedProofError reads the same failure off its errors).
const refused = (message: string): FastCheck =>
  fail(message, new CredstackError('ERR_KEY_NOT_AUTHORIZED', message));

/**
 * Verifies `proof` over `document` (without its proofs), or returns a {@link Fallback} when the
 * reference stack must decide. Errors thrown by the document loader or by canonicalization
 * propagate, as the reference reports them.
 */
export async function verifyFast(
  document: JsonObject,
  proof: JsonObject,
  options: { documentLoader: DocumentLoader; purpose?: unknown; budget?: CanonicalizationBudget },
): Promise<FastCheck | Fallback> {
  if (options.purpose !== undefined) return new Fallback('PROOF_PURPOSE');
  const cryptosuite = proof.cryptosuite;
  if (
    proof.type !== 'DataIntegrityProof' ||
    (cryptosuite !== 'eddsa-rdfc-2022' && cryptosuite !== 'ecdsa-rdfc-2019')
  ) {
    return new Fallback('PROOF_SUITE', `${String(proof.type)}/${String(cryptosuite)}`);
  }
  const { documentLoader } = options;

  // jsonld-signatures: the proof gets the document's context; the purpose must match.
  const withContext: JsonObject = { '@context': document['@context'] ?? SECURITY_V2, ...proof };
  if (withContext.proofPurpose !== TERM) {
    const error = new Error(
      'Did not verify any proofs; insufficient proofs matched the acceptable suite(s) and required purpose(s).',
    );
    error.name = 'NotFoundError';
    return fail(error.message, error);
  }

  // data-integrity `getVerificationMethod`
  let vmId = withContext.verificationMethod;
  if (isObject(vmId)) vmId = vmId.id;
  if (!vmId) return fail('No "verificationMethod" found in proof.');
  const loaded = await documentLoader(vmId as string);
  if (!loaded) return refused(`Unable to load verification method "${String(vmId)}".`);
  const vm = typeof loaded.document === 'string' ? (JSON.parse(loaded.document) as unknown) : loaded.document;

  const key = await publicKey(vm, cryptosuite);
  // a key the reference stack must judge (its own messages)
  if (!key) return new Fallback('KEY_SHAPE', isObject(vm) ? String(vm.type) : typeof vm);
  const { proofValue } = withContext;
  const signature =
    typeof proofValue === 'string' && proofValue[0] === 'z' ? base58Decode(proofValue.slice(1)) : undefined;
  if (signature?.length !== 64) return new Fallback('PROOF_VALUE_ENCODING');

  const verifyData = await hashData(
    document,
    withContext,
    documentLoader,
    options.budget ? { budget: options.budget } : {},
  );
  if (!(await key.verify(verifyData.hashData, signature))) return fail('Invalid signature.');
  for (const name of ['created', 'expires'] as const) {
    const value = withContext[name];
    if (value !== undefined && !XML_DATE_TIME.test(value as string)) {
      return fail(`"proof.${name}" ("${String(value)}") must be an XSD dateTimeStamp.`);
    }
  }
  return assertionAuthorized(withContext, vm as JsonObject, documentLoader);
}

/**
 * jsonld-signatures `ControllerProofPurpose.validate` for `assertionMethod`: the controller's
 * document must list the verification method. DID documents are read as they are (as there);
 * other controller documents are framed by jsonld-signatures itself. Not keys/`authorizesMethod`,
 * which also resolves relative `#key` references: this check must reach jsonld-signatures' verdict
 * exactly, and jsonld-signatures compares the ids as written.
 */
async function assertionAuthorized(
  proof: JsonObject,
  vm: JsonObject,
  documentLoader: DocumentLoader,
): Promise<FastCheck> {
  try {
    const { id } = vm;
    if (typeof id !== 'string') return fail(`Verification method ID "${String(id)}" must be a string.`);
    let controllerId: unknown;
    const { controller } = vm;
    if (controller) {
      if (typeof controller === 'object') controllerId = (controller as { id?: unknown }).id;
      else if (typeof controller !== 'string') {
        return fail(
          '"controller" must be a string representing a URL.',
          new TypeError('"controller" must be a string representing a URL.'),
        );
      } else controllerId = controller;
    }
    const { document } = await documentLoader(controllerId as string);
    const context = isObject(document) ? document['@context'] : undefined;
    if (!(context === DID_V1 || (Array.isArray(context) && context[0] === DID_V1))) {
      return frameAndAuthorize(proof, vm, documentLoader);
    }
    const listed = (document as JsonObject)[TERM];
    const methods = listed === undefined || listed === null ? [] : Array.isArray(listed) ? listed : [listed];
    if (methods.some((m) => m === id || (isObject(m) && m.id === id))) return { verified: true };
    return refused(`Verification method "${id}" not authorized by controller for proof purpose "${TERM}".`);
  } catch (error) {
    return fail(messageOf(error), codedProofError(error));
  }
}

// A controller document that is not a DID document is framed with the security context first;
// jsonld-signatures does exactly that, so it does it here too.
async function frameAndAuthorize(
  proof: JsonObject,
  vm: JsonObject,
  documentLoader: DocumentLoader,
): Promise<FastCheck> {
  const { jsigs } = await import('./reference.js');
  const purpose = new jsigs.purposes.AssertionProofPurpose() as {
    validate(proof: unknown, options: unknown): Promise<{ valid: boolean; error?: unknown }>;
  };
  const result = await purpose.validate(proof, {
    verificationMethod: vm,
    documentLoader: (
      jsigs as unknown as { extendContextLoader(l: DocumentLoader): DocumentLoader }
    ).extendContextLoader(documentLoader),
  });
  if (result.valid) return { verified: true };
  return fail(messageOf(result.error), codedProofError(result.error));
}

// Selective disclosure with the ecdsa-sd-2023 cryptosuite (VC Data Integrity ECDSA Cryptosuites
// v1.0 §3.4): the issuer signs a base proof (one signature over the mandatory statements, one
// per-statement signature for each of the others, made with a one-time key), the holder derives
// a credential revealing the mandatory statements plus the ones it selects, with a disclosure
// proof a verifier checks. Signing, deriving and verifying run the reference stack
// (@digitalbazaar/ecdsa-sd-2023-cryptosuite with DataIntegrityProof and jsonld-signatures),
// imported on demand: none of it is loaded by code that never meets this suite.

import { createDocumentLoader, type DocumentLoader } from '../../contexts/index.js';
import { CredstackError, describeValue, isCredstackError } from '../../errors.js';
import type { Signer } from '../../keys/index.js';
import { clone, isObject, type JsonObject } from '../../lib/json.js';
import { addIssuanceDate, assertSigner, messageOf, proofDate } from './common.js';
import { undefinedTermError } from './undefined-term.js';

/** The cryptosuite's name, as in `proof.cryptosuite`. */
export const ECDSA_SD_2023 = 'ecdsa-sd-2023';

// The CBOR tags that open a proofValue (after the multibase 'u' and base64url): 0xd9 0x5d 0x00
// for a base proof, 0xd9 0x5d 0x01 for a disclosure (derived) proof.
const BASE_PROOF_PREFIX = 'u2V0A';
const DERIVED_PROOF_PREFIX = 'u2V0B';

/**
 * Whether an ecdsa-sd-2023 proof is a base proof (what the issuer signs, for the holder only),
 * a derived proof (what a verifier checks), or neither.
 */
export function sdProofKind(proof: { proofValue?: unknown }): 'base' | 'derived' | undefined {
  const value = proof.proofValue;
  if (typeof value !== 'string') return undefined;
  if (value.startsWith(BASE_PROOF_PREFIX)) return 'base';
  if (value.startsWith(DERIVED_PROOF_PREFIX)) return 'derived';
  return undefined;
}

/** Whether any proof of `credential` is an ecdsa-sd-2023 disclosure (derived) proof. Internal. */
export function hasDerivedSdProof(credential: JsonObject): boolean {
  const proofs = Array.isArray(credential.proof) ? credential.proof : [credential.proof];
  return proofs.some((p) => isObject(p) && p.cryptosuite === ECDSA_SD_2023 && sdProofKind(p) === 'derived');
}

/**
 * The mandatory pointers credstack uses when the issuer gives none: what a verifier of an Open
 * Badge needs whatever the holder reveals — who issued it, when it is valid, what kind of
 * credential it is, which achievement it is for (the members the OB 3.0 schema requires of an
 * Achievement), and its status entry so it can still be revoked. Only members present in the
 * credential are listed (a pointer to nothing is an error). `@context` and the ids and types of
 * every object on a revealed path are always disclosed by the suite.
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * import { defaultMandatoryPointers } from 'credstack'
 * defaultMandatoryPointers(credential)
 * // ['/issuer', '/validFrom', '/type', '/credentialSubject/type', '/credentialSubject/achievement/id', …]
 * ```
 */
export function defaultMandatoryPointers(credential: JsonObject): string[] {
  const pointers: string[] = [];
  const add = (pointer: string, value: unknown) => {
    if (value !== undefined) pointers.push(pointer);
  };
  add('/issuer', credential.issuer);
  add('/validFrom', credential.validFrom);
  add('/validUntil', credential.validUntil);
  add('/issuanceDate', credential.issuanceDate);
  add('/expirationDate', credential.expirationDate);
  add('/type', credential.type);
  const subject = credential.credentialSubject;
  if (isObject(subject)) {
    add('/credentialSubject/type', subject.type);
    const achievement = subject.achievement;
    if (isObject(achievement)) {
      for (const member of ['id', 'type', 'name', 'description', 'criteria']) {
        add(`/credentialSubject/achievement/${member}`, achievement[member]);
      }
    }
  }
  add('/credentialStatus', credential.credentialStatus);
  return pointers;
}

/** Options of {@link signEcdsaSd2023}. Internal. */
export interface SignEcdsaSdOptions {
  signer: Signer;
  documentLoader: DocumentLoader;
  /** JSON pointers always disclosed; default {@link defaultMandatoryPointers}. */
  mandatoryPointers?: readonly string[];
  created?: Date | string;
}

type SdModules = {
  vc: {
    issue(options: Record<string, unknown>): Promise<JsonObject>;
    derive(options: Record<string, unknown>): Promise<JsonObject>;
  };
  DataIntegrityProof: new (options: Record<string, unknown>) => unknown;
  sd: {
    createSignCryptosuite(options: { mandatoryPointers: string[] }): unknown;
    createDiscloseCryptosuite(options: { selectivePointers: string[]; proofId?: string }): unknown;
    createVerifyCryptosuite(): unknown;
  };
};

let modules: Promise<SdModules> | undefined;

function loadModules(): Promise<SdModules> {
  modules ??= Promise.all([
    import('@digitalbazaar/vc'),
    import('@digitalbazaar/data-integrity'),
    import('@digitalbazaar/ecdsa-sd-2023-cryptosuite'),
  ]).then(([vc, di, sd]) => ({
    vc: vc as unknown as SdModules['vc'],
    DataIntegrityProof: di.DataIntegrityProof as unknown as SdModules['DataIntegrityProof'],
    sd: sd as unknown as SdModules['sd'],
  }));
  return modules;
}

/** A suite verifying ecdsa-sd-2023 disclosure proofs, for jsonld-signatures. Internal. */
export async function sdVerifyingSuite(): Promise<unknown> {
  const { DataIntegrityProof, sd } = await loadModules();
  return new DataIntegrityProof({ cryptosuite: sd.createVerifyCryptosuite() });
}

function checkPointers(pointers: unknown, name: string): string[] {
  if (!Array.isArray(pointers) || pointers.some((p) => typeof p !== 'string' || !/^(\/|$)/.test(p))) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `${name} must be an array of JSON pointers (strings such as "/credentialSubject/achievement/name"), got ${describeValue(pointers)}`,
    );
  }
  return [...pointers];
}

/** A pointer the suite could not follow, named with its own code. */
function pointerError(cause: unknown, name: string): CredstackError | undefined {
  const match = /JSON pointer "([^"]*)" does not match document/.exec(messageOf(cause));
  if (!match) return undefined;
  return new CredstackError('ERR_INVALID_INPUT', `${name}: ${match[1]} points at nothing in the credential`, {
    path: match[1],
    cause,
  });
}

/**
 * Adds an ecdsa-sd-2023 base proof to `document` with a P-256 signer, as @digitalbazaar/vc `issue`
 * does (same credential checks). Internal: `issueCredential({ format: 'ecdsa-sd-2023' })`.
 */
export async function signEcdsaSd2023(
  document: JsonObject,
  options: SignEcdsaSdOptions,
): Promise<JsonObject> {
  const { signer, documentLoader } = options;
  assertSigner(signer, 'P-256');
  const date = proofDate(options.created);
  const mandatoryPointers =
    options.mandatoryPointers === undefined
      ? defaultMandatoryPointers(document)
      : checkPointers(options.mandatoryPointers, 'mandatoryPointers');
  const credential = clone(document);
  addIssuanceDate(credential);
  try {
    const { vc, DataIntegrityProof, sd } = await loadModules();
    const suite = new DataIntegrityProof({
      signer,
      date,
      cryptosuite: sd.createSignCryptosuite({ mandatoryPointers }),
    });
    return await vc.issue({ credential, suite, documentLoader });
  } catch (cause) {
    throw sdFailure(cause, 'signing', 'mandatoryPointers', document);
  }
}

/**
 * Options for {@link deriveCredential}.
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * import { deriveCredential, type DeriveOptions } from 'credstack'
 * const options: DeriveOptions = { reveal: ['/credentialSubject/result'] }
 * const derived = await deriveCredential(credential, options)
 * ```
 */
export interface DeriveOptions {
  /**
   * JSON pointers of what to reveal besides the mandatory members the issuer chose (those are
   * always revealed). `[]` reveals the mandatory members only. An object's `id` names its node,
   * so it is revealed with any of its members: a `credentialSubject.id` is disclosed whenever the
   * achievement is. A learner who must stay unnamed is named by a hashed IdentityObject
   * (`identifier`), which is hidden unless revealed.
   */
  reveal: readonly string[];
  /** JSON-LD document loader for extra contexts; default: the bundled contexts only. */
  documentLoader?: DocumentLoader;
}

/**
 * Derives a selectively disclosed credential from one issued with `format: 'ecdsa-sd-2023'` (a
 * base proof): the result holds the issuer's mandatory members, the members `reveal`
 * names, the ids and types of the objects on their paths, and an ecdsa-sd-2023 disclosure proof
 * that `verifyCredential` (or any conforming verifier) checks. The base proof is not checked here
 * (nothing is fetched); the input is never mutated.
 * Errors: ERR_INVALID_INPUT (not an object, no base proof, a pointer to nothing),
 * ERR_SIGNING_FAILED.
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * import { deriveCredential, generateKey, issueCredential, verifyCredential } from 'credstack'
 * const key = await generateKey({ algorithm: 'P-256' })
 * const base = await issueCredential(badge, { key, format: 'ecdsa-sd-2023' })   // for the holder
 * const derived = await deriveCredential(base, { reveal: ['/credentialSubject/id'] })
 * const { verified } = await verifyCredential(derived, { documents })           // for the verifier
 * ```
 */
export async function deriveCredential(credential: JsonObject, options: DeriveOptions): Promise<JsonObject> {
  if (!isObject(credential)) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `A credential must be a JSON object, got ${describeValue(credential)}`,
    );
  }
  if (!isObject(options)) {
    throw new CredstackError('ERR_INVALID_INPUT', 'deriveCredential needs { reveal: [JSON pointers] }');
  }
  const selectivePointers = checkPointers(options.reveal, 'reveal');
  const proofs = Array.isArray(credential.proof) ? credential.proof : [credential.proof];
  const bases = proofs.filter(
    (p) => isObject(p) && p.cryptosuite === ECDSA_SD_2023 && sdProofKind(p) === 'base',
  );
  if (bases.length === 0) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      hasDerivedSdProof(credential)
        ? 'The credential is already derived: derive from the base credential the issuer gave'
        : 'The credential has no ecdsa-sd-2023 base proof: issue it with format ecdsa-sd-2023',
      { path: '/proof' },
    );
  }
  try {
    const { vc, DataIntegrityProof, sd } = await loadModules();
    const suite = new DataIntegrityProof({
      cryptosuite: sd.createDiscloseCryptosuite({ selectivePointers }),
    });
    // Only the base proof goes in: the reference derive keeps other proofs of a set.
    const input = { ...clone(credential), proof: clone(bases[0]) };
    return await vc.derive({
      verifiableCredential: input,
      suite,
      documentLoader: options.documentLoader ?? createDocumentLoader(),
    });
  } catch (cause) {
    throw sdFailure(cause, 'derivation', 'reveal');
  }
}

/**
 * The coded error for a failure of the reference suite while signing or deriving: a credstack
 * error in it as it is, a JSON pointer that matches nothing as a fault of the option that gave it,
 * an undefined term of `document` (when signing) as such, anything else ERR_SIGNING_FAILED.
 */
function sdFailure(
  cause: unknown,
  doing: 'signing' | 'derivation',
  pointerOption: string,
  document?: JsonObject,
): CredstackError {
  if (isCredstackError(cause)) return cause;
  const coded =
    credstackErrorIn(cause) ??
    pointerError(cause, pointerOption) ??
    (document === undefined ? undefined : undefinedTermError(cause, document));
  return (
    coded ??
    new CredstackError('ERR_SIGNING_FAILED', `ecdsa-sd-2023 ${doing} failed: ${messageOf(cause)}`, { cause })
  );
}

/**
 * The JSON pointers of the values a derived credential discloses (its leaves; `@context` and the
 * proof left out), at most `max` of them. Internal: for the verifier's message.
 */
export function disclosedPointers(credential: JsonObject, max = 40): { pointers: string[]; more: number } {
  const pointers: string[] = [];
  let more = 0;
  const escapeKey = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
  const walk = (value: unknown, pointer: string) => {
    if (Array.isArray(value)) {
      if (value.every((v) => !isObject(v) && !Array.isArray(v))) return leaf(pointer);
      value.forEach((v, i) => {
        walk(v, `${pointer}/${i}`);
      });
    } else if (isObject(value)) {
      for (const [key, v] of Object.entries(value)) {
        if (pointer === '' && (key === '@context' || key === 'proof')) continue;
        walk(v, `${pointer}/${escapeKey(key)}`);
      }
    } else leaf(pointer);
  };
  const leaf = (pointer: string) => {
    if (pointers.length < max) pointers.push(pointer);
    else more++;
  };
  walk(credential, '');
  return { pointers, more };
}

function credstackErrorIn(error: unknown, depth = 0): CredstackError | undefined {
  if (depth > 5 || typeof error !== 'object' || error === null) return undefined;
  if (isCredstackError(error)) return error;
  const e = error as { cause?: unknown; details?: { cause?: unknown } };
  return credstackErrorIn(e.details?.cause, depth + 1) ?? credstackErrorIn(e.cause, depth + 1);
}

// Well-known JSON-LD context URLs. Every one is bundled (src/contexts/documents/): the offline
// document loader answers them without fetching.

/**
 * The W3C Verifiable Credentials Data Model 2.0 context: the first `@context` entry of every
 * credential credstack issues.
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * import { OB_CONTEXT, VC_V2_CONTEXT } from 'credstack'
 * const isOb3 = (c: { '@context': unknown[] }) => c['@context'][0] === VC_V2_CONTEXT && c['@context'].includes(OB_CONTEXT)
 * ```
 */
export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';

/**
 * The VC Data Model 1.1 context (older credentials, StatusList2021 lists); verified, never issued.
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * import { VC_V1_CONTEXT } from 'credstack'
 * const vcdm11 = credential['@context'][0] === VC_V1_CONTEXT
 * ```
 */
export const VC_V1_CONTEXT = 'https://www.w3.org/2018/credentials/v1';

/**
 * The Open Badges 3.0 context credstack issues with (3.0.3); earlier 3.0.x URLs verify too, see {@link OB_CONTEXT_PATTERN}.
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * import { OB_CONTEXT, VC_V2_CONTEXT } from 'credstack'
 * const contexts = [VC_V2_CONTEXT, OB_CONTEXT] // an OpenBadgeCredential's @context
 * ```
 */
export const OB_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

/**
 * The 1EdTech extensions context (`1EdTechJsonSchemaValidator2019`, `1EdTechRevocationList`, `1EdTechCredentialRefresh`); added by the builders only when one of those types is used.
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * import { createOpenBadgeCredential, OB_EXTENSIONS_CONTEXT } from 'credstack'
 * const badge = await createOpenBadgeCredential({ ...input, credentialSchema: true })
 * badge['@context'].includes(OB_EXTENSIONS_CONTEXT) // true: the schema entry's type needs it
 * ```
 */
export const OB_EXTENSIONS_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json';

/**
 * The Comprehensive Learner Record 2.0 context (2.0.1), used by ClrCredentials and pathway proofs.
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * import { CLR_CONTEXT, OB_CONTEXT, VC_V2_CONTEXT } from 'credstack'
 * const contexts = [VC_V2_CONTEXT, CLR_CONTEXT, OB_CONTEXT] // a ClrCredential's @context
 * ```
 */
export const CLR_CONTEXT = 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json';

/**
 * The Data Integrity v1 context (`DataIntegrityProof` under VCDM 1.1).
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * import { DATA_INTEGRITY_V1_CONTEXT, VC_V1_CONTEXT } from 'credstack'
 * const contexts = [VC_V1_CONTEXT, DATA_INTEGRITY_V1_CONTEXT] // a VCDM 1.1 credential with a DataIntegrityProof
 * ```
 */
export const DATA_INTEGRITY_V1_CONTEXT = 'https://w3id.org/security/data-integrity/v1';

/**
 * The Data Integrity v2 context (`DataIntegrityProof` on a status list or presentation that names it).
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * import { bundledContextUrls, DATA_INTEGRITY_V2_CONTEXT } from 'credstack'
 * bundledContextUrls().includes(DATA_INTEGRITY_V2_CONTEXT) // true: no need to supply it in `documents`
 * ```
 */
export const DATA_INTEGRITY_V2_CONTEXT = 'https://w3id.org/security/data-integrity/v2';

/**
 * The Multikey context of verification methods in DID and controller documents.
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * import { didKeyDocument, MULTIKEY_CONTEXT } from 'credstack'
 * didKeyDocument(key.controller)['@context'].includes(MULTIKEY_CONTEXT) // true
 * ```
 */
export const MULTIKEY_CONTEXT = 'https://w3id.org/security/multikey/v1';

/**
 * The DID Core v1 context of DID documents.
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * import { DID_V1_CONTEXT, didKeyDocument } from 'credstack'
 * didKeyDocument(key.controller)['@context'][0] === DID_V1_CONTEXT // true
 * ```
 */
export const DID_V1_CONTEXT = 'https://www.w3.org/ns/did/v1';

/**
 * The Ed25519Signature2020 suite context (a deprecated proof type that still verifies, with a warning).
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * import { ED25519_2020_CONTEXT } from 'credstack'
 * const legacy = credential.proof.type === 'Ed25519Signature2020' && credential['@context'].includes(ED25519_2020_CONTEXT)
 * ```
 */
export const ED25519_2020_CONTEXT = 'https://w3id.org/security/suites/ed25519-2020/v1';

/**
 * The JsonWebKey2020 context (verification methods published as JWKs).
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * import { bundledContextUrls, JWS_2020_CONTEXT } from 'credstack'
 * bundledContextUrls().includes(JWS_2020_CONTEXT) // true: JsonWebKey2020 documents resolve offline
 * ```
 */
export const JWS_2020_CONTEXT = 'https://w3id.org/security/suites/jws-2020/v1';

/**
 * The W3C Bitstring Status List v1.0 context (only needed with VCDM 1.1: VC 2.0 defines the terms).
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * import { BITSTRING_STATUS_LIST_CONTEXT, VC_V1_CONTEXT } from 'credstack'
 * const contexts = [VC_V1_CONTEXT, BITSTRING_STATUS_LIST_CONTEXT] // VCDM 1.1 with a BitstringStatusListEntry
 * ```
 */
export const BITSTRING_STATUS_LIST_CONTEXT = 'https://www.w3.org/ns/credentials/status/v1';

/**
 * The StatusList2021 context (the predecessor of Bitstring Status List; checked, never issued).
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * import { STATUS_LIST_2021_CONTEXT, VC_V1_CONTEXT } from 'credstack'
 * const contexts = [VC_V1_CONTEXT, STATUS_LIST_2021_CONTEXT] // a credential with a StatusList2021Entry
 * ```
 */
export const STATUS_LIST_2021_CONTEXT = 'https://w3id.org/vc/status-list/2021/v1';

/**
 * Matches every OB 3.0 context URL the OB JSON Schema accepts (3.0.0 … 3.0.x).
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * import { OB_CONTEXT_PATTERN } from 'credstack'
 * OB_CONTEXT_PATTERN.test('https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json') // true
 * ```
 */
export const OB_CONTEXT_PATTERN: RegExp =
  /^https:\/\/purl\.imsglobal\.org\/spec\/ob\/v3p0\/context(-3\.\d\.\d)*\.json$/;
/**
 * Matches every CLR 2.0 context URL the CLR JSON Schema accepts.
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * import { CLR_CONTEXT_PATTERN } from 'credstack'
 * CLR_CONTEXT_PATTERN.test('https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json') // true
 * ```
 */
export const CLR_CONTEXT_PATTERN: RegExp =
  /^https:\/\/purl\.imsglobal\.org\/spec\/clr\/v2p0\/context(-2\.\d\.\d)*\.json$/;

// Types of the keys module. Exported from `credstack` (and the future `credstack/keys` subpath).

/**
 * Key types credstack signs and verifies with. The names are the ones the Data Integrity
 * cryptosuites check on a signer (`Ed25519`, `P-256`); the JWS algorithm of each is given by
 * {@link jwsAlgorithm}: `EdDSA`, `ES256`, `RS256`.
 * @example
 * ```ts
 * import { generateKey, type KeyAlgorithm } from 'credstack'
 * const algorithm: KeyAlgorithm = 'Ed25519'
 * const key = await generateKey({ algorithm })
 * ```
 */
export type KeyAlgorithm = 'Ed25519' | 'P-256' | 'RSA';

/**
 * JWS `alg` values used with each {@link KeyAlgorithm}.
 * @example
 * ```ts
 * import { type JwsAlgorithm, jwsAlgorithm } from 'credstack'
 * const alg: JwsAlgorithm = jwsAlgorithm('P-256'); // 'ES256'
 * ```
 */
export type JwsAlgorithm = 'EdDSA' | 'ES256' | 'RS256';

/**
 * A JSON Web Key (RFC 7517) as credstack writes and reads it: public members, optional
 * private members, and `kid` = the verification method id, `alg` = the JWS algorithm.
 * @example
 * ```ts
 * import type { Jwk } from 'credstack'
 * const jwk: Jwk = { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' }
 * ```
 */
export type Jwk = {
  kty: 'OKP' | 'EC' | 'RSA';
  crv?: string;
  x?: string;
  y?: string;
  n?: string;
  e?: string;
  d?: string;
  p?: string;
  q?: string;
  dp?: string;
  dq?: string;
  qi?: string;
  kid?: string;
  alg?: string;
  use?: string;
  /** Issuer id, as the 1EdTech impl guide's key provenance check reads it from a JWKS entry. */
  iss?: string;
};

/**
 * The on-disk key format (`credstack keygen --out key.json`). One verification method with
 * its key material, both as JWK and (Ed25519 / P-256) as Multikey multibase.
 * @example
 * ```ts
 * import { generateKey, type KeyFile } from 'credstack'
 * const key: KeyFile = await generateKey({ algorithm: 'P-256' })
 * ```
 */
export type KeyFile = {
  /** Verification method id: `did:key:z6Mk…#z6Mk…`, `did:web:example.edu#key-1`, `https://example.edu/issuers/1#key-1`. */
  id: string;
  /** The issuer id that controls the key: a DID or an https URL. */
  controller: string;
  /** `Multikey` for Ed25519 and P-256, `JsonWebKey` for RSA. */
  type: 'Multikey' | 'JsonWebKey';
  algorithm: KeyAlgorithm;
  /** Public JWK with `kid` = `id` and `alg`. */
  publicKeyJwk: Jwk;
  /** Private JWK (public members + `d`, and for RSA `p`, `q`, `dp`, `dq`, `qi`). */
  privateKeyJwk?: Jwk;
  /** Ed25519 `z6Mk…`, P-256 `zDn…`. */
  publicKeyMultibase?: string;
  /** Ed25519 `z3u2…` (0x8026 + seed), P-256 `z42t…` (0x8626 + d). */
  secretKeyMultibase?: string;
};

/**
 * A verification method as found in a DID document or a controller document.
 * @example
 * ```ts
 * import { didKeyDocument, type VerificationMethod } from 'credstack'
 * const [vm]: VerificationMethod[] = didKeyDocument('did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK').verificationMethod
 * ```
 */
export type VerificationMethod = {
  id: string;
  /** Other types may be found in documents; {@link keyFromVerificationMethod} refuses them. */
  type: 'Multikey' | 'JsonWebKey' | 'Ed25519VerificationKey2020' | 'JsonWebKey2020' | (string & {});
  controller: string;
  publicKeyMultibase?: string;
  publicKeyJwk?: Jwk;
};

/**
 * A DID document (or controller document) as credstack produces it.
 * @example
 * ```ts
 * import { type DidDocument, didKeyDocument } from 'credstack'
 * const doc: DidDocument = didKeyDocument('did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK')
 * ```
 */
export type DidDocument = {
  '@context': string[];
  id: string;
  verificationMethod: VerificationMethod[];
  assertionMethod: string[];
  authentication: string[];
  [property: string]: unknown;
};

/**
 * The public key of a verification method, normalised.
 * @example
 * ```ts
 * import { keyFromVerificationMethod, type PublicKeyInfo } from 'credstack'
 * const info: PublicKeyInfo = await keyFromVerificationMethod(verificationMethod)
 * ```
 */
export type PublicKeyInfo = {
  algorithm: KeyAlgorithm;
  /** Public members only (no `kid`/`alg` unless the source had them). */
  publicKeyJwk: Jwk;
  /** Set for Ed25519 and P-256. */
  publicKeyMultibase?: string;
};

/**
 * Something that signs: a key file, or a key held by a KMS/HSM. Signatures are raw bytes:
 * Ed25519 64 bytes; P-256 IEEE P1363 `r||s` 64 bytes (what JWS ES256 and ecdsa-rdfc-2019 need,
 * not DER); RSA PKCS#1 v1.5 with SHA-256.
 *
 * Exported from `credstack` and `credstack/keys`.
 * @example
 * ```ts
 * import { issueCredential, type Signer } from 'credstack'
 * const signer: Signer = {
 *   id: 'did:web:school.example#key-1',
 *   algorithm: 'P-256',
 *   sign: async ({ data }) => derToP1363(await kms.sign({ keyId, message: data })), // your KMS call
 * }
 * const signed = await issueCredential(unsignedBadge, { signer })
 * ```
 */
export interface Signer {
  /** Verification method id written into the proof (`verificationMethod`, JWS `kid`). */
  id: string;
  algorithm: KeyAlgorithm;
  /** Signs exactly `data` (the JWS signing input or the Data Integrity hash data); returns the raw signature. */
  sign(input: { data: Uint8Array }): Promise<Uint8Array>;
}

/**
 * Checks raw signatures made by a {@link Signer} of the same algorithm.
 * @example
 * ```ts
 * import { createVerifier, type Verifier } from 'credstack'
 * const verifier: Verifier = await createVerifier(key)
 * const ok = await verifier.verify({ data, signature })
 * ```
 */
export interface Verifier {
  id: string;
  algorithm: KeyAlgorithm;
  /** Whether `signature` is a valid signature of `data` by this key. */
  verify(input: { data: Uint8Array; signature: Uint8Array }): Promise<boolean>;
}

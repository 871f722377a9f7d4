// Public API of the keys module: key generation and key files, did:key / did:web, JWKS, issuer
// profiles, signers and verifiers, and verification method resolution.

export { didKeyDocument, didKeyFromPublicKey, type ParsedDidKey, parseDidKey } from './did-key.js';
export { type DidWebDocumentOptions, didWebDocument, didWebUrl } from './did-web.js';
export { type GenerateKeyOptions, generateKey } from './generate.js';
export { type IssuerProfileDocuments, issuerProfileWithKeys } from './issuer-profile.js';
export { jwsAlgorithm } from './jwk.js';
export { type ExportJwksOptions, exportJwks } from './jwks.js';
export { importKeyFile, publicKeyFile } from './key-file.js';
export {
  createKeyResolver,
  type KeyResolver,
  type KeyResolverOptions,
  type ResolvedVerificationMethod,
} from './resolve.js';
export { createSigner, createVerifier } from './signer.js';
export type {
  DidDocument,
  Jwk,
  JwsAlgorithm,
  KeyAlgorithm,
  KeyFile,
  PublicKeyInfo,
  Signer,
  VerificationMethod,
  Verifier,
} from './types.js';
export {
  type FindVerificationMethodOptions,
  keyFromVerificationMethod,
  verificationMethodFromDocument,
} from './verification-method.js';

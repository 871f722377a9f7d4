export { assertSafeJsonLd, canonize } from '../jsonld/canonize.js';
export { type HashData, proofHashData } from './di-common.js';
export type {
  Engine,
  EngineFallback,
  EngineMode,
  EngineReport,
  EngineStep,
  FallbackReason,
} from '../jsonld/engine.js';
export {
  type ProofCheck,
  type SignDataIntegrityOptions,
  signDataIntegrity,
  verifyDataIntegrityProof,
} from './data-integrity.js';
export { type DeriveOptions, defaultMandatoryPointers, deriveCredential } from './ecdsa-sd-2023.js';
export {
  ACCEPTED_PROOF_SUITES,
  type Cryptosuite,
  DEPRECATED_PROOF_SUITES,
  defaultCryptosuite,
} from './suites.js';
export {
  credentialFromJwtPayload,
  DEFAULT_JWT_ALGORITHMS,
  decodeJwt,
  isCompactJws,
  jwtClaims,
  type SignJwtOptions,
  signJwt,
} from './vc-jwt.js';

export { assertSafeJsonLd, canonize } from '../jsonld/canonize.js';
export { type HashData, proofHashData } from './data-integrity/hash-data.js';
export type {
  Engine,
  EngineFallback,
  EngineMode,
  EngineReport,
  EngineStep,
  FallbackReason,
} from '../jsonld/engine.js';
export { type ProofCheck, verifyDataIntegrityProof } from './data-integrity/verify.js';
export { type SignDataIntegrityOptions, signDataIntegrity } from './data-integrity/sign.js';
export {
  type DeriveOptions,
  defaultMandatoryPointers,
  deriveCredential,
} from './data-integrity/ecdsa-sd-2023.js';
export {
  ACCEPTED_PROOF_SUITES,
  type Cryptosuite,
  DEPRECATED_PROOF_SUITES,
  defaultCryptosuite,
} from './data-integrity/suites.js';
export { credentialFromJwtPayload, decodeJwt, isCompactJws } from './vc-jwt/decode.js';
export { DEFAULT_JWT_ALGORITHMS } from './vc-jwt/verify.js';
export { jwtClaims, type SignJwtOptions, signJwt } from './vc-jwt/sign.js';

export {
  ACCEPTED_PROOF_SUITES,
  type Cryptosuite,
  DEPRECATED_PROOF_SUITES,
  defaultCryptosuite,
} from './suites.js';
export {
  signDataIntegrity,
  type SignDataIntegrityOptions,
  verifyDataIntegrityProof,
} from './data-integrity.js';
export {
  credentialFromJwtPayload,
  DEFAULT_JWT_ALGORITHMS,
  decodeJwt,
  isCompactJws,
  jwtClaims,
  type SignJwtOptions,
  signJwt,
} from './vc-jwt.js';

/**
 * Issuer trust: whom a verifier believes, separate from whether a signature is valid.
 * @module
 */
export {
  evaluateTrust,
  type IssuerTrust,
  loadTrustRegistry,
  matchesTrustEntry,
  type TrustCallback,
  type TrustEntry,
  type TrustPolicy,
  type TrustRegistry,
  type TrustResult,
} from './trust.js';

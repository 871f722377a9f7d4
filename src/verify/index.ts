/**
 * Verification of Open Badges 3.0 credentials. Browser-safe: no `node:` imports.
 * @module
 */
export { verifyCredential, type VerifyOptions } from './verify-credential.js';
export type {
  AcceptanceNote,
  Check,
  CheckId,
  CheckStatus,
  ConformanceReport,
  CredentialFormat,
  VerificationResult,
  Verdict,
} from './result.js';
export { acceptanceOf, type CredentialShape } from './acceptance.js';
export { explainResult, type Explanation } from './explain.js';
export { verifiedBadge, verifiedClr, verifiedEndorsement } from './typed.js';
export { type VerifyManyResult, verifyMany } from './verify-many.js';
export type { BatchOptions, BatchProgress } from '../lib/batch.js';
export { DEFAULT_LIMITS, type VerifyLimits } from '../lib/limits.js';
export type { NetworkOptions, ResolveOptions } from './resolve.js';
export type { VerifyInput } from './parse.js';
export type { CredentialKindName } from './checks/envelope.js';
export {
  evaluateTrust,
  type IssuerTrust,
  loadTrustRegistry,
  type TrustEntry,
  type TrustPolicy,
  type TrustResult,
} from '../trust/index.js';

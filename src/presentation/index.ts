/**
 * Verifiable presentations: the learner proves the credentials are theirs, to one verifier, once.
 * @module
 */
export {
  type CreatePresentationOptions,
  createPresentation,
  type PresentationFormat,
} from './create-presentation.js';
export {
  type PresentationVerificationResult,
  type VerifyPresentationOptions,
  verifyPresentation,
} from './verify-presentation.js';

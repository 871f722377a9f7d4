/**
 * Open Badges 3.0 and CLR 2.0 data model: types, vocabulary and pure builders of unsigned credentials.
 * @module
 */
export { type AchievementInput, createAchievement } from './achievement.js';
export { type AlignmentInput, createAlignment } from './alignment.js';
export { type ClrCredentialInput, createAssociation, createClrCredential } from './clr.js';
export {
  ACHIEVEMENT_TYPES,
  ALIGNMENT_TARGET_TYPES,
  ASSOCIATION_TYPES,
  CLR_CREDENTIAL_SCHEMA,
  EXTENSION_TYPES,
  IDENTIFIER_TYPES,
  JSON_SCHEMA_VALIDATOR_TYPE,
  OB_ACHIEVEMENT_CREDENTIAL_SCHEMA,
  OB_ENDORSEMENT_CREDENTIAL_SCHEMA,
  OB_PROFILE_SCHEMA,
  RESULT_STATUS_TYPES,
  RESULT_TYPES,
} from './constants.js';
export {
  createOpenBadgeCredential,
  type EnvelopeInput,
  type OpenBadgeCredentialInput,
} from './credential.js';
export { createEndorsementCredential, type EndorsementCredentialInput } from './endorsement.js';
export { createEvidence, type EvidenceInput } from './evidence.js';
export {
  type CreateIdentityObjectOptions,
  createIdentityObject,
  type HashIdentifierOptions,
  hashIdentifier,
  matchesRecipient,
  type RecipientMatch,
  type RecipientQuery,
} from './identity.js';
export { type CredentialKind, credentialKind } from './kind.js';
export { createProfile, type ProfileInput } from './profile.js';
export type { RecipientInput, RecipientUri } from './recipient.js';
export {
  createResult,
  createResultDescription,
  type ResultDescriptionInput,
  type ResultInput,
} from './result.js';
export type * from './types/index.js';

// Credential envelopes of OB 3.0: OpenBadgeCredential (alias AchievementCredential) and
// EndorsementCredential, both VCDM 2.0 verifiable credentials.

import type { Achievement, Result } from './achievement.js';
import type {
  ContextEntry,
  CredentialSchema,
  CredentialStatus,
  Evidence,
  IdentityObject,
  Image,
  OneOrMany,
  Profile,
  ProfileRef,
  Proof,
  RefreshService,
  TermsOfUse,
} from './common.js';

/** Fields every OB 3.0 / CLR 2.0 credential envelope has (VCDM 2.0). */
export interface CredentialEnvelope {
  '@context': ContextEntry[];
  id: string;
  type: OneOrMany<string>;
  issuer: ProfileRef;
  validFrom: string;
  validUntil?: string;
  name?: string;
  description?: string;
  image?: Image;
  awardedDate?: string;
  proof?: OneOrMany<Proof>;
  credentialSchema?: OneOrMany<CredentialSchema>;
  credentialStatus?: CredentialStatus;
  refreshService?: RefreshService;
  termsOfUse?: OneOrMany<TermsOfUse>;
  evidence?: OneOrMany<Evidence>;
  [key: string]: unknown;
}

/**
 * AchievementSubject: the recipient and what they achieved. "Either `id` or at least one `identifier`
 * MUST be supplied" (not expressible in the schema; checked by the verifier).
 */
export interface AchievementSubject {
  id?: string;
  type: OneOrMany<string>;
  achievement: Achievement;
  identifier?: OneOrMany<IdentityObject>;
  activityStartDate?: string;
  activityEndDate?: string;
  creditsEarned?: number;
  image?: Image;
  licenseNumber?: string;
  narrative?: string;
  result?: OneOrMany<Result>;
  role?: string;
  source?: Profile;
  term?: string;
  [key: string]: unknown;
}

/** OpenBadgeCredential (alias AchievementCredential): an award of one achievement to one subject. */
export interface OpenBadgeCredential extends CredentialEnvelope {
  credentialSubject: AchievementSubject;
  endorsement?: OneOrMany<EndorsementCredential>;
  endorsementJwt?: OneOrMany<string>;
}

/** AchievementCredential is the other name of {@link OpenBadgeCredential}. */
export type AchievementCredential = OpenBadgeCredential;

/** EndorsementSubject: what is endorsed (a credential, achievement or profile, by `id`). */
export interface EndorsementSubject {
  id: string;
  type: OneOrMany<string>;
  /** Markdown. */
  endorsementComment?: string;
  [key: string]: unknown;
}

/** EndorsementCredential: a third party's endorsement; `name` is required. */
export interface EndorsementCredential extends CredentialEnvelope {
  name: string;
  credentialSubject: EndorsementSubject;
}

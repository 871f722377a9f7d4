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

/**
 * Fields every OB 3.0 / CLR 2.0 credential envelope has (VCDM 2.0).
 * @example
 * ```ts
 * import type { CredentialEnvelope } from 'credstack'
 * const issuerOf = (vc: CredentialEnvelope) => (typeof vc.issuer === 'string' ? vc.issuer : vc.issuer.id)
 * ```
 */
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
 * @example
 * ```ts
 * import type { AchievementSubject } from 'credstack'
 * const subject: AchievementSubject = { id: 'did:example:learner', type: 'AchievementSubject', achievement }
 * ```
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

/**
 * OpenBadgeCredential (alias AchievementCredential): an award of one achievement to one subject.
 * @example
 * ```ts
 * import { createOpenBadgeCredential, type OpenBadgeCredential } from 'credstack'
 * const badge: OpenBadgeCredential = await createOpenBadgeCredential(input)
 * badge.credentialSubject.achievement.name
 * ```
 */
export interface OpenBadgeCredential extends CredentialEnvelope {
  credentialSubject: AchievementSubject;
  endorsement?: OneOrMany<EndorsementCredential>;
  endorsementJwt?: OneOrMany<string>;
}

/**
 * AchievementCredential is the other name of {@link OpenBadgeCredential}.
 * @example
 * ```ts
 * import { type AchievementCredential, verifyCredential } from 'credstack'
 * const { credential } = await verifyCredential(jwt)
 * const badge = credential as AchievementCredential | undefined
 * ```
 */
export type AchievementCredential = OpenBadgeCredential;

/**
 * EndorsementSubject: what is endorsed (a credential, achievement or profile, by `id`).
 * @example
 * ```ts
 * import type { EndorsementSubject } from 'credstack'
 * const subject: EndorsementSubject = { id: 'https://example.org/achievements/teamwork',
 *   type: 'EndorsementSubject', endorsementComment: 'Meets our hiring bar.' }
 * ```
 */
export interface EndorsementSubject {
  id: string;
  type: OneOrMany<string>;
  /** Markdown. */
  endorsementComment?: string;
  [key: string]: unknown;
}

/**
 * EndorsementCredential: a third party's endorsement; `name` is required.
 * @example
 * ```ts
 * import { createEndorsementCredential, type EndorsementCredential } from 'credstack'
 * const endorsement: EndorsementCredential = createEndorsementCredential({ issuer: 'https://example.org/orgs/1',
 *   name: 'Endorsement', subjectId: 'https://example.org/achievements/teamwork' })
 * ```
 */
export interface EndorsementCredential extends CredentialEnvelope {
  name: string;
  credentialSubject: EndorsementSubject;
}

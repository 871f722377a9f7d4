// CLR 2.0 classes: a ClrCredential bundles a learner's verifiable credentials and the relations
// (associations) between their achievements.

import type { ASSOCIATION_TYPES } from '../constants.js';
import type { Achievement } from './achievement.js';
import type { IdentityObject, OneOrMany } from './common.js';
import type { CredentialEnvelope, EndorsementCredential } from './credential.js';

/**
 * AssociationType of CLR 2.0 (closed enumeration).
 * @example
 * ```ts
 * import type { AssociationType } from 'credstack'
 * const type: AssociationType = 'isChildOf'
 * ```
 */
export type AssociationType = (typeof ASSOCIATION_TYPES)[number];

/**
 * Association: a directed relation between two achievements (by `id`). Closed class.
 * @example
 * ```ts
 * import { createAssociation, type Association } from 'credstack'
 * const link: Association = createAssociation('isPartOf', 'https://example.org/a/1', 'https://example.org/a/2')
 * ```
 */
export interface Association {
  type: 'Association';
  associationType: AssociationType;
  sourceId: string;
  targetId: string;
}

/**
 * Any verifiable credential embedded in a CLR (in practice signed OpenBadgeCredentials).
 * @example
 * ```ts
 * import type { EmbeddedCredential } from 'credstack'
 * const embedded: EmbeddedCredential[] = [badge as EmbeddedCredential]
 * ```
 */
export interface EmbeddedCredential {
  '@context': OneOrMany<string | { [key: string]: unknown }>;
  type: OneOrMany<string>;
  issuer: unknown;
  validFrom: string;
  credentialSubject: { [key: string]: unknown };
  [key: string]: unknown;
}

/**
 * ClrSubject: the learner ("either `id` or at least one `identifier` is required") and their records.
 * @example
 * ```ts
 * import type { ClrSubject } from 'credstack'
 * const countCredentials = (subject: ClrSubject) => [subject.verifiableCredential].flat().length
 * ```
 */
export interface ClrSubject {
  id?: string;
  type: OneOrMany<string>;
  identifier?: OneOrMany<IdentityObject>;
  /** At least one. */
  verifiableCredential: OneOrMany<EmbeddedCredential>;
  achievement?: OneOrMany<Achievement>;
  association?: OneOrMany<Association>;
  [key: string]: unknown;
}

/**
 * ClrCredential: a Comprehensive Learner Record; `name` is required.
 * @example
 * ```ts
 * import { type ClrCredential, createClrCredential } from 'credstack'
 * const clr: ClrCredential = await createClrCredential(input)
 * clr.credentialSubject.verifiableCredential
 * ```
 */
export interface ClrCredential extends CredentialEnvelope {
  name: string;
  credentialSubject: ClrSubject;
  /** True when the publisher does not know all of the learner's assertions. */
  partial?: boolean;
  endorsement?: OneOrMany<EndorsementCredential>;
  endorsementJwt?: OneOrMany<string>;
}

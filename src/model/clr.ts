import { CLR_CONTEXT, OB_CONTEXT, VC_V2_CONTEXT } from '../contexts/urls.js';
import { describeValue } from '../errors.js';
import { clone, isObject } from '../lib/json.js';
import { type AchievementInput, createAchievement } from './achievement.js';
import { ASSOCIATION_TYPES, CLR_CREDENTIAL_SCHEMA } from './constants.js';
import { buildEnvelope, ENVELOPE_KEYS, type EnvelopeInput, finishContexts } from './credential.js';
import type { ProfileInput } from './profile.js';
import { type RecipientInput, recipientFields } from './recipient.js';
import type { Achievement } from './types/achievement.js';
import type { Association, AssociationType, ClrCredential, EmbeddedCredential } from './types/clr.js';
import type { Extensions, OneOrMany, Profile } from './types/common.js';
import { assignMissing, invalid, requireObject, requireString, rest, typeArray } from './util.js';

/**
 * A CLR Association: `sourceId` `associationType` `targetId` between two achievement ids
 * (e.g. `isChildOf`: source is a part of target; `precedes`: source comes before target).
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * createAssociation('isPartOf', 'https://example.org/achievements/course-1', 'https://example.org/achievements/program')
 * // { type: 'Association', associationType: 'isPartOf', sourceId: '…/course-1', targetId: '…/program' }
 * ```
 */
export function createAssociation(type: AssociationType, sourceId: string, targetId: string): Association {
  if (!(ASSOCIATION_TYPES as readonly unknown[]).includes(type)) {
    throw invalid('associationType', `one of ${ASSOCIATION_TYPES.join(', ')}`, describeValue(type));
  }
  // `type` is a plain string here: the CLR schema closes Association and does not accept an array.
  return {
    type: 'Association',
    associationType: type,
    sourceId: requireString(sourceId, 'sourceId'),
    targetId: requireString(targetId, 'targetId'),
  };
}

/**
 * Input of {@link createClrCredential}; other properties (credentialStatus, ...) are copied.
 * @example
 * ```ts
 * import type { ClrCredentialInput } from 'credstack'
 * const input: ClrCredentialInput = { issuer: 'https://example.org/issuers/1', name: 'Transcript',
 *   learner: { email: 'learner@example.org' }, credentials: [badge] }
 * ```
 */
export interface ClrCredentialInput extends EnvelopeInput {
  issuer: Profile | ProfileInput | string;
  /** The learner: a URI, `{ id }`, `{ email }` (hashed) or IdentityObject(s). */
  learner: RecipientInput;
  /** The learner's verifiable credentials (at least one), usually signed OpenBadgeCredentials. */
  credentials: EmbeddedCredential[];
  /** Achievement definitions the associations refer to. */
  achievements?: (Achievement | AchievementInput)[];
  associations?: Association[];
  /** True when the publisher does not know all of the learner's assertions. */
  partial?: boolean;
  name: string;
  // Copied as they are (the JSON Schema checks them when the credential is issued).
  credentialStatus?: object;
  refreshService?: object;
  termsOfUse?: OneOrMany<object>;
  /** Members of extension contexts, copied as they are (see {@link Extensions}). */
  extensions?: Extensions;
}

/**
 * An unsigned ClrCredential: `@context` = VC 2.0, CLR 2.0.1, OB 3.0.3 (the order the CLR schema requires).
 * Embedded credentials are copied unchanged (their proofs stay valid). Async because an email learner
 * is hashed.
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * const clr = await createClrCredential({
 *   issuer: { id: 'https://example.org/issuers/1', name: 'Example University' },
 *   learner: { id: 'did:example:learner' },
 *   name: 'Transcript',
 *   credentials: [signedBadge1, signedBadge2],
 *   associations: [createAssociation('isPartOf', badge1AchievementId, programId)],
 * })
 * ```
 */
export async function createClrCredential(input: ClrCredentialInput): Promise<ClrCredential> {
  requireObject(input, 'input');
  if (!Array.isArray(input.credentials) || input.credentials.length === 0) {
    throw invalid(
      'credentials',
      'a non-empty array of verifiable credentials',
      describeValue(input.credentials),
    );
  }
  const credentials = input.credentials.map((vc, i) => {
    if (!isObject(vc))
      throw invalid(`credentials[${i}]`, 'a verifiable credential object', describeValue(vc));
    return clone(vc);
  });
  const learner = await recipientFields(input.learner, 'learner');
  const subject: Record<string, unknown> = {
    ...(learner.id === undefined ? {} : { id: learner.id }),
    type: typeArray(undefined, 'ClrSubject'),
    ...(learner.identifier === undefined ? {} : { identifier: learner.identifier }),
    verifiableCredential: credentials,
  };
  if (input.achievements !== undefined) {
    if (!Array.isArray(input.achievements)) {
      throw invalid('achievements', 'an array', describeValue(input.achievements));
    }
    subject.achievement = input.achievements.map((a) => createAchievement(a as AchievementInput));
  }
  if (input.associations !== undefined) {
    if (!Array.isArray(input.associations)) {
      throw invalid('associations', 'an array', describeValue(input.associations));
    }
    subject.association = input.associations.map((a, i) => {
      const entry = requireObject(a, `associations[${i}]`);
      return createAssociation(
        entry.associationType as AssociationType,
        entry.sourceId as string,
        entry.targetId as string,
      );
    });
  }
  const doc = buildEnvelope(input, 'ClrCredential', CLR_CREDENTIAL_SCHEMA, requireString(input.name, 'name'));
  if (input.partial !== undefined) {
    if (typeof input.partial !== 'boolean')
      throw invalid('partial', 'a boolean', describeValue(input.partial));
    doc.partial = input.partial;
  }
  doc.credentialSubject = subject;
  assignMissing(
    doc,
    rest(input, [...ENVELOPE_KEYS, 'learner', 'credentials', 'achievements', 'associations', 'partial']),
  );
  return finishContexts(doc, [VC_V2_CONTEXT, CLR_CONTEXT, OB_CONTEXT], input.context) as ClrCredential;
}

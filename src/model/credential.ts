import { OB_CONTEXT, OB_EXTENSIONS_CONTEXT, VC_V2_CONTEXT } from '../contexts/urls.js';
import { describeValue } from '../errors.js';
import type { JsonObject } from '../lib/json.js';
import { type AchievementInput, createAchievement } from './achievement.js';
import { JSON_SCHEMA_VALIDATOR_TYPE, OB_ACHIEVEMENT_CREDENTIAL_SCHEMA } from './constants.js';
import { createEvidence, type EvidenceInput } from './evidence.js';
import { type ProfileInput, toImage, toIssuer } from './profile.js';
import { type RecipientInput, recipientFields } from './recipient.js';
import { createResult, type ResultInput } from './result.js';
import type { Achievement } from './types/achievement.js';
import type {
  ContextEntry,
  CredentialSchema,
  Extensions,
  Image,
  KnownMembers,
  OneOrMany,
  Profile,
} from './types/common.js';
import type { AchievementSubject, OpenBadgeCredential } from './types/credential.js';
import {
  assignMissing,
  contextArray,
  formatDateTime,
  invalid,
  newId,
  requireObject,
  requireString,
  rest,
  toDateTime,
  typeArray,
} from './util.js';

/**
 * Envelope options shared by the credential builders.
 * @example
 * ```ts
 * import type { EnvelopeInput } from 'credstack'
 * const envelope: EnvelopeInput = { validFrom: new Date('2026-01-01T00:00:00Z'), validUntil: '2031-01-01T00:00:00Z' }
 * ```
 */
export interface EnvelopeInput {
  /** Default: a new `urn:uuid:`. */
  id?: string;
  /** Default: now (seconds precision). */
  validFrom?: Date | string;
  validUntil?: Date | string;
  awardedDate?: Date | string;
  description?: string;
  image?: string | Image;
  /** Extra `type` values (the required ones are always present). */
  type?: OneOrMany<string>;
  /** `true` adds the official schema as a `1EdTechJsonSchemaValidator2019` entry; or give entries. */
  credentialSchema?: boolean | OneOrMany<CredentialSchema>;
  /** Contexts appended after the required ones (and `extensions.json`, added when needed). */
  context?: OneOrMany<ContextEntry>;
}

/**
 * Input of {@link createOpenBadgeCredential}; other properties (credentialStatus, termsOfUse...) are copied.
 * @example
 * ```ts
 * import { createOpenBadgeCredential, type OpenBadgeCredentialInput } from 'credstack'
 * const input: OpenBadgeCredentialInput = { issuer: 'https://example.org/issuers/1', recipient: 'did:example:learner',
 *   achievement: { name: 'Teamwork', description: 'Collaborates within a group.', criteria: 'Peer nomination.' } }
 * const badge = await createOpenBadgeCredential(input)
 * ```
 */
export interface OpenBadgeCredentialInput extends EnvelopeInput {
  issuer: Profile | ProfileInput | string;
  achievement: Achievement | AchievementInput;
  recipient: RecipientInput;
  /** Default: the achievement's name. */
  name?: string;
  results?: ResultInput[];
  evidence?: EvidenceInput[];
  /** Extra AchievementSubject fields (activityStartDate, creditsEarned, role, ...). */
  subject?: Partial<Omit<KnownMembers<AchievementSubject>, 'achievement' | 'identifier' | 'id'>> & {
    extensions?: Extensions;
  };
  // Copied as they are (the JSON Schema checks them when the credential is issued).
  credentialStatus?: object;
  refreshService?: object;
  termsOfUse?: OneOrMany<object>;
  /** Signed EndorsementCredentials. */
  endorsement?: OneOrMany<object>;
  endorsementJwt?: OneOrMany<string>;
  /** Members of extension contexts, copied as they are (see {@link Extensions}). */
  extensions?: Extensions;
}

const ENVELOPE_KEYS = [
  'id',
  'validFrom',
  'validUntil',
  'awardedDate',
  'description',
  'image',
  'type',
  'credentialSchema',
  'context',
  '@context',
  'issuer',
  'name',
  'credentialSubject',
] as const;

/** The envelope fields in spec example order; `kind` is the credential type after VerifiableCredential. */
export function buildEnvelope(
  input: EnvelopeInput & { issuer: unknown },
  kind: string,
  schemaId: string,
  name: string | undefined,
): JsonObject {
  const validFrom =
    input.validFrom === undefined ? formatDateTime(new Date()) : toDateTime(input.validFrom, 'validFrom');
  const out: JsonObject = {
    '@context': [],
    id: input.id === undefined ? newId() : requireString(input.id, 'id'),
    type: typeArray(input.type, 'VerifiableCredential', kind),
  };
  if (name !== undefined) out.name = requireString(name, 'name');
  if (input.description !== undefined) out.description = requireString(input.description, 'description');
  if (input.image !== undefined) out.image = toImage(input.image, 'image');
  out.issuer = toIssuer(input.issuer);
  out.validFrom = validFrom;
  if (input.validUntil !== undefined) {
    out.validUntil = toDateTime(input.validUntil, 'validUntil');
    if (Date.parse(out.validUntil as string) <= Date.parse(validFrom)) {
      throw invalid('validUntil', `later than validFrom (${validFrom})`, describeValue(out.validUntil));
    }
  }
  if (input.awardedDate !== undefined) out.awardedDate = toDateTime(input.awardedDate, 'awardedDate');
  if (input.credentialSchema === true) {
    out.credentialSchema = [{ id: schemaId, type: JSON_SCHEMA_VALIDATOR_TYPE }];
  } else if (input.credentialSchema !== undefined && input.credentialSchema !== false) {
    const list = Array.isArray(input.credentialSchema) ? input.credentialSchema : [input.credentialSchema];
    out.credentialSchema = list.map((entry, i) => {
      const e = requireObject(entry, `credentialSchema[${i}]`);
      return {
        ...rest(e, []),
        id: requireString(e.id, `credentialSchema[${i}].id`),
        type: requireString(e.type, `credentialSchema[${i}].type`),
      };
    });
  }
  return out;
}

/** Sets `@context` once the whole document is known (extensions.json depends on the types used). */
export function finishContexts(doc: JsonObject, leading: readonly string[], extra: unknown): JsonObject {
  doc['@context'] = contextArray(leading, doc, OB_EXTENSIONS_CONTEXT, extra);
  return doc;
}

/**
 * An unsigned OpenBadgeCredential (OB 3.0 AchievementCredential): `@context` = VC 2.0 then OB 3.0.3,
 * `type` = VerifiableCredential + OpenBadgeCredential, a `urn:uuid:` id and `validFrom` = now unless given.
 * Async because an email recipient is hashed with SHA-256 (WebCrypto). The input is never mutated.
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * const credential = await createOpenBadgeCredential({
 *   issuer: { id: 'https://example.org/issuers/1', name: 'Example University' },
 *   achievement: { id: 'https://example.org/achievements/teamwork', name: 'Teamwork',
 *     description: 'Collaborates within a group.', criteria: 'Peer nomination.' },
 *   recipient: { email: 'learner@example.org' },
 * })
 * ```
 */
export async function createOpenBadgeCredential(
  input: OpenBadgeCredentialInput,
): Promise<OpenBadgeCredential> {
  requireObject(input, 'input');
  const achievement = createAchievement(
    requireObject(input.achievement, 'achievement') as unknown as AchievementInput,
  );
  const recipient = await recipientFields(input.recipient, 'recipient');
  const subjectExtra =
    input.subject === undefined ? {} : rest(requireObject(input.subject, 'subject'), ['type']);
  const subject: JsonObject = {
    ...(recipient.id === undefined ? {} : { id: recipient.id }),
    type: typeArray(input.subject?.type, 'AchievementSubject'),
    ...(recipient.identifier === undefined ? {} : { identifier: recipient.identifier }),
    achievement,
    ...subjectExtra,
  };
  if (input.results !== undefined) {
    if (!Array.isArray(input.results)) throw invalid('results', 'an array', describeValue(input.results));
    subject.result = input.results.map(createResult);
  }
  const doc = buildEnvelope(
    input,
    'OpenBadgeCredential',
    OB_ACHIEVEMENT_CREDENTIAL_SCHEMA,
    input.name ?? achievement.name,
  );
  doc.credentialSubject = subject;
  if (input.evidence !== undefined) {
    if (!Array.isArray(input.evidence)) throw invalid('evidence', 'an array', describeValue(input.evidence));
    doc.evidence = input.evidence.map(createEvidence);
  }
  assignMissing(
    doc,
    rest(input, [...ENVELOPE_KEYS, 'achievement', 'recipient', 'results', 'evidence', 'subject']),
  );
  return finishContexts(doc, [VC_V2_CONTEXT, OB_CONTEXT], input.context) as OpenBadgeCredential;
}

export { ENVELOPE_KEYS };

import { OB_CONTEXT, VC_V2_CONTEXT } from '../contexts/urls.js';
import { OB_ENDORSEMENT_CREDENTIAL_SCHEMA } from './constants.js';
import { buildEnvelope, ENVELOPE_KEYS, type EnvelopeInput, finishContexts } from './credential.js';
import type { ProfileInput } from './profile.js';
import type { OneOrMany, Profile } from './types/common.js';
import type { EndorsementCredential } from './types/credential.js';
import { assignMissing, requireObject, requireString, rest, typeArray } from './util.js';

/**
 * Input of {@link createEndorsementCredential}; other properties (credentialStatus, ...) are copied.
 * @example
 * ```ts
 * import { createEndorsementCredential, type EndorsementCredentialInput } from 'credstack'
 * const input: EndorsementCredentialInput = { issuer: 'https://example.org/orgs/1', name: 'Endorsement',
 *   subjectId: 'https://example.org/achievements/teamwork', endorsementComment: 'Meets our hiring bar.' }
 * const endorsement = createEndorsementCredential(input)
 * ```
 */
export interface EndorsementCredentialInput extends EnvelopeInput {
  /** The endorser. */
  issuer: Profile | ProfileInput | string;
  /** `id` of the endorsed credential, achievement or profile. */
  subjectId: string;
  /** Markdown. */
  endorsementComment?: string;
  /** Required by the spec for endorsements. */
  name: string;
  /** Extra `credentialSubject.type` values. */
  subjectType?: OneOrMany<string>;
  [key: string]: unknown;
}

/**
 * An unsigned EndorsementCredential. `@context` = VC 2.0 then OB 3.0.3; `extensions.json` is appended
 * only when a 1EdTech extension type is used (e.g. `credentialSchema: true`), which is why the spec's
 * example lists it: it carries `1EdTechJsonSchemaValidator2019`, `1EdTechRevocationList` and
 * `1EdTechCredentialRefresh` entries, whose terms only that context defines.
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * const endorsement = createEndorsementCredential({
 *   issuer: { id: 'https://state.example.gov/issuers/1', name: 'State Department of Education' },
 *   subjectId: 'https://example.org/issuers/1',
 *   name: 'SDE endorsement',
 *   endorsementComment: 'Example University is in good standing',
 * })
 * ```
 */
export function createEndorsementCredential(input: EndorsementCredentialInput): EndorsementCredential {
  requireObject(input, 'input');
  const doc = buildEnvelope(
    input,
    'EndorsementCredential',
    OB_ENDORSEMENT_CREDENTIAL_SCHEMA,
    requireString(input.name, 'name'),
  );
  doc.credentialSubject = {
    id: requireString(input.subjectId, 'subjectId'),
    type: typeArray(input.subjectType, 'EndorsementSubject'),
    ...(input.endorsementComment === undefined
      ? {}
      : { endorsementComment: requireString(input.endorsementComment, 'endorsementComment') }),
  };
  assignMissing(doc, rest(input, [...ENVELOPE_KEYS, 'subjectId', 'endorsementComment', 'subjectType']));
  return finishContexts(doc, [VC_V2_CONTEXT, OB_CONTEXT], input.context) as EndorsementCredential;
}

// Vocabulary of Open Badges 3.0 and CLR 2.0: enumerations and schema URLs. Each list is copied from the
// published JSON Schemas in `schemas/` (the `enum` arrays), so the types derived from them match what the
// schema accepts. Context URLs live in `src/contexts/urls.ts` and are not repeated here.

/**
 * Every `achievementType` of OB 3.0 (AchievementType enumeration; extensible with `ext:` names).
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * ACHIEVEMENT_TYPES.includes('Badge') // true
 * ```
 */
export const ACHIEVEMENT_TYPES = [
  'Achievement',
  'ApprenticeshipCertificate',
  'Assessment',
  'Assignment',
  'AssociateDegree',
  'Award',
  'Badge',
  'BachelorDegree',
  'Certificate',
  'CertificateOfCompletion',
  'Certification',
  'CommunityService',
  'Competency',
  'Course',
  'CoCurricular',
  'Degree',
  'Diploma',
  'DoctoralDegree',
  'Fieldwork',
  'GeneralEducationDevelopment',
  'JourneymanCertificate',
  'LearningProgram',
  'License',
  'Membership',
  'ProfessionalDoctorate',
  'QualityAssuranceCredential',
  'MasterCertificate',
  'MasterDegree',
  'MicroCredential',
  'ResearchDoctorate',
  'SecondarySchoolDiploma',
] as const;

/**
 * IdentifierTypeEnum of OB 3.0: what kind of value an IdentityObject or IdentifierEntry holds.
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * IDENTIFIER_TYPES.includes('emailAddress') // true
 * ```
 */
export const IDENTIFIER_TYPES = [
  'name',
  'sourcedId',
  'systemId',
  'productId',
  'userName',
  'accountId',
  'emailAddress',
  'nationalIdentityNumber',
  'isbn',
  'issn',
  'lisSourcedId',
  'oneRosterSourcedId',
  'sisSourcedId',
  'ltiContextId',
  'ltiDeploymentId',
  'ltiToolId',
  'ltiPlatformId',
  'ltiUserId',
  'identifier',
] as const;

/**
 * ResultType enumeration of OB 3.0 (extensible with `ext:` names).
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * RESULT_TYPES.includes('LetterGrade') // true
 * ```
 */
export const RESULT_TYPES = [
  'GradePointAverage',
  'LetterGrade',
  'Percent',
  'PerformanceLevel',
  'PredictedScore',
  'RawScore',
  'Result',
  'RubricCriterion',
  'RubricCriterionLevel',
  'RubricScore',
  'ScaledScore',
  'Status',
] as const;

/**
 * ResultStatusType enumeration of OB 3.0 (closed: the schema allows no extension).
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * RESULT_STATUS_TYPES.includes('Completed') // true
 * ```
 */
export const RESULT_STATUS_TYPES = [
  'Completed',
  'Enrolled',
  'Failed',
  'InProgress',
  'OnHold',
  'Provisional',
  'Withdrew',
] as const;

/**
 * AlignmentTargetType enumeration of OB 3.0 (extensible with `ext:` names).
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * ALIGNMENT_TARGET_TYPES.includes('CFItem') // true
 * ```
 */
export const ALIGNMENT_TARGET_TYPES = [
  'ceasn:Competency',
  'ceterms:Credential',
  'CFItem',
  'CFRubric',
  'CFRubricCriterion',
  'CFRubricCriterionLevel',
  'CTDL',
] as const;

/**
 * AssociationType enumeration of CLR 2.0 (closed).
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * ASSOCIATION_TYPES.includes('isPartOf') // true
 * ```
 */
export const ASSOCIATION_TYPES = [
  'exactMatchOf',
  'isChildOf',
  'isParentOf',
  'isPartOf',
  'isPeerOf',
  'isRelatedTo',
  'precedes',
  'replacedBy',
] as const;

/**
 * `$id` of the official OB 3.0 AchievementCredential (OpenBadgeCredential) JSON Schema; the value a
 * `credentialSchema` entry of type `1EdTechJsonSchemaValidator2019` names.
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * { id: OB_ACHIEVEMENT_CREDENTIAL_SCHEMA, type: JSON_SCHEMA_VALIDATOR_TYPE }
 * ```
 */
export const OB_ACHIEVEMENT_CREDENTIAL_SCHEMA =
  'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';
/**
 * `$id` of the official OB 3.0 EndorsementCredential JSON Schema.
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * validateAgainst(endorsement, OB_ENDORSEMENT_CREDENTIAL_SCHEMA)
 * ```
 */
export const OB_ENDORSEMENT_CREDENTIAL_SCHEMA =
  'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_endorsementcredential_schema.json';
/**
 * `$id` of the official OB 3.0 Profile JSON Schema.
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * validateAgainst(profile, OB_PROFILE_SCHEMA)
 * ```
 */
export const OB_PROFILE_SCHEMA =
  'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_profile_schema.json';
/**
 * `$id` of the official CLR 2.0 ClrCredential JSON Schema.
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * validateAgainst(clr, CLR_CREDENTIAL_SCHEMA)
 * ```
 */
export const CLR_CREDENTIAL_SCHEMA =
  'https://purl.imsglobal.org/spec/clr/v2p0/schema/json/clr_v2p0_clrcredential_schema.json';

/**
 * `credentialSchema.type` that means "validate with this JSON Schema (draft 2019-09)" (VCCS 1.0).
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * entry.type === JSON_SCHEMA_VALIDATOR_TYPE
 * ```
 */
export const JSON_SCHEMA_VALIDATOR_TYPE = '1EdTechJsonSchemaValidator2019';

/**
 * Type names whose terms are defined only in `https://purl.imsglobal.org/spec/ob/v3p0/extensions.json`;
 * a credential using one of them needs that context (the spec examples that use them list it).
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * EXTENSION_TYPES.includes('1EdTechRevocationList') // true
 * ```
 */
export const EXTENSION_TYPES = [
  JSON_SCHEMA_VALIDATOR_TYPE,
  '1EdTechRevocationList',
  '1EdTechCredentialRefresh',
] as const;

// Shared OB 3.0 / CLR 2.0 classes (OB 3.0 "Data Models" appendix; the JSON Schemas in `schemas/` are the
// source of truth for which fields are required and which classes are closed).
//
// Conventions:
// - `[key: string]: unknown` where the schema has `additionalProperties: true` (extensions allowed);
//   closed classes (Image, IdentityObject, IdentifierEntry, Association) have no index signature.
// - `OneOrMany<T>` where the JSON-LD compacted form may use a single value (`type`, `proof`,
//   `credentialSchema`, `termsOfUse` and the other sets); builders always emit arrays.
// - Strings that the schema also accepts as a language map are typed `string`: that is how credstack
//   emits them, and consumers rarely meet language maps.

import type { ALIGNMENT_TARGET_TYPES, IDENTIFIER_TYPES } from '../constants.js';
import type { EndorsementCredential } from './credential.js';

/**
 * A single value or an array of values (JSON-LD compacted form).
 * @example
 * ```ts
 * import type { OneOrMany } from 'credstack'
 * const types: OneOrMany<string> = ['VerifiableCredential', 'OpenBadgeCredential']
 * ```
 */
export type OneOrMany<T> = T | T[];

/**
 * Members no credstack input names: terms of an extension context you add with `context`, copied
 * into the output as they are. An input type has no index signature, so a typo such as
 * `achievmentType` is a type error; extension terms go here instead.
 * @example
 * ```ts
 * import type { Extensions } from 'credstack'
 * const extensions: Extensions = { 'ext:accessibility': { type: 'AccessibilityExtension' } }
 * ```
 */
export type Extensions = { readonly [term: string]: unknown };

/**
 * `T` without its index signature: the members the OB types name. Input types are built from
 * it so that they take every OB member and nothing misspelt.
 * @example
 * ```ts
 * import type { KnownMembers, Profile } from 'credstack'
 * const url: KnownMembers<Profile>['url'] = 'https://example.org'
 * ```
 */
export type KnownMembers<T> = {
  [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K];
};

/**
 * An extension name allowed by the extensible enumerations (`ext:` prefix).
 * @example
 * ```ts
 * import type { ExtensionName } from 'credstack'
 * const name: ExtensionName = 'ext:MicroCredential'
 * ```
 */
export type ExtensionName = `ext:${string}`;

/**
 * IdentifierTypeEnum: kind of value held by an IdentityObject or IdentifierEntry.
 * @example
 * ```ts
 * import type { IdentifierType } from 'credstack'
 * const type: IdentifierType = 'emailAddress'
 * ```
 */
export type IdentifierType = (typeof IDENTIFIER_TYPES)[number] | ExtensionName;

/**
 * AlignmentTargetType: the kind of framework item an Alignment points at.
 * @example
 * ```ts
 * import type { AlignmentTargetType } from 'credstack'
 * const target: AlignmentTargetType = 'ceasn:Competency'
 * ```
 */
export type AlignmentTargetType = (typeof ALIGNMENT_TARGET_TYPES)[number] | ExtensionName;

/**
 * Image: a URI (or `data:` URI) of a PNG/SVG with an optional caption. Closed class.
 * @example
 * ```ts
 * import type { Image } from 'credstack'
 * const image: Image = { id: 'https://example.org/badges/teamwork.png', type: 'Image', caption: 'Teamwork badge' }
 * ```
 */
export interface Image {
  id: string;
  type: 'Image';
  caption?: string;
}

/**
 * IdentifierEntry: an alternative identifier of a Profile or Achievement. Closed class.
 * @example
 * ```ts
 * import type { IdentifierEntry } from 'credstack'
 * const entry: IdentifierEntry = { type: 'IdentifierEntry', identifier: '12345', identifierType: 'sourcedId' }
 * ```
 */
export interface IdentifierEntry {
  type: 'IdentifierEntry';
  identifier: string;
  identifierType: IdentifierType;
}

/**
 * IdentityObject: identifies a recipient by a (usually hashed) value such as an email address. Closed class.
 * `identityHash` is either the plain value (`hashed: false`) or `<alg>$<hex>` with alg `sha256` or `md5`,
 * hashed over UTF-8(value + salt).
 * @example
 * ```ts
 * import { createIdentityObject, type IdentityObject } from 'credstack'
 * const identity: IdentityObject = await createIdentityObject({ identifier: 'learner@example.org' })
 * ```
 */
export interface IdentityObject {
  type: 'IdentityObject';
  hashed: boolean;
  identityHash: string;
  identityType: IdentifierType;
  salt?: string;
}

/**
 * GeoCoordinates of an Address.
 * @example
 * ```ts
 * import type { GeoCoordinates } from 'credstack'
 * const geo: GeoCoordinates = { type: 'GeoCoordinates', latitude: 53.8, longitude: -1.55 }
 * ```
 */
export interface GeoCoordinates {
  type: OneOrMany<string>;
  latitude: number;
  longitude: number;
  [key: string]: unknown;
}

/**
 * Address of a Profile.
 * @example
 * ```ts
 * import type { Address } from 'credstack'
 * const address: Address = { type: 'Address', addressLocality: 'Leeds', addressCountryCode: 'GB' }
 * ```
 */
export interface Address {
  type: OneOrMany<string>;
  addressCountry?: string;
  addressCountryCode?: string;
  addressRegion?: string;
  addressLocality?: string;
  streetAddress?: string;
  postOfficeBoxNumber?: string;
  postalCode?: string;
  geo?: GeoCoordinates;
  [key: string]: unknown;
}

/**
 * Profile: an issuer, creator, endorser, source or other person/organisation.
 * @example
 * ```ts
 * import type { Profile } from 'credstack'
 * const issuer: Profile = { id: 'https://example.org/issuers/1', type: 'Profile', name: 'Example University' }
 * ```
 */
export interface Profile {
  id: string;
  type: OneOrMany<string>;
  name?: string;
  url?: string;
  phone?: string;
  description?: string;
  endorsement?: OneOrMany<EndorsementCredential>;
  endorsementJwt?: OneOrMany<string>;
  image?: Image;
  email?: string;
  address?: Address;
  otherIdentifier?: OneOrMany<IdentifierEntry>;
  official?: string;
  parentOrg?: Profile;
  familyName?: string;
  givenName?: string;
  additionalName?: string;
  patronymicName?: string;
  honorificPrefix?: string;
  honorificSuffix?: string;
  familyNamePrefix?: string;
  dateOfBirth?: string;
  [key: string]: unknown;
}

/**
 * ProfileRef: an issuer is either the Profile's URI or the Profile itself.
 * @example
 * ```ts
 * import type { ProfileRef } from 'credstack'
 * const issuer: ProfileRef = 'https://example.org/issuers/1'
 * ```
 */
export type ProfileRef = string | Profile;

/**
 * Alignment: a link from an achievement or result to a framework item (competency, standard).
 * @example
 * ```ts
 * import type { Alignment } from 'credstack'
 * const alignment: Alignment = { type: 'Alignment', targetName: 'Teamwork',
 *   targetUrl: 'https://example.org/frameworks/skills/teamwork', targetType: 'CFItem' }
 * ```
 */
export interface Alignment {
  type: OneOrMany<string>;
  targetName: string;
  targetUrl: string;
  targetCode?: string;
  targetDescription?: string;
  targetFramework?: string;
  targetType?: AlignmentTargetType;
  [key: string]: unknown;
}

/**
 * Criteria: how the achievement is earned (`id` URL and/or Markdown `narrative`).
 * @example
 * ```ts
 * import type { Criteria } from 'credstack'
 * const criteria: Criteria = { narrative: 'Complete three peer-reviewed group projects.' }
 * ```
 */
export interface Criteria {
  id?: string;
  narrative?: string;
  [key: string]: unknown;
}

/**
 * Evidence: work or artefacts supporting the award.
 * @example
 * ```ts
 * import type { Evidence } from 'credstack'
 * const evidence: Evidence = { id: 'https://example.org/portfolio/42', type: 'Evidence', name: 'Capstone project' }
 * ```
 */
export interface Evidence {
  id?: string;
  type: OneOrMany<string>;
  narrative?: string;
  name?: string;
  description?: string;
  genre?: string;
  audience?: string;
  [key: string]: unknown;
}

/**
 * Related: another version (e.g. a translation) of an Achievement.
 * @example
 * ```ts
 * import type { Related } from 'credstack'
 * const related: Related = { id: 'https://example.org/achievements/teamwork-fr', type: 'Related', inLanguage: 'fr' }
 * ```
 */
export interface Related {
  id: string;
  type: OneOrMany<string>;
  inLanguage?: string;
  version?: string;
  [key: string]: unknown;
}

/**
 * Proof: an embedded Data Integrity proof (`DataIntegrityProof` fields; legacy suites add their own).
 * @example
 * ```ts
 * import type { Proof } from 'credstack'
 * const cryptosuiteOf = (proof: Proof) => proof.cryptosuite ?? proof.type
 * ```
 */
export interface Proof {
  type: string;
  created?: string;
  cryptosuite?: string;
  challenge?: string;
  domain?: string;
  nonce?: string;
  proofPurpose?: string;
  proofValue?: string;
  verificationMethod?: string;
  [key: string]: unknown;
}

/**
 * CredentialSchema: a schema the credential claims to conform to (`1EdTechJsonSchemaValidator2019`).
 * @example
 * ```ts
 * import type { CredentialSchema } from 'credstack'
 * const schema: CredentialSchema = { id: 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json', type: '1EdTechJsonSchemaValidator2019' }
 * ```
 */
export interface CredentialSchema {
  id: string;
  type: string;
  [key: string]: unknown;
}

/**
 * CredentialStatus: how to check revocation. Generic (`1EdTechRevocationList` needs only `id`/`type`),
 * with the fields of a `BitstringStatusListEntry` typed.
 * @example
 * ```ts
 * import type { CredentialStatus } from 'credstack'
 * const status: CredentialStatus = { type: 'BitstringStatusListEntry', statusPurpose: 'revocation',
 *   statusListIndex: '94567', statusListCredential: 'https://example.org/status/1' }
 * ```
 */
export interface CredentialStatus {
  id?: string;
  type: string;
  /** BitstringStatusListEntry: `revocation`, `suspension`, ... */
  statusPurpose?: string;
  /** BitstringStatusListEntry: index into the list, as a decimal string. */
  statusListIndex?: string;
  /** BitstringStatusListEntry: URL of the status list credential. */
  statusListCredential?: string;
  [key: string]: unknown;
}

/**
 * RefreshService: where to fetch an updated copy (`1EdTechCredentialRefresh`).
 * @example
 * ```ts
 * import type { RefreshService } from 'credstack'
 * const refresh: RefreshService = { id: 'https://example.org/refresh/42', type: '1EdTechCredentialRefresh' }
 * ```
 */
export interface RefreshService {
  id: string;
  type: string;
  [key: string]: unknown;
}

/**
 * TermsOfUse of a credential.
 * @example
 * ```ts
 * import type { TermsOfUse } from 'credstack'
 * const terms: TermsOfUse = { id: 'https://example.org/terms', type: 'TrustFrameworkPolicy' }
 * ```
 */
export interface TermsOfUse {
  id?: string;
  type: string;
  [key: string]: unknown;
}

/**
 * A JSON-LD `@context` entry: a URL or an inline context object.
 * @example
 * ```ts
 * import type { ContextEntry } from 'credstack'
 * const contexts: ContextEntry[] = ['https://www.w3.org/ns/credentials/v2', { ex: 'https://example.org/vocab#' }]
 * ```
 */
export type ContextEntry = string | { [key: string]: unknown };

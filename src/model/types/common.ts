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

/** A single value or an array of values (JSON-LD compacted form). */
export type OneOrMany<T> = T | T[];

/** An extension name allowed by the extensible enumerations (`ext:` prefix). */
export type ExtensionName = `ext:${string}`;

/** IdentifierTypeEnum: kind of value held by an IdentityObject or IdentifierEntry. */
export type IdentifierType = (typeof IDENTIFIER_TYPES)[number] | ExtensionName;

/** AlignmentTargetType: the kind of framework item an Alignment points at. */
export type AlignmentTargetType = (typeof ALIGNMENT_TARGET_TYPES)[number] | ExtensionName;

/** Image: a URI (or `data:` URI) of a PNG/SVG with an optional caption. Closed class. */
export interface Image {
  id: string;
  type: 'Image';
  caption?: string;
}

/** IdentifierEntry: an alternative identifier of a Profile or Achievement. Closed class. */
export interface IdentifierEntry {
  type: 'IdentifierEntry';
  identifier: string;
  identifierType: IdentifierType;
}

/**
 * IdentityObject: identifies a recipient by a (usually hashed) value such as an email address. Closed class.
 * `identityHash` is either the plain value (`hashed: false`) or `<alg>$<hex>` with alg `sha256` or `md5`,
 * hashed over UTF-8(value + salt).
 */
export interface IdentityObject {
  type: 'IdentityObject';
  hashed: boolean;
  identityHash: string;
  identityType: IdentifierType;
  salt?: string;
}

/** GeoCoordinates of an Address. */
export interface GeoCoordinates {
  type: OneOrMany<string>;
  latitude: number;
  longitude: number;
  [key: string]: unknown;
}

/** Address of a Profile. */
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

/** Profile: an issuer, creator, endorser, source or other person/organisation. */
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

/** ProfileRef: an issuer is either the Profile's URI or the Profile itself. */
export type ProfileRef = string | Profile;

/** Alignment: a link from an achievement or result to a framework item (competency, standard). */
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

/** Criteria: how the achievement is earned (`id` URL and/or Markdown `narrative`). */
export interface Criteria {
  id?: string;
  narrative?: string;
  [key: string]: unknown;
}

/** Evidence: work or artefacts supporting the award. */
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

/** Related: another version (e.g. a translation) of an Achievement. */
export interface Related {
  id: string;
  type: OneOrMany<string>;
  inLanguage?: string;
  version?: string;
  [key: string]: unknown;
}

/** Proof: an embedded Data Integrity proof (`DataIntegrityProof` fields; legacy suites add their own). */
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

/** CredentialSchema: a schema the credential claims to conform to (`1EdTechJsonSchemaValidator2019`). */
export interface CredentialSchema {
  id: string;
  type: string;
  [key: string]: unknown;
}

/**
 * CredentialStatus: how to check revocation. Generic (`1EdTechRevocationList` needs only `id`/`type`),
 * with the fields of a `BitstringStatusListEntry` typed.
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

/** RefreshService: where to fetch an updated copy (`1EdTechCredentialRefresh`). */
export interface RefreshService {
  id: string;
  type: string;
  [key: string]: unknown;
}

/** TermsOfUse of a credential. */
export interface TermsOfUse {
  id?: string;
  type: string;
  [key: string]: unknown;
}

/** A JSON-LD `@context` entry: a URL or an inline context object. */
export type ContextEntry = string | { [key: string]: unknown };

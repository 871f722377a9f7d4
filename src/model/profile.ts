import { describeValue } from '../errors.js';
import { isObject } from '../lib/json.js';
import type { Extensions, Image, KnownMembers, OneOrMany, Profile } from './types/common.js';
import { invalid, requireObject, requireString, rest, typeArray } from './util.js';

/**
 * Input of {@link createProfile}: a Profile whose `type` may be omitted and whose `image` may be a URL.
 * @example
 * ```ts
 * import { createProfile, type ProfileInput } from 'credstack'
 * const input: ProfileInput = { id: 'https://example.org/issuers/1', name: 'Example University' }
 * const profile = createProfile(input)
 * ```
 */
export interface ProfileInput
  extends Partial<Omit<KnownMembers<Profile>, 'id' | 'type' | 'name' | 'image' | 'endorsement'>> {
  /** Signed EndorsementCredentials, copied as they are. */
  endorsement?: OneOrMany<object>;
  /** URI of the profile (an HTTPS URL or a DID). */
  id: string;
  name?: string;
  image?: string | Image;
  type?: OneOrMany<string>;
  /** Members of extension contexts, copied as they are (see {@link Extensions}). */
  extensions?: Extensions;
}

/** An Image from a URL (or `data:` URI) or an Image object. */
export function toImage(value: unknown, name: string): Image {
  if (typeof value === 'string') return { id: requireString(value, name), type: 'Image' };
  if (isObject(value) && typeof value.id === 'string') {
    const image: Image = { id: value.id, type: 'Image' };
    if (typeof value.caption === 'string') image.caption = value.caption;
    return image;
  }
  throw invalid(name, 'a URL string or an Image { id, caption? }', describeValue(value));
}

/**
 * A Profile (issuer, creator, endorser).
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * createProfile({ id: 'https://example.org/issuers/1', name: 'Example University' })
 * // { id: 'https://example.org/issuers/1', type: ['Profile'], name: 'Example University' }
 * ```
 */
export function createProfile(input: ProfileInput): Profile {
  requireObject(input, 'profile');
  const out: Profile = {
    id: requireString(input.id, 'profile.id'),
    type: typeArray(input.type, 'Profile'),
    ...rest(input, ['id', 'type', 'image']),
  };
  if (input.image !== undefined) out.image = toImage(input.image, 'profile.image');
  return out;
}

/** The issuer of a credential: a Profile object (so it can carry a display `name`), never a bare URI. */
export function toIssuer(value: unknown): Profile {
  if (typeof value === 'string') return createProfile({ id: value });
  if (isObject(value)) return createProfile(value as unknown as ProfileInput);
  throw invalid('issuer', 'a Profile { id, name, ... } or its URI', describeValue(value));
}

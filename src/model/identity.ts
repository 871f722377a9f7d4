// Recipient identity: hashed identifiers (OB 3.0 IdentityHash) and recipient matching
// (OB 3.0 Verification step "Recipient": compare a known id, or hash the known value with each
// IdentityObject's salt and compare with its identityHash).

import { CredstackError, describeValue } from '../errors.js';
import { sha256, toHex, utf8 } from '../lib/bytes.js';
import { asArray, isObject } from '../lib/json.js';
import { IDENTIFIER_TYPES } from './constants.js';
import { md5 } from '@noble/hashes/legacy.js';
import type { IdentifierType, IdentityObject } from './types/common.js';
import { invalid, requireString } from './util.js';

/**
 * Options of {@link hashIdentifier}.
 * @example
 * ```ts
 * import { type HashIdentifierOptions, hashIdentifier } from 'credstack'
 * const options: HashIdentifierOptions = { salt: 'x7Fq2' }
 * const hash = await hashIdentifier('learner@example.org', options)
 * ```
 */
export interface HashIdentifierOptions {
  /** Appended to the identifier before hashing; omitted = no salt. */
  salt?: string;
  /** Only `sha256` is issued; `md5` hashes can be checked by {@link matchesRecipient} but not created. */
  algorithm?: 'sha256';
}

/**
 * IdentityHash of a value: `'sha256$' + hex(SHA-256(UTF-8(identifier + salt)))`.
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * await hashIdentifier('a@example.com', { salt: 'Kosher' })
 * // 'sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399'
 * ```
 */
export async function hashIdentifier(
  identifier: string,
  options: HashIdentifierOptions = {},
): Promise<string> {
  if (typeof identifier !== 'string') throw invalid('identifier', 'a string', describeValue(identifier));
  const { salt = '', algorithm = 'sha256' } = options;
  if (typeof salt !== 'string') throw invalid('options.salt', 'a string', describeValue(salt));
  if (algorithm !== 'sha256') {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `options.algorithm must be 'sha256' (md5 is accepted only when checking old hashes), got ${describeValue(algorithm)}`,
    );
  }
  return `sha256$${toHex(await sha256(utf8(identifier + salt)))}`;
}

/**
 * Options of {@link createIdentityObject}.
 * @example
 * ```ts
 * import { type CreateIdentityObjectOptions, createIdentityObject } from 'credstack'
 * const options: CreateIdentityObjectOptions = { identifier: 'learner@example.org', identityType: 'emailAddress' }
 * const identity = await createIdentityObject(options)
 * ```
 */
export interface CreateIdentityObjectOptions {
  /** The plain value (an email address, a student number...). */
  identifier: string;
  /** Default `emailAddress`. */
  identityType?: IdentifierType;
  /** Default true: store a salted SHA-256 instead of the plain value. */
  hashed?: boolean;
  /** Default: 16 random bytes, hex. Ignored when `hashed` is false. */
  salt?: string;
}

/** Emails are case-insensitive in practice; hashing a canonical form makes matching predictable. */
function canonical(value: string, identityType: string): string {
  const trimmed = value.trim();
  return identityType === 'emailAddress' ? trimmed.toLowerCase() : trimmed;
}

function isIdentifierType(value: unknown): value is IdentifierType {
  return (
    typeof value === 'string' &&
    ((IDENTIFIER_TYPES as readonly string[]).includes(value) || /^ext:[a-zA-Z0-9._-]+$/.test(value))
  );
}

/**
 * An IdentityObject for a recipient. Email addresses are trimmed and lower-cased before hashing.
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * const id = await createIdentityObject({ identifier: 'learner@example.org' })
 * // { type: 'IdentityObject', identityType: 'emailAddress', hashed: true, identityHash: 'sha256$…', salt: '…' }
 * ```
 */
export async function createIdentityObject(options: CreateIdentityObjectOptions): Promise<IdentityObject> {
  if (!isObject(options)) throw invalid('options', 'an object', describeValue(options));
  const { identityType = 'emailAddress', hashed = true } = options;
  const identifier = requireString(options.identifier, 'identifier');
  if (!isIdentifierType(identityType)) {
    throw invalid(
      'identityType',
      'an IdentifierType (e.g. emailAddress) or an ext: name',
      describeValue(identityType),
    );
  }
  const value = canonical(identifier, identityType);
  if (!hashed) return { type: 'IdentityObject', identityType, hashed: false, identityHash: value };
  const salt = options.salt ?? toHex(crypto.getRandomValues(new Uint8Array(16)));
  return {
    type: 'IdentityObject',
    identityType,
    hashed: true,
    identityHash: await hashIdentifier(value, { salt }),
    salt,
  };
}

/**
 * What a verifier knows about the expected recipient.
 * @example
 * ```ts
 * import { matchesRecipient, type RecipientQuery } from 'credstack'
 * const query: RecipientQuery = { email: 'learner@example.org' }
 * const { matched } = await matchesRecipient(credential, query)
 * ```
 */
export interface RecipientQuery {
  /** Compared with `credentialSubject.id`. */
  id?: string;
  /** Shorthand for `{ identifier: email, identityType: 'emailAddress' }` (also matches a `mailto:` id). */
  email?: string;
  /** A plain value compared with each IdentityObject (of `identityType`, when given). */
  identifier?: string;
  identityType?: IdentifierType;
}

/**
 * Result of {@link matchesRecipient}.
 * @example
 * ```ts
 * import { matchesRecipient, type RecipientMatch } from 'credstack'
 * const match: RecipientMatch = await matchesRecipient(credential, { email: 'learner@example.org' })
 * ```
 */
export interface RecipientMatch {
  matched: boolean;
  /** Which property matched. */
  by?: 'id' | 'identifier';
  /** The matched IdentityObject's identityType. */
  identityType?: string;
}

async function hashEquals(candidates: string[], identity: IdentityObject): Promise<boolean> {
  const match = /^(sha256|md5)\$([0-9a-f]+)$/i.exec(identity.identityHash.trim());
  if (!match) return false;
  const algorithm = match[1]!.toLowerCase();
  const expected = match[2]!.toLowerCase();
  const salt = typeof identity.salt === 'string' ? identity.salt : '';
  for (const candidate of candidates) {
    const bytes = utf8(candidate + salt);
    const digest = algorithm === 'md5' ? md5(bytes) : await sha256(bytes);
    if (toHex(digest) === expected) return true;
  }
  return false;
}

/**
 * Whether a credential (or a credentialSubject) was issued to the given recipient: compares `id` with
 * `credentialSubject.id`, and a plain value with every IdentityObject (hashed: hash value + salt and
 * compare the hex case-insensitively; `sha256` and legacy `md5`; plain: compare the values).
 * Email addresses are trimmed; both the value as given and its lower-case form are tried, so hashes made by
 * issuers that did not lower-case still match.
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * const { matched, by } = await matchesRecipient(credential, { email: 'Learner@Example.org' })
 * ```
 */
export async function matchesRecipient(
  credentialOrSubject: unknown,
  query: RecipientQuery,
): Promise<RecipientMatch> {
  if (!isObject(credentialOrSubject)) {
    throw invalid(
      'credentialOrSubject',
      'a credential or credentialSubject object',
      describeValue(credentialOrSubject),
    );
  }
  if (
    !isObject(query) ||
    (query.id === undefined && query.email === undefined && query.identifier === undefined)
  ) {
    throw invalid('query', 'an object with id, email or identifier', describeValue(query));
  }
  const subjects = (
    'credentialSubject' in credentialOrSubject
      ? asArray(credentialOrSubject.credentialSubject)
      : [credentialOrSubject]
  ).filter(isObject);

  const email = query.email === undefined ? undefined : requireString(query.email, 'query.email').trim();
  for (const subject of subjects) {
    const id = typeof subject.id === 'string' ? subject.id.trim() : undefined;
    if (id !== undefined) {
      if (query.id !== undefined && id === requireString(query.id, 'query.id').trim())
        return { matched: true, by: 'id' };
      if (email !== undefined && id.toLowerCase() === `mailto:${email.toLowerCase()}`) {
        return { matched: true, by: 'id' };
      }
    }
  }

  const wanted: { value: string; identityType?: string }[] = [];
  if (email !== undefined) wanted.push({ value: email, identityType: 'emailAddress' });
  if (query.identifier !== undefined) {
    const value = requireString(query.identifier, 'query.identifier').trim();
    const identityType = (query as RecipientQuery).identityType;
    wanted.push(identityType === undefined ? { value } : { value, identityType });
  }
  for (const subject of subjects) {
    for (const identity of asArray(subject.identifier)) {
      if (!isObject(identity) || typeof identity.identityHash !== 'string') continue;
      const io = identity as unknown as IdentityObject;
      for (const { value, identityType } of wanted) {
        if (identityType !== undefined && io.identityType !== identityType) continue;
        const isEmail = io.identityType === 'emailAddress';
        const candidates = isEmail ? [...new Set([value, value.toLowerCase()])] : [value];
        const ok =
          io.hashed === false
            ? isEmail
              ? io.identityHash.trim().toLowerCase() === value.toLowerCase()
              : io.identityHash.trim() === value
            : await hashEquals(candidates, io);
        if (ok) return { matched: true, by: 'identifier', identityType: io.identityType };
      }
    }
  }
  return { matched: false };
}

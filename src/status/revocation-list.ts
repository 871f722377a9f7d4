// 1EdTech Revocation List Status Method (VCRL 1.0), the `1EdTechRevocationList` credentialStatus
// type of OB 3.0 §Verification step 4: a plain JSON document at `credentialStatus.id` listing
// revoked credential ids. The array is named `revokedCredentials` (the OB spec text "in the list
// of revokedCredentials" and the 1EdTech validator's RevocationListProbe); the singular
// `revokedCredential` is read too, since it appears in some digests of the spec.
import { CredstackError, describeValue } from '../errors.js';
import { isObject } from '../lib/json.js';
import type { StatusCheckResult } from './check-status.js';

/**
 * One entry of a 1EdTech revocation list.
 * @example
 * ```ts
 * import type { RevokedCredential } from 'credstack'
 * const revoked: RevokedCredential = { id: 'urn:uuid:1f0e5c1a-7c1b-4d2e-9a53-0b7c2f1d9e11', revocationReason: 'Issued in error' }
 * ```
 */
export interface RevokedCredential {
  /** The revoked credential's `id`. */
  id: string;
  /** True or omitted: revoked. False: listed but not (or no longer) revoked. */
  revoked?: boolean;
  revocationReason?: string;
}

/**
 * A 1EdTech revocation list document (served as JSON at the `credentialStatus.id` URL).
 * @example
 * ```ts
 * import { createRevocationList, type RevocationList } from 'credstack'
 * const list: RevocationList = createRevocationList({ id: 'https://example.org/revocations',
 *   issuer: 'https://example.org/issuers/1', revoked: [] })
 * ```
 */
export interface RevocationList {
  /** The URL the list is served at. */
  id: string;
  /** The issuer whose credentials it covers. */
  issuer: string;
  revokedCredentials: RevokedCredential[];
}

/**
 * Input of {@link createRevocationList}.
 * @example
 * ```ts
 * import { type CreateRevocationListInput, createRevocationList } from 'credstack'
 * const input: CreateRevocationListInput = { id: 'https://example.org/revocations', issuer: 'https://example.org/issuers/1',
 *   revoked: [{ id: 'urn:uuid:1f0e5c1a-7c1b-4d2e-9a53-0b7c2f1d9e11', reason: 'Issued in error' }] }
 * const list = createRevocationList(input)
 * ```
 */
export interface CreateRevocationListInput {
  id: string;
  issuer: string;
  revoked: ReadonlyArray<{ id: string; reason?: string; revoked?: boolean }>;
}

/**
 * Builds the 1EdTech revocation list document to serve at the URL that credentials name in
 * `credentialStatus: { id, type: '1EdTechRevocationList' }`.
 *
 * Exported from `credstack/status`.
 *
 * @example
 * ```ts
 * import { createRevocationList } from 'credstack/status'
 * const list = createRevocationList({
 *   id: 'https://example.edu/revocations',
 *   issuer: 'https://example.edu/issuer',
 *   revoked: [{ id: 'urn:uuid:0b4c…', reason: 'Issued in error' }],
 * })
 * // { id, issuer, revokedCredentials: [{ id: 'urn:uuid:0b4c…', revoked: true, revocationReason: 'Issued in error' }] }
 * ```
 */
export function createRevocationList(input: CreateRevocationListInput): RevocationList {
  for (const key of ['id', 'issuer'] as const) {
    if (typeof input[key] !== 'string' || input[key].length === 0) {
      throw new CredstackError(
        'ERR_INVALID_INPUT',
        `${key}: expected a non-empty string, got ${describeValue(input[key])}`,
      );
    }
  }
  if (!Array.isArray(input.revoked)) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `revoked: expected an array, got ${describeValue(input.revoked)}`,
    );
  }
  const seen = new Set<string>();
  const revokedCredentials = input.revoked.map((item, i): RevokedCredential => {
    if (!isObject(item) || typeof item.id !== 'string' || item.id.length === 0) {
      throw new CredstackError('ERR_INVALID_INPUT', `revoked[${i}].id: expected a non-empty string`);
    }
    if (seen.has(item.id)) {
      throw new CredstackError('ERR_INVALID_INPUT', `revoked[${i}].id: ${item.id} is listed twice`);
    }
    seen.add(item.id);
    if (item.reason !== undefined && typeof item.reason !== 'string') {
      throw new CredstackError(
        'ERR_INVALID_INPUT',
        `revoked[${i}].reason: expected a string, got ${describeValue(item.reason)}`,
      );
    }
    if (item.revoked !== undefined && typeof item.revoked !== 'boolean') {
      throw new CredstackError(
        'ERR_INVALID_INPUT',
        `revoked[${i}].revoked: expected a boolean, got ${describeValue(item.revoked)}`,
      );
    }
    const out: RevokedCredential = { id: item.id, revoked: item.revoked !== false };
    if (item.reason !== undefined) out.revocationReason = item.reason;
    return out;
  });
  return { id: input.id, issuer: input.issuer, revokedCredentials };
}

/**
 * Looks a credential up in a fetched 1EdTech revocation list. Revoked when an entry has
 * `id` equal to the credential's id and `revoked` true or omitted (OB 3.0 §Verification step 4).
 * A list without a `revokedCredentials` array is reported as `error` (fail closed), not as "not
 * revoked". Never throws.
 *
 * Exported from `credstack/status`.
 *
 * @example
 * ```ts
 * import { checkRevocationList } from 'credstack/status'
 * const list = await (await fetch(credential.credentialStatus.id)).json()
 * checkRevocationList(credential.id, list).status // 'ok' | 'revoked' | 'error'
 * ```
 */
export function checkRevocationList(credentialId: unknown, revocationList: unknown): StatusCheckResult {
  if (typeof credentialId !== 'string' || credentialId.trim().length === 0) {
    return {
      status: 'error',
      code: 'STATUS_ENTRY_INVALID',
      message: 'a 1EdTechRevocationList can only be checked for a credential that has an id',
    };
  }
  if (!isObject(revocationList)) {
    return {
      status: 'error',
      code: 'STATUS_LIST_INVALID',
      message: 'revocation list: expected a JSON object',
    };
  }
  const items = revocationList.revokedCredentials ?? revocationList.revokedCredential;
  if (!Array.isArray(items)) {
    return {
      status: 'error',
      code: 'STATUS_LIST_INVALID',
      message: `revocation list: expected a revokedCredentials array, got ${describeValue(items)}`,
    };
  }
  const wanted = credentialId.trim();
  for (const item of items) {
    if (!isObject(item) || typeof item.id !== 'string' || item.id.trim() !== wanted) continue;
    // Only an explicit `false` clears a listed credential: anything else (omitted, true, or a
    // value of the wrong type) counts as revoked, so a sloppy list cannot un-revoke.
    if (item.revoked === false) continue;
    const result: StatusCheckResult = {
      status: 'revoked',
      code: 'STATUS_REVOKED',
      message: `credential ${wanted} is on the issuer's revocation list`,
      purpose: 'revocation',
    };
    if (typeof item.revocationReason === 'string') {
      result.reason = item.revocationReason;
      result.message += `: ${item.revocationReason}`;
    }
    return result;
  }
  return {
    status: 'ok',
    code: 'STATUS_OK',
    message: `credential ${wanted} is not on the issuer's revocation list`,
    purpose: 'revocation',
  };
}

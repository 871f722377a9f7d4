// Issuer-side builders for W3C Bitstring Status List v1.0 §BitstringStatusListEntry and
// §BitstringStatusListCredential. The VC v2 context defines every term used here, so the
// credential needs no extra @context entry. Signing is the caller's job.
import { VC_V2_CONTEXT } from '../contexts/urls.js';
import { CredstackError, describeValue } from '../errors.js';
import { encodeList } from './bitstring.js';

/**
 * The status purposes credstack issues lists for (BSL v1.0 also defines `refresh` and `message`).
 * @example
 * ```ts
 * import type { StatusPurpose } from 'credstack'
 * const purpose: StatusPurpose = 'suspension'
 * ```
 */
export type StatusPurpose = 'revocation' | 'suspension';

/**
 * A `credentialStatus` entry pointing into a Bitstring Status List (BSL v1.0 §2.1).
 * @example
 * ```ts
 * import { type BitstringStatusListEntry, createStatusEntry } from 'credstack'
 * const entry: BitstringStatusListEntry = createStatusEntry({
 *   listCredential: 'https://example.org/status/1', index: 94567, purpose: 'revocation' })
 * ```
 */
export interface BitstringStatusListEntry {
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: StatusPurpose;
  /** The bit position, as a base-10 string (the spec's form). */
  statusListIndex: string;
  statusListCredential: string;
}

/**
 * An unsigned BitstringStatusListCredential (BSL v1.0 §2.2).
 * @example
 * ```ts
 * import { type BitstringStatusListCredential, createBitstring, createStatusListCredential } from 'credstack'
 * const list: BitstringStatusListCredential = createStatusListCredential({ id: 'https://example.org/status/1',
 *   issuer: 'did:example:issuer', purpose: 'revocation', bits: createBitstring() })
 * ```
 */
export interface BitstringStatusListCredential {
  '@context': [typeof VC_V2_CONTEXT];
  id: string;
  type: ['VerifiableCredential', 'BitstringStatusListCredential'];
  issuer: string;
  validFrom?: string;
  validUntil?: string;
  credentialSubject: {
    id: string;
    type: 'BitstringStatusList';
    statusPurpose: StatusPurpose;
    encodedList: string;
  };
}

/**
 * Input of {@link createStatusListCredential}. Give `encodedList` or `bits`.
 * @example
 * ```ts
 * import type { CreateStatusListCredentialInput } from 'credstack'
 * const input: CreateStatusListCredentialInput = { id: 'https://example.org/status/1',
 *   issuer: 'did:example:issuer', purpose: 'revocation', bits, validUntil: '2030-01-01T00:00:00Z' }
 * ```
 */
export interface CreateStatusListCredentialInput {
  /** URL the list credential is published at (what entries name as `statusListCredential`). */
  id: string;
  /** Issuer id (URL or DID); must be the issuer of the credentials the list covers. */
  issuer: string;
  purpose: StatusPurpose;
  /** The `u…` encoded bitstring (see {@link encodeList}). */
  encodedList?: string;
  /** The raw bitstring, encoded for you when `encodedList` is absent. */
  bits?: Uint8Array;
  /** ISO 8601 date-time. */
  validFrom?: string;
  /** ISO 8601 date-time; verifiers treat the list as stale after it (publish a fresh one before). */
  validUntil?: string;
}

/**
 * Input of {@link createStatusEntry}.
 * @example
 * ```ts
 * import type { CreateStatusEntryInput } from 'credstack'
 * const input: CreateStatusEntryInput = { listCredential: 'https://example.org/status/1', index: 42, purpose: 'suspension' }
 * ```
 */
export interface CreateStatusEntryInput {
  /** URL of the BitstringStatusListCredential. */
  listCredential: string;
  index: number;
  purpose: StatusPurpose;
}

const PURPOSES: readonly StatusPurpose[] = ['revocation', 'suspension'];

/** Throws ERR_INVALID_INPUT unless `purpose` is one credstack issues. Internal to the status folder. */
export function assertPurpose(purpose: unknown, what = 'purpose'): asserts purpose is StatusPurpose {
  if (!PURPOSES.includes(purpose as StatusPurpose)) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `${what}: expected 'revocation' or 'suspension', got ${describeValue(purpose)}`,
    );
  }
}

/** Throws ERR_INVALID_INPUT unless `url` is an absolute URL without fragment. Internal to the status folder. */
export function assertListUrl(url: unknown, what: string): asserts url is string {
  let parsed: URL | undefined;
  try {
    parsed = typeof url === 'string' ? new URL(url) : undefined;
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || parsed.hash !== '') {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `${what}: expected an absolute URL without a fragment, got ${describeValue(url)}`,
    );
  }
}

function assertString(value: unknown, what: string): asserts value is string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `${what}: expected a non-empty string, got ${describeValue(value)}`,
    );
  }
}

/**
 * Builds an unsigned BitstringStatusListCredential; sign it like any other credential and
 * publish it at `id`.
 *
 * Exported from `credstack/status`.
 *
 * @example
 * ```ts
 * import { createBitstring, createStatusListCredential, setBit } from 'credstack/status'
 * const bits = createBitstring()
 * setBit(bits, 94567, true)
 * const unsigned = createStatusListCredential({
 *   id: 'https://example.edu/status/1',
 *   issuer: 'did:web:example.edu',
 *   purpose: 'revocation',
 *   bits,
 *   validFrom: '2025-01-01T00:00:00Z',
 * })
 * ```
 */
export function createStatusListCredential(
  input: CreateStatusListCredentialInput,
): BitstringStatusListCredential {
  assertListUrl(input.id, 'id');
  assertString(input.issuer, 'issuer');
  assertPurpose(input.purpose);
  let encodedList: string;
  if (input.encodedList !== undefined) {
    if (typeof input.encodedList !== 'string' || !/^u[A-Za-z0-9_-]+$/.test(input.encodedList)) {
      throw new CredstackError(
        'ERR_INVALID_INPUT',
        `encodedList: expected a multibase base64url string starting with 'u', got ${describeValue(input.encodedList)}`,
      );
    }
    encodedList = input.encodedList;
  } else if (input.bits !== undefined) {
    encodedList = encodeList(input.bits);
  } else {
    throw new CredstackError('ERR_INVALID_INPUT', 'createStatusListCredential: give encodedList or bits');
  }
  const credential: BitstringStatusListCredential = {
    '@context': [VC_V2_CONTEXT],
    id: input.id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: input.issuer,
    credentialSubject: {
      id: `${input.id}#list`,
      type: 'BitstringStatusList',
      statusPurpose: input.purpose,
      encodedList,
    },
  };
  if (input.validFrom !== undefined) credential.validFrom = assertDate(input.validFrom, 'validFrom');
  if (input.validUntil !== undefined) credential.validUntil = assertDate(input.validUntil, 'validUntil');
  return credential;
}

function assertDate(value: unknown, what: string): string {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `${what}: expected an ISO 8601 date-time, got ${describeValue(value)}`,
    );
  }
  return value;
}

/**
 * Builds the `credentialStatus` entry for the credential given slot `index` of a list.
 *
 * Exported from `credstack/status`.
 *
 * @example
 * ```ts
 * import { createStatusEntry } from 'credstack/status'
 * createStatusEntry({ listCredential: 'https://example.edu/status/1', index: 94567, purpose: 'revocation' })
 * // { id: 'https://example.edu/status/1#94567', type: 'BitstringStatusListEntry',
 * //   statusPurpose: 'revocation', statusListIndex: '94567', statusListCredential: 'https://example.edu/status/1' }
 * ```
 */
export function createStatusEntry(input: CreateStatusEntryInput): BitstringStatusListEntry {
  assertListUrl(input.listCredential, 'listCredential');
  assertPurpose(input.purpose);
  if (typeof input.index !== 'number' || !Number.isSafeInteger(input.index) || input.index < 0) {
    throw new CredstackError(
      'ERR_STATUS_INDEX',
      `index: expected a non-negative integer, got ${typeof input.index === 'number' ? input.index : describeValue(input.index)}`,
    );
  }
  return {
    id: `${input.listCredential}#${input.index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: input.purpose,
    statusListIndex: String(input.index),
    statusListCredential: input.listCredential,
  };
}

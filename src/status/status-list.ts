// Issuer-side builders for W3C Bitstring Status List v1.0 §BitstringStatusListEntry and
// §BitstringStatusListCredential. The VC v2 context defines every term used here, so the
// credential needs no extra @context entry. Signing is the caller's job.
import { VC_V2_CONTEXT } from '../contexts/urls.js';
import { CredstackError, describeValue } from '../errors.js';
import { encodeList } from './bitstring.js';

/**
 * The status purposes of BSL v1.0 §2.1: `revocation` (final), `suspension` (reversible),
 * `refresh` (a newer copy exists) and `message` (a value explained by `statusMessage`).
 * @example
 * ```ts
 * import type { StatusPurpose } from 'credstack'
 * const purpose: StatusPurpose = 'suspension'
 * ```
 */
export type StatusPurpose = 'revocation' | 'suspension' | 'refresh' | 'message';

/**
 * One value of a multi-bit status (BSL v1.0 §2.1 `statusMessage`): `status` is the value as a
 * hexadecimal string (`'0x0'`, `'0x1'`, …), `message` says what it means.
 * @example
 * ```ts
 * import type { StatusMessage } from 'credstack'
 * const messages: StatusMessage[] = [{ status: '0x0', message: 'valid' }, { status: '0x1', message: 'under review' }]
 * ```
 */
export interface StatusMessage {
  status: string;
  message: string;
}

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
  /** The entry position, as a base-10 string (the spec's form); its bits start at index × statusSize. */
  statusListIndex: string;
  statusListCredential: string;
  /** Bits per entry (BSL v1.0 §2.1), present when above 1. */
  statusSize?: number;
  /** What each value means; required when statusSize is above 1 (one per value). */
  statusMessage?: StatusMessage[];
  /** URL(s) explaining the status values. */
  statusReference?: string | string[];
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
    /** BSL v1.0 §2.2: how long (ms) a verifier may cache the list before fetching it again. */
    ttl?: number;
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
  /** BSL v1.0 `ttl` in milliseconds: how long a verifier may cache the list. */
  ttl?: number;
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
  /** Bits per entry (default 1); above 1 needs `statusMessage` with 2^statusSize values. */
  statusSize?: number;
  statusMessage?: StatusMessage[];
  statusReference?: string | string[];
}

const PURPOSES: readonly StatusPurpose[] = ['revocation', 'suspension', 'refresh', 'message'];

/** Largest statusSize accepted: 8 bits (256 messages) is more than any published profile uses. */
export const MAX_STATUS_SIZE = 8;

/**
 * Throws ERR_INVALID_INPUT unless `statusSize` / `statusMessage` agree (BSL v1.0 §2.1: statusSize
 * above 1 comes with one message per value, `'0x…'` hex). Internal to the status folder.
 */
export function assertStatusSize(
  statusSize: unknown,
  messages: unknown,
  purpose: StatusPurpose,
): asserts statusSize is number {
  if (
    typeof statusSize !== 'number' ||
    !Number.isSafeInteger(statusSize) ||
    statusSize < 1 ||
    statusSize > MAX_STATUS_SIZE
  ) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `statusSize: expected an integer from 1 to ${MAX_STATUS_SIZE}, got ${describeValue(statusSize)}`,
    );
  }
  if (statusSize === 1 && messages === undefined) return;
  if (purpose === 'revocation' || purpose === 'suspension') {
    if (statusSize !== 1) {
      throw new CredstackError(
        'ERR_INVALID_INPUT',
        `statusSize: a ${purpose} list has one bit per entry; use purpose 'message' for ${statusSize}-bit statuses`,
      );
    }
  }
  if (!Array.isArray(messages) || messages.length !== 2 ** statusSize) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `statusMessage: expected ${2 ** statusSize} messages for statusSize ${statusSize}, got ${describeValue(messages)}`,
    );
  }
  messages.forEach((m, i) => {
    const ok =
      typeof m === 'object' &&
      m !== null &&
      typeof m.status === 'string' &&
      /^0x[0-9a-fA-F]+$/.test(m.status) &&
      Number.parseInt(m.status.slice(2), 16) === i &&
      typeof m.message === 'string' &&
      m.message.length > 0;
    if (!ok) {
      throw new CredstackError(
        'ERR_INVALID_INPUT',
        `statusMessage[${i}]: expected { status: '0x${i.toString(16)}', message: non-empty string }, got ${describeValue(m)}`,
      );
    }
  });
}

/** Throws ERR_INVALID_INPUT unless `purpose` is one credstack issues. Internal to the status folder. */
export function assertPurpose(purpose: unknown, what = 'purpose'): asserts purpose is StatusPurpose {
  if (!PURPOSES.includes(purpose as StatusPurpose)) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `${what}: expected 'revocation', 'suspension', 'refresh' or 'message', got ${describeValue(purpose)}`,
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
  if (input.ttl !== undefined) {
    if (typeof input.ttl !== 'number' || !Number.isSafeInteger(input.ttl) || input.ttl < 0) {
      throw new CredstackError(
        'ERR_INVALID_INPUT',
        `ttl: expected a non-negative integer (milliseconds), got ${describeValue(input.ttl)}`,
      );
    }
    credential.credentialSubject.ttl = input.ttl;
  }
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
  const entry: BitstringStatusListEntry = {
    id: `${input.listCredential}#${input.index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: input.purpose,
    statusListIndex: String(input.index),
    statusListCredential: input.listCredential,
  };
  const statusSize = input.statusSize ?? 1;
  assertStatusSize(statusSize, input.statusMessage, input.purpose);
  if (statusSize !== 1) entry.statusSize = statusSize;
  if (input.statusMessage !== undefined) entry.statusMessage = input.statusMessage.map((m) => ({ ...m }));
  if (input.statusReference !== undefined) {
    const refs = Array.isArray(input.statusReference) ? input.statusReference : [input.statusReference];
    refs.forEach((r, i) => {
      assertListUrl(r, `statusReference[${i}]`);
    });
    entry.statusReference = Array.isArray(input.statusReference)
      ? [...input.statusReference]
      : input.statusReference;
  }
  return entry;
}

// Verifier side of W3C Bitstring Status List v1.0 §3.2 Validate Algorithm (and the older
// StatusList2021, same bit layout, encodedList without the multibase prefix). Returns a result,
// never throws: the verifier turns it into a check.
import { isCredstackError } from '../errors.js';
import { asArray, isObject, type JsonObject } from '../lib/json.js';
import { DEFAULT_MAX_LIST_BYTES, decodeList, getBit, MIN_LIST_SIZE } from './bitstring.js';

/**
 * What a status check concluded. `error` means the status could not be established.
 * @example
 * ```ts
 * import type { StatusState } from 'credstack'
 * const state: StatusState = 'suspended'
 * ```
 */
export type StatusState = 'ok' | 'revoked' | 'suspended' | 'error';

/**
 * Stable reason codes of {@link StatusCheckResult}.
 * @example
 * ```ts
 * import type { StatusCode } from 'credstack'
 * const code: StatusCode = 'STATUS_REVOKED'
 * ```
 */
export type StatusCode =
  | 'STATUS_OK'
  | 'STATUS_REVOKED'
  | 'STATUS_SUSPENDED'
  | 'STATUS_MESSAGE'
  | 'STATUS_REFRESH'
  | 'STATUS_ENTRY_INVALID'
  | 'STATUS_TYPE_UNSUPPORTED'
  | 'STATUS_PURPOSE_UNSUPPORTED'
  | 'STATUS_PURPOSE_MISMATCH'
  | 'STATUS_SIZE_UNSUPPORTED'
  | 'STATUS_LIST_INVALID'
  | 'STATUS_LIST_TOO_LARGE'
  | 'STATUS_LIST_TOO_SHORT'
  | 'STATUS_LIST_EXPIRED'
  | 'STATUS_LIST_NOT_YET_VALID'
  | 'STATUS_INDEX_OUT_OF_RANGE';

/**
 * Outcome of {@link checkStatusEntry} and {@link checkRevocationList}.
 * @example
 * ```ts
 * import { checkStatusEntry, type StatusCheckResult } from 'credstack'
 * const result: StatusCheckResult = checkStatusEntry(entry, listCredential)
 * if (result.status === 'revoked') console.log(result.code, result.message)
 * ```
 */
export interface StatusCheckResult {
  status: StatusState;
  code: StatusCode;
  /** For people: what was expected and what was found. */
  message: string;
  /** The entry's status purpose, when it could be read. */
  purpose?: string;
  /** The entry's index, when it could be read. */
  index?: number;
  /** The issuer's stated reason (1EdTech revocation lists only). */
  reason?: string;
  /** The status value read (0 … 2^statusSize − 1), for `message` and `refresh` entries. */
  value?: number;
  /** The entry's `statusMessage` for that value (BSL v1.0 §2.1), when it has one. */
  statusMessage?: string;
}

/**
 * Options of {@link checkStatusEntry}.
 * @example
 * ```ts
 * import { type CheckStatusOptions, checkStatusEntry } from 'credstack'
 * const options: CheckStatusOptions = { now: new Date('2026-01-01T00:00:00Z') }
 * const result = checkStatusEntry(credential.credentialStatus, listCredential, options)
 * ```
 */
export interface CheckStatusOptions {
  /** The time to judge the list credential's validity period against. Default: now. */
  now?: Date;
  /** Smallest list accepted (BSL v1.0 step 9, STATUS_LIST_LENGTH_ERROR). Default {@link MIN_LIST_SIZE}. */
  minimumEntries?: number;
  /** Decompressed size cap for `encodedList`. Default 16 MiB. */
  maxBytes?: number;
}

interface Flavour {
  listType: string;
  subjectType: string;
}

const FLAVOURS: Record<string, Flavour> = {
  BitstringStatusListEntry: { listType: 'BitstringStatusListCredential', subjectType: 'BitstringStatusList' },
  StatusList2021Entry: { listType: 'StatusList2021Credential', subjectType: 'StatusList2021' },
};

const INDEX_STRING = /^(0|[1-9][0-9]*)$/;

function fail(code: StatusCode, message: string, extra: Partial<StatusCheckResult> = {}): StatusCheckResult {
  return { status: 'error', code, message, ...extra };
}

/**
 * Reads the status of one `credentialStatus` entry (BitstringStatusListEntry or
 * StatusList2021Entry) from its list credential. The caller fetches the list from
 * `entry.statusListCredential` and verifies its proof (and that its issuer is the credential's
 * issuer) first; this function checks the entry, the list's shape, purpose, size, validity
 * period and index, then reads the bit. Never throws.
 *
 * `message` and `refresh` entries (BSL v1.0 §2.1) never make a credential invalid: the result is
 * `ok` with code `STATUS_MESSAGE` / `STATUS_REFRESH`, the `value` read (statusSize bits at
 * index × statusSize) and its `statusMessage`. Revocation and suspension entries have one bit;
 * another `statusSize` there is `STATUS_SIZE_UNSUPPORTED` (a one-bit reading of it would guess).
 *
 * Exported from `credstack/status`.
 *
 * @example
 * ```ts
 * import { checkStatusEntry } from 'credstack/status'
 * const result = checkStatusEntry(credential.credentialStatus, verifiedListCredential)
 * if (result.status === 'revoked') console.log('revoked:', result.message)
 * ```
 */
export function checkStatusEntry(
  entry: unknown,
  listCredential: unknown,
  options: CheckStatusOptions = {},
): StatusCheckResult {
  if (!isObject(entry)) return fail('STATUS_ENTRY_INVALID', 'credentialStatus: expected an object');
  const entryType = asArray(entry.type).find((t): t is string => typeof t === 'string' && t in FLAVOURS);
  if (entryType === undefined) {
    return fail(
      'STATUS_TYPE_UNSUPPORTED',
      `credentialStatus.type: expected BitstringStatusListEntry or StatusList2021Entry, got ${JSON.stringify(entry.type)}`,
    );
  }
  const flavour = FLAVOURS[entryType]!;

  const purpose = entry.statusPurpose;
  if (typeof purpose !== 'string' || purpose.length === 0) {
    return fail('STATUS_ENTRY_INVALID', 'credentialStatus.statusPurpose: expected a non-empty string');
  }
  if (
    purpose !== 'revocation' &&
    purpose !== 'suspension' &&
    purpose !== 'message' &&
    purpose !== 'refresh'
  ) {
    return fail(
      'STATUS_PURPOSE_UNSUPPORTED',
      `credentialStatus.statusPurpose: expected 'revocation', 'suspension', 'refresh' or 'message', got '${purpose}'`,
      { purpose },
    );
  }
  const informational = purpose === 'message' || purpose === 'refresh';
  if (informational && entryType !== 'BitstringStatusListEntry') {
    return fail(
      'STATUS_PURPOSE_UNSUPPORTED',
      `${entryType}: statusPurpose '${purpose}' is a Bitstring Status List purpose`,
      {
        purpose,
      },
    );
  }
  const index = parseIndex(entry.statusListIndex);
  if (index === undefined) {
    return fail(
      'STATUS_ENTRY_INVALID',
      `credentialStatus.statusListIndex: expected a non-negative integer as a base-10 string, got ${JSON.stringify(entry.statusListIndex)}`,
      { purpose },
    );
  }
  if (typeof entry.statusListCredential !== 'string' || entry.statusListCredential.length === 0) {
    return fail('STATUS_ENTRY_INVALID', 'credentialStatus.statusListCredential: expected a URL', {
      purpose,
      index,
    });
  }
  let statusSize = 1;
  if (entry.statusSize !== undefined) {
    const size = entry.statusSize;
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 1) {
      return fail('STATUS_ENTRY_INVALID', 'credentialStatus.statusSize: expected a positive integer', {
        purpose,
        index,
      });
    }
    statusSize = size;
    // BSL v1.0 §2.1: statusSize > 1 goes with statusMessage (multi-valued status); a one-bit
    // revoked/suspended reading of such an entry would be wrong, so refuse rather than guess.
    if (size !== 1 && !informational) {
      return fail(
        'STATUS_SIZE_UNSUPPORTED',
        `credentialStatus.statusSize: only 1 is supported, got ${size}`,
        {
          purpose,
          index,
        },
      );
    }
  }

  let messages: Map<number, string> | undefined;
  if (informational) {
    const read = readMessages(entry.statusMessage, statusSize);
    if (typeof read === 'string') return fail('STATUS_ENTRY_INVALID', read, { purpose, index });
    messages = read;
    // Eight bits (256 values) is the most any profile uses; more would be a 2^n message table.
    if (statusSize > 8) {
      return fail(
        'STATUS_SIZE_UNSUPPORTED',
        `credentialStatus.statusSize: at most 8 is supported, got ${statusSize}`,
        {
          purpose,
          index,
        },
      );
    }
  }

  const list = checkListShape(listCredential, flavour, purpose, options.now ?? new Date());
  if ('status' in list) return { ...list, purpose, index };

  let bits: Uint8Array;
  try {
    bits = decodeList(list.encodedList, { maxBytes: options.maxBytes ?? DEFAULT_MAX_LIST_BYTES });
  } catch (err) {
    const tooLarge = isCredstackError(err) && err.code === 'ERR_LIMIT_EXCEEDED';
    return fail(
      tooLarge ? 'STATUS_LIST_TOO_LARGE' : 'STATUS_LIST_INVALID',
      `status list encodedList: ${err instanceof Error ? err.message : String(err)}`,
      { purpose, index },
    );
  }
  const minimum = options.minimumEntries ?? MIN_LIST_SIZE;
  if (bits.length * 8 < minimum) {
    return fail(
      'STATUS_LIST_TOO_SHORT',
      `status list has ${bits.length * 8} entries, fewer than the required ${minimum}`,
      { purpose, index },
    );
  }
  const entries = Math.floor((bits.length * 8) / statusSize);
  if (index >= entries) {
    return fail(
      'STATUS_INDEX_OUT_OF_RANGE',
      `statusListIndex ${index} is outside the list (0 to ${entries - 1})`,
      { purpose, index },
    );
  }
  if (informational) {
    // BSL v1.0 §3.2 step 11: the status is the statusSize bits starting at index × statusSize.
    let value = 0;
    for (let b = 0; b < statusSize; b++)
      value = (value << 1) | (getBit(bits, index * statusSize + b) ? 1 : 0);
    const message = messages?.get(value);
    const result: StatusCheckResult = {
      status: 'ok',
      code: purpose === 'message' ? 'STATUS_MESSAGE' : 'STATUS_REFRESH',
      message:
        purpose === 'message'
          ? `status message 0x${value.toString(16)}${message !== undefined ? `: ${message}` : ''}`
          : value !== 0
            ? `a refreshed copy of the credential is available (value 0x${value.toString(16)})`
            : 'no refresh is signalled',
      purpose,
      index,
      value,
    };
    if (message !== undefined) result.statusMessage = message;
    return result;
  }
  if (!getBit(bits, index)) {
    return { status: 'ok', code: 'STATUS_OK', message: `${purpose} bit ${index} is not set`, purpose, index };
  }
  return purpose === 'revocation'
    ? { status: 'revoked', code: 'STATUS_REVOKED', message: `revoked (bit ${index} is set)`, purpose, index }
    : {
        status: 'suspended',
        code: 'STATUS_SUSPENDED',
        message: `suspended (bit ${index} is set)`,
        purpose,
        index,
      };
}

/** The entry's statusMessage as value → message, or what is wrong with it (BSL v1.0 §2.1). */
function readMessages(raw: unknown, statusSize: number): Map<number, string> | string | undefined {
  if (raw === undefined) {
    return statusSize > 1 ? 'credentialStatus.statusMessage: required when statusSize is above 1' : undefined;
  }
  if (!Array.isArray(raw)) return 'credentialStatus.statusMessage: expected an array';
  if (statusSize > 1 && raw.length !== 2 ** statusSize) {
    return `credentialStatus.statusMessage: expected ${2 ** statusSize} messages for statusSize ${statusSize}, got ${raw.length}`;
  }
  const map = new Map<number, string>();
  for (const [i, m] of raw.entries()) {
    if (
      !isObject(m) ||
      typeof m.status !== 'string' ||
      !/^0x[0-9a-fA-F]{1,4}$/.test(m.status) ||
      typeof m.message !== 'string'
    ) {
      return `credentialStatus.statusMessage[${i}]: expected { status: '0x…', message }`;
    }
    map.set(Number.parseInt(m.status.slice(2), 16), m.message);
  }
  return map;
}

function parseIndex(value: unknown): number | undefined {
  // The spec's form is a string; the 1EdTech validator fixtures use a JSON number, so accept both.
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string' || !INDEX_STRING.test(value)) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : undefined;
}

function checkListShape(
  list: unknown,
  flavour: Flavour,
  purpose: string,
  now: Date,
): StatusCheckResult | { encodedList: string } {
  if (!isObject(list)) return fail('STATUS_LIST_INVALID', 'status list credential: expected an object');
  if (!asArray(list.type).includes(flavour.listType)) {
    return fail(
      'STATUS_LIST_INVALID',
      `status list credential type: expected ${flavour.listType}, got ${JSON.stringify(list.type)}`,
    );
  }
  const subjects = asArray(list.credentialSubject);
  const subject = subjects.length === 1 && isObject(subjects[0]) ? (subjects[0] as JsonObject) : undefined;
  if (subject === undefined) {
    return fail('STATUS_LIST_INVALID', 'status list credentialSubject: expected exactly one object');
  }
  if (!asArray(subject.type).includes(flavour.subjectType)) {
    return fail(
      'STATUS_LIST_INVALID',
      `status list credentialSubject.type: expected ${flavour.subjectType}, got ${JSON.stringify(subject.type)}`,
    );
  }
  // BSL v1.0 validate step 5: the entry's purpose must be one the list declares.
  const listPurposes = asArray(subject.statusPurpose);
  if (listPurposes.length === 0 || !listPurposes.every((p) => typeof p === 'string')) {
    return fail('STATUS_LIST_INVALID', 'status list credentialSubject.statusPurpose: expected a string');
  }
  if (!listPurposes.includes(purpose)) {
    return fail(
      'STATUS_PURPOSE_MISMATCH',
      `statusPurpose mismatch: the entry says '${purpose}', the list says '${listPurposes.join("', '")}'`,
    );
  }
  if (typeof subject.encodedList !== 'string' || subject.encodedList.length === 0) {
    return fail(
      'STATUS_LIST_INVALID',
      'status list credentialSubject.encodedList: expected a non-empty string',
    );
  }
  const from = list.validFrom ?? list.issuanceDate;
  const until = list.validUntil ?? list.expirationDate;
  if (typeof from === 'string' && Date.parse(from) > now.getTime()) {
    return fail('STATUS_LIST_NOT_YET_VALID', `status list credential is not valid before ${from}`);
  }
  if (typeof until === 'string' && Date.parse(until) < now.getTime()) {
    return fail('STATUS_LIST_EXPIRED', `status list credential expired at ${until}`);
  }
  return { encodedList: subject.encodedList };
}

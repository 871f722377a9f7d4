// Bitstring primitives of W3C Bitstring Status List v1.0 §Bitstring Encoding: a bitstring is
// GZIP-compressed (RFC 1952), then base64url-encoded without padding and given the multibase
// prefix `u`. Bit 0 is the left-most (most significant) bit of the first byte. fflate (not
// node:zlib) so this file bundles for browsers.
import { Gunzip, gzipSync } from 'fflate';
import * as base64url from '../lib/base64url.js';
import { CredstackError, describeValue } from '../errors.js';
import { concatBytes } from '../lib/bytes.js';

/**
 * Minimum number of entries of a published status list (BSL v1.0 §Bitstring Generation: 16 KB,
 * herd privacy).
 *
 * Exported from `credstack` and `credstack/status`.
 * @example
 * ```ts
 * import { createBitstring, MIN_LIST_SIZE } from 'credstack/status'
 * const bits = createBitstring(MIN_LIST_SIZE) // 16,384 bytes, all zero
 * ```
 */
export const MIN_LIST_SIZE = 131072;

/**
 * Default cap on the decompressed size of an `encodedList`: 16 MiB (128 Mi entries), a guard
 * against gzip bombs.
 *
 * Exported from `credstack` and `credstack/status`.
 * @example
 * ```ts
 * import { decodeList, DEFAULT_MAX_LIST_BYTES } from 'credstack/status'
 * const bits = decodeList(encodedList, { maxBytes: DEFAULT_MAX_LIST_BYTES / 4 })
 * ```
 */
export const DEFAULT_MAX_LIST_BYTES: number = 16 * 1024 * 1024;

/**
 * Options of {@link createBitstring}.
 * @example
 * ```ts
 * import { type CreateBitstringOptions, createBitstring } from 'credstack'
 * const options: CreateBitstringOptions = { allowSmallLists: true }
 * const bits = createBitstring(8, options)
 * ```
 */
export interface CreateBitstringOptions {
  /** Allow fewer than {@link MIN_LIST_SIZE} entries. Tests only: small lists defeat herd privacy. */
  allowSmallLists?: boolean;
}

/**
 * Options of {@link decodeList}.
 * @example
 * ```ts
 * import { type DecodeListOptions, decodeList } from 'credstack'
 * const options: DecodeListOptions = { maxBytes: 1_000_000 }
 * const bits = decodeList(encodedList, options)
 * ```
 */
export interface DecodeListOptions {
  /** Maximum decompressed size in bytes (gzip bomb guard). Default 16 MiB. */
  maxBytes?: number;
}

/**
 * A zeroed bitstring of `size` bits (a multiple of 8; default and minimum {@link MIN_LIST_SIZE}).
 *
 * Exported from `credstack/status`.
 *
 * @example
 * ```ts
 * import { createBitstring, setBit, encodeList } from 'credstack/status'
 * const bits = createBitstring()          // 131,072 entries, all 0
 * setBit(bits, 94567, true)
 * const encodedList = encodeList(bits)    // 'uH4sI…'
 * ```
 */
export function createBitstring(
  size: number = MIN_LIST_SIZE,
  options: CreateBitstringOptions = {},
): Uint8Array {
  assertListSize(size, options.allowSmallLists === true);
  return new Uint8Array(size / 8);
}

/** Throws ERR_INVALID_INPUT unless `size` is a usable list size. Internal to the status folder. */
export function assertListSize(size: unknown, allowSmall: boolean, what = 'size'): asserts size is number {
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size <= 0 || size % 8 !== 0) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `${what}: expected a positive multiple of 8 (bits), got ${typeof size === 'number' ? size : describeValue(size)}`,
    );
  }
  if (!allowSmall && size < MIN_LIST_SIZE) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `${what}: a status list needs at least ${MIN_LIST_SIZE} entries for herd privacy (BSL v1.0), got ${size}`,
    );
  }
}

/**
 * Compresses a bitstring into an `encodedList`: `'u' + base64url(gzip(bits))`. Deterministic
 * (the gzip header's mtime is 0).
 *
 * Exported from `credstack/status`.
 *
 * @example
 * ```ts
 * import { createBitstring, encodeList } from 'credstack/status'
 * encodeList(createBitstring()) // 'uH4sIAAAAAAACA-3AMQEAAADCIPunNsYeGAAAAAAAAAAAAAAAAAAAAJA7htJUqwBAAAA'
 * ```
 */
export function encodeList(bits: Uint8Array): string {
  assertBytes(bits);
  return `u${base64url.encode(gzipSync(bits, { level: 9, mtime: 0 }))}`;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;
// One compressed chunk of this size inflates to at most ~1 MiB (DEFLATE's ratio is bounded by
// ~1032:1), so feeding the inflater in such chunks lets the size cap trip before memory blows up.
const CHUNK = 1024;

/**
 * Expands an `encodedList` back into its bitstring. Accepts the BSL v1.0 form (multibase `u`
 * prefix) and the StatusList2021 form (plain base64url). Throws `ERR_INVALID_INPUT` for anything
 * malformed and `ERR_LIMIT_EXCEEDED` when the list inflates past `maxBytes`.
 *
 * Exported from `credstack/status`.
 *
 * @example
 * ```ts
 * import { decodeList, getBit } from 'credstack/status'
 * const bits = decodeList(listCredential.credentialSubject.encodedList)
 * getBit(bits, 23) // true when entry 23 is set
 * ```
 */
export function decodeList(encoded: string, options: DecodeListOptions = {}): Uint8Array {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_LIST_BYTES;
  if (typeof encoded !== 'string') {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `encodedList: expected a string, got ${describeValue(encoded)}`,
    );
  }
  const body = encoded.startsWith('u') ? encoded.slice(1) : encoded;
  // base64 text is 4/3 of the bytes and gzip does not expand real data by much: anything far
  // longer than the cap cannot be a list we would accept, so refuse before decoding it.
  if (body.length > Math.ceil((maxBytes * 4) / 3) + 1024) {
    throw new CredstackError(
      'ERR_LIMIT_EXCEEDED',
      `encodedList: ${body.length} characters is more than a ${maxBytes}-byte list can need`,
    );
  }
  if (!BASE64URL.test(body)) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `encodedList: expected multibase base64url ('u' + [A-Za-z0-9_-]), got ${describeValue(encoded)}`,
    );
  }
  let compressed: Uint8Array;
  try {
    compressed = base64url.decode(body);
  } catch (cause) {
    throw new CredstackError('ERR_INVALID_INPUT', 'encodedList: not valid base64url', { cause });
  }
  return gunzipCapped(compressed, maxBytes);
}

class LimitHit extends Error {}

function gunzipCapped(compressed: Uint8Array, maxBytes: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const stream = new Gunzip((chunk) => {
    total += chunk.length;
    if (total > maxBytes) throw new LimitHit();
    if (chunk.length > 0) chunks.push(chunk);
  });
  try {
    for (let offset = 0; offset < compressed.length; offset += CHUNK) {
      const end = Math.min(offset + CHUNK, compressed.length);
      stream.push(compressed.subarray(offset, end), end === compressed.length);
    }
  } catch (cause) {
    if (cause instanceof LimitHit) {
      throw new CredstackError(
        'ERR_LIMIT_EXCEEDED',
        `encodedList: inflates to more than ${maxBytes} bytes (raise maxBytes if the list is genuine)`,
      );
    }
    throw new CredstackError('ERR_INVALID_INPUT', 'encodedList: not valid GZIP data', { cause });
  }
  if (total === 0)
    throw new CredstackError('ERR_INVALID_INPUT', 'encodedList: decompresses to an empty bitstring');
  return concatBytes(chunks);
}

/**
 * The bit at `index` (0 = most significant bit of byte 0). Throws `ERR_STATUS_INDEX` outside the list.
 *
 * Exported from `credstack/status`.
 *
 * @example
 * ```ts
 * import { createBitstring, getBit, setBit } from 'credstack/status'
 * const bits = createBitstring()
 * setBit(bits, 0, true) // bits[0] === 0b1000_0000
 * getBit(bits, 0)       // true
 * ```
 */
export function getBit(bits: Uint8Array, index: number): boolean {
  assertIndex(bits, index);
  return (bits[index >> 3]! & (0x80 >> (index & 7))) !== 0;
}

/**
 * Sets or clears the bit at `index` in place. Throws `ERR_STATUS_INDEX` outside the list.
 *
 * Exported from `credstack/status`.
 *
 * @example
 * ```ts
 * import { createBitstring, setBit } from 'credstack/status'
 * const bits = createBitstring()
 * setBit(bits, 7, true) // bits[0] === 0b0000_0001
 * ```
 */
export function setBit(bits: Uint8Array, index: number, value: boolean): void {
  assertIndex(bits, index);
  const mask = 0x80 >> (index & 7);
  if (value) bits[index >> 3]! |= mask;
  else bits[index >> 3]! &= ~mask;
}

function assertBytes(bits: unknown): asserts bits is Uint8Array {
  if (!(bits instanceof Uint8Array))
    throw new TypeError(`bits: expected a Uint8Array, got ${describeValue(bits)}`);
}

function assertIndex(bits: Uint8Array, index: number): void {
  assertBytes(bits);
  if (typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0 || index >= bits.length * 8) {
    throw new CredstackError(
      'ERR_STATUS_INDEX',
      `index: expected an integer from 0 to ${bits.length * 8 - 1}, got ${typeof index === 'number' ? index : describeValue(index)}`,
    );
  }
}

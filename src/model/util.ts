// Internal helpers of the builders (not exported from the package).

import { CredstackError, describeValue } from '../errors.js';
import { asArray, clone, isObject, type JsonObject } from '../lib/json.js';
import { EXTENSION_TYPES } from './constants.js';
import { appendAll } from '../lib/array.js';

/** `urn:uuid:` identifier: the form the spec examples use for ids that need not resolve. */
export function newId(): string {
  return `urn:uuid:${crypto.randomUUID()}`;
}

/** `YYYY-MM-DDTHH:MM:SSZ`: DateTimeZ without fractional seconds, as in every spec example. */
export function formatDateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// RFC 3339 date-time with a mandatory offset: what the schemas' `format: date-time` accepts.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** A Date or an RFC 3339 string as a DateTimeZ string; anything else is a coded error. */
export function toDateTime(value: Date | string, name: string): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw invalid(name, 'a valid Date', 'an invalid Date');
    return formatDateTime(value);
  }
  if (typeof value === 'string' && DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))) return value;
  throw invalid(name, 'a Date or an RFC 3339 date-time string with a time zone', describeValue(value));
}

export function invalid(name: string, expected: string, got: string): CredstackError {
  return new CredstackError('ERR_INVALID_INPUT', `${name} must be ${expected}, got ${got}`);
}

export function requireString(value: unknown, name: string): string {
  if (typeof value === 'string' && value.trim() !== '') return value;
  throw invalid(name, 'a non-empty string', describeValue(value));
}

export function requireObject(value: unknown, name: string): JsonObject {
  if (isObject(value)) return value;
  throw invalid(name, 'an object', describeValue(value));
}

/** `type` as an array with `main` first, keeping any extra types the caller gave. */
export function typeArray(given: unknown, main: string, ...also: string[]): string[] {
  const extra = asArray(given as string | string[] | undefined).filter((t) => typeof t === 'string');
  const out = [main, ...also];
  for (const t of extra) if (!out.includes(t)) out.push(t);
  return out;
}

/**
 * Copies `source` minus `skip` and undefined values (JSON rule: omit absent properties, never emit
 * `null`/`undefined`), deep-cloned so the output never aliases the caller's objects.
 */
export function rest(source: object, skip: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(source)) {
    if (skip.includes(key) || value === undefined) continue;
    // `extensions` (see Extensions) holds members as they are: copied up, not nested.
    if (key === 'extensions' && isObject(value)) Object.assign(out, rest(value, skip));
    else out[key] = clone(value);
  }
  return out;
}

/** Adds `extra` keys that `target` does not define yet (computed fields win). */
export function assignMissing(target: JsonObject, extra: JsonObject): JsonObject {
  for (const [key, value] of Object.entries(extra)) if (!(key in target)) target[key] = value;
  return target;
}

function usesExtensionTerm(doc: JsonObject): boolean {
  const types: unknown[] = [];
  for (const key of ['credentialSchema', 'credentialStatus', 'refreshService']) {
    for (const entry of asArray(doc[key])) if (isObject(entry)) appendAll(types, asArray(entry.type));
  }
  return types.some((t) => (EXTENSION_TYPES as readonly unknown[]).includes(t));
}

/**
 * The `@context` array: the required leading contexts in spec order, then `extensions.json` when the
 * document uses a type only that context defines (the spec examples do the same), then the caller's.
 */
export function contextArray(
  leading: readonly string[],
  doc: JsonObject,
  extensionsUrl: string,
  extra: unknown,
): (string | JsonObject)[] {
  const out: (string | JsonObject)[] = [...leading];
  if (usesExtensionTerm(doc)) out.push(extensionsUrl);
  for (const c of asArray(extra as string | string[] | undefined)) {
    if (typeof c === 'string' ? !out.includes(c) : isObject(c)) out.push(clone(c));
  }
  return out;
}

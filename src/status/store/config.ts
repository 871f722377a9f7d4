// Checks the settings a store is created with, and how they are kept (one JSON column), so
// every engine records and reads them the same way.
import { CredstackError, describeValue } from '../../errors.js';
import { isObject } from '../../lib/json.js';
import { assertListSize, MIN_LIST_SIZE } from '../bitstring.js';
import { assertListUrl, assertPurpose, assertStatusSize } from '../status-list.js';
import type { InitStatusStoreOptions, StoreConfig } from './contract.js';

export const DEFAULT_NAME = 'default';

/** Version of the tables (both SQL engines); a store of another version is refused, not guessed at. */
export const SCHEMA_VERSION = 1;

/** Throws ERR_INVALID_INPUT unless `name` is a usable store name. */
export function assertStoreName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/.test(name)) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `name: expected 1–63 letters, digits, '.', '_' or '-', got ${describeValue(name)}`,
    );
  }
}

/** The StoreConfig of a new store, from its init options (ERR_INVALID_INPUT when unusable). */
export function configFromOptions(name: string, options: InitStatusStoreOptions): StoreConfig {
  if (!isObject(options))
    throw new CredstackError('ERR_INVALID_INPUT', 'options: expected { url, purpose?, size? }');
  assertStoreName(name);
  assertListUrl(options.url, 'url');
  const purpose = options.purpose ?? 'revocation';
  assertPurpose(purpose);
  const size = options.size ?? MIN_LIST_SIZE;
  assertListSize(size, options.allowSmallLists === true);
  const statusSize = options.statusSize ?? 1;
  assertStatusSize(statusSize, options.statusMessages, purpose);
  if (options.issuer !== undefined && (typeof options.issuer !== 'string' || options.issuer.length === 0)) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `issuer: expected a non-empty string, got ${describeValue(options.issuer)}`,
    );
  }
  if (
    options.ttl !== undefined &&
    (typeof options.ttl !== 'number' || !Number.isSafeInteger(options.ttl) || options.ttl < 0)
  ) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `ttl: expected milliseconds, got ${describeValue(options.ttl)}`,
    );
  }
  if (options.statusReference !== undefined) {
    const refs = Array.isArray(options.statusReference) ? options.statusReference : [options.statusReference];
    refs.forEach((r, i) => {
      assertListUrl(r, `statusReference[${i}]`);
    });
  }
  if (options.rollover !== undefined && typeof options.rollover !== 'boolean') {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `rollover: expected a boolean, got ${describeValue(options.rollover)}`,
    );
  }
  const config: StoreConfig = {
    name,
    purpose,
    size,
    statusSize,
    url: options.url,
    rollover: options.rollover ?? true,
  };
  if (options.issuer !== undefined) config.issuer = options.issuer;
  if (options.statusMessages !== undefined) config.messages = options.statusMessages.map((m) => ({ ...m }));
  if (options.statusReference !== undefined) config.reference = options.statusReference;
  if (options.ttl !== undefined) config.ttl = options.ttl;
  return config;
}

/** The JSON kept in the store's settings column. */
export function serializeConfig(config: StoreConfig): string {
  return JSON.stringify(config);
}

/** Reads back a settings column; ERR_STATUS_STORE when it is not what serializeConfig wrote. */
export function parseConfig(location: string, text: unknown): StoreConfig {
  let doc: unknown;
  try {
    doc = typeof text === 'string' ? JSON.parse(text) : text;
  } catch (cause) {
    throw storeError(location, 'its settings are not valid JSON', cause);
  }
  if (!isObject(doc)) throw storeError(location, 'its settings are missing');
  try {
    const config = configFromOptions(String(doc.name), {
      url: doc.url as string,
      purpose: doc.purpose as StoreConfig['purpose'],
      size: doc.size as number,
      allowSmallLists: true,
      statusSize: doc.statusSize as number,
      ...(doc.issuer !== undefined ? { issuer: doc.issuer as string } : {}),
      ...(doc.messages !== undefined ? { statusMessages: doc.messages as StoreConfig['messages'] & {} } : {}),
      ...(doc.reference !== undefined ? { statusReference: doc.reference as string } : {}),
      ...(doc.ttl !== undefined ? { ttl: doc.ttl as number } : {}),
      rollover: doc.rollover as boolean,
    });
    return config;
  } catch (cause) {
    throw storeError(location, 'its settings are corrupt', cause);
  }
}

/** The option of `wanted` that differs from the store's config, if any (createStatusStore). */
export function configMismatch(
  config: StoreConfig,
  wanted: Partial<InitStatusStoreOptions>,
): string | undefined {
  const pairs: Array<[string, unknown, unknown]> = [
    ['url', wanted.url, config.url],
    ['purpose', wanted.purpose, config.purpose],
    ['size', wanted.size, config.size],
    ['issuer', wanted.issuer, config.issuer],
    ['statusSize', wanted.statusSize, config.statusSize],
    ['ttl', wanted.ttl, config.ttl],
  ];
  const bad = pairs.find(([, w, have]) => w !== undefined && w !== have);
  return bad === undefined ? undefined : `${bad[0]} ${JSON.stringify(bad[2])}, not ${JSON.stringify(bad[1])}`;
}

export const storeError = (location: string, message: string, cause?: unknown): CredstackError =>
  new CredstackError('ERR_STATUS_STORE', `status store ${location}: ${message}`, { path: location, cause });

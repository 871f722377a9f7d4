// Where a store lives is one string everywhere (API and CLI): a postgres:// URL is the
// PostgreSQL store, anything else is the path of an SQLite database file.
import { extname, resolve } from 'node:path';
import { CredstackError, describeValue } from '../../errors.js';
import { configMismatch, storeError } from './config.js';
import type {
  CreateStatusStoreOptions,
  InitStatusStoreOptions,
  OpenStatusStoreOptions,
  StatusStore,
  StoreConfig,
} from './contract.js';
import { openSqliteStore } from './sqlite.js';

/**
 * True for a `postgres://` or `postgresql://` URL (a PostgreSQL store), false for anything else
 * (the path of an SQLite store).
 *
 * Exported from `credstack/status/store`.
 * @example
 * ```ts
 * import { isPostgresUrl } from 'credstack/status/store'
 * isPostgresUrl('postgres://issuer@db.example/credstack') // true
 * isPostgresUrl('./status.sqlite')                         // false
 * ```
 */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(location);
}

function assertLocation(location: unknown): asserts location is string {
  if (typeof location !== 'string' || location.length === 0) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `location: expected a database file path (.sqlite, .db) or a postgres:// URL, got ${describeValue(location)}`,
    );
  }
}

type Mode = 'open' | 'init' | 'create';

async function openAt(
  location: unknown,
  mode: Mode,
  options: OpenStatusStoreOptions & Partial<InitStatusStoreOptions>,
): Promise<{ store: StatusStore; created: boolean; config: StoreConfig }> {
  assertLocation(location);
  if (!isObject(options)) throw new CredstackError('ERR_INVALID_INPUT', 'options: expected an object');
  if (isPostgresUrl(location)) {
    const { openPostgresStore } = await import('./postgres.js');
    return openPostgresStore(location, mode, options);
  }
  if (mode !== 'open' && extname(location).toLowerCase() === '.json') {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `${resolve(location)}: a status store is an SQLite database now; name it .sqlite or .db (to move a JSON file store: credstack status migrate FILE --to STORE.sqlite)`,
    );
  }
  return openSqliteStore(location, mode, options);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Opens an existing status store: `location` is an SQLite database file (the default engine,
 * e.g. `./status.sqlite`) or a PostgreSQL URL (`postgres://user:pass@host/db`, with
 * `?store=NAME` to pick one of several stores in the database). `ERR_STATUS_STORE` when it does
 * not exist or is corrupt, `ERR_STATUS_CONNECT` when the server is unreachable or refuses the
 * login, `ERR_STATUS_DRIVER` when the engine's driver is not installed. Close it when done.
 *
 * Exported from `credstack/status/store` (Node only).
 *
 * @example
 * ```ts
 * import { openStatusStore } from 'credstack/status/store'
 * const store = await openStatusStore('./status.sqlite')
 * await store.revoke('urn:uuid:3f2a…')
 * await store.close()
 * ```
 */
export async function openStatusStore(
  location: string,
  options: OpenStatusStoreOptions = {},
): Promise<StatusStore> {
  return (await openAt(location, 'open', options)).store;
}

/**
 * Creates a new status store (with its first, empty list) at `location` (see
 * {@link openStatusStore}). Refuses to overwrite an existing store (`ERR_STATUS_STORE`).
 *
 * Exported from `credstack/status/store` (Node only).
 *
 * @example
 * ```ts
 * import { initStatusStore } from 'credstack/status/store'
 * const store = await initStatusStore('./status.sqlite', {
 *   url: 'https://example.edu/status/1', purpose: 'revocation', issuer: 'did:web:example.edu',
 * })
 * ```
 */
export async function initStatusStore(
  location: string,
  options: InitStatusStoreOptions & OpenStatusStoreOptions,
): Promise<StatusStore> {
  if (!isObject(options) || options.url === undefined) {
    throw new CredstackError('ERR_INVALID_INPUT', 'options: expected { url, purpose?, size? }');
  }
  return (await openAt(location, 'init', options)).store;
}

/**
 * Opens the store at `location`, creating it first when it does not exist (then `options.url`
 * is required). When it exists, any `url`/`purpose`/`size`/`issuer`/`statusSize`/`ttl` given
 * must match it (`ERR_STATUS_STORE` otherwise). Safe when several processes call it at once.
 *
 * Exported from `credstack/status/store` (Node only).
 *
 * @example
 * ```ts
 * import { createStatusStore } from 'credstack/status/store'
 * const store = await createStatusStore('./status.sqlite', { url: 'https://example.edu/status/1' })
 * const { entry } = await store.allocate('urn:uuid:3f2a…')  // put `entry` in credentialStatus
 * ```
 */
export async function createStatusStore(
  location: string,
  options: CreateStatusStoreOptions = {},
): Promise<StatusStore> {
  const { store, created, config } = await openAt(location, 'create', options);
  if (created) return store;
  const mismatch = configMismatch(config, options);
  if (mismatch !== undefined) {
    await store.close();
    throw storeError(store.location, `exists with ${mismatch}`);
  }
  return store;
}

// A status-list store in one JSON file, safe for several issuing processes at once and for
// kill -9 at any instant:
//  - every change is read-modify-write under an exclusive lock file (./lock.ts);
//  - the new content goes to a temp file in the same directory, is fsync'd, renamed over the
//    store, and the directory is fsync'd: readers see the old or the new file, never a torn one;
//  - an operation is complete once the rename returned; a crash before that leaves the old file
//    (and maybe a temp file, deleted by the next writer).
// Node-only (node:fs); exported from `credstack/status/store`, never from the browser barrel.
import { randomInt } from 'node:crypto';
import { link, unlink } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { CredstackError, describeValue, isCredstackError } from '../../errors.js';
import { isObject } from '../../lib/json.js';
import { assertListSize, getBit, MIN_LIST_SIZE, setBit } from '../bitstring.js';
import {
  assertListUrl,
  assertPurpose,
  type BitstringStatusListCredential,
  type BitstringStatusListEntry,
  createStatusEntry,
  createStatusListCredential,
  type StatusPurpose,
} from '../status-list.js';
import { acquireLock } from './lock.js';
import { nthClearBit } from './pick.js';
import {
  code,
  type ListState,
  listUrlFor,
  readState,
  removeLeftovers,
  type State,
  serialize,
  storeError,
  syncDir,
  writeState,
  writeTemp,
} from './store-file.js';

/**
 * Which slot to act on: a credential id recorded at allocation, or a list URL + index.
 * @example
 * ```ts
 * import { openFileStatusStore, type StatusRef } from 'credstack/status/store'
 * const ref: StatusRef = { listUrl: 'https://example.org/status/1', index: 42 }
 * await (await openFileStatusStore('status.json')).revoke(ref)
 * ```
 */
export type StatusRef = string | { credentialId?: string; listUrl?: string; index?: number };

/**
 * What {@link StatusStore.allocate} hands out.
 * @example
 * ```ts
 * import { openFileStatusStore, type StatusAllocation } from 'credstack/status/store'
 * const store = await openFileStatusStore('status.json')
 * const allocation: StatusAllocation = await store.allocate('urn:uuid:1f0e5c1a-7c1b-4d2e-9a53-0b7c2f1d9e11')
 * ```
 */
export interface StatusAllocation {
  listUrl: string;
  index: number;
  purpose: StatusPurpose;
  credentialId?: string;
  /** Ready to put in the credential's `credentialStatus`. */
  entry: BitstringStatusListEntry;
}

/**
 * One list of the store, as of the moment it was read.
 * @example
 * ```ts
 * import { openFileStatusStore, type StatusListSnapshot } from 'credstack/status/store'
 * const store = await openFileStatusStore('status.json')
 * const snapshots: StatusListSnapshot[] = await store.lists()
 * ```
 */
export interface StatusListSnapshot {
  url: string;
  purpose: StatusPurpose;
  /** Entries in the list. */
  size: number;
  /** Allocated entries. */
  count: number;
  /** The status bits (1 = revoked/suspended), ready for `encodeList`. */
  bits: Uint8Array;
}

/**
 * A file-backed store of status lists for one status purpose. Pass it to
 * `issueCredential(…, { statusList: store })` to give each credential a slot, change bits with
 * `revoke` / `suspend` / `reinstate` (by credential id, or by index), then sign the lists with
 * `publishStatusList(store, { key })` and serve them at their URLs.
 *
 * Exported (as a type) from `credstack/status/store`; get one from {@link initFileStatusStore},
 * {@link openFileStatusStore} or {@link createFileStatusStore}.
 *
 * @example
 * ```ts
 * import { openFileStatusStore } from 'credstack/status/store'
 * const revocations = await openFileStatusStore('./revocation.json')
 * await revocations.revoke('urn:uuid:3f2a…')            // by the credential's id
 * await revocations.revoke({ index: 94567 })             // by index (single-list store)
 * const suspensions = await openFileStatusStore('./suspension.json')
 * await suspensions.suspend({ listUrl: 'https://example.edu/status/s-2', index: 17 })
 * await suspensions.reinstate('urn:uuid:9c1d…')
 * ```
 */
export interface StatusStore {
  readonly path: string;
  readonly purpose: StatusPurpose;
  readonly issuer: string | undefined;
  /** Reserves a random free slot (idempotent per credential id: the same id gets the same slot). */
  allocate(credentialId?: string): Promise<StatusAllocation>;
  /** Sets (`true`) or clears (`false`) the status bit of an allocated slot. */
  set(ref: StatusRef, value: boolean): Promise<void>;
  /** Reads the status bit of an allocated slot. */
  get(ref: StatusRef): Promise<boolean>;
  /** `set(ref, true)` on a revocation store. Revocation is final (BSL v1.0 §statusPurpose). */
  revoke(ref: StatusRef): Promise<void>;
  /** `set(ref, true)` on a suspension store. */
  suspend(ref: StatusRef): Promise<void>;
  /** `set(ref, false)` on a suspension store. */
  reinstate(ref: StatusRef): Promise<void>;
  /** The allocation recorded for a credential id, if any. */
  lookup(credentialId: string): Promise<{ listUrl: string; index: number } | undefined>;
  /** Every list with its current bits. */
  lists(): Promise<StatusListSnapshot[]>;
  /** Unsigned BitstringStatusListCredentials for every list, to sign and publish. */
  listCredentials(options?: {
    issuer?: string;
    validFrom?: string;
    validUntil?: string;
  }): Promise<BitstringStatusListCredential[]>;
}

/**
 * Options of {@link openFileStatusStore}.
 * @example
 * ```ts
 * import { type OpenFileStatusStoreOptions, openFileStatusStore } from 'credstack/status/store'
 * const options: OpenFileStatusStoreOptions = { lockTimeout: 5_000 }
 * const store = await openFileStatusStore('status.json', options)
 * ```
 */
export interface OpenFileStatusStoreOptions {
  /** How long to wait for another process's lock, in ms. Default 10,000. */
  lockTimeout?: number;
  /** Age after which a lock is taken as abandoned even if its holder seems alive, in ms. Default 30,000. */
  staleLockAge?: number;
  /** Random source in [0, 1), for tests. Default: node:crypto randomInt (uniform, unbiased). */
  random?: () => number;
}

/**
 * Options of {@link initFileStatusStore}.
 * @example
 * ```ts
 * import { type InitFileStatusStoreOptions, initFileStatusStore } from 'credstack/status/store'
 * const options: InitFileStatusStoreOptions = { url: 'https://example.org/status/1', purpose: 'revocation' }
 * const store = await initFileStatusStore('status.json', options)
 * ```
 */
export interface InitFileStatusStoreOptions {
  /**
   * URL of the first status list credential. When a list fills up the next one is
   * `${url}-2`, then `${url}-3`, … (the common single-list case keeps exactly the URL given).
   */
  url: string;
  purpose?: StatusPurpose;
  issuer?: string;
  /** Entries per list: a multiple of 8, at least 131,072 unless `allowSmallLists`. */
  size?: number;
  /** Tests only: allow lists smaller than 131,072 entries (no herd privacy). */
  allowSmallLists?: boolean;
}

/**
 * Options of {@link createFileStatusStore}.
 * @example
 * ```ts
 * import { type CreateFileStatusStoreOptions, createFileStatusStore } from 'credstack/status/store'
 * const options: CreateFileStatusStoreOptions = { url: 'https://example.org/status/1', issuer: 'did:example:issuer' }
 * const store = await createFileStatusStore('status.json', options)
 * ```
 */
export interface CreateFileStatusStoreOptions
  extends OpenFileStatusStoreOptions,
    Partial<InitFileStatusStoreOptions> {}

// One in-process queue per store file, so concurrent calls in one process wait their turn
// instead of polling the lock file.
const queues = new Map<string, Promise<unknown>>();

function enqueue<T>(path: string, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(path) ?? Promise.resolve();
  const run = previous.then(task, task);
  const tail = run.catch(() => {});
  queues.set(path, tail);
  void tail.then(() => {
    if (queues.get(path) === tail) queues.delete(path);
  });
  return run;
}

// Credential ids are arbitrary strings ('__proto__', 'constructor'…): own properties of a
// null-prototype object only.
function recordOf(state: State, credentialId: string): { list: string; index: number } | undefined {
  return Object.hasOwn(state.credentials, credentialId) ? state.credentials[credentialId] : undefined;
}

function resolveRef(path: string, state: State, ref: StatusRef): { list: ListState; index: number } {
  const r = typeof ref === 'string' ? { credentialId: ref } : ref;
  if (!isObject(r))
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `ref: expected a credential id or { listUrl, index }, got ${describeValue(ref)}`,
    );
  let listUrl = r.listUrl;
  let index = r.index;
  if (r.credentialId !== undefined) {
    const rec = recordOf(state, r.credentialId);
    if (rec === undefined) {
      throw new CredstackError(
        'ERR_INVALID_INPUT',
        `no status slot is recorded for credential ${r.credentialId}`,
        { path },
      );
    }
    if ((listUrl !== undefined && listUrl !== rec.list) || (index !== undefined && index !== rec.index)) {
      throw new CredstackError(
        'ERR_INVALID_INPUT',
        `credential ${r.credentialId} is at ${rec.list}#${rec.index}, not the slot given`,
      );
    }
    listUrl = rec.list;
    index = rec.index;
  }
  if (listUrl === undefined) {
    if (state.lists.length !== 1) {
      throw new CredstackError(
        'ERR_INVALID_INPUT',
        `ref: the store has ${state.lists.length} lists; give listUrl`,
      );
    }
    listUrl = state.lists[0]!.url;
  }
  const list = state.lists.find((l) => l.url === listUrl);
  if (list === undefined)
    throw new CredstackError('ERR_INVALID_INPUT', `ref: ${listUrl} is not a list of this store`, { path });
  if (typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0 || index >= state.size) {
    throw new CredstackError(
      'ERR_STATUS_INDEX',
      `index: expected an integer from 0 to ${state.size - 1}, got ${describeValue(index)}`,
    );
  }
  if (!getBit(list.allocated, index)) {
    throw new CredstackError('ERR_STATUS_INDEX', `index ${index} of ${list.url} was never allocated`);
  }
  return { list, index };
}

/**
 * Creates a new store file (with its first, empty list). Refuses to overwrite an existing
 * store (`ERR_STATUS_STORE`): the file is linked into place atomically.
 *
 * Exported from `credstack/status/store` (Node only).
 *
 * @example
 * ```ts
 * import { initFileStatusStore } from 'credstack/status/store'
 * const store = await initFileStatusStore('./status.json', {
 *   url: 'https://example.edu/status/1', purpose: 'revocation', issuer: 'did:web:example.edu',
 * })
 * ```
 */
export async function initFileStatusStore(
  path: string,
  options: InitFileStatusStoreOptions & OpenFileStatusStoreOptions,
): Promise<StatusStore> {
  if (typeof path !== 'string' || path.length === 0) {
    throw new CredstackError('ERR_INVALID_INPUT', `path: expected a file path, got ${describeValue(path)}`);
  }
  if (!isObject(options))
    throw new CredstackError('ERR_INVALID_INPUT', 'options: expected { url, purpose?, size? }');
  assertListUrl(options.url, 'url');
  const purpose = options.purpose ?? 'revocation';
  assertPurpose(purpose);
  const size = options.size ?? MIN_LIST_SIZE;
  assertListSize(size, options.allowSmallLists === true);
  if (options.issuer !== undefined && (typeof options.issuer !== 'string' || options.issuer.length === 0)) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `issuer: expected a non-empty string, got ${describeValue(options.issuer)}`,
    );
  }
  const full = resolve(path);
  const state: State = {
    purpose,
    size,
    url: options.url,
    lists: [
      { url: options.url, allocated: new Uint8Array(size / 8), status: new Uint8Array(size / 8), count: 0 },
    ],
    credentials: Object.create(null),
  };
  if (options.issuer !== undefined) state.issuer = options.issuer;
  const tmp = await writeTemp(full, serialize(state), 0o600);
  try {
    await link(tmp, full);
  } catch (err) {
    if (code(err) === 'EEXIST') throw storeError(full, 'already exists; refusing to overwrite it', err);
    throw storeError(full, 'cannot be created', err);
  } finally {
    await unlink(tmp).catch(() => {});
  }
  await syncDir(dirname(full));
  return openFileStatusStore(full, options);
}

/**
 * Opens an existing store file (`ERR_STATUS_STORE` if it is missing or corrupt).
 *
 * Exported from `credstack/status/store` (Node only).
 *
 * @example
 * ```ts
 * import { openFileStatusStore } from 'credstack/status/store'
 * const store = await openFileStatusStore('./status.json')
 * await store.revoke('urn:uuid:3f2a…')
 * ```
 */
export async function openFileStatusStore(
  path: string,
  options: OpenFileStatusStoreOptions = {},
): Promise<StatusStore> {
  const full = resolve(path);
  const initial = await readState(full);
  const lockOptions = { timeoutMs: options.lockTimeout ?? 10_000, staleMs: options.staleLockAge ?? 30_000 };
  const random = options.random;
  const pick = (n: number): number => {
    if (random === undefined) return randomInt(n);
    return Math.min(n - 1, Math.floor(random() * n));
  };

  // Read-modify-write under the lock. `change` returns [result, changed?].
  const mutate = <T>(change: (state: State) => [T, boolean]): Promise<T> =>
    enqueue(full, async () => {
      const release = await acquireLock(`${full}.lock`, lockOptions);
      try {
        await removeLeftovers(full);
        const state = await readState(full);
        const [result, changed] = change(state);
        if (changed) await writeState(full, state);
        return result;
      } finally {
        await release();
      }
    });

  const set = (ref: StatusRef, value: boolean): Promise<void> =>
    mutate((state) => {
      const { list, index } = resolveRef(full, state, ref);
      if (getBit(list.status, index) === value) return [undefined, false];
      setBit(list.status, index, value);
      return [undefined, true];
    });

  const needPurpose = (wanted: StatusPurpose, op: string) => {
    if (initial.purpose !== wanted) {
      throw new CredstackError(
        'ERR_INVALID_INPUT',
        `${op}: this store's purpose is ${initial.purpose}; ${op} needs a ${wanted} store`,
        { path: full },
      );
    }
  };

  return {
    path: full,
    purpose: initial.purpose,
    issuer: initial.issuer,
    allocate: (credentialId) => {
      if (credentialId !== undefined && (typeof credentialId !== 'string' || credentialId.length === 0)) {
        return Promise.reject(
          new CredstackError(
            'ERR_INVALID_INPUT',
            `credentialId: expected a non-empty string, got ${describeValue(credentialId)}`,
          ),
        );
      }
      return mutate((state): [StatusAllocation, boolean] => {
        const existing = credentialId === undefined ? undefined : recordOf(state, credentialId);
        let listUrl: string;
        let index: number;
        let changed = false;
        if (existing !== undefined) {
          listUrl = existing.list;
          index = existing.index;
        } else {
          let list = state.lists[state.lists.length - 1];
          if (list === undefined || list.count >= state.size) {
            list = {
              url: listUrlFor(state.url, state.lists.length + 1),
              allocated: new Uint8Array(state.size / 8),
              status: new Uint8Array(state.size / 8),
              count: 0,
            };
            state.lists.push(list);
          }
          index = nthClearBit(list.allocated, pick(state.size - list.count));
          if (index < 0) throw storeError(full, `list ${list.url} count does not match its bits`);
          setBit(list.allocated, index, true);
          list.count++;
          listUrl = list.url;
          if (credentialId !== undefined) state.credentials[credentialId] = { list: listUrl, index };
          changed = true;
        }
        const allocation: StatusAllocation = {
          listUrl,
          index,
          purpose: state.purpose,
          entry: createStatusEntry({ listCredential: listUrl, index, purpose: state.purpose }),
        };
        if (credentialId !== undefined) allocation.credentialId = credentialId;
        return [allocation, changed];
      });
    },
    set: (ref, value) => {
      if (typeof value !== 'boolean') {
        return Promise.reject(
          new CredstackError('ERR_INVALID_INPUT', `value: expected a boolean, got ${describeValue(value)}`),
        );
      }
      return set(ref, value);
    },
    get: async (ref) => {
      // No lock: the file is only ever replaced whole, so any read is a consistent snapshot.
      const state = await readState(full);
      const { list, index } = resolveRef(full, state, ref);
      return getBit(list.status, index);
    },
    revoke: async (ref) => {
      needPurpose('revocation', 'revoke');
      return set(ref, true);
    },
    suspend: async (ref) => {
      needPurpose('suspension', 'suspend');
      return set(ref, true);
    },
    reinstate: async (ref) => {
      needPurpose('suspension', 'reinstate');
      return set(ref, false);
    },
    lookup: async (credentialId) => {
      const rec = recordOf(await readState(full), credentialId);
      return rec === undefined ? undefined : { listUrl: rec.list, index: rec.index };
    },
    lists: async () => {
      const state = await readState(full);
      return state.lists.map((l) => ({
        url: l.url,
        purpose: state.purpose,
        size: state.size,
        count: l.count,
        bits: l.status,
      }));
    },
    listCredentials: async (opts = {}) => {
      const state = await readState(full);
      const issuer = opts.issuer ?? state.issuer;
      if (issuer === undefined) {
        throw new CredstackError(
          'ERR_INVALID_INPUT',
          'listCredentials: the store has no issuer; pass options.issuer',
        );
      }
      return state.lists.map((l) => {
        const input: Parameters<typeof createStatusListCredential>[0] = {
          id: l.url,
          issuer,
          purpose: state.purpose,
          bits: l.status,
        };
        if (opts.validFrom !== undefined) input.validFrom = opts.validFrom;
        if (opts.validUntil !== undefined) input.validUntil = opts.validUntil;
        return createStatusListCredential(input);
      });
    },
  };
}

/**
 * Opens the store at `path`, creating it first when it does not exist (then `options.url` is
 * required). When it exists, any `url`/`purpose`/`size`/`issuer` given must match it.
 *
 * Exported from `credstack/status/store` (Node only).
 *
 * @example
 * ```ts
 * import { createFileStatusStore } from 'credstack/status/store'
 * const store = await createFileStatusStore('./status.json', { url: 'https://example.edu/status/1' })
 * const { entry } = await store.allocate('urn:uuid:3f2a…')  // put `entry` in credentialStatus
 * ```
 */
export async function createFileStatusStore(
  path: string,
  options: CreateFileStatusStoreOptions = {},
): Promise<StatusStore> {
  let store: StatusStore | undefined;
  try {
    store = await openFileStatusStore(path, options);
  } catch (err) {
    if (!isCredstackError(err) || !(err.cause && code(err.cause) === 'ENOENT')) throw err;
  }
  if (store === undefined) {
    if (options.url === undefined) {
      throw new CredstackError(
        'ERR_INVALID_INPUT',
        `url: required to create the status store ${resolve(path)}`,
      );
    }
    try {
      return await initFileStatusStore(path, { ...options, url: options.url });
    } catch (err) {
      // Another process created it first: use theirs (checked against our options below).
      if (!isCredstackError(err) || err.code !== 'ERR_STATUS_STORE' || code(err.cause) !== 'EEXIST')
        throw err;
      store = await openFileStatusStore(path, options);
    }
  }
  const state = await readState(store.path);
  const mismatch = (['url', 'purpose', 'size', 'issuer'] as const).find(
    (k) => options[k] !== undefined && options[k] !== state[k],
  );
  if (mismatch !== undefined) {
    throw storeError(
      store.path,
      `exists with ${mismatch} ${JSON.stringify(state[mismatch])}, not ${JSON.stringify(options[mismatch])}`,
    );
  }
  return store;
}

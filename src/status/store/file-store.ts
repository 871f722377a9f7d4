// A status-list store in one JSON file, safe for several issuing processes at once and for
// kill -9 at any instant:
//  - every change is read-modify-write under an exclusive lock file (./lock.ts);
//  - the new content goes to a temp file in the same directory, is fsync'd, renamed over the
//    store, and the directory is fsync'd: readers see the old or the new file, never a torn one;
//  - an operation is complete once the rename returned; a crash before that leaves the old file
//    (and maybe a temp file, deleted by the next writer).
// Node-only (node:fs); exported from `credstack/status/store`, never from the browser barrel.
import { randomBytes, randomInt } from 'node:crypto';
import { link, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { CredstackError, describeValue, isCredstackError } from '../../errors.js';
import { isObject } from '../../lib/json.js';
import { assertListSize, decodeList, encodeList, getBit, MIN_LIST_SIZE, setBit } from '../bitstring.js';
import {
  assertListUrl,
  assertPurpose,
  type BitstringStatusListCredential,
  type BitstringStatusListEntry,
  createStatusEntry,
  createStatusListCredential,
  type StatusPurpose,
} from '../status-list.js';
import { acquireLock, isAlive } from './lock.js';
import { countSetBits, nthClearBit } from './pick.js';

/** Which slot to act on: a credential id recorded at allocation, or a list URL + index. */
export type StatusRef = string | { credentialId?: string; listUrl?: string; index?: number };

/** What {@link StatusStore.allocate} hands out. */
export interface StatusAllocation {
  listUrl: string;
  index: number;
  purpose: StatusPurpose;
  credentialId?: string;
  /** Ready to put in the credential's `credentialStatus`. */
  entry: BitstringStatusListEntry;
}

/** One list of the store, as of the moment it was read. */
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

/** A file-backed store of status lists for one status purpose. */
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

/** Options of {@link openFileStatusStore}. */
export interface OpenFileStatusStoreOptions {
  /** How long to wait for another process's lock, in ms. Default 10,000. */
  lockTimeout?: number;
  /** Age after which a lock is taken as abandoned even if its holder seems alive, in ms. Default 30,000. */
  staleLockAge?: number;
  /** Random source in [0, 1), for tests. Default: node:crypto randomInt (uniform, unbiased). */
  random?: () => number;
}

/** Options of {@link initFileStatusStore}. */
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

/** Options of {@link createFileStatusStore}. */
export interface CreateFileStatusStoreOptions
  extends OpenFileStatusStoreOptions,
    Partial<InitFileStatusStoreOptions> {}

interface ListState {
  url: string;
  allocated: Uint8Array;
  status: Uint8Array;
  count: number;
}

interface State {
  issuer?: string;
  purpose: StatusPurpose;
  size: number;
  url: string;
  lists: ListState[];
  credentials: Record<string, { list: string; index: number }>;
}

const storeError = (path: string, message: string, cause?: unknown) =>
  new CredstackError('ERR_STATUS_STORE', `status store ${path}: ${message}`, { path, cause });

function code(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

/** The URL of list number `n` (1-based). */
function listUrlFor(base: string, n: number): string {
  return n === 1 ? base : `${base}-${n}`;
}

function serialize(state: State): string {
  return JSON.stringify({
    version: 1,
    ...(state.issuer === undefined ? {} : { issuer: state.issuer }),
    purpose: state.purpose,
    size: state.size,
    url: state.url,
    lists: state.lists.map((l) => ({
      url: l.url,
      count: l.count,
      allocated: encodeList(l.allocated),
      status: encodeList(l.status),
    })),
    credentials: state.credentials,
  });
}

function parse(path: string, text: string): State {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (cause) {
    throw storeError(path, 'not valid JSON', cause);
  }
  if (!isObject(doc) || doc.version !== 1) throw storeError(path, 'not a version 1 status store');
  const { purpose, size, url, issuer, lists, credentials } = doc;
  if (purpose !== 'revocation' && purpose !== 'suspension') throw storeError(path, 'bad purpose');
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size <= 0 || size % 8 !== 0) {
    throw storeError(path, 'bad size');
  }
  if (typeof url !== 'string') throw storeError(path, 'bad url');
  if (issuer !== undefined && typeof issuer !== 'string') throw storeError(path, 'bad issuer');
  if (!Array.isArray(lists) || !isObject(credentials)) throw storeError(path, 'lists or credentials missing');
  const state: State = { purpose, size, url, lists: [], credentials: {} };
  if (issuer !== undefined) state.issuer = issuer;
  lists.forEach((raw, i) => {
    if (!isObject(raw) || raw.url !== listUrlFor(url, i + 1) || typeof raw.count !== 'number') {
      throw storeError(path, `list ${i + 1} is malformed`);
    }
    let allocated: Uint8Array;
    let status: Uint8Array;
    try {
      allocated = decodeList(raw.allocated as string, { maxBytes: size / 8 });
      status = decodeList(raw.status as string, { maxBytes: size / 8 });
    } catch (cause) {
      throw storeError(path, `list ${raw.url} has a bad bitstring`, cause);
    }
    if (
      allocated.length !== size / 8 ||
      status.length !== size / 8 ||
      countSetBits(allocated) !== raw.count
    ) {
      throw storeError(path, `list ${raw.url} is inconsistent (size or count)`);
    }
    for (let b = 0; b < status.length; b++) {
      if ((status[b]! & ~allocated[b]!) !== 0)
        throw storeError(path, `list ${raw.url} has status bits on free slots`);
    }
    state.lists.push({ url: raw.url, allocated, status, count: raw.count });
  });
  for (const [id, rec] of Object.entries(credentials)) {
    const list = isObject(rec) ? state.lists.find((l) => l.url === rec.list) : undefined;
    const index = isObject(rec) ? rec.index : undefined;
    if (
      list === undefined ||
      typeof index !== 'number' ||
      index < 0 ||
      index >= size ||
      !getBit(list.allocated, index)
    ) {
      throw storeError(path, `credential ${id} points at an unallocated slot`);
    }
    state.credentials[id] = { list: list.url, index };
  }
  return state;
}

async function readState(path: string): Promise<State> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    if (code(cause) === 'ENOENT') {
      throw storeError(
        path,
        'does not exist (create it with initFileStatusStore or createFileStatusStore)',
        cause,
      );
    }
    throw storeError(path, 'cannot be read', cause);
  }
  return parse(path, text);
}

async function syncDir(dir: string): Promise<void> {
  // Makes the rename itself durable. Directories cannot be opened on Windows: skip there.
  let fh: Awaited<ReturnType<typeof open>> | undefined;
  try {
    fh = await open(dir, 'r');
    await fh.sync();
  } catch (err) {
    if (!['EISDIR', 'EPERM', 'EACCES', 'EINVAL', 'EBADF'].includes(code(err) ?? '')) throw err;
  } finally {
    await fh?.close();
  }
}

async function writeTemp(path: string, text: string, mode: number): Promise<string> {
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`;
  const fh = await open(tmp, 'wx', mode);
  try {
    await fh.writeFile(text, 'utf8');
    await fh.sync();
  } finally {
    await fh.close();
  }
  return tmp;
}

async function writeState(path: string, state: State): Promise<void> {
  const mode = await stat(path).then(
    (s) => s.mode & 0o777,
    () => 0o600,
  );
  const tmp = await writeTemp(path, serialize(state), mode);
  try {
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => {});
    throw err;
  }
  await syncDir(dirname(path));
}

// Temp files of writers that died (`store.tmp-*`), and lock temp files of dead processes
// (`store.lock.tmp-<pid>-*`, `store.lock.stale-<pid>-*`). Called with the lock held, so no live
// writer owns a `store.tmp-*` file.
async function removeLeftovers(path: string): Promise<void> {
  const base = basename(path);
  let names: string[];
  try {
    names = await readdir(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    let dead = name.startsWith(`${base}.tmp-`);
    const m = /^\.lock\.(?:tmp|stale)-(\d+)-/.exec(name.slice(base.length));
    if (name.startsWith(base) && m) dead = !isAlive(Number(m[1]));
    if (dead) await unlink(join(dirname(path), name)).catch(() => {});
  }
}

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
    const rec = state.credentials[r.credentialId];
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
    credentials: {},
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
        const existing = credentialId === undefined ? undefined : state.credentials[credentialId];
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
      const rec = (await readState(full)).credentials[credentialId];
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

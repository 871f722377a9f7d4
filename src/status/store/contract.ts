// The one contract every status store keeps (SQLite, PostgreSQL, memory). The public shape is
// StatusStore; each engine implements the smaller StoreBackend below and ./facade.ts turns it
// into a StatusStore, so validation, purposes, refs and entries are written once.
import type {
  BitstringStatusListCredential,
  BitstringStatusListEntry,
  StatusMessage,
  StatusPurpose,
} from '../status-list.js';

/**
 * Which slot to act on: a credential id recorded at allocation, or a list URL + index.
 * @example
 * ```ts
 * import { openStatusStore, type StatusRef } from 'credstack/status/store'
 * const ref: StatusRef = { listUrl: 'https://example.org/status/1', index: 42 }
 * await (await openStatusStore('status.sqlite')).revoke(ref)
 * ```
 */
export type StatusRef = string | { credentialId?: string; listUrl?: string; index?: number };

/**
 * What {@link StatusStore.allocate} hands out.
 * @example
 * ```ts
 * import { openStatusStore, type StatusAllocation } from 'credstack/status/store'
 * const store = await openStatusStore('status.sqlite')
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
 * One allocated slot, as `credstack status show --json` prints it.
 * @example
 * ```ts
 * import { openStatusStore, type StatusSlot } from 'credstack/status/store'
 * const slots: StatusSlot[] = await (await openStatusStore('status.sqlite')).allocations()
 * ```
 */
export interface StatusSlot {
  /** `null` for a slot allocated without a credential id. */
  credentialId: string | null;
  /** The list URL. */
  list: string;
  index: number;
  purpose: StatusPurpose;
  /** The status is set (value ≠ 0): revoked, suspended, or a non-zero message. */
  set: boolean;
  /** The status value (0 … 2^statusSize − 1); present when the store's statusSize is above 1. */
  value?: number;
}

/**
 * One list of the store, as of the moment it was read.
 * @example
 * ```ts
 * import { openStatusStore, type StatusListSnapshot } from 'credstack/status/store'
 * const snapshots: StatusListSnapshot[] = await (await openStatusStore('status.sqlite')).lists()
 * ```
 */
export interface StatusListSnapshot {
  url: string;
  purpose: StatusPurpose;
  /** Entries in the list. */
  size: number;
  /** Allocated entries. */
  count: number;
  /** Bits per entry (BSL v1.0 `statusSize`), 1 unless the store was created with more. */
  statusSize: number;
  /** The status bitstring (size × statusSize bits), ready for `encodeList`. */
  bits: Uint8Array;
  /** BSL v1.0 `ttl` of the list credential, in milliseconds, when the store sets one. */
  ttl?: number;
}

/**
 * Options of {@link StatusStore.listCredentials}.
 * @example
 * ```ts
 * import type { ListCredentialsOptions } from 'credstack/status/store'
 * const options: ListCredentialsOptions = { validUntil: '2030-01-01T00:00:00Z' }
 * ```
 */
export interface ListCredentialsOptions {
  issuer?: string;
  validFrom?: string;
  validUntil?: string;
}

/**
 * A store of Bitstring Status Lists for one status purpose, kept in SQLite (the default, one
 * file), PostgreSQL (shared by issuers on several machines) or memory (tests). Every change is
 * one database transaction: once a call resolved, its allocation or status change is durable,
 * and no slot is ever handed to two credentials.
 *
 * Pass it to `issueCredential(…, { statusList: store })` to give each credential a slot, change
 * statuses with `revoke` / `suspend` / `reinstate` (by credential id, or by index), then sign the
 * lists with `publishStatusList(store, { key })` and serve them at their URLs.
 *
 * Exported (as a type) from `credstack/status/store`; get one from {@link openStatusStore},
 * {@link initStatusStore} or {@link createStatusStore}.
 *
 * @example
 * ```ts
 * import { openStatusStore } from 'credstack/status/store'
 * const revocations = await openStatusStore('./revocation.sqlite')
 * await revocations.revoke('urn:uuid:3f2a…')            // by the credential's id
 * await revocations.revoke({ index: 94567 })             // by index (single-list store)
 * const suspensions = await openStatusStore('postgres://issuer@db.example/credstack?store=suspension')
 * await suspensions.suspend({ listUrl: 'https://example.edu/status/s-2', index: 17 })
 * await suspensions.close()
 * ```
 */
export interface StatusStore {
  /** Which engine keeps the store. */
  readonly kind: 'sqlite' | 'postgres' | 'memory';
  /** The database file, or the server URL without its password. */
  readonly location: string;
  /** The store's name inside its database ('default' unless given). */
  readonly name: string;
  readonly purpose: StatusPurpose;
  readonly issuer: string | undefined;
  /** Bits per entry (BSL v1.0 `statusSize`). */
  readonly statusSize: number;
  /** The status messages (BSL v1.0 `statusMessage`), when statusSize is above 1. */
  readonly statusMessages: readonly StatusMessage[] | undefined;
  /** Reserves a random free slot (idempotent per credential id: the same id gets the same slot). */
  allocate(credentialId?: string): Promise<StatusAllocation>;
  /** Sets the status of an allocated slot: `true`/`false`, or a value below 2^statusSize. */
  set(ref: StatusRef, value: boolean | number): Promise<void>;
  /** Whether the status of an allocated slot is set (value ≠ 0). */
  get(ref: StatusRef): Promise<boolean>;
  /** The status value of an allocated slot (0 … 2^statusSize − 1). */
  read(ref: StatusRef): Promise<number>;
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
  /** Every allocated slot, in list then index order. */
  allocations(): Promise<StatusSlot[]>;
  /** Unsigned BitstringStatusListCredentials for every list, to sign and publish. */
  listCredentials(options?: ListCredentialsOptions): Promise<BitstringStatusListCredential[]>;
  /** Releases the database handle or connection pool. The store is unusable afterwards. */
  close(): Promise<void>;
}

/**
 * How a store is set up when it is created: its first list's URL, purpose, sizes, messages.
 * @example
 * ```ts
 * import { type InitStatusStoreOptions, initStatusStore } from 'credstack/status/store'
 * const options: InitStatusStoreOptions = { url: 'https://example.org/status/1', purpose: 'revocation' }
 * const store = await initStatusStore('status.sqlite', options)
 * ```
 */
export interface InitStatusStoreOptions {
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
  /** Bits per entry (BSL v1.0 `statusSize`), default 1; above 1 needs `statusMessages`. */
  statusSize?: number;
  /** BSL v1.0 `statusMessage`: one `{ status: '0x…', message }` per value, 2^statusSize of them. */
  statusMessages?: StatusMessage[];
  /** BSL v1.0 `statusReference`: URL(s) where the status values are explained. */
  statusReference?: string | string[];
  /** BSL v1.0 `ttl` of the published lists, in milliseconds. */
  ttl?: number;
  /** Start list n+1 when list n is full (default true); with `false` a full list is ERR_STATUS_LIST_FULL. */
  rollover?: boolean;
}

/**
 * Options of opening a store (every engine).
 * @example
 * ```ts
 * import { type OpenStatusStoreOptions, openStatusStore } from 'credstack/status/store'
 * const options: OpenStatusStoreOptions = { busyTimeout: 5_000 }
 * const store = await openStatusStore('status.sqlite', options)
 * ```
 */
export interface OpenStatusStoreOptions {
  /** The store's name in its database. Default: `store` of a postgres:// URL, else 'default'. */
  name?: string;
  /** SQLite: how long to wait for another process's write transaction, in ms. Default 30,000. */
  busyTimeout?: number;
  /** PostgreSQL: connections in the pool. Default 4. */
  poolSize?: number;
  /** PostgreSQL: how long to wait for a connection, in ms. Default 10,000. */
  connectTimeout?: number;
  /** Random source in [0, 1), for tests. Default: node:crypto randomInt (uniform, unbiased). */
  random?: () => number;
}

/**
 * Options of {@link createStatusStore}: open, or create with these settings.
 * @example
 * ```ts
 * import { type CreateStatusStoreOptions, createStatusStore } from 'credstack/status/store'
 * const options: CreateStatusStoreOptions = { url: 'https://example.org/status/1', issuer: 'did:example:issuer' }
 * const store = await createStatusStore('status.sqlite', options)
 * ```
 */
export interface CreateStatusStoreOptions extends OpenStatusStoreOptions, Partial<InitStatusStoreOptions> {}

/** The settings of a store, as recorded when it was created. Internal. */
export interface StoreConfig {
  name: string;
  purpose: StatusPurpose;
  size: number;
  statusSize: number;
  url: string;
  issuer?: string;
  messages?: StatusMessage[];
  reference?: string | string[];
  ttl?: number;
  rollover: boolean;
}

/** One allocated slot as an engine keeps it. Internal. */
export interface SlotRow {
  credentialId: string | null;
  list: number;
  index: number;
  value: number;
}

/** One list as an engine keeps it. Internal. */
export interface ListRow {
  n: number;
  count: number;
}

/**
 * What an engine provides; ./facade.ts builds the StatusStore on it. Every method is one
 * transaction. Internal.
 */
export interface StoreBackend {
  readonly kind: StatusStore['kind'];
  readonly location: string;
  readonly config: StoreConfig;
  /**
   * The slot of `credentialId` if it has one, else a new one: in the last list if it has room,
   * else in a new list (unless config.rollover is false: ERR_STATUS_LIST_FULL). `choose` picks
   * the index, given the list's count and a way to ask whether an index is taken.
   */
  allocate(credentialId: string | undefined, choose: ChooseIndex): Promise<{ list: number; index: number }>;
  lookup(credentialId: string): Promise<{ list: number; index: number } | undefined>;
  /** Sets the value of an allocated slot; false when the slot is not allocated. */
  setValue(list: number, index: number, value: number): Promise<boolean>;
  /** The value of an allocated slot; undefined when it is not allocated. */
  getValue(list: number, index: number): Promise<number | undefined>;
  listRows(): Promise<ListRow[]>;
  /** The slots of list `n` with a non-zero value. */
  setSlots(n: number): Promise<Array<{ index: number; value: number }>>;
  slots(): Promise<SlotRow[]>;
  /** Fills a freshly created store (migration): lists and slots, in one transaction. */
  importSlots(lists: ListRow[], slots: SlotRow[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * Picks a free index of a list of `size` entries with `count` taken. `isTaken` asks the engine
 * (inside its transaction); `taken` lists every taken index (used when random probes keep
 * hitting taken slots on a nearly full list). A synchronous form for SQLite (whose transactions
 * are synchronous) and an asynchronous one for PostgreSQL. Internal.
 */
export interface ChooseIndex {
  sync(input: { count: number; isTaken: (index: number) => boolean; taken: () => Iterable<number> }): number;
  async(input: {
    count: number;
    isTaken: (index: number) => Promise<boolean>;
    taken: () => Promise<Iterable<number>>;
  }): Promise<number>;
  /**
   * Like `async`, for engines whose probe is the insert itself: `claim(index)` takes the slot
   * and says whether it was free (one round trip instead of a look and then an insert).
   */
  claim(input: {
    count: number;
    claim: (index: number) => Promise<boolean>;
    taken: () => Promise<Iterable<number>>;
  }): Promise<number>;
}

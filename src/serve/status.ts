// The service's status lists: one revocation and one suspension store per issuing key (a list is
// signed by the issuer of the credentials it covers), published signed at
// {baseUrl}/status/{key name}/{purpose}, and re-signed when a status changed here, or at most a
// few seconds after another process (`credstack status revoke`, a second instance on the same
// PostgreSQL database) changed it.
import { join } from 'node:path';
import { CredstackError, isCredstackError } from '../errors.js';
import type { KeyFile, Signer } from '../keys/index.js';
import {
  createStatusStore,
  isPostgresUrl,
  openStatusStore,
  type PublishedStatusList,
  publishStatusList,
  type StatusStore,
} from '../status/store/index.js';

/**
 * The purposes the service keeps a store for.
 * @example
 * ```ts
 * const purpose: ServePurpose = 'suspension'
 * ```
 */
export type ServePurpose = 'revocation' | 'suspension';
const PURPOSES: readonly ServePurpose[] = ['revocation', 'suspension'];

// A list changed by another process is re-signed after this long at the latest.
const REFRESH_MS = 5000;

/**
 * One key's status stores and their signed lists.
 * @example
 * ```ts
 * const lists = await keeper.published()   // url → signed list credential
 * ```
 */
interface KeyStores {
  name: string;
  key: KeyFile;
  signer: Signer;
  stores: Record<ServePurpose, StatusStore>;
  published?: { at: number; lists: PublishedStatusList[] } | undefined;
  publishing?: Promise<PublishedStatusList[]> | undefined;
}

/**
 * What the service needs of its status lists.
 * @example
 * ```ts
 * const keeper = await openStatusKeeper({ keys, database: '.credstack', baseUrl: 'https://badges.example' })
 * await keeper.set('urn:uuid:…', 'revocation', true)
 * ```
 */
export interface StatusKeeper {
  /** The store of `controller`'s credentials for `purpose`. */
  store(controller: string, purpose: ServePurpose): StatusStore | undefined;
  /** Every signed list, by URL (the verifier's `documents`: its own lists need no fetch). */
  documents(): Promise<Map<string, unknown>>;
  /** The signed list served at `path` (`/status/eddsa/revocation`). */
  atPath(path: string): Promise<PublishedStatusList | undefined>;
  /** Sets a credential's status; `undefined` when no store has the credential. */
  set(
    credentialId: string,
    purpose: ServePurpose,
    value: boolean,
  ): Promise<{ listUrl: string; index: number } | undefined>;
  /** Re-signs a key's lists on the next read (a credential was allocated a slot). */
  touched(controller: string): void;
  /** A cheap query of every store (health). */
  ping(): Promise<void>;
  /** BSL `ttl` of the lists in milliseconds. */
  readonly ttl: number;
  /** Closes every store. */
  close(): Promise<void>;
}

/**
 * Options of {@link openStatusKeeper}.
 * @example
 * ```ts
 * const options: StatusKeeperOptions = { keys: [{ name: 'eddsa', key, signer }], database: '.credstack', baseUrl }
 * ```
 */
export interface StatusKeeperOptions {
  keys: { name: string; key: KeyFile; signer: Signer }[];
  /** A directory for SQLite files, or a postgres:// URL (one store per key and purpose in it). */
  database: string;
  baseUrl: string;
  ttl?: number;
  size?: number;
  /** Tests only: lists below 131,072 entries. */
  allowSmallLists?: boolean;
}

function locationOf(database: string, name: string, purpose: ServePurpose): string {
  if (!isPostgresUrl(database)) return join(database, `status-${name}-${purpose}.sqlite`);
  const url = new URL(database);
  url.searchParams.set('store', `${name}-${purpose}`);
  return url.toString();
}

// A store made by an earlier run keeps the list URL it was made with (credentials already carry
// it), so an existing store is opened as it is and only a missing one is created.
async function openOrCreate(
  location: string,
  create: Parameters<typeof createStatusStore>[1],
): Promise<StatusStore> {
  try {
    return await openStatusStore(location);
  } catch (error) {
    if (!isCredstackError(error) || error.code !== 'ERR_STATUS_STORE') throw error;
    return createStatusStore(location, create);
  }
}

/**
 * Opens (or creates) the revocation and suspension stores of every key.
 * @example
 * ```ts
 * const keeper = await openStatusKeeper({ keys, database: '.credstack', baseUrl: 'http://127.0.0.1:8080' })
 * ```
 */
export async function openStatusKeeper(options: StatusKeeperOptions): Promise<StatusKeeper> {
  const ttl = options.ttl ?? 300_000;
  const all: KeyStores[] = [];
  try {
    for (const { name, key, signer } of options.keys) {
      const stores = {} as Record<ServePurpose, StatusStore>;
      for (const purpose of PURPOSES) {
        stores[purpose] = await openOrCreate(locationOf(options.database, name, purpose), {
          url: `${options.baseUrl}/status/${name}/${purpose}`,
          purpose,
          issuer: key.controller,
          ttl,
          ...(options.size !== undefined ? { size: options.size } : {}),
          ...(options.allowSmallLists ? { allowSmallLists: true } : {}),
        });
      }
      all.push({ name, key, signer, stores });
    }
  } catch (error) {
    await Promise.allSettled(all.flatMap((k) => PURPOSES.map((p) => k.stores[p].close())));
    throw error;
  }

  const publish = (keyStores: KeyStores): Promise<PublishedStatusList[]> => {
    const current = keyStores.published;
    if (current && Date.now() - current.at < REFRESH_MS) return Promise.resolve(current.lists);
    keyStores.publishing ??= (async () => {
      try {
        const lists: PublishedStatusList[] = [];
        for (const purpose of PURPOSES) {
          const format = keyStores.key.algorithm === 'RSA' ? 'vc-jwt' : undefined;
          lists.push(
            ...(await publishStatusList(keyStores.stores[purpose], {
              signer: keyStores.signer,
              issuer: keyStores.key.controller,
              ...(format ? { format } : {}),
            })),
          );
        }
        keyStores.published = { at: Date.now(), lists };
        return lists;
      } finally {
        keyStores.publishing = undefined;
      }
    })();
    return keyStores.publishing;
  };
  const everything = async () => (await Promise.all(all.map(publish))).flat();
  const byController = (controller: string) => all.find((k) => k.key.controller === controller);

  return {
    ttl,
    store: (controller, purpose) => byController(controller)?.stores[purpose],
    async documents() {
      return new Map((await everything()).map((list) => [list.url, list.credential] as const));
    },
    async atPath(path) {
      return (await everything()).find((list) => new URL(list.url).pathname === path);
    },
    async set(credentialId, purpose, value) {
      for (const keyStores of all) {
        const store = keyStores.stores[purpose];
        const slot = await store.lookup(credentialId);
        if (!slot) continue;
        await store.set(credentialId, value);
        keyStores.published = undefined;
        return slot;
      }
      return undefined;
    },
    touched(controller) {
      const keyStores = byController(controller);
      if (keyStores) keyStores.published = undefined;
    },
    async ping() {
      for (const keyStores of all)
        for (const purpose of PURPOSES) await keyStores.stores[purpose].lookup('urn:credstack:health');
    },
    async close() {
      const results = await Promise.allSettled(all.flatMap((k) => PURPOSES.map((p) => k.stores[p].close())));
      const failure = results.find((r) => r.status === 'rejected');
      if (failure)
        throw new CredstackError('ERR_STATUS_STORE', 'A status store did not close', {
          cause: failure.reason,
        });
    },
  };
}

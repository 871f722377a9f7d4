// Builds the public StatusStore on an engine's StoreBackend: argument checks, purposes, refs,
// entries, bitstrings. The engines only move rows in transactions.
import { randomInt } from 'node:crypto';
import { CredstackError, describeValue } from '../../errors.js';
import { isObject } from '../../lib/json.js';
import { setBit } from '../bitstring.js';
import {
  type BitstringStatusListEntry,
  createStatusEntry,
  createStatusListCredential,
  type StatusPurpose,
} from '../status-list.js';
import type {
  ChooseIndex,
  StatusAllocation,
  StatusListSnapshot,
  StatusRef,
  StatusSlot,
  StatusStore,
  StoreBackend,
  StoreConfig,
} from './contract.js';
import { nthClearBit } from './pick.js';

/** The URL of list number `n` (1-based). */
export function listUrlFor(base: string, n: number): string {
  return n === 1 ? base : `${base}-${n}`;
}

/** List number of `url` in a store whose first list is `base`, or undefined. */
export function listNumberOf(base: string, url: string): number | undefined {
  if (url === base) return 1;
  if (!url.startsWith(`${base}-`)) return undefined;
  const tail = url.slice(base.length + 1);
  if (!/^[1-9][0-9]*$/.test(tail)) return undefined;
  const n = Number(tail);
  return n >= 2 && Number.isSafeInteger(n) ? n : undefined;
}

// Random probes before falling back to walking the taken slots: on a list up to 7/8 full the
// chance that 24 probes all miss is below 4%, and the walk is exact (and uniform) anyway.
const PROBES = 24;

/**
 * The index chooser every engine uses: uniform over the free slots of a list (herd privacy: a
 * sequential index would leak issuance order and volume). Rejection sampling (a uniform probe
 * retried while taken) is uniform over the free slots; after PROBES misses it draws r in
 * [0, free) and walks to the r-th free slot, which is uniform too and never spins.
 */
export function indexChooser(size: number, random?: () => number): ChooseIndex {
  const pick = (n: number): number =>
    random === undefined ? randomInt(n) : Math.min(n - 1, Math.floor(random() * n));
  const full = (count: number) => {
    if (count >= size) throw new CredstackError('ERR_STATUS_LIST_FULL', `the list is full (${size} entries)`);
  };
  const probes = (count: number) => (count < size - size / 8 ? PROBES : 0);
  const walk = (count: number, taken: Iterable<number>): number => {
    const bits = new Uint8Array(size / 8);
    for (const i of taken) setBit(bits, i, true);
    const index = nthClearBit(bits, pick(size - count));
    if (index < 0) throw new CredstackError('ERR_STATUS_STORE', 'the list count does not match its slots');
    return index;
  };
  return {
    sync: ({ count, isTaken, taken }) => {
      full(count);
      for (let p = probes(count); p > 0; p--) {
        const index = pick(size);
        if (!isTaken(index)) return index;
      }
      return walk(count, taken());
    },
    async: async ({ count, isTaken, taken }) => {
      full(count);
      for (let p = probes(count); p > 0; p--) {
        const index = pick(size);
        if (!(await isTaken(index))) return index;
      }
      return walk(count, await taken());
    },
    claim: async ({ count, claim, taken }) => {
      full(count);
      for (let p = probes(count); p > 0; p--) {
        const index = pick(size);
        if (await claim(index)) return index;
      }
      const index = walk(count, await taken());
      if (!(await claim(index)))
        throw new CredstackError('ERR_STATUS_STORE', `slot ${index} was taken under the store's lock`);
      return index;
    },
  };
}

function assertCredentialId(credentialId: unknown): asserts credentialId is string {
  if (typeof credentialId !== 'string' || credentialId.length === 0) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `credentialId: expected a non-empty string, got ${describeValue(credentialId)}`,
    );
  }
}

/** The credentialStatus entry of slot `index` of list `listUrl` of a store. Internal. */
export function statusEntryFor(
  config: StoreConfig,
  listUrl: string,
  index: number,
): BitstringStatusListEntry {
  return createStatusEntry({
    listCredential: listUrl,
    index,
    purpose: config.purpose,
    ...(config.statusSize !== 1 ? { statusSize: config.statusSize } : {}),
    ...(config.messages !== undefined ? { statusMessage: config.messages } : {}),
    ...(config.reference !== undefined ? { statusReference: config.reference } : {}),
  });
}

/** The symbol under which a facade carries its engine's importSlots (migration only). Internal. */
export const IMPORT: unique symbol = Symbol.for('credstack.status.import');

/** Wraps an engine into the public StatusStore. Internal. */
export function createStoreFacade(backend: StoreBackend, random?: () => number): StatusStore {
  const config: StoreConfig = backend.config;
  const choose = indexChooser(config.size, random);
  const maxValue = 2 ** config.statusSize - 1;
  let closed = false;

  const live = () => {
    if (closed)
      throw new CredstackError('ERR_STATUS_STORE', `status store ${backend.location}: closed`, {
        path: backend.location,
      });
  };

  const entryFor = (listUrl: string, index: number) => statusEntryFor(config, listUrl, index);

  const resolveRef = async (ref: StatusRef): Promise<{ list: number; index: number; url: string }> => {
    const r = typeof ref === 'string' ? { credentialId: ref } : ref;
    if (!isObject(r))
      throw new CredstackError(
        'ERR_INVALID_INPUT',
        `ref: expected a credential id or { listUrl, index }, got ${describeValue(ref)}`,
      );
    let list: number | undefined;
    let index = r.index;
    if (r.listUrl !== undefined) {
      list = typeof r.listUrl === 'string' ? listNumberOf(config.url, r.listUrl) : undefined;
      const known = list !== undefined && (await backend.listRows()).some((l) => l.n === list);
      if (!known) {
        throw new CredstackError(
          'ERR_INVALID_INPUT',
          `ref: ${String(r.listUrl)} is not a list of this store`,
          {
            path: backend.location,
          },
        );
      }
    }
    if (r.credentialId !== undefined) {
      assertCredentialId(r.credentialId);
      const rec = await backend.lookup(r.credentialId);
      if (rec === undefined) {
        throw new CredstackError(
          'ERR_INVALID_INPUT',
          `no status slot is recorded for credential ${r.credentialId}`,
          { path: backend.location },
        );
      }
      if ((list !== undefined && list !== rec.list) || (index !== undefined && index !== rec.index)) {
        throw new CredstackError(
          'ERR_INVALID_INPUT',
          `credential ${r.credentialId} is at ${listUrlFor(config.url, rec.list)}#${rec.index}, not the slot given`,
        );
      }
      list = rec.list;
      index = rec.index;
    }
    if (list === undefined) {
      const rows = await backend.listRows();
      if (rows.length !== 1)
        throw new CredstackError(
          'ERR_INVALID_INPUT',
          `ref: the store has ${rows.length} lists; give listUrl`,
        );
      list = rows[0]!.n;
    }
    if (typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0 || index >= config.size) {
      throw new CredstackError(
        'ERR_STATUS_INDEX',
        `index: expected an integer from 0 to ${config.size - 1}, got ${describeValue(index)}`,
      );
    }
    return { list, index, url: listUrlFor(config.url, list) };
  };

  const notAllocated = (url: string, index: number) =>
    new CredstackError('ERR_STATUS_INDEX', `index ${index} of ${url} was never allocated`);

  const set = async (ref: StatusRef, value: boolean | number): Promise<void> => {
    live();
    const v = value === true ? 1 : value === false ? 0 : value;
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0 || v > maxValue) {
      throw new CredstackError(
        'ERR_INVALID_INPUT',
        `value: expected a boolean${maxValue > 1 ? ` or an integer from 0 to ${maxValue}` : ''}, got ${describeValue(value)}`,
      );
    }
    const { list, index, url } = await resolveRef(ref);
    if (!(await backend.setValue(list, index, v))) throw notAllocated(url, index);
  };

  const read = async (ref: StatusRef): Promise<number> => {
    live();
    const { list, index, url } = await resolveRef(ref);
    const value = await backend.getValue(list, index);
    if (value === undefined) throw notAllocated(url, index);
    return value;
  };

  const needPurpose = (wanted: StatusPurpose, op: string) => {
    if (config.purpose !== wanted) {
      throw new CredstackError(
        'ERR_INVALID_INPUT',
        `${op}: this store's purpose is ${config.purpose}; ${op} needs a ${wanted} store`,
        { path: backend.location },
      );
    }
  };

  const snapshot = async (): Promise<StatusListSnapshot[]> => {
    const out: StatusListSnapshot[] = [];
    for (const row of await backend.listRows()) {
      const bits = new Uint8Array((config.size * config.statusSize) / 8);
      for (const { index, value } of await backend.setSlots(row.n)) {
        // Entry i occupies bits i*statusSize … i*statusSize+statusSize-1, most significant first.
        for (let b = 0; b < config.statusSize; b++) {
          if ((value >> (config.statusSize - 1 - b)) & 1) setBit(bits, index * config.statusSize + b, true);
        }
      }
      const snap: StatusListSnapshot = {
        url: listUrlFor(config.url, row.n),
        purpose: config.purpose,
        size: config.size,
        count: row.count,
        statusSize: config.statusSize,
        bits,
      };
      if (config.ttl !== undefined) snap.ttl = config.ttl;
      out.push(snap);
    }
    return out;
  };

  const store: StatusStore = {
    kind: backend.kind,
    location: backend.location,
    name: config.name,
    purpose: config.purpose,
    issuer: config.issuer,
    statusSize: config.statusSize,
    statusMessages: config.messages,
    allocate: async (credentialId) => {
      live();
      if (credentialId !== undefined) assertCredentialId(credentialId);
      const { list, index } = await backend.allocate(credentialId, choose);
      const listUrl = listUrlFor(config.url, list);
      const allocation: StatusAllocation = {
        listUrl,
        index,
        purpose: config.purpose,
        entry: entryFor(listUrl, index),
      };
      if (credentialId !== undefined) allocation.credentialId = credentialId;
      return allocation;
    },
    set,
    get: async (ref) => (await read(ref)) !== 0,
    read,
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
      live();
      assertCredentialId(credentialId);
      const rec = await backend.lookup(credentialId);
      return rec === undefined ? undefined : { listUrl: listUrlFor(config.url, rec.list), index: rec.index };
    },
    lists: async () => {
      live();
      return snapshot();
    },
    allocations: async () => {
      live();
      return (await backend.slots()).map((s): StatusSlot => {
        const slot: StatusSlot = {
          credentialId: s.credentialId,
          list: listUrlFor(config.url, s.list),
          index: s.index,
          purpose: config.purpose,
          set: s.value !== 0,
        };
        if (config.statusSize > 1) slot.value = s.value;
        return slot;
      });
    },
    listCredentials: async (opts = {}) => {
      live();
      const issuer = opts.issuer ?? config.issuer;
      if (issuer === undefined) {
        throw new CredstackError(
          'ERR_INVALID_INPUT',
          'listCredentials: the store has no issuer; pass options.issuer',
        );
      }
      return (await snapshot()).map((l) =>
        createStatusListCredential({
          id: l.url,
          issuer,
          purpose: l.purpose,
          bits: l.bits,
          ...(opts.validFrom !== undefined ? { validFrom: opts.validFrom } : {}),
          ...(opts.validUntil !== undefined ? { validUntil: opts.validUntil } : {}),
          ...(l.ttl !== undefined ? { ttl: l.ttl } : {}),
        }),
      );
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await backend.close();
    },
  };
  Object.defineProperty(store, IMPORT, {
    value: (
      lists: Array<{ n: number; count: number }>,
      slots: Parameters<StoreBackend['importSlots']>[1],
    ) => {
      live();
      return backend.importSlots(lists, slots);
    },
  });
  return store;
}

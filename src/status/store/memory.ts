// The in-memory store: the StatusStore contract without a database, for tests and short-lived
// tools (nothing survives the process). Calls are serialised like transactions are elsewhere.
import { CredstackError } from '../../errors.js';
import type { InitStatusStoreOptions, ListRow, SlotRow, StatusStore, StoreBackend } from './contract.js';
import { configFromOptions, DEFAULT_NAME } from './config.js';
import { createStoreFacade } from './facade.js';

/**
 * Options of {@link createMemoryStatusStore}.
 * @example
 * ```ts
 * import { createMemoryStatusStore, type MemoryStatusStoreOptions } from 'credstack/status/store'
 * const options: MemoryStatusStoreOptions = { url: 'https://example.org/status/1', size: 16, allowSmallLists: true }
 * const store = createMemoryStatusStore(options)
 * ```
 */
export interface MemoryStatusStoreOptions extends InitStatusStoreOptions {
  name?: string;
  /** Random source in [0, 1), for tests. */
  random?: () => number;
}

/**
 * A status store kept in memory: the same contract and guarantees as the SQLite and PostgreSQL
 * stores within one process, gone when the process ends. For tests and throwaway issuing.
 *
 * Exported from `credstack/status/store`.
 *
 * @example
 * ```ts
 * import { createMemoryStatusStore } from 'credstack/status/store'
 * const store = createMemoryStatusStore({ url: 'https://example.edu/status/1', issuer: 'did:web:example.edu' })
 * const { entry } = await store.allocate('urn:uuid:3f2a…')
 * ```
 */
export function createMemoryStatusStore(options: MemoryStatusStoreOptions): StatusStore {
  const config = configFromOptions(options?.name ?? DEFAULT_NAME, options);
  const lists: Array<ListRow & { slots: Map<number, SlotRow> }> = [{ n: 1, count: 0, slots: new Map() }];
  const byId = new Map<string, SlotRow>();
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => T | Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => {});
    return run;
  };
  const listOf = (n: number) => lists.find((l) => l.n === n);

  const backend: StoreBackend = {
    kind: 'memory',
    location: `memory:${config.name}`,
    config,
    allocate: (credentialId, choose) =>
      serial(async () => {
        const existing = credentialId === undefined ? undefined : byId.get(credentialId);
        if (existing) return { list: existing.list, index: existing.index };
        let list = lists[lists.length - 1]!;
        if (list.count >= config.size) {
          if (!config.rollover) {
            throw new CredstackError(
              'ERR_STATUS_LIST_FULL',
              `status store ${backend.location}: list ${list.n} is full and rollover is off`,
            );
          }
          list = { n: list.n + 1, count: 0, slots: new Map() };
          lists.push(list);
        }
        const current = list;
        const index = choose.sync({
          count: current.count,
          isTaken: (i) => current.slots.has(i),
          taken: () => current.slots.keys(),
        });
        const row: SlotRow = { credentialId: credentialId ?? null, list: current.n, index, value: 0 };
        current.slots.set(index, row);
        current.count++;
        if (credentialId !== undefined) byId.set(credentialId, row);
        return { list: current.n, index };
      }),
    lookup: async (credentialId) => {
      const row = byId.get(credentialId);
      return row === undefined ? undefined : { list: row.list, index: row.index };
    },
    setValue: (n, index, value) =>
      serial(() => {
        const row = listOf(n)?.slots.get(index);
        if (row === undefined) return false;
        row.value = value;
        return true;
      }),
    getValue: async (n, index) => listOf(n)?.slots.get(index)?.value,
    listRows: async () => lists.map((l) => ({ n: l.n, count: l.count })),
    setSlots: async (n) =>
      [...(listOf(n)?.slots.values() ?? [])]
        .filter((s) => s.value !== 0)
        .map((s) => ({ index: s.index, value: s.value })),
    slots: async () =>
      lists.flatMap((l) => [...l.slots.values()].sort((a, b) => a.index - b.index).map((s) => ({ ...s }))),
    importSlots: (rows, slots) =>
      serial(() => {
        lists.length = 0;
        byId.clear();
        for (const r of rows) lists.push({ n: r.n, count: 0, slots: new Map() });
        for (const s of slots) {
          const l = listOf(s.list)!;
          const row = { ...s };
          l.slots.set(s.index, row);
          l.count++;
          if (s.credentialId !== null) byId.set(s.credentialId, row);
        }
      }),
    close: async () => {},
  };
  return createStoreFacade(backend, options.random);
}

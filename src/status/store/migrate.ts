// Moves a JSON file store of credstack ≤ 0.1 into a database store, slot for slot: every list,
// every allocated index (with or without a credential id) and every status bit keeps its place,
// so credentials already issued keep pointing at the right bit.
import { resolve } from 'node:path';
import { CredstackError } from '../../errors.js';
import { getBit } from '../bitstring.js';
import type { OpenStatusStoreOptions, SlotRow, StatusStore } from './contract.js';
import { storeError } from './config.js';
import { IMPORT } from './facade.js';
import { readState } from './legacy-file.js';
import { initStatusStore } from './open.js';

/**
 * What {@link migrateFileStatusStore} moved.
 * @example
 * ```ts
 * import { type MigrationReport, migrateFileStatusStore } from 'credstack/status/store'
 * const report: MigrationReport = await migrateFileStatusStore('status.json', 'status.sqlite')
 * ```
 */
export interface MigrationReport {
  from: string;
  to: string;
  lists: number;
  /** Allocated slots (with or without a credential id). */
  allocations: number;
  /** Slots recorded with a credential id. */
  credentials: number;
  /** Slots whose status bit is set. */
  set: number;
}

/**
 * Moves the JSON file store `file` (credstack ≤ 0.1) into a new database store at `to` (an
 * SQLite path or a postgres:// URL; refused if a store is already there), then reads the new
 * store back and compares it slot by slot with the file (`ERR_STATUS_STORE` on any difference).
 * The file is left as it was; stop every process issuing from it first.
 *
 * Exported from `credstack/status/store` (Node only).
 *
 * @example
 * ```ts
 * import { migrateFileStatusStore } from 'credstack/status/store'
 * const report = await migrateFileStatusStore('./status.json', './status.sqlite')
 * console.log(`${report.allocations} slots moved, ${report.set} revoked`)
 * ```
 */
export async function migrateFileStatusStore(
  file: string,
  to: string,
  options: OpenStatusStoreOptions = {},
): Promise<MigrationReport> {
  const from = resolve(file);
  const state = await readState(from);
  const rows: SlotRow[] = [];
  const byIndex = new Map<string, string>();
  for (const [id, rec] of Object.entries(state.credentials)) byIndex.set(`${rec.list}#${rec.index}`, id);
  state.lists.forEach((list, i) => {
    for (let index = 0; index < state.size; index++) {
      if (!getBit(list.allocated, index)) continue;
      rows.push({
        credentialId: byIndex.get(`${list.url}#${index}`) ?? null,
        list: i + 1,
        index,
        value: getBit(list.status, index) ? 1 : 0,
      });
    }
  });
  const store = await initStatusStore(to, {
    ...options,
    url: state.url,
    purpose: state.purpose,
    size: state.size,
    allowSmallLists: true,
    ...(state.issuer !== undefined ? { issuer: state.issuer } : {}),
  });
  try {
    await importInto(
      store,
      state.lists.map((_, i) => ({ n: i + 1, count: 0 })),
      rows,
    );
    await compare(store, rows, from);
  } finally {
    await store.close();
  }
  return {
    from,
    to: store.location,
    lists: state.lists.length,
    allocations: rows.length,
    credentials: rows.filter((r) => r.credentialId !== null).length,
    set: rows.filter((r) => r.value !== 0).length,
  };
}

// The facade does not expose bulk import (it would bypass allocation); reach the backend through
// the hidden hook the engines' facades carry.
async function importInto(store: StatusStore, lists: Array<{ n: number; count: number }>, rows: SlotRow[]) {
  const hook = (store as unknown as Record<symbol, unknown>)[IMPORT];
  if (typeof hook !== 'function')
    throw new CredstackError('ERR_STATUS_STORE', `${store.location}: cannot import into this store`);
  await (hook as (l: typeof lists, r: SlotRow[]) => Promise<void>)(lists, rows);
}

async function compare(store: StatusStore, rows: SlotRow[], from: string) {
  const slots = await store.allocations();
  const key = (s: { credentialId: string | null; list: string | number; index: number; set: boolean }) =>
    `${s.credentialId}|${s.list}|${s.index}|${s.set}`;
  const lists = await store.lists();
  const urls = new Map(lists.map((l, i) => [i + 1, l.url]));
  const want = new Set(rows.map((r) => key({ ...r, list: urls.get(r.list) ?? '?', set: r.value !== 0 })));
  const got = new Set(slots.map(key));
  if (want.size !== got.size || [...want].some((k) => !got.has(k))) {
    throw storeError(store.location, `the migrated store differs from ${from}; it is left for inspection`);
  }
}

// The PostgreSQL store, for issuers on several machines sharing one database. Allocation is one
// transaction that takes the store's row with SELECT … FOR UPDATE (so allocators of one store,
// on any machine, take turns; other stores in the database are not held up), and the primary
// key (store, list, index) and the unique (store, credential id) make a duplicate slot
// impossible even if that lock were bypassed. A status change is one UPDATE of one slot row
// (a row lock of its own, so revocations never wait for allocations).
// Driver: pg (optional peer dependency, loaded on first use).
import { CredstackError, isCredstackError } from '../../errors.js';
import type {
  InitStatusStoreOptions,
  OpenStatusStoreOptions,
  SlotRow,
  StatusStore,
  StoreBackend,
  StoreConfig,
} from './contract.js';
import {
  configFromOptions,
  DEFAULT_NAME,
  parseConfig,
  SCHEMA_VERSION,
  serializeConfig,
  storeError,
} from './config.js';
import { loadDriver } from './drivers.js';
import { createStoreFacade } from './facade.js';

// The subset of pg's API used here.
export interface PgResult<R = Record<string, unknown>> {
  rows: R[];
  rowCount: number | null;
}
export interface PgClient {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<PgResult<R>>;
  release(err?: Error | boolean): void;
  on(event: 'error', listener: (err: Error) => void): void;
}
export interface PgPool {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<PgResult<R>>;
  connect(): Promise<PgClient>;
  end(): Promise<void>;
  on(event: 'error', listener: (err: Error) => void): void;
  on(event: 'connect', listener: (client: PgClient) => void): void;
}
interface PgModule {
  Pool: new (config: Record<string, unknown>) => PgPool;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS credstack_status_store (
  name text PRIMARY KEY, config text NOT NULL, version integer NOT NULL);
CREATE TABLE IF NOT EXISTS credstack_status_list (
  store text NOT NULL REFERENCES credstack_status_store(name), n integer NOT NULL,
  count integer NOT NULL DEFAULT 0, PRIMARY KEY (store, n));
CREATE TABLE IF NOT EXISTS credstack_status_slot (
  store text NOT NULL, list integer NOT NULL, idx integer NOT NULL, credential_id text,
  value integer NOT NULL DEFAULT 0, PRIMARY KEY (store, list, idx),
  FOREIGN KEY (store, list) REFERENCES credstack_status_list(store, n),
  UNIQUE (store, credential_id));
`;

/** A postgres:// URL split into what pg connects to, what is shown, and the store name. */
export function parsePostgresUrl(location: string): {
  connectionString: string;
  shown: string;
  store?: string;
} {
  let url: URL;
  try {
    url = new URL(location);
  } catch (cause) {
    throw new CredstackError('ERR_INVALID_INPUT', 'location: not a valid postgres:// URL', { cause });
  }
  const store = url.searchParams.get('store') ?? undefined;
  url.searchParams.delete('store');
  const connectionString = url.toString();
  const shownUrl = new URL(location);
  if (shownUrl.password !== '') shownUrl.password = '***';
  return { connectionString, shown: shownUrl.toString(), ...(store !== undefined ? { store } : {}) };
}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
  'EPIPE',
]);

/** Maps a pg error to a coded one: ERR_STATUS_CONNECT for the server/login, ERR_STATUS_STORE else. */
export function postgresError(location: string, err: unknown): CredstackError {
  if (isCredstackError(err)) return err;
  const code = (err as { code?: string } | undefined)?.code ?? '';
  const message = (err as Error | undefined)?.message ?? String(err);
  const connect = (reason: string, text: string) =>
    new CredstackError('ERR_STATUS_CONNECT', `status store ${location}: ${text}`, {
      path: location,
      cause: err,
      details: { reason },
    });
  if (code === '28P01' || code === '28000')
    return connect('auth', 'the server refused the login (wrong user or password)');
  if (code === '3D000') return connect('database', 'the database does not exist on the server');
  // pg gives a lost connection no code, only its message (ended mid-query: "terminated";
  // used after it ended: "not queryable"), so the driver's text is matched here, at the boundary.
  if (
    UNREACHABLE.has(code) ||
    /timeout|terminated|Connection refused|not queryable/i.test(message) ||
    code.startsWith('08') ||
    code === '57P01' ||
    code === '57P03'
  ) {
    return connect('unreachable', `the server is unreachable (${code || message})`);
  }
  if (code === '42501')
    return storeError(location, 'the database user lacks the privileges the store needs', err);
  return storeError(location, message, err);
}

const RETRYABLE = new Set(['40001', '40P01']);

/** A pg pool for `connectionString`, with client errors kept from crashing the process. */
export function createPool(
  connectionString: string,
  options: { poolSize?: number; connectTimeout?: number },
): PgPool {
  const { Pool } = loadDriver<PgModule>('pg', 'the PostgreSQL status store');
  const pool = new Pool({
    connectionString,
    max: options.poolSize ?? 4,
    connectionTimeoutMillis: options.connectTimeout ?? 10_000,
  });
  // An idle client's error reaches the pool's listener; a checked-out client's does not. When
  // the server drops a connection while a client is checked out (a restart, pg_terminate_backend,
  // a failover), pg fails the running query and then emits 'error' on the client as well: with no
  // listener that is an uncaught exception that kills the service. The query's rejection is the
  // error we act on, so the event itself is dropped.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

/** Runs `fn` in one transaction (retried on serialization failure or deadlock). */
export async function transaction<T>(
  pool: PgPool,
  location: string,
  fn: (c: PgClient) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    let client: PgClient;
    try {
      client = await pool.connect();
    } catch (err) {
      throw postgresError(location, err);
    }
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      client.release();
      return result;
    } catch (err) {
      const broken = await client.query('ROLLBACK').then(
        () => false,
        () => true,
      );
      client.release(broken);
      const code = (err as { code?: string }).code ?? '';
      if (RETRYABLE.has(code) && attempt < 8) continue;
      throw postgresError(location, err);
    }
  }
}

/** Creates the store tables when missing (serialised by an advisory lock: CREATE … IF NOT EXISTS races). */
export async function ensureSchema(c: PgClient): Promise<void> {
  await c.query("SELECT pg_advisory_xact_lock(hashtext('credstack_status_schema'))");
  await c.query(SCHEMA);
}

type Mode = 'open' | 'init' | 'create';

/** Opens / creates the PostgreSQL store at `location`. Internal: see openStatusStore. */
export async function openPostgresStore(
  location: string,
  mode: Mode,
  options: OpenStatusStoreOptions & Partial<InitStatusStoreOptions>,
): Promise<{ store: StatusStore; created: boolean; config: StoreConfig }> {
  const { connectionString, shown, store: urlStore } = parsePostgresUrl(location);
  const name = options.name ?? urlStore ?? DEFAULT_NAME;
  const wanted =
    mode === 'open' || options.url === undefined
      ? undefined
      : configFromOptions(name, options as InitStatusStoreOptions);
  const pool = createPool(connectionString, options);
  let created = false;
  let config: StoreConfig;
  try {
    config = await transaction(pool, shown, async (c) => {
      if (mode === 'open') {
        const exists = await c.query<{ t: string | null }>(
          "SELECT to_regclass('credstack_status_store') AS t",
        );
        if (exists.rows[0]?.t == null) throw storeError(shown, 'the database has no credstack status store');
      } else {
        await ensureSchema(c);
      }
      const row = await c.query<{ config: string; version: number }>(
        'SELECT config, version FROM credstack_status_store WHERE name = $1 FOR SHARE',
        [name],
      );
      if (row.rows[0] !== undefined) {
        if (mode === 'init')
          throw storeError(shown, `already has a status store named ${name}; refusing to overwrite it`);
        if (row.rows[0].version !== SCHEMA_VERSION)
          throw storeError(
            shown,
            `has schema version ${row.rows[0].version}; this credstack reads version ${SCHEMA_VERSION}`,
          );
        return parseConfig(shown, row.rows[0].config);
      }
      if (mode === 'open') throw storeError(shown, `has no status store named ${name}`);
      if (wanted === undefined)
        throw new CredstackError('ERR_INVALID_INPUT', `url: required to create the status store ${shown}`);
      const inserted = await c.query(
        'INSERT INTO credstack_status_store (name, config, version) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING',
        [name, serializeConfig(wanted), SCHEMA_VERSION],
      );
      if (inserted.rowCount === 0) {
        // Another machine created it between our read and insert: use theirs.
        const theirs = await c.query<{ config: string }>(
          'SELECT config FROM credstack_status_store WHERE name = $1',
          [name],
        );
        if (mode === 'init')
          throw storeError(shown, `already has a status store named ${name}; refusing to overwrite it`);
        return parseConfig(shown, theirs.rows[0]!.config);
      }
      await c.query('INSERT INTO credstack_status_list (store, n, count) VALUES ($1, 1, 0)', [name]);
      created = true;
      return wanted;
    });
  } catch (err) {
    await pool.end().catch(() => {});
    throw err;
  }
  const backend = postgresBackend(pool, shown, config);
  return { store: createStoreFacade(backend, options.random), created, config };
}

function postgresBackend(pool: PgPool, location: string, config: StoreConfig): StoreBackend {
  const name = config.name;
  const query = async <R>(text: string, params: unknown[]): Promise<PgResult<R>> => {
    try {
      return await pool.query<R>(text, params);
    } catch (err) {
      throw postgresError(location, err);
    }
  };
  return {
    kind: 'postgres',
    location,
    config,
    allocate: (credentialId, choose) => allocateIn(pool, location, config, credentialId, choose),
    lookup: async (credentialId) => {
      const r = await query<{ list: number; index: number }>(
        'SELECT list, idx AS "index" FROM credstack_status_slot WHERE store = $1 AND credential_id = $2',
        [name, credentialId],
      );
      return r.rows[0];
    },
    setValue: async (list, index, value) => {
      const r = await query(
        'UPDATE credstack_status_slot SET value = $1 WHERE store = $2 AND list = $3 AND idx = $4',
        [value, name, list, index],
      );
      return r.rowCount === 1;
    },
    getValue: async (list, index) => {
      const r = await query<{ value: number }>(
        'SELECT value FROM credstack_status_slot WHERE store = $1 AND list = $2 AND idx = $3',
        [name, list, index],
      );
      return r.rows[0]?.value;
    },
    listRows: async () =>
      (
        await query<{ n: number; count: number }>(
          'SELECT n, count FROM credstack_status_list WHERE store = $1 ORDER BY n',
          [name],
        )
      ).rows,
    setSlots: async (n) =>
      (
        await query<{ index: number; value: number }>(
          'SELECT idx AS "index", value FROM credstack_status_slot WHERE store = $1 AND list = $2 AND value <> 0',
          [name, n],
        )
      ).rows,
    slots: async () =>
      (
        await query<SlotRow>(
          'SELECT credential_id AS "credentialId", list, idx AS "index", value FROM credstack_status_slot WHERE store = $1 ORDER BY list, idx',
          [name],
        )
      ).rows,
    importSlots: (lists, slots) =>
      transaction(pool, location, async (c) => {
        await c.query('SELECT 1 FROM credstack_status_store WHERE name = $1 FOR UPDATE', [name]);
        await c.query('DELETE FROM credstack_status_slot WHERE store = $1', [name]);
        await c.query('DELETE FROM credstack_status_list WHERE store = $1', [name]);
        const counts = new Map<number, number>();
        for (const s of slots) counts.set(s.list, (counts.get(s.list) ?? 0) + 1);
        for (const l of lists)
          await c.query('INSERT INTO credstack_status_list (store, n, count) VALUES ($1, $2, $3)', [
            name,
            l.n,
            counts.get(l.n) ?? 0,
          ]);
        // Batches of 1,000 rows per INSERT: a 131,072-slot list moves in ~130 statements.
        for (let i = 0; i < slots.length; i += 1000) {
          const batch = slots.slice(i, i + 1000);
          await c.query(
            `INSERT INTO credstack_status_slot (store, list, idx, credential_id, value)
             SELECT $1, * FROM unnest($2::int[], $3::int[], $4::text[], $5::int[])`,
            [
              name,
              batch.map((s) => s.list),
              batch.map((s) => s.index),
              batch.map((s) => s.credentialId),
              batch.map((s) => s.value),
            ],
          );
        }
      }),
    close: () => pool.end(),
  };
}

/**
 * One allocation transaction (also used by the job queue's workers, on their own client, so a
 * signed credential and its slot commit together). Internal.
 */
export async function allocateIn(
  pool: PgPool,
  location: string,
  config: StoreConfig,
  credentialId: string | undefined,
  choose: Parameters<StoreBackend['allocate']>[1],
): Promise<{ list: number; index: number }> {
  return transaction(pool, location, (c) => allocateWith(c, location, config, credentialId, choose));
}

/** The allocation steps on a client already inside a transaction. Internal. */
export async function allocateWith(
  c: PgClient,
  location: string,
  config: StoreConfig,
  credentialId: string | undefined,
  choose: Parameters<StoreBackend['allocate']>[1],
): Promise<{ list: number; index: number }> {
  const name = config.name;
  // Allocators of this store take turns here (the store's row lock), on whatever machine they
  // run. The reads come in a statement of their own, after the lock: in READ COMMITTED a
  // statement that waited for a row lock re-reads only the locked row, so the same statement's
  // other reads (the list's count, the credential's slot) would be from before the wait.
  await c.query('SELECT 1 FROM credstack_status_store WHERE name = $1 FOR UPDATE', [name]);
  const head = (
    await c.query<{ existing_list: number | null; existing_idx: number | null; n: number; count: number }>(
      `SELECT e.list AS existing_list, e.idx AS existing_idx, l.n, l.count
         FROM (SELECT n, count FROM credstack_status_list WHERE store = $1 ORDER BY n DESC LIMIT 1) l
         LEFT JOIN credstack_status_slot e ON e.store = $1 AND e.credential_id = $2`,
      [name, credentialId ?? null],
    )
  ).rows[0];
  if (head === undefined) throw storeError(location, `the status store ${name} is gone`);
  if (head.existing_list !== null && head.existing_idx !== null)
    return { list: head.existing_list, index: head.existing_idx };
  let list = { n: head.n, count: head.count };
  if (list.count >= config.size) {
    if (!config.rollover) {
      throw new CredstackError(
        'ERR_STATUS_LIST_FULL',
        `status store ${location}: list ${list.n} is full (${config.size} entries) and rollover is off`,
        { path: location },
      );
    }
    list = { n: list.n + 1, count: 0 };
    await c.query('INSERT INTO credstack_status_list (store, n, count) VALUES ($1, $2, 0)', [name, list.n]);
  }
  const n = list.n;
  // The insert is the probe: a taken slot (primary key) inserts nothing and counts nothing.
  const index = await choose.claim({
    count: list.count,
    claim: async (i) =>
      (
        await c.query(
          `WITH ins AS (
             INSERT INTO credstack_status_slot (store, list, idx, credential_id, value) VALUES ($1, $2, $3, $4, 0)
             ON CONFLICT (store, list, idx) DO NOTHING RETURNING 1)
           UPDATE credstack_status_list SET count = count + 1
            WHERE store = $1 AND n = $2 AND EXISTS (SELECT 1 FROM ins)`,
          [name, n, i, credentialId ?? null],
        )
      ).rowCount === 1,
    taken: async () =>
      (
        await c.query<{ idx: number }>(
          'SELECT idx FROM credstack_status_slot WHERE store = $1 AND list = $2',
          [name, n],
        )
      ).rows.map((r) => r.idx),
  });
  return { list: n, index };
}

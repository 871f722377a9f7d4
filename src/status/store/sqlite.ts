// The SQLite store: one database file, every change one IMMEDIATE transaction (SQLite's own
// locking serialises writers across processes; WAL lets readers go on meanwhile), synchronous =
// FULL so a transaction that returned is on disk. A process killed mid-transaction leaves a WAL
// that SQLite rolls back on the next open: nothing half-written is ever seen.
// Driver: better-sqlite3 (optional peer dependency, loaded on first use).
import { closeSync, lstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { CredstackError } from '../../errors.js';
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

// The subset of better-sqlite3's API used here (its types are a dev dependency only).
interface Statement {
  run(...params: unknown[]): { changes: number };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  pluck(on?: boolean): Statement;
}
interface Database {
  prepare(sql: string): Statement;
  exec(sql: string): void;
  pragma(sql: string, options?: { simple?: boolean }): unknown;
  transaction<A extends unknown[], R>(fn: (...args: A) => R): { immediate(...args: A): R };
  close(): void;
}
type DatabaseConstructor = new (
  path: string,
  options?: { fileMustExist?: boolean; timeout?: number },
) => Database;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS credstack_status_store (
  name TEXT PRIMARY KEY, config TEXT NOT NULL, version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS credstack_status_list (
  store TEXT NOT NULL REFERENCES credstack_status_store(name), n INTEGER NOT NULL,
  count INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (store, n));
CREATE TABLE IF NOT EXISTS credstack_status_slot (
  store TEXT NOT NULL, list INTEGER NOT NULL, idx INTEGER NOT NULL, credential_id TEXT,
  value INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (store, list, idx),
  FOREIGN KEY (store, list) REFERENCES credstack_status_list(store, n)) WITHOUT ROWID;
CREATE UNIQUE INDEX IF NOT EXISTS credstack_status_slot_credential
  ON credstack_status_slot(store, credential_id);
`;

const SQLITE_MAGIC = 'SQLite format 3\0';

type Mode = 'open' | 'init' | 'create';

function errno(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

/** Maps a better-sqlite3 error to a coded one. */
function sqliteError(location: string, err: unknown): CredstackError {
  if (err instanceof CredstackError) return err;
  const code = errno(err) ?? '';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new CredstackError(
      'ERR_STATUS_LOCK',
      `status store ${location}: another process held the database longer than the busy timeout`,
      { path: location, cause: err },
    );
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return storeError(location, 'the database is corrupt or truncated (restore it from a backup)', err);
  }
  if (
    code.startsWith('SQLITE_CANTOPEN') ||
    code.startsWith('SQLITE_READONLY') ||
    code.startsWith('SQLITE_IOERR')
  ) {
    return storeError(location, `cannot be opened for writing (${code})`, err);
  }
  return storeError(location, (err as Error)?.message ?? String(err), err);
}

/**
 * The real file behind `path`: a symbolic link is followed to its target, so every process
 * works on one database and one WAL whatever name it was given (SQLite keeps the WAL beside the
 * name it opened). Returns undefined when there is no file yet.
 */
function realFile(path: string, mode: Mode): string | undefined {
  const full = resolve(path);
  let isLink = false;
  try {
    isLink = lstatSync(full).isSymbolicLink();
  } catch (err) {
    if (errno(err) !== 'ENOENT') throw storeError(full, 'cannot be read', err);
    if (mode === 'open') {
      throw storeError(
        full,
        'does not exist (create it with `credstack status create`, initStatusStore or createStatusStore)',
        err,
      );
    }
    return undefined;
  }
  try {
    return realpathSync(full);
  } catch (err) {
    if (isLink) {
      // Creating the store at a dangling link's target would put it somewhere the user did not
      // name; refuse instead.
      throw storeError(full, 'is a symbolic link to a file that does not exist', err);
    }
    throw storeError(full, 'cannot be read', err);
  }
}

/** Refuses files that are not SQLite databases, naming the legacy JSON store when it is one. */
function checkHeader(file: string, shown: string): void {
  const head = Buffer.alloc(16);
  let n = 0;
  try {
    const fd = openSync(file, 'r');
    try {
      n = readSync(fd, head, 0, 16, 0);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    throw storeError(shown, 'cannot be read', err);
  }
  if (n === 0) return; // an empty file is an empty database
  const text = head.subarray(0, n).toString('latin1');
  if (text.trimStart().startsWith('{')) {
    throw storeError(
      shown,
      `is a JSON file store of credstack ≤ 0.1; move it into a database first: credstack status migrate ${shown} --to STORE.sqlite`,
    );
  }
  if (text !== SQLITE_MAGIC)
    throw storeError(shown, 'is not an SQLite database (corrupt, truncated or another file)');
}

function openDatabase(file: string, mustExist: boolean, timeout: number): Database {
  const Driver = loadDriver<DatabaseConstructor>('better-sqlite3', 'the SQLite status store');
  try {
    return new Driver(file, { fileMustExist: mustExist, timeout });
  } catch (err) {
    if (errno(err) === 'ERR_DLOPEN_FAILED' || /NODE_MODULE_VERSION|bindings file/.test(String(err))) {
      throw new CredstackError(
        'ERR_STATUS_DRIVER',
        'the SQLite status store: better-sqlite3 is installed but its native module does not load here (npm rebuild better-sqlite3)',
        { cause: err, details: { driver: 'better-sqlite3', install: 'npm install better-sqlite3@12' } },
      );
    }
    throw sqliteError(file, err);
  }
}

/**
 * Opens (mode open), creates (init) or opens-or-creates (create) the SQLite store at `path`.
 * Internal: the public entry points are openStatusStore / initStatusStore / createStatusStore.
 */
export async function openSqliteStore(
  path: string,
  mode: Mode,
  options: OpenStatusStoreOptions & Partial<InitStatusStoreOptions>,
): Promise<{ store: StatusStore; created: boolean; config: StoreConfig }> {
  const name = options.name ?? DEFAULT_NAME;
  const wanted =
    mode === 'open'
      ? undefined
      : options.url === undefined
        ? undefined
        : configFromOptions(name, options as InitStatusStoreOptions);
  const shown = resolve(path);
  // Without the driver nothing else can be said about the file: say what to install first.
  loadDriver<DatabaseConstructor>('better-sqlite3', 'the SQLite status store');
  const existing = realFile(path, mode);
  if (existing !== undefined) checkHeader(existing, shown);
  const file = existing ?? shown;
  const db = openDatabase(file, mode === 'open', options.busyTimeout ?? 30_000);
  let created = false;
  let config: StoreConfig;
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    if (existing !== undefined) {
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw storeError(shown, `the database is corrupt (${String(check)})`);
    }
    const setup = db.transaction((): StoreConfig => {
      const tables = db
        .prepare(
          "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'credstack_status_store'",
        )
        .pluck()
        .get() as number;
      if (tables === 0) {
        if (mode === 'open')
          throw storeError(shown, 'is an SQLite database but not a credstack status store');
        const others = db
          .prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'")
          .pluck()
          .get() as number;
        if (others > 0)
          throw storeError(shown, 'is an SQLite database of something else; refusing to write into it');
        db.exec(SCHEMA);
      }
      const row = db.prepare('SELECT config, version FROM credstack_status_store WHERE name = ?').get(name) as
        | { config: string; version: number }
        | undefined;
      if (row !== undefined) {
        if (mode === 'init') throw storeError(shown, 'already exists; refusing to overwrite it');
        if (row.version !== SCHEMA_VERSION)
          throw storeError(
            shown,
            `has schema version ${row.version}; this credstack reads version ${SCHEMA_VERSION}`,
          );
        return parseConfig(shown, row.config);
      }
      if (mode === 'open') throw storeError(shown, `has no status store named ${name}`);
      if (wanted === undefined) {
        throw new CredstackError('ERR_INVALID_INPUT', `url: required to create the status store ${shown}`);
      }
      db.prepare('INSERT INTO credstack_status_store (name, config, version) VALUES (?, ?, ?)').run(
        name,
        serializeConfig(wanted),
        SCHEMA_VERSION,
      );
      db.prepare('INSERT INTO credstack_status_list (store, n, count) VALUES (?, 1, 0)').run(name);
      created = true;
      return wanted;
    });
    config = setup.immediate();
  } catch (err) {
    db.close();
    throw sqliteError(shown, err);
  }
  const backend = sqliteBackend(db, shown, config);
  return { store: createStoreFacade(backend, options.random), created, config };
}

function sqliteBackend(db: Database, location: string, config: StoreConfig): StoreBackend {
  const name = config.name;
  const q = {
    lookup: db.prepare(
      'SELECT list, idx AS "index" FROM credstack_status_slot WHERE store = ? AND credential_id = ?',
    ),
    lastList: db.prepare(
      'SELECT n, count FROM credstack_status_list WHERE store = ? ORDER BY n DESC LIMIT 1',
    ),
    addList: db.prepare('INSERT INTO credstack_status_list (store, n, count) VALUES (?, ?, 0)'),
    taken: db.prepare('SELECT 1 FROM credstack_status_slot WHERE store = ? AND list = ? AND idx = ?').pluck(),
    allTaken: db.prepare('SELECT idx FROM credstack_status_slot WHERE store = ? AND list = ?').pluck(),
    insert: db.prepare(
      'INSERT INTO credstack_status_slot (store, list, idx, credential_id, value) VALUES (?, ?, ?, ?, ?)',
    ),
    bump: db.prepare('UPDATE credstack_status_list SET count = count + 1 WHERE store = ? AND n = ?'),
    setValue: db.prepare(
      'UPDATE credstack_status_slot SET value = ? WHERE store = ? AND list = ? AND idx = ?',
    ),
    getValue: db
      .prepare('SELECT value FROM credstack_status_slot WHERE store = ? AND list = ? AND idx = ?')
      .pluck(),
    lists: db.prepare('SELECT n, count FROM credstack_status_list WHERE store = ? ORDER BY n'),
    setSlots: db.prepare(
      'SELECT idx AS "index", value FROM credstack_status_slot WHERE store = ? AND list = ? AND value <> 0',
    ),
    slots: db.prepare(
      'SELECT credential_id AS credentialId, list, idx AS "index", value FROM credstack_status_slot WHERE store = ? ORDER BY list, idx',
    ),
    clearLists: db.prepare('DELETE FROM credstack_status_list WHERE store = ?'),
    setCount: db.prepare('INSERT INTO credstack_status_list (store, n, count) VALUES (?, ?, ?)'),
  };
  const guard = <T>(fn: () => T): Promise<T> => {
    try {
      return Promise.resolve(fn());
    } catch (err) {
      return Promise.reject(sqliteError(location, err));
    }
  };

  const allocate = db.transaction(
    (credentialId: string | undefined, choose: Parameters<StoreBackend['allocate']>[1]) => {
      if (credentialId !== undefined) {
        const existing = q.lookup.get(name, credentialId) as { list: number; index: number } | undefined;
        if (existing) return existing;
      }
      let list = q.lastList.get(name) as { n: number; count: number };
      if (list.count >= config.size) {
        if (!config.rollover) {
          throw new CredstackError(
            'ERR_STATUS_LIST_FULL',
            `status store ${location}: list ${list.n} is full (${config.size} entries) and rollover is off`,
            { path: location },
          );
        }
        list = { n: list.n + 1, count: 0 };
        q.addList.run(name, list.n);
      }
      const n = list.n;
      const index = choose.sync({
        count: list.count,
        isTaken: (i) => q.taken.get(name, n, i) !== undefined,
        taken: () => q.allTaken.all(name, n) as number[],
      });
      q.insert.run(name, n, index, credentialId ?? null, 0);
      q.bump.run(name, n);
      return { list: n, index };
    },
  );

  const importSlots = db.transaction((lists: Array<{ n: number }>, slots: SlotRow[]) => {
    db.prepare('DELETE FROM credstack_status_slot WHERE store = ?').run(name);
    q.clearLists.run(name);
    const counts = new Map<number, number>();
    for (const s of slots) counts.set(s.list, (counts.get(s.list) ?? 0) + 1);
    for (const l of lists) q.setCount.run(name, l.n, counts.get(l.n) ?? 0);
    for (const s of slots) q.insert.run(name, s.list, s.index, s.credentialId, s.value);
  });

  return {
    kind: 'sqlite',
    location,
    config,
    allocate: (credentialId, choose) => guard(() => allocate.immediate(credentialId, choose)),
    lookup: (credentialId) =>
      guard(() => q.lookup.get(name, credentialId) as { list: number; index: number } | undefined),
    setValue: (list, index, value) => guard(() => q.setValue.run(value, name, list, index).changes === 1),
    getValue: (list, index) => guard(() => q.getValue.get(name, list, index) as number | undefined),
    listRows: () => guard(() => q.lists.all(name) as Array<{ n: number; count: number }>),
    setSlots: (n) => guard(() => q.setSlots.all(name, n) as Array<{ index: number; value: number }>),
    slots: () => guard(() => q.slots.all(name) as SlotRow[]),
    importSlots: (lists, slots) => guard(() => importSlots.immediate(lists, slots)),
    close: async () => db.close(),
  };
}

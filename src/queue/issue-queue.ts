// Batch issuance across machines: a producer puts a roster into a pg-boss job queue (one job per
// credential) in the PostgreSQL database that also holds the status store; any number of workers,
// on any machines, take jobs, allocate each credential's status slot in that database, sign, and
// store the signed credential there.
//
// Idempotent by credential id, whatever is killed when:
//  - a job holds a transaction-scoped advisory lock on its credential id from the check "already
//    issued?" to the insert of the signed credential, so two workers never sign one id at once
//    (a job retried after its worker was presumed dead waits for, then sees, the first one);
//  - the slot is allocated by credential id (the store hands the same id the same slot), in its
//    own short transaction so allocators on other ids are not held up while this one signs;
//  - the signed credential is inserted under the credential id's primary key and committed before
//    the job is marked done: a worker killed before the commit leaves nothing (the job expires and
//    is retried), one killed after leaves the credential, which the retry finds and keeps.
// So one id never yields two stored credentials or two status slots.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { CredstackError, describeValue, isCredstackError } from '../errors.js';
import { type IssueFormat, issueCredential } from '../issue/index.js';
import type { KeyFile, Signer } from '../keys/index.js';
import { signerForKey } from '../keys/signer.js';
import { isObject, type JsonObject } from '../lib/json.js';
import { DEFAULT_NAME, parseConfig } from '../status/store/config.js';
import type { StoreConfig } from '../status/store/contract.js';
import { loadDriver } from '../status/store/drivers.js';
import { indexChooser, listUrlFor, statusEntryFor } from '../status/store/facade.js';
import {
  allocateIn,
  createPool,
  type PgPool,
  parsePostgresUrl,
  postgresError,
  transaction,
} from '../status/store/postgres.js';
import { credentialFor, type RosterRow } from './roster.js';

/** The pg-boss queue credstack's jobs go to. */
export const ISSUE_QUEUE = 'credstack-issue';

const TABLES = `
CREATE TABLE IF NOT EXISTS credstack_batch (
  id text PRIMARY KEY, template text NOT NULL, format text, store text, total integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE IF NOT EXISTS credstack_issued (
  credential_id text PRIMARY KEY, batch text NOT NULL, credential text NOT NULL, store text,
  list integer, idx integer, worker text, issued_at timestamptz NOT NULL DEFAULT now());
CREATE INDEX IF NOT EXISTS credstack_issued_batch ON credstack_issued (batch);
CREATE TABLE IF NOT EXISTS credstack_issue_failure (
  credential_id text PRIMARY KEY, batch text NOT NULL, code text NOT NULL, message text NOT NULL,
  failed_at timestamptz NOT NULL DEFAULT now());
`;

// The subset of pg-boss used here.
interface Job {
  id: string;
  data: JobData;
}
interface Boss {
  on(event: 'error', fn: (err: Error) => void): void;
  start(): Promise<unknown>;
  stop(options?: { graceful?: boolean; wait?: boolean; timeout?: number }): Promise<void>;
  createQueue(name: string, options?: Record<string, unknown>): Promise<void>;
  insert(jobs: Array<Record<string, unknown>>): Promise<void>;
  fetch(name: string, options: { batchSize: number }): Promise<Job[]>;
  complete(name: string, ids: string[]): Promise<void>;
  fail(name: string, id: string, data: object): Promise<void>;
  getQueueSize(name: string, options?: { before: string }): Promise<number>;
}
type BossConstructor = new (options: Record<string, unknown>) => Boss;

interface JobData {
  batch: string;
  row: RosterRow;
}

function queueError(message: string, cause?: unknown): CredstackError {
  return new CredstackError('ERR_QUEUE', message, cause === undefined ? {} : { cause });
}

function assertQueueUrl(queue: unknown): asserts queue is string {
  if (typeof queue !== 'string' || !/^postgres(?:ql)?:\/\//i.test(queue)) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `queue: expected a postgres:// URL, got ${describeValue(queue)}`,
    );
  }
}

async function startBoss(
  connectionString: string,
  shown: string,
  options: { supervise?: boolean; maintenanceIntervalSeconds?: number; pollingIntervalSeconds?: number } = {},
): Promise<Boss> {
  const PgBoss = loadDriver<BossConstructor>('pg-boss', 'the issuing job queue');
  const boss = new PgBoss({
    connectionString,
    max: 4,
    supervise: options.supervise ?? false,
    schedule: false,
    ...(options.maintenanceIntervalSeconds !== undefined
      ? { maintenanceIntervalSeconds: options.maintenanceIntervalSeconds }
      : {}),
    ...(options.pollingIntervalSeconds !== undefined
      ? { pollingIntervalSeconds: options.pollingIntervalSeconds }
      : {}),
  });
  boss.on('error', () => {});
  try {
    await boss.start();
    await boss.createQueue(ISSUE_QUEUE);
  } catch (err) {
    await boss.stop({ graceful: false, wait: false }).catch(() => {});
    throw postgresError(shown, err);
  }
  return boss;
}

async function ensureTables(pool: PgPool, shown: string): Promise<void> {
  await transaction(pool, shown, async (c) => {
    await c.query("SELECT pg_advisory_xact_lock(hashtext('credstack_queue_schema'))");
    await c.query(TABLES);
  });
}

/** The config of status store `name` in the database, or undefined when there is none. */
async function storeConfigOf(pool: PgPool, shown: string, name: string): Promise<StoreConfig | undefined> {
  const exists = await pool
    .query<{ t: string | null }>("SELECT to_regclass('credstack_status_store') AS t")
    .catch((e) => {
      throw postgresError(shown, e);
    });
  if (exists.rows[0]?.t == null) return undefined;
  const row = await pool.query<{ config: string }>(
    'SELECT config FROM credstack_status_store WHERE name = $1',
    [name],
  );
  return row.rows[0] === undefined ? undefined : parseConfig(shown, row.rows[0].config);
}

/**
 * Options of {@link enqueueIssuance}.
 * @example
 * ```ts
 * import type { EnqueueIssuanceOptions } from 'credstack/status/store'
 * const options: EnqueueIssuanceOptions = { queue: 'postgres://issuer@db/credstack', template, rows }
 * ```
 */
export interface EnqueueIssuanceOptions {
  /** The PostgreSQL database of the queue (and of the status store): a postgres:// URL. */
  queue: string;
  /** The unsigned credential every row fills (its issuer must be the workers' key's controller, or absent). */
  template: JsonObject;
  /** The roster rows (see parseRoster). */
  rows: Iterable<RosterRow> | AsyncIterable<RosterRow>;
  /** Batch id (default: a new UUID); progress and results are per batch. */
  batch?: string;
  /**
   * The status store (a store name in the queue's database) that gives each credential a slot.
   * Default: the `?store=` of the queue URL, else the store named 'default' when there is one.
   * `false`: issue without credentialStatus.
   */
  status?: string | false;
  /** Proof format the workers sign in (default: by key type). */
  format?: IssueFormat;
  /** Seconds a worker has for one job before it is presumed dead and the job is retried (default 300). */
  jobTimeout?: number;
  /** Attempts after the first for jobs that fail on a transient error (default 10). */
  retryLimit?: number;
}

/**
 * Puts one job per roster row into the queue (in chunks of 1,000), records the batch (template,
 * status store, total) and returns its id. Workers started with {@link runIssueWorker} (or
 * `credstack worker`) on any machine then sign them.
 *
 * Exported from `credstack/status/store` (Node only; needs the pg and pg-boss packages).
 * @example
 * ```ts
 * import { enqueueIssuance, parseRoster } from 'credstack/status/store'
 * const { batch } = await enqueueIssuance({ queue: 'postgres://issuer@db/credstack', template, rows: parseRoster(csv) })
 * ```
 */
export async function enqueueIssuance(
  options: EnqueueIssuanceOptions,
): Promise<{ batch: string; enqueued: number; store: string | undefined }> {
  if (!isObject(options))
    throw new CredstackError('ERR_INVALID_INPUT', 'options: expected { queue, template, rows }');
  assertQueueUrl(options.queue);
  if (!isObject(options.template)) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `template: expected an unsigned credential object, got ${describeValue(options.template)}`,
    );
  }
  const { connectionString, shown, store: urlStore } = parsePostgresUrl(options.queue);
  const batch = options.batch ?? randomUUID();
  const pool = createPool(connectionString, { poolSize: 2 });
  let boss: Boss | undefined;
  try {
    await ensureTables(pool, shown);
    let store: string | undefined;
    if (options.status !== false) {
      const wanted = options.status ?? urlStore;
      const name = wanted ?? DEFAULT_NAME;
      const config = await storeConfigOf(pool, shown, name);
      if (config === undefined && wanted !== undefined) {
        throw new CredstackError(
          'ERR_STATUS_STORE',
          `status store ${shown}: has no status store named ${name} (create it: credstack status create --out '…?store=${name}')`,
        );
      }
      if (config !== undefined) store = name;
    }
    boss = await startBoss(connectionString, shown);
    const exists = await pool.query('SELECT 1 FROM credstack_batch WHERE id = $1', [batch]);
    if ((exists.rowCount ?? 0) > 0) throw queueError(`batch ${batch} exists already; give another batch id`);
    await pool.query(
      'INSERT INTO credstack_batch (id, template, format, store, total) VALUES ($1, $2, $3, $4, 0)',
      [batch, JSON.stringify(options.template), options.format ?? null, store ?? null],
    );
    let enqueued = 0;
    let chunk: Array<Record<string, unknown>> = [];
    const flush = async () => {
      if (chunk.length === 0) return;
      await boss!.insert(chunk);
      enqueued += chunk.length;
      await pool.query('UPDATE credstack_batch SET total = $2 WHERE id = $1', [batch, enqueued]);
      chunk = [];
    };
    for await (const row of options.rows) {
      if (!isObject(row) || typeof row.id !== 'string' || row.id.length === 0) {
        throw new CredstackError(
          'ERR_INVALID_INPUT',
          `rows[${enqueued + chunk.length}]: expected { id, recipient | email }`,
        );
      }
      chunk.push({
        name: ISSUE_QUEUE,
        data: { batch, row } satisfies JobData,
        expireInSeconds: options.jobTimeout ?? 300,
        retryLimit: options.retryLimit ?? 10,
        retryDelay: 1,
      });
      if (chunk.length >= 1000) await flush();
    }
    await flush();
    return { batch, enqueued, store };
  } catch (err) {
    throw postgresError(shown, err);
  } finally {
    await boss?.stop({ graceful: false, wait: true }).catch(() => {});
    await pool.end().catch(() => {});
  }
}

/**
 * Options of {@link runIssueWorker}.
 * @example
 * ```ts
 * import type { IssueWorkerOptions } from 'credstack/status/store'
 * const options: IssueWorkerOptions = { queue: 'postgres://issuer@db/credstack', key, concurrency: 8 }
 * ```
 */
export interface IssueWorkerOptions {
  queue: string;
  /** The issuer's key file (with its private key). Either `key` or `signer`. */
  key?: KeyFile;
  /** A signer whose private key lives elsewhere (KMS, HSM). */
  signer?: Signer;
  /** Jobs signed at once (default 8). */
  concurrency?: number;
  /** Return once the queue has had no job for this many ms (default: run until `signal` aborts). */
  idleExit?: number;
  /** Stops the worker (it finishes the jobs in hand). */
  signal?: AbortSignal;
  /** How often an idle worker looks for jobs, in seconds (default 2). */
  pollInterval?: number;
  /** How often jobs of dead workers are looked for and retried, in seconds (default 30). */
  maintenanceInterval?: number;
  /** Called after each job (issued, already issued, or failed for good). */
  onJob?: (event: { credentialId: string; outcome: 'issued' | 'existing' | 'failed'; code?: string }) => void;
}

/**
 * What {@link runIssueWorker} did.
 * @example
 * ```ts
 * import { runIssueWorker, type IssueWorkerReport } from 'credstack/status/store'
 * const report: IssueWorkerReport = await runIssueWorker({ queue: 'postgres://issuer@db/credstack', key, idleExit: 5_000 })
 * ```
 */
export interface IssueWorkerReport {
  issued: number;
  /** Jobs whose credential was already stored (a retry after a worker died after committing). */
  existing: number;
  /** Jobs that failed for good (schema, issuer mismatch…), recorded with their code. */
  failed: number;
}

// Errors of the credential itself: retrying would fail again, so they are recorded and the job is done.
const PERMANENT = new Set([
  'ERR_INVALID_INPUT',
  'ERR_SCHEMA_INVALID',
  'ERR_DATA_MODEL_INVALID',
  'ERR_ISSUER_MISMATCH',
  'ERR_UNKNOWN_TYPE',
  'ERR_CONTEXT_NOT_BUNDLED',
  'ERR_STATUS_LIST_FULL',
]);

/**
 * Takes issuance jobs from the queue until stopped (or idle for `idleExit` ms): for each, builds
 * the credential from its batch's template and roster row, allocates its status slot in the
 * database's status store, signs, and stores the signed credential. Run as many as you like, on
 * as many machines; see the module comment for why a credential id is never signed twice.
 *
 * Exported from `credstack/status/store` (Node only; needs the pg and pg-boss packages).
 * @example
 * ```ts
 * import { runIssueWorker } from 'credstack/status/store'
 * const report = await runIssueWorker({ queue: 'postgres://issuer@db/credstack', key, idleExit: 10_000 })
 * ```
 */
export async function runIssueWorker(options: IssueWorkerOptions): Promise<IssueWorkerReport> {
  if (!isObject(options)) throw new CredstackError('ERR_INVALID_INPUT', 'options: expected { queue, key }');
  assertQueueUrl(options.queue);
  if (options.key === undefined && options.signer === undefined) {
    throw new CredstackError('ERR_INVALID_INPUT', 'runIssueWorker needs a `key` (key file) or a `signer`');
  }
  const signer = options.signer ?? (await signerForKey(options.key!));
  const controller = options.key?.controller ?? signer.id.split('#')[0]!;
  const concurrency = options.concurrency ?? 8;
  const { connectionString, shown } = parsePostgresUrl(options.queue);
  // One connection per job in flight for the advisory lock, one more per job for allocation.
  const pool = createPool(connectionString, { poolSize: concurrency * 2 + 1 });
  const report: IssueWorkerReport = { issued: 0, existing: 0, failed: 0 };
  const worker = `${hostname()}:${process.pid}`;
  const batches = new Map<
    string,
    Promise<{ template: JsonObject; format?: IssueFormat; store?: StoreConfig }>
  >();
  let boss: Boss | undefined;
  try {
    await ensureTables(pool, shown);
    boss = await startBoss(connectionString, shown, {
      supervise: true,
      maintenanceIntervalSeconds: options.maintenanceInterval ?? 30,
      pollingIntervalSeconds: options.pollInterval ?? 2,
    });

    const batchOf = (id: string) => {
      let b = batches.get(id);
      if (b === undefined) {
        b = (async () => {
          const r = await pool.query<{ template: string; format: string | null; store: string | null }>(
            'SELECT template, format, store FROM credstack_batch WHERE id = $1',
            [id],
          );
          const row = r.rows[0];
          if (row === undefined) throw queueError(`batch ${id} is not recorded`);
          const store = row.store === null ? undefined : await storeConfigOf(pool, shown, row.store);
          if (row.store !== null && store === undefined)
            throw new CredstackError(
              'ERR_STATUS_STORE',
              `status store ${shown}: store ${row.store} of batch ${id} is gone`,
            );
          return {
            template: JSON.parse(row.template) as JsonObject,
            ...(row.format ? { format: row.format as IssueFormat } : {}),
            ...(store ? { store } : {}),
          };
        })();
        batches.set(id, b);
        b.catch(() => batches.delete(id));
      }
      return b;
    };

    const one = async (job: Job): Promise<void> => {
      const { batch, row } = job.data;
      const credentialId = row.id;
      const outcome = await transaction(pool, shown, async (c) => {
        await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [credentialId]);
        const done = await c.query('SELECT 1 FROM credstack_issued WHERE credential_id = $1', [credentialId]);
        if ((done.rowCount ?? 0) > 0) return 'existing' as const;
        const failed = await c.query('SELECT 1 FROM credstack_issue_failure WHERE credential_id = $1', [
          credentialId,
        ]);
        if ((failed.rowCount ?? 0) > 0) return 'failed' as const;
        const { template, format, store } = await batchOf(batch);
        let slot: { list: number; index: number } | undefined;
        try {
          const unsigned = await credentialFor(template, row);
          if (unsigned.issuer === undefined) unsigned.issuer = controller;
          const statusList = store
            ? {
                issuer: store.issuer,
                allocate: async (id: string) => {
                  slot = await allocateIn(pool, shown, store, id, indexChooser(store.size));
                  return { entry: statusEntryFor(store, listUrlFor(store.url, slot.list), slot.index) };
                },
              }
            : undefined;
          const signed = await issueCredential(unsigned, {
            signer,
            controller,
            ...(format ? { format } : {}),
            ...(statusList ? { statusList } : {}),
          });
          await c.query(
            'INSERT INTO credstack_issued (credential_id, batch, credential, store, list, idx, worker) VALUES ($1, $2, $3, $4, $5, $6, $7)',
            [
              credentialId,
              batch,
              typeof signed === 'string' ? signed : JSON.stringify(signed),
              store?.name ?? null,
              slot?.list ?? null,
              slot?.index ?? null,
              worker,
            ],
          );
          return 'issued' as const;
        } catch (err) {
          if (!isCredstackError(err) || !PERMANENT.has(err.code)) throw err;
          await c.query(
            'INSERT INTO credstack_issue_failure (credential_id, batch, code, message) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
            [credentialId, batch, err.code, err.message],
          );
          options.onJob?.({ credentialId, outcome: 'failed', code: err.code });
          return 'failed-now' as const;
        }
      });
      if (outcome === 'failed-now' || outcome === 'failed') {
        report.failed++;
        return;
      }
      report[outcome]++;
      options.onJob?.({ credentialId, outcome });
    };

    // Two lanes fetch and complete jobs themselves (not boss.work, which pauses a polling
    // interval between batches). pg-boss sorts the waiting jobs on every fetch, so a fetch takes
    // many jobs (`fetchSize`) and runs them `concurrency / 2` at a time; while one lane signs, the
    // other fetches. Each job is completed or failed on its own (a failed one is retried).
    const lanes = concurrency > 1 ? 2 : 1;
    const perLane = Math.ceil(concurrency / lanes);
    const fetchSize = Math.max(32, perLane * 8);
    const pollMs = (options.pollInterval ?? 2) * 1000;
    let lastWork = Date.now();
    let busy = 0;
    const stopped = () => options.signal?.aborted === true;
    const pause = (ms: number) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        options.signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    const runAll = async (jobs: Job[]) => {
      const settled: Array<PromiseSettledResult<void>> = new Array(jobs.length);
      let next = 0;
      await Promise.all(
        Array.from({ length: Math.min(perLane, jobs.length) }, async () => {
          while (next < jobs.length) {
            const i = next++;
            settled[i] = await one(jobs[i]!).then(
              () => ({ status: 'fulfilled', value: undefined }) as const,
              (reason: unknown) => ({ status: 'rejected', reason }) as const,
            );
          }
        }),
      );
      return settled;
    };
    const lane = async () => {
      while (!stopped()) {
        const jobs = await boss!.fetch(ISSUE_QUEUE, { batchSize: fetchSize });
        if (jobs.length === 0) {
          if (options.idleExit !== undefined && busy === 0 && Date.now() - lastWork >= options.idleExit) {
            if ((await boss!.getQueueSize(ISSUE_QUEUE).catch(() => 1)) === 0) return;
          }
          await pause(Math.min(pollMs, 250));
          continue;
        }
        busy++;
        try {
          const settled = await runAll(jobs);
          const done = jobs.filter((_, i) => settled[i]!.status === 'fulfilled').map((j) => j.id);
          if (done.length > 0) await boss!.complete(ISSUE_QUEUE, done);
          for (const [i, r] of settled.entries()) {
            if (r.status === 'rejected') {
              const reason = r.reason as Error;
              await boss!.fail(ISSUE_QUEUE, jobs[i]!.id, { message: reason?.message ?? String(reason) });
            }
          }
        } finally {
          busy--;
          lastWork = Date.now();
        }
      }
    };
    await Promise.all(Array.from({ length: lanes }, lane));
    return report;
  } catch (err) {
    throw postgresError(shown, err);
  } finally {
    await boss?.stop({ graceful: true, wait: true, timeout: 30_000 }).catch(() => {});
    await pool.end().catch(() => {});
  }
}

/**
 * Progress of one batch.
 * @example
 * ```ts
 * import { issuanceProgress, type IssuanceProgress } from 'credstack/status/store'
 * const [progress]: IssuanceProgress[] = await issuanceProgress('postgres://issuer@db/credstack', { batch })
 * ```
 */
export interface IssuanceProgress {
  batch: string;
  createdAt: string;
  /** Jobs enqueued. */
  total: number;
  /** Credentials signed and stored. */
  issued: number;
  /** Jobs that failed for good. */
  failed: number;
  /** Not yet done (waiting, in hand, or to be retried). */
  pending: number;
  /** The status store the batch allocates in, if any. */
  store: string | null;
  /** The first failures (up to 20): credential id, code, message. */
  failures: Array<{ credentialId: string; code: string; message: string }>;
}

/**
 * Progress of every batch in the queue's database (or of `batch`), newest first.
 *
 * Exported from `credstack/status/store` (Node only; needs the pg package).
 * @example
 * ```ts
 * import { issuanceProgress } from 'credstack/status/store'
 * for (const p of await issuanceProgress('postgres://issuer@db/credstack')) console.log(p.batch, p.issued, '/', p.total)
 * ```
 */
export async function issuanceProgress(
  queue: string,
  options: { batch?: string } = {},
): Promise<IssuanceProgress[]> {
  assertQueueUrl(queue);
  const { connectionString, shown } = parsePostgresUrl(queue);
  const pool = createPool(connectionString, { poolSize: 1 });
  try {
    const exists = await pool.query<{ t: string | null }>("SELECT to_regclass('credstack_batch') AS t");
    if (exists.rows[0]?.t == null) return [];
    const rows = await pool.query<{
      id: string;
      created_at: Date;
      total: number;
      store: string | null;
      issued: string;
      failed: string;
    }>(
      `SELECT b.id, b.created_at, b.total, b.store,
              (SELECT count(*) FROM credstack_issued i WHERE i.batch = b.id) AS issued,
              (SELECT count(*) FROM credstack_issue_failure f WHERE f.batch = b.id) AS failed
         FROM credstack_batch b WHERE $1::text IS NULL OR b.id = $1 ORDER BY b.created_at DESC`,
      [options.batch ?? null],
    );
    if (options.batch !== undefined && rows.rows.length === 0)
      throw queueError(`batch ${options.batch} is not recorded in ${shown}`);
    const out: IssuanceProgress[] = [];
    for (const r of rows.rows) {
      const failures = await pool.query<{ credentialId: string; code: string; message: string }>(
        'SELECT credential_id AS "credentialId", code, message FROM credstack_issue_failure WHERE batch = $1 ORDER BY failed_at LIMIT 20',
        [r.id],
      );
      const issued = Number(r.issued);
      const failed = Number(r.failed);
      out.push({
        batch: r.id,
        createdAt: r.created_at.toISOString(),
        total: r.total,
        issued,
        failed,
        pending: Math.max(0, r.total - issued - failed),
        store: r.store,
        failures: failures.rows,
      });
    }
    return out;
  } catch (err) {
    throw postgresError(shown, err);
  } finally {
    await pool.end().catch(() => {});
  }
}

/**
 * The signed credentials of a batch, in credential id order, streamed in pages of 500.
 *
 * Exported from `credstack/status/store` (Node only; needs the pg package).
 * @example
 * ```ts
 * import { issuedCredentials } from 'credstack/status/store'
 * for await (const { credentialId, credential } of issuedCredentials('postgres://issuer@db/credstack', batch)) save(credentialId, credential)
 * ```
 */
export async function* issuedCredentials(
  queue: string,
  batch: string,
): AsyncGenerator<{ credentialId: string; credential: JsonObject | string }> {
  assertQueueUrl(queue);
  const { connectionString, shown } = parsePostgresUrl(queue);
  const pool = createPool(connectionString, { poolSize: 1 });
  try {
    let after = '';
    for (;;) {
      const page = await pool
        .query<{ credential_id: string; credential: string }>(
          'SELECT credential_id, credential FROM credstack_issued WHERE batch = $1 AND credential_id > $2 ORDER BY credential_id LIMIT 500',
          [batch, after],
        )
        .catch((e) => {
          throw postgresError(shown, e);
        });
      for (const r of page.rows) {
        const text = r.credential;
        yield {
          credentialId: r.credential_id,
          credential: text.startsWith('{') ? (JSON.parse(text) as JsonObject) : text,
        };
      }
      if (page.rows.length < 500) return;
      after = page.rows[page.rows.length - 1]!.credential_id;
    }
  } finally {
    await pool.end().catch(() => {});
  }
}

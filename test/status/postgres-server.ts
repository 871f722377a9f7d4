// The PostgreSQL server the store and queue tests run against: CREDSTACK_TEST_POSTGRES_URL, as
// scripts/postgres-up.sh prints it (.ci/run starts one). Without it the PostgreSQL tests are
// skipped with a message locally, and fail in CI (CI=true), where a server is always given.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from 'vitest';

export const PG_URL = process.env.CREDSTACK_TEST_POSTGRES_URL;

/** `describe` for tests that need the server. */
export function describePostgres(name: string, body: () => void): void {
  if (PG_URL !== undefined && PG_URL !== '') {
    describe(name, body);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('has a PostgreSQL server (CREDSTACK_TEST_POSTGRES_URL)', () => {
        throw new Error(
          'CREDSTACK_TEST_POSTGRES_URL is not set; in CI the PostgreSQL tests must run (eval "$(bash scripts/postgres-up.sh)")',
        );
      });
    });
    return;
  }
  console.warn(
    `\n  SKIPPED (no server): ${name}\n  Start one with: eval "$(bash scripts/postgres-up.sh)" and run the tests again.\n`,
  );
  describe.skip(name, body);
}

interface AdminClient {
  connect(): Promise<void>;
  query(sql: string): Promise<unknown>;
  end(): Promise<void>;
}

async function admin<T>(fn: (c: AdminClient) => Promise<T>): Promise<T> {
  const { default: pg } = (await import('pg')) as unknown as {
    default: { Client: new (o: { connectionString: string }) => AdminClient };
  };
  const client = new pg.Client({ connectionString: PG_URL! });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A new, empty database on the test server; its URL. Drop it with dropDatabase. */
export async function freshDatabase(): Promise<string> {
  const name = `credstack_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(PG_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  if (!/^credstack_t_\d+_[0-9a-f]+$/.test(name)) throw new Error(`not a test database: ${name}`);
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/** The URL with `?store=name`. */
export function withStore(url: string, store: string): string {
  const u = new URL(url);
  u.searchParams.set('store', store);
  return u.toString();
}

/**
 * A fresh database for the tests of the enclosing `describe`: created before them, dropped after.
 * Read its URL from `.url` inside the tests.
 */
export function useFreshDatabase(): { readonly url: string } {
  const db = { url: '' };
  beforeAll(async () => {
    db.url = await freshDatabase();
  });
  afterAll(async () => {
    if (db.url) await dropDatabase(db.url);
  });
  return db;
}

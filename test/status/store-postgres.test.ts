// The status store contract on PostgreSQL, against a real server; and what only a server can
// get wrong: a wrong password, an unreachable server, a missing database, two machines.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateKey } from '../../src/keys/index.js';
import { runCli } from '../cli/run-cli.js';
import { createStatusStore, initStatusStore, openStatusStore } from '../../src/status/store/index.js';
import { createPool, transaction } from '../../src/status/store/postgres.js';
import { dropDatabase, describePostgres, freshDatabase, PG_URL, withStore } from './postgres-server.js';
import { small, storeContract, URL1 } from './store-contract.js';

let db = '';
let n = 0;
let location = '';

describePostgres('PostgreSQL status store', () => {
  beforeAll(async () => {
    db = await freshDatabase();
  });
  afterAll(async () => {
    if (db) await dropDatabase(db);
  });

  storeContract('PostgreSQL', {
    fresh: () => {
      location = withStore(db, `s${n++}`);
    },
    init: (o) => initStatusStore(location, o),
    reopen: (o) => openStatusStore(location, o),
    create: (o) => createStatusStore(location, o),
  });

  it('keeps several stores in one database apart (?store=NAME)', async () => {
    const rev = await initStatusStore(withStore(db, 'apart-rev'), { ...small, random: () => 0 });
    const sus = await initStatusStore(withStore(db, 'apart-sus'), {
      ...small,
      purpose: 'suspension',
      random: () => 0,
    });
    expect((await rev.allocate('urn:x')).index).toBe(0);
    expect((await sus.allocate('urn:x')).index).toBe(0);
    await rev.revoke('urn:x');
    expect(await sus.get('urn:x')).toBe(false);
    expect(rev.location).toContain('store=apart-rev');
    await rev.close();
    await sus.close();
  });

  it('hides the password and says what failed: wrong password, unreachable server, missing database', async () => {
    const wrong = new URL(db);
    wrong.password = 'not-the-password';
    const err = await openStatusStore(wrong.toString()).catch((e) => e);
    expect(err).toMatchObject({ code: 'ERR_STATUS_CONNECT', details: { reason: 'auth' } });
    expect(err.message).not.toContain('not-the-password');

    const closed = new URL(db);
    closed.port = '1'; // nothing listens there
    await expect(openStatusStore(closed.toString(), { connectTimeout: 2000 })).rejects.toMatchObject({
      code: 'ERR_STATUS_CONNECT',
      details: { reason: 'unreachable' },
    });

    const missing = new URL(db);
    missing.pathname = '/credstack_no_such_database';
    await expect(initStatusStore(missing.toString(), small)).rejects.toMatchObject({
      code: 'ERR_STATUS_CONNECT',
      details: { reason: 'database' },
    });
    // An empty database (no credstack tables) cannot be opened, only created.
    await expect(openStatusStore(withStore(db, 'never-made'))).rejects.toMatchObject({
      code: 'ERR_STATUS_STORE',
    });
  });

  it('two clients acting as two machines never share a slot, and see each other’s revocations', async () => {
    const at = withStore(db, 'two-machines');
    const a = await initStatusStore(at, { url: URL1, size: 64, allowSmallLists: true, poolSize: 3 });
    const b = await openStatusStore(at, { poolSize: 3 });
    const got = await Promise.all(
      Array.from({ length: 80 }, (_, i) => (i % 2 ? a : b).allocate(`urn:m:${i}`)),
    );
    const slots = got.map((g) => `${g.listUrl}#${g.index}`);
    expect(new Set(slots).size).toBe(80);
    expect((await a.lists()).map((l) => l.count)).toEqual([64, 16]);
    await a.revoke('urn:m:1');
    expect(await b.get('urn:m:1')).toBe(true);
    // Both ask for the same credential id at once: one slot.
    const same = await Promise.all([a.allocate('urn:same'), b.allocate('urn:same')]);
    expect(same[0]).toEqual(same[1]);
    await a.close();
    await b.close();
  });

  it('the CLI takes a postgres:// URL wherever it takes a store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'credstack-pg-cli-'));
    try {
      const at = withStore(db, 'cli');
      writeFileSync(join(dir, 'key.json'), JSON.stringify(await generateKey()));
      const basic = JSON.parse(
        readFileSync(
          new URL('../vectors/spec/ob-v3p0/spec/basic-openbadgecredential.unsigned.json', import.meta.url),
          'utf8',
        ),
      );
      const { issuer: _issuer, ...rest } = basic;
      writeFileSync(
        join(dir, 'a.json'),
        JSON.stringify({ ...rest, id: 'urn:uuid:0b1c2d3e-0000-4000-8000-00000000000a' }),
      );
      const run = (args: string[]) => {
        const r = runCli(args);
        expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0);
        return r;
      };
      run(['status', 'create', '--key', join(dir, 'key.json'), '--url', URL1, '--out', at]);
      run([
        'issue',
        '--key',
        join(dir, 'key.json'),
        '--in',
        join(dir, 'a.json'),
        '--status',
        at,
        '--out',
        join(dir, 'a.signed.json'),
      ]);
      run(['status', 'revoke', at, '--credential', join(dir, 'a.signed.json')]);
      const show = JSON.parse(run(['status', 'show', at, '--json']).stdout);
      const entry = JSON.parse(readFileSync(join(dir, 'a.signed.json'), 'utf8')).credentialStatus;
      expect(show.allocations).toEqual([
        {
          credentialId: 'urn:uuid:0b1c2d3e-0000-4000-8000-00000000000a',
          list: URL1,
          index: Number(entry.statusListIndex),
          purpose: 'revocation',
          set: true,
        },
      ]);
      run(['status', 'publish', at, '--key', join(dir, 'key.json'), '--out', join(dir, 'list.json')]);
      // The password never reaches the output.
      const wrong = new URL(at);
      wrong.password = 'hunter2-wrong';
      const refused = runCli(['status', 'show', wrong.toString()]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('ERR_STATUS_CONNECT');
      expect(refused.stderr).not.toContain('hunter2');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('a connection the server drops while it is checked out fails the transaction, not the process', async () => {
    // pg emits 'error' on a checked-out client whose connection ends; without a listener that is
    // an uncaught exception (vitest fails the run on it), which in `credstack serve` is a crash.
    const pool = createPool(db, {});
    const uncaught: unknown[] = [];
    const onUncaught = (err: unknown) => uncaught.push(err);
    process.on('uncaughtException', onUncaught);
    try {
      const { default: pg } = await import('pg');
      const outcome = await transaction(pool, 'test', async (c) => {
        const { rows } = await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        const admin = new pg.Client({ connectionString: PG_URL! });
        await admin.connect();
        await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
        await admin.end();
        // the connection is gone; wait for pg to notice, then use it
        await new Promise((resolve) => setTimeout(resolve, 200));
        return c.query('SELECT 1');
      }).then(
        () => 'committed',
        (err: { code?: string }) => err.code,
      );
      expect(outcome).toBe('ERR_STATUS_CONNECT');
      // the pool recovers with a fresh connection
      expect(
        await transaction(pool, 'test', async (c) => (await c.query('SELECT 1 AS one')).rows[0]),
      ).toEqual({
        one: 1,
      });
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
      await pool.end();
    }
  });
});

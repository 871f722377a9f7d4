// credstack serve on a PostgreSQL status database: two instances sharing it, and the database
// dropping every connection under a running service.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { type RunningServer, startServer } from '../../src/serve/index.js';
import { describePostgres, dropDatabase, freshDatabase, PG_URL } from '../status/postgres-server.js';
import { generateKey } from '../../src/index.js';
import { badgeOf, plainCredential } from './helpers.js';
import { walletFor } from './wallet-helpers.js';

describePostgres('credstack serve with PostgreSQL status stores', () => {
  let db: string;
  let dataDir: string;
  let a: RunningServer;
  let b: RunningServer;

  beforeAll(async () => {
    db = await freshDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'credstack-serve-pg-'));
    const config = {
      port: 0,
      dataDir,
      logLevel: 'silent',
      limits: { ratePerMinute: false as const },
      status: { database: db },
    };
    a = await startServer(config);
    // the second instance: same keys (same data dir), same database, another port
    b = await startServer(config);
  });
  afterAll(async () => {
    vi.useRealTimers();
    await a?.close();
    await b?.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (db) await dropDatabase(db);
  });

  const post = async (server: RunningServer, path: string, body: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };
  const issue = async (server: RunningServer) =>
    post(server, '/eddsa/credentials/issue', {
      credential: plainCredential(server.issuers[0]!.id),
      options: { credentialStatus: { type: 'BitstringStatusListEntry' } },
    });

  it('a revocation made through one instance reaches the other’s verifier', async () => {
    const { body } = await issue(a);
    const vc = body.verifiableCredential;
    expect((await post(b, '/credentials/verify', { verifiableCredential: vc })).status).toBe(200);
    expect(
      (
        await post(a, '/credentials/status', {
          credentialId: vc.id,
          credentialStatus: [{ status: 'revoked' }],
        })
      ).status,
    ).toBe(200);
    // b re-signs its copy of the list within 5 s of another instance's change
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 6000 });
    const answer = await post(b, '/credentials/verify', { verifiableCredential: vc });
    vi.useRealTimers();
    expect(answer.status).toBe(400);
    expect(answer.body.verdict).toBe('revoked');
  });

  it('never hands one slot to two credentials across instances', async () => {
    const issued = await Promise.all(Array.from({ length: 20 }, (_, i) => issue(i % 2 ? a : b)));
    const slots = issued.map((r) => r.body.verifiableCredential.credentialStatus.statusListIndex);
    expect(new Set(slots).size).toBe(20);
  });

  it('offers live in the database too: one made on one instance is received through the other, once', async () => {
    const created = await post(a, '/offers', {
      credential: await badgeOf({ controller: a.issuers[0]!.id } as never),
    });
    expect(created.status).toBe(201);
    const throughB = `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(`${b.url}/oid4vci/offers/${created.body.id}`)}`;
    const holder = await generateKey({ algorithm: 'Ed25519' });
    const { response } = await walletFor(holder).receive(throughB, {
      configuration: 'OpenBadgeCredential_ldp_vc',
    });
    expect(JSON.stringify(response.credentialResponse)).toContain(holder.controller);
    // used: neither instance offers it again
    expect((await fetch(`${a.url}/oid4vci/offers/${created.body.id}`)).status).toBe(404);
    expect((await fetch(`${b.url}/interactions/${created.body.id}`)).status).toBe(404);
    expect(existsSync(join(dataDir, 'offers.sqlite'))).toBe(false);
  });

  it('survives the database dropping every connection: a problem or a reconnect, never a crash', async () => {
    const { default: pg } = await import('pg');
    const admin = new pg.Client({ connectionString: PG_URL! });
    await admin.connect();
    const name = new URL(db).pathname.slice(1);
    await admin.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [name],
    );
    await admin.end();
    const first = await issue(a);
    expect([201, 503]).toContain(first.status);
    if (first.status === 503) expect(first.body.code).toMatch(/^ERR_STATUS_/);
    const second = await issue(a);
    expect(second.status).toBe(201);
    expect((await fetch(`${a.url}/health`)).status).toBe(200);
  });
});

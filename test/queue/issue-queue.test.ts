// Batch issuance on the PostgreSQL job queue (pg-boss), against a real server: a producer
// enqueues a roster, workers (in-process, and processes killed with SIGKILL mid-job) sign,
// allocate status in the same database and store the results. Afterwards every row is issued
// exactly once, with exactly one status slot, and the credentials verify against the lists.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKey, type KeyFile } from '../../src/keys/index.js';
import {
  enqueueIssuance,
  initStatusStore,
  issuanceProgress,
  issuedCredentials,
  openStatusStore,
  parseRoster,
  publishStatusList,
  runIssueWorker,
} from '../../src/status/store/index.js';
import { verifyCredential } from '../../src/verify/index.js';
import { runCli } from '../cli/run-cli.js';
import { describePostgres, dropDatabase, freshDatabase, withStore } from '../status/postgres-server.js';

const URL1 = 'https://school.example/status/1';
const basic = JSON.parse(
  readFileSync(
    new URL('../vectors/spec/ob-v3p0/spec/basic-openbadgecredential.unsigned.json', import.meta.url),
    'utf8',
  ),
) as Record<string, any>;
const { issuer: _issuer, ...template } = basic;

const roster = (prefix: string, n: number) =>
  `id,email,recipient\n${Array.from({ length: n }, (_, i) => `urn:uuid:${prefix}-${String(i).padStart(4, '0')},learner${i}@example.org,`).join('\n')}\n`;

describe('parseRoster', () => {
  it('reads RFC 4180 CSV (quotes, commas, CRLF, BOM) into rows', () => {
    const rows = parseRoster(
      '\uFEFFid,recipient,email,awardedDate\r\n"urn:a",did:example:1,,2026-01-01T00:00:00Z\r\nurn:b,,"b@example.org",\n',
    );
    expect(rows).toEqual([
      { id: 'urn:a', recipient: 'did:example:1', awardedDate: '2026-01-01T00:00:00Z' },
      { id: 'urn:b', email: 'b@example.org' },
    ]);
  });

  it('refuses unknown columns, a missing id column, duplicate ids, rows for nobody', () => {
    for (const bad of [
      'id,emial\nurn:a,x@example.org\n',
      'email\nx@example.org\n',
      'id,email\nurn:a,x@e.org\nurn:a,y@e.org\n',
      'id,email\nurn:a,\n',
      'id,email\n"urn:a,x\n',
    ]) {
      expect(() => parseRoster(bad)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_INPUT' }));
    }
  });
});

describePostgres('issuing queue on PostgreSQL (pg-boss)', () => {
  let db = '';
  let key: KeyFile;
  let dir: string;
  beforeAll(async () => {
    db = await freshDatabase();
    key = await generateKey();
    dir = mkdtempSync(join(tmpdir(), 'credstack-queue-'));
    writeFileSync(join(dir, 'key.json'), JSON.stringify(key));
    // The status store the jobs allocate in: the database's default store.
    const store = await initStatusStore(db, { url: URL1, issuer: key.controller });
    await store.close();
  });
  afterAll(async () => {
    if (db) await dropDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  });

  it('two in-process workers issue a roster once each, with status, and record failures', async () => {
    const rows = parseRoster(roster('inproc', 24));
    rows.push({ id: 'urn:uuid:inproc-bad', email: 'bad@example.org', validFrom: 'not a date' });
    const { batch, enqueued, store } = await enqueueIssuance({ queue: db, template, rows, batch: 'inproc' });
    expect([enqueued, store]).toEqual([25, 'default']);
    const [a, b] = await Promise.all([
      runIssueWorker({ queue: db, key, concurrency: 4, pollInterval: 1, idleExit: 2000 }),
      runIssueWorker({ queue: db, key, concurrency: 4, pollInterval: 1, idleExit: 2000 }),
    ]);
    expect(a!.issued + b!.issued).toBe(24);
    const [progress] = await issuanceProgress(db, { batch });
    expect(progress).toMatchObject({ total: 25, issued: 24, failed: 1, pending: 0, store: 'default' });
    expect(progress!.failures[0]).toMatchObject({ credentialId: 'urn:uuid:inproc-bad' });

    const statusStore = await openStatusStore(db);
    try {
      const documents: Record<string, unknown> = {};
      for (const p of await publishStatusList(statusStore, { key })) documents[p.url] = p.credential;
      let n = 0;
      for await (const { credentialId, credential } of issuedCredentials(db, batch)) {
        n++;
        const r = await verifyCredential(credential, { documents });
        expect(
          r.verdict,
          `${credentialId}: ${JSON.stringify(r.checks.filter((c) => c.status === 'failed'))}`,
        ).toBe('verified');
        const slot = await statusStore.lookup(credentialId);
        expect((credential as any).credentialStatus.statusListIndex).toBe(String(slot!.index));
      }
      expect(n).toBe(24);
      // Revoking one issued through the queue shows in the next published list.
      await statusStore.revoke('urn:uuid:inproc-0003');
      for (const p of await publishStatusList(statusStore, { key })) documents[p.url] = p.credential;
      const three = (await (async () => {
        for await (const c of issuedCredentials(db, batch))
          if (c.credentialId === 'urn:uuid:inproc-0003') return c.credential;
      })())!;
      expect((await verifyCredential(three, { documents })).verdict).toBe('revoked');
    } finally {
      await statusStore.close();
    }
    // Enqueuing the same ids again issues nothing new (idempotent by credential id).
    await enqueueIssuance({ queue: db, template, rows: rows.slice(0, 5), batch: 'inproc-again' });
    const again = await runIssueWorker({ queue: db, key, pollInterval: 1, idleExit: 1500 });
    expect(again).toMatchObject({ issued: 0, existing: 5 });
  }, 120_000);

  it('workers killed with SIGKILL mid-job: every row issued exactly once, one slot each (CLI producer, jobs status)', async () => {
    const queue = db;
    writeFileSync(join(dir, 'roster.csv'), roster('kill', 400));
    writeFileSync(join(dir, 'template.json'), JSON.stringify(template));
    const produced = runCli([
      'issue',
      '--roster',
      join(dir, 'roster.csv'),
      '--in',
      join(dir, 'template.json'),
      '--queue',
      queue,
      '--batch',
      'kill',
      '--job-timeout',
      '3',
      '--json',
    ]);
    expect(produced.code, produced.stderr).toBe(0);
    expect(JSON.parse(produced.stdout)).toEqual({ batch: 'kill', enqueued: 400, store: 'default' });

    const workers: Array<{ child: ChildProcess; lines: string[]; done: Promise<void> }> = [];
    const startWorker = () => {
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          join(import.meta.dirname, 'workers', 'queue-worker.ts'),
          queue,
          join(dir, 'key.json'),
        ],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      const w = { child, lines: [] as string[], done: Promise.resolve() };
      child.stdout!.setEncoding('utf8');
      child.stdout!.on('data', (s: string) => w.lines.push(...s.split('\n').filter(Boolean)));
      w.done = new Promise((r) => child.on('close', () => r()));
      workers.push(w);
      return w;
    };
    const live = [startWorker(), startWorker()];
    let kills = 0;
    const deadline = Date.now() + 90_000;
    for (;;) {
      await new Promise((r) => setTimeout(r, 100 + Math.floor(Math.random() * 200)));
      const [p] = await issuanceProgress(queue, { batch: 'kill' });
      if (p!.issued + p!.failed === 400) break;
      expect(Date.now() < deadline, `stuck at ${p!.issued}/400`).toBe(true);
      const busy = live.filter((w) => w.lines.length > 0);
      if (kills < 8 && busy.length > 0) {
        const victim = busy[Math.floor(Math.random() * busy.length)]!;
        victim.child.kill('SIGKILL');
        await victim.done;
        live.splice(live.indexOf(victim), 1, startWorker());
        kills++;
      }
    }
    for (const w of live) w.child.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.done));
    expect(kills).toBeGreaterThan(2);

    const status = runCli(['jobs', 'status', '--queue', queue, '--batch', 'kill', '--json']);
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout)[0]).toMatchObject({ total: 400, issued: 400, failed: 0, pending: 0 });

    // One stored credential per id (the primary key), one slot per id, and they agree.
    const store = await openStatusStore(withStore(queue, 'default'));
    try {
      const slots = (await store.allocations()).filter((s) => s.credentialId?.startsWith('urn:uuid:kill-'));
      expect(slots).toHaveLength(400);
      expect(new Set(slots.map((s) => `${s.list}#${s.index}`)).size).toBe(400);
      const bySlot = new Map(slots.map((s) => [s.credentialId, String(s.index)]));
      const exported = runCli([
        'jobs',
        'export',
        '--queue',
        queue,
        '--batch',
        'kill',
        '--out',
        join(dir, 'out'),
        '--json',
      ]);
      expect(JSON.parse(exported.stdout)).toEqual({ batch: 'kill', written: 400 });
      const files = readdirSync(join(dir, 'out'));
      expect(files).toHaveLength(400);
      for (const f of files) {
        const c = JSON.parse(readFileSync(join(dir, 'out', f), 'utf8'));
        expect(c.credentialStatus.statusListIndex).toBe(bySlot.get(c.id));
      }
    } finally {
      await store.close();
    }
  }, 180_000);
});

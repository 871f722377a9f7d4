// Crash torture per store engine: worker processes allocate and revoke against one store while
// a killer sends SIGKILL to random workers (and starts new ones), at random moments, in the
// middle of transactions too. Afterwards: every allocation a worker acknowledged is present
// exactly once at the slot it was told, no index is held by two credentials, every acknowledged
// revocation is set. Bounded for `npm test`; CREDSTACK_SOAK=1 runs 20 workers for 60 s.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initStatusStore, openStatusStore } from '../../src/status/store/index.js';
import { MIN_KILLS, TIMEOUT, tortureRun, WORKERS } from '../helpers/torture.js';
import { describePostgres, useFreshDatabase, withStore } from './postgres-server.js';

const URL1 = 'https://example.edu/status/1';
const WORKER = join(import.meta.dirname, 'workers', 'torture-worker.ts');

async function torture(location: string, seed: number) {
  const { workers: all, kills, midOperation } = await tortureRun(WORKER, [location], seed);

  const acknowledged = new Map<string, string>();
  const revoked = new Set<string>();
  for (const w of all) {
    for (const line of w.lines) {
      const [op, id, url, index] = line.split(' ');
      if (op === 'A') {
        const slot = `${url}#${index}`;
        const before = acknowledged.get(id!);
        expect(before === undefined || before === slot, `${id} was told two slots`).toBe(true);
        acknowledged.set(id!, slot);
      } else if (op === 'R') revoked.add(id!);
    }
  }

  const store = await openStatusStore(location);
  try {
    const slots = await store.allocations();
    const byId = new Map<string, string[]>();
    const holders = new Map<string, number>();
    for (const s of slots) {
      const slot = `${s.list}#${s.index}`;
      holders.set(slot, (holders.get(slot) ?? 0) + 1);
      if (s.credentialId !== null) byId.set(s.credentialId, [...(byId.get(s.credentialId) ?? []), slot]);
    }
    expect(
      [...holders.values()].every((n) => n === 1),
      'an index is held by two credentials',
    ).toBe(true);
    for (const [id, slot] of acknowledged) expect(byId.get(id), `allocation of ${id}`).toEqual([slot]);
    const set = new Set(slots.filter((s) => s.set).map((s) => s.credentialId));
    const lost = [...revoked].filter((id) => !set.has(id));
    expect(lost, 'acknowledged revocations lost').toEqual([]);
    // The lists' counts agree with their slots.
    for (const l of await store.lists()) expect(l.count).toBe(slots.filter((s) => s.list === l.url).length);
  } finally {
    await store.close();
  }
  console.log(
    `torture ${location.replace(/:[^:@/]*@/, ':***@')}: ${WORKERS} workers, ${kills} kills (${midOperation} mid-operation), ${acknowledged.size} acknowledged allocations, ${revoked.size} revocations`,
  );
  expect(kills).toBeGreaterThanOrEqual(MIN_KILLS);
  expect(midOperation, 'no kill landed inside a store call: the test would prove nothing').toBeGreaterThan(0);
  expect(acknowledged.size).toBeGreaterThan(WORKERS);
  expect(revoked.size).toBeGreaterThan(0);
}

describe('crash torture: SQLite', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'credstack-torture-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(
    'loses no acknowledged allocation or revocation when workers are killed at random',
    async () => {
      const file = join(dir, 'status.sqlite');
      await (await initStatusStore(file, { url: URL1, size: 256, allowSmallLists: true })).close();
      await torture(file, 20260601);
    },
    TIMEOUT,
  );
});

describePostgres('crash torture: PostgreSQL', () => {
  const db = useFreshDatabase();

  it(
    'loses nothing when clients (processes, as machines would be) are killed at random',
    async () => {
      const at = withStore(db.url, 'torture');
      await (await initStatusStore(at, { url: URL1, size: 256, allowSmallLists: true })).close();
      await torture(at, 20260602);
    },
    TIMEOUT,
  );
});

// Multi-process guarantees of the file status store: unique allocation under concurrency and
// no lost or reused allocation when a writer is killed with SIGKILL at random moments.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeList, getBit } from '../../src/status/index.js';
import { initFileStatusStore, openFileStatusStore } from '../../src/status/store/index.js';

const URL1 = 'https://example.edu/status/1';
const WORKERS = join(import.meta.dirname, 'workers');
let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'credstack-status-proc-'));
  file = join(dir, 'status.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function run(
  script: string,
  args: string[],
): { child: ChildProcess; lines: string[]; done: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(WORKERS, script), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let buffer = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    buffer += chunk;
    const parts = buffer.split('\n');
    buffer = parts.pop()!; // a partial last line (cut by the kill) is not a reported completion
    lines.push(...parts);
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
  });
  const done = new Promise<number | null>((resolve) => {
    child.on('close', (code) => {
      if (code !== 0 && code !== null) console.error(stderr);
      resolve(code);
    });
  });
  return { child, lines, done };
}

// Reads the store file directly and checks its internal invariants.
function inspect(path: string) {
  const doc = JSON.parse(readFileSync(path, 'utf8'));
  const lists = new Map<string, { allocated: Uint8Array; status: Uint8Array }>();
  for (const l of doc.lists) {
    const allocated = decodeList(l.allocated);
    let count = 0;
    for (let i = 0; i < doc.size; i++) if (getBit(allocated, i)) count++;
    expect(count).toBe(l.count);
    lists.set(l.url, { allocated, status: decodeList(l.status) });
  }
  const slots = Object.values(doc.credentials as Record<string, { list: string; index: number }>).map(
    (c) => `${c.list}#${c.index}`,
  );
  expect(new Set(slots).size).toBe(slots.length); // no slot given to two credentials
  return { doc, lists };
}

// Small seeded PRNG (mulberry32) so kill times are reproducible.
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('file status store across processes', () => {
  it('gives 4 concurrent processes × 25 allocations 100 distinct slots, all recorded', async () => {
    await initFileStatusStore(file, { url: URL1, size: 256, allowSmallLists: true });
    const procs = [0, 1, 2, 3].map((w) => run('alloc-worker.ts', [file, String(w), '25']));
    const codes = await Promise.all(procs.map((p) => p.done));
    expect(codes).toEqual([0, 0, 0, 0]);
    const reported = procs.flatMap((p) => p.lines).map((l) => l.split(' '));
    expect(reported).toHaveLength(100);
    expect(new Set(reported.map(([, url, index]) => `${url}#${index}`)).size).toBe(100);
    const { doc } = inspect(file);
    expect(doc.lists[0].count).toBe(100);
    for (const [id, url, index] of reported)
      expect(doc.credentials[id!]).toEqual({ list: url, index: Number(index) });
    expect(readdirSync(dir).sort()).toEqual(['status.json']);
  }, 60_000);

  it('loses no completed allocation or revocation when writers are SIGKILLed mid-write', async () => {
    await initFileStatusStore(file, { url: URL1, size: 64, allowSmallLists: true });
    const random = prng(20250601);
    const allocated = new Map<string, string>(); // credentialId -> slot, as reported by children
    const revoked = new Set<string>();
    let killedMidOperation = 0;
    for (let round = 0; round < 6; round++) {
      const proc = run('crash-worker.ts', [file, String(round)]);
      // Wait for the first completed op (process started, lock and store usable), then kill at
      // a random moment in the next 20–220 ms: inside or outside the critical section.
      const start = Date.now();
      while (proc.lines.length === 0 && Date.now() - start < 15_000)
        await new Promise((r) => setTimeout(r, 5));
      expect(proc.lines.length).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 20 + Math.floor(random() * 200)));
      proc.child.kill('SIGKILL');
      await proc.done;
      // Did this kill land inside an operation (lock still held / temp file half-written)?
      if (readdirSync(dir).some((name) => name !== 'status.json')) killedMidOperation++;
      for (const line of proc.lines) {
        const [op, id, url, index] = line.split(' ');
        if (op === 'A') {
          const slot = `${url}#${index}`;
          expect([...allocated.values()]).not.toContain(slot); // never handed out twice
          allocated.set(id!, slot);
        } else if (op === 'R') revoked.add(id!);
      }

      // After each kill: the store loads, and every reported completion is in it.
      const store = await openFileStatusStore(file);
      const { doc, lists } = inspect(file);
      for (const [id, slot] of allocated) {
        const rec = doc.credentials[id];
        expect(rec, `allocation of ${id} lost`).toBeDefined();
        expect(`${rec.list}#${rec.index}`).toBe(slot);
        expect(getBit(lists.get(rec.list)!.allocated, rec.index)).toBe(true);
      }
      for (const id of revoked) expect(await store.get(id), `revocation of ${id} lost`).toBe(true);
    }
    expect(allocated.size).toBeGreaterThan(6);
    // The writer spends nearly all its time holding the lock, so kills do hit the critical
    // section; if none did, this test would prove nothing.
    expect(killedMidOperation).toBeGreaterThan(0);
    expect(revoked.size).toBeGreaterThan(0);
    // A final write by a healthy process recovers any stale lock and leaves no temp files behind.
    await (await openFileStatusStore(file)).allocate('urn:final');
    expect(readdirSync(dir).sort()).toEqual(['status.json']);
  }, 60_000);
});

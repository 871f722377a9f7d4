import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkStatusEntry, decodeList, getBit } from '../../src/status/index.js';
import {
  createFileStatusStore,
  initFileStatusStore,
  openFileStatusStore,
} from '../../src/status/store/index.js';

const URL1 = 'https://example.edu/status/1';
let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'credstack-status-'));
  file = join(dir, 'status.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const small = { url: URL1, size: 16, allowSmallLists: true } as const;

describe('file status store: allocation', () => {
  it('hands out distinct random indexes, not sequential ones', async () => {
    const store = await initFileStatusStore(file, { url: URL1, issuer: 'did:web:example.edu' });
    const indexes: number[] = [];
    for (let i = 0; i < 20; i++) indexes.push((await store.allocate(`urn:c:${i}`)).index);
    expect(new Set(indexes).size).toBe(20);
    expect(indexes).not.toEqual(indexes.map((_, i) => i));
    expect(indexes).not.toEqual([...indexes].sort((a, b) => a - b));
    expect(Math.max(...indexes)).toBeGreaterThan(1000);
    for (const i of indexes) expect(i).toBeLessThan(131072);
  });

  it('uses the injected random source (uniform over free slots)', async () => {
    const store = await initFileStatusStore(file, { ...small, random: () => 0 });
    const first = [await store.allocate(), await store.allocate(), await store.allocate()].map(
      (a) => a.index,
    );
    expect(first).toEqual([0, 1, 2]);
    const top = await openFileStatusStore(file, { random: () => 0.999999 });
    expect((await top.allocate()).index).toBe(15);
  });

  it('returns a ready credentialStatus entry and is idempotent per credential id', async () => {
    const store = await initFileStatusStore(file, { url: URL1 });
    const a = await store.allocate('urn:uuid:1');
    expect(a.entry).toEqual({
      id: `${URL1}#${a.index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(a.index),
      statusListCredential: URL1,
    });
    expect(await store.allocate('urn:uuid:1')).toEqual(a);
    expect((await store.lists())[0]!.count).toBe(1);
    expect(await store.lookup('urn:uuid:1')).toEqual({ listUrl: URL1, index: a.index });
  });

  it('treats credential ids like __proto__ and constructor as plain keys', async () => {
    const store = await initFileStatusStore(file, small);
    await expect(store.revoke('constructor')).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT' });
    expect(await store.lookup('toString')).toBeUndefined();
    const a = await store.allocate('__proto__');
    await store.revoke('__proto__');
    const reopened = await openFileStatusStore(file);
    expect(await reopened.lookup('__proto__')).toEqual({ listUrl: URL1, index: a.index });
    expect(await reopened.get('__proto__')).toBe(true);
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')).credentials)).toEqual(['__proto__']);
  });

  it('starts a new list when one fills up (url, url-2, url-3)', async () => {
    const store = await initFileStatusStore(file, small);
    const got: Array<[string, number]> = [];
    for (let i = 0; i < 40; i++) {
      const a = await store.allocate(`urn:c:${i}`);
      got.push([a.listUrl, a.index]);
    }
    const lists = await store.lists();
    expect(lists.map((l) => [l.url, l.count, l.size])).toEqual([
      [URL1, 16, 16],
      [`${URL1}-2`, 16, 16],
      [`${URL1}-3`, 8, 16],
    ]);
    const full = got.filter(([u]) => u === URL1).map(([, i]) => i);
    expect([...full].sort((a, b) => a - b)).toEqual([...Array(16).keys()]);
    expect(new Set(got.map(([u, i]) => `${u}#${i}`)).size).toBe(40);
  });

  it('allocates distinct slots for concurrent calls in one process', async () => {
    const store = await initFileStatusStore(file, { url: URL1, size: 64, allowSmallLists: true });
    const all = await Promise.all(Array.from({ length: 30 }, (_, i) => store.allocate(`urn:p:${i}`)));
    expect(new Set(all.map((a) => a.index)).size).toBe(30);
    expect((await store.lists())[0]!.count).toBe(30);
  });
});

describe('file status store: status changes', () => {
  it('revokes by credential id and by index, and the change survives reopening', async () => {
    const store = await initFileStatusStore(file, small);
    const a = await store.allocate('urn:a');
    const b = await store.allocate('urn:b');
    const c = await store.allocate();
    await store.revoke('urn:a');
    await store.revoke({ index: c.index });
    const reopened = await openFileStatusStore(file);
    expect(await reopened.get('urn:a')).toBe(true);
    expect(await reopened.get({ credentialId: 'urn:b' })).toBe(false);
    expect(await reopened.get({ listUrl: URL1, index: c.index })).toBe(true);
    // Correcting a mistake before publishing: clear the bit with set().
    await reopened.set({ index: c.index }, false);
    expect(await (await openFileStatusStore(file)).get({ index: c.index })).toBe(false);
    const bits = (await reopened.lists())[0]!.bits;
    expect(getBit(bits, a.index)).toBe(true);
    expect(getBit(bits, b.index)).toBe(false);
  });

  it('suspends and reinstates on a suspension store', async () => {
    const store = await initFileStatusStore(file, { ...small, purpose: 'suspension' });
    const a = await store.allocate('urn:a');
    await store.suspend('urn:a');
    expect(await (await openFileStatusStore(file)).get({ index: a.index })).toBe(true);
    await store.reinstate({ index: a.index });
    expect(await (await openFileStatusStore(file)).get('urn:a')).toBe(false);
    await expect(store.revoke('urn:a')).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT' });
  });

  it('refuses to reinstate on a revocation store (revocation is final)', async () => {
    const store = await initFileStatusStore(file, small);
    await store.allocate('urn:a');
    await expect(store.reinstate('urn:a')).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT' });
    await expect(store.suspend('urn:a')).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT' });
  });

  it('rejects unknown credentials, unallocated and out-of-range indexes', async () => {
    const store = await initFileStatusStore(file, { ...small, random: () => 0 });
    await store.allocate('urn:a'); // index 0
    await expect(store.revoke('urn:nobody')).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT' });
    await expect(store.revoke({ index: 5 })).rejects.toMatchObject({ code: 'ERR_STATUS_INDEX' });
    await expect(store.revoke({ index: 16 })).rejects.toMatchObject({ code: 'ERR_STATUS_INDEX' });
    await expect(store.revoke({ listUrl: 'https://elsewhere/1', index: 0 })).rejects.toMatchObject({
      code: 'ERR_INVALID_INPUT',
    });
    await expect(store.revoke({ credentialId: 'urn:a', index: 3 })).rejects.toMatchObject({
      code: 'ERR_INVALID_INPUT',
    });
    await expect(store.set('urn:a', 'yes' as unknown as boolean)).rejects.toMatchObject({
      code: 'ERR_INVALID_INPUT',
    });
  });

  it('publishes list credentials a verifier reads back', async () => {
    const store = await initFileStatusStore(file, { url: URL1, issuer: 'did:web:example.edu' });
    const a = await store.allocate('urn:a');
    const b = await store.allocate('urn:b');
    await store.revoke('urn:a');
    const [cred] = await store.listCredentials({ validFrom: '2025-01-01T00:00:00Z' });
    expect(cred!.issuer).toBe('did:web:example.edu');
    expect(cred!.validFrom).toBe('2025-01-01T00:00:00Z');
    expect(checkStatusEntry(a.entry, cred).status).toBe('revoked');
    expect(checkStatusEntry(b.entry, cred).status).toBe('ok');
  });
});

describe('file status store: files and locks', () => {
  it('writes the documented compact format', async () => {
    const store = await initFileStatusStore(file, { ...small, issuer: 'did:web:x' });
    const a = await store.allocate('urn:a');
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    expect(doc).toMatchObject({
      version: 1,
      issuer: 'did:web:x',
      purpose: 'revocation',
      size: 16,
      url: URL1,
    });
    expect(doc.credentials).toEqual({ 'urn:a': { list: URL1, index: a.index } });
    expect(doc.lists[0].count).toBe(1);
    expect(getBit(decodeList(doc.lists[0].allocated), a.index)).toBe(true);
    expect(doc.lists[0].status).toMatch(/^u/);
  });

  it('refuses to overwrite an existing store, and to open a missing or corrupt one', async () => {
    await initFileStatusStore(file, small);
    await expect(initFileStatusStore(file, small)).rejects.toMatchObject({ code: 'ERR_STATUS_STORE' });
    await expect(openFileStatusStore(join(dir, 'missing.json'))).rejects.toMatchObject({
      code: 'ERR_STATUS_STORE',
    });
    writeFileSync(file, '{"version":1,"purpose":"revocation"');
    await expect(openFileStatusStore(file)).rejects.toMatchObject({ code: 'ERR_STATUS_STORE' });
    const good = await initFileStatusStore(join(dir, 'b.json'), small);
    await good.allocate('urn:a');
    const doc = JSON.parse(readFileSync(good.path, 'utf8'));
    doc.lists[0].count = 5;
    writeFileSync(good.path, JSON.stringify(doc));
    await expect(openFileStatusStore(good.path)).rejects.toMatchObject({ code: 'ERR_STATUS_STORE' });
  });

  it('refuses small lists unless allowSmallLists, and bad urls', async () => {
    await expect(initFileStatusStore(file, { url: URL1, size: 16 })).rejects.toMatchObject({
      code: 'ERR_INVALID_INPUT',
    });
    await expect(initFileStatusStore(file, { url: 'relative/path' })).rejects.toMatchObject({
      code: 'ERR_INVALID_INPUT',
    });
    await expect(initFileStatusStore(file, { url: `${URL1}#x` })).rejects.toMatchObject({
      code: 'ERR_INVALID_INPUT',
    });
  });

  it('createFileStatusStore creates once, then opens and checks options', async () => {
    await expect(createFileStatusStore(file)).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT' });
    const a = await createFileStatusStore(file, { ...small, purpose: 'suspension' });
    const slot = await a.allocate('urn:a');
    const b = await createFileStatusStore(file, { url: URL1 });
    expect(b.purpose).toBe('suspension');
    expect(await b.lookup('urn:a')).toEqual({ listUrl: URL1, index: slot.index });
    await expect(createFileStatusStore(file, { url: 'https://other.example/1' })).rejects.toMatchObject({
      code: 'ERR_STATUS_STORE',
    });
  });

  it('ignores leftover temp files and removes them on the next write', async () => {
    const store = await initFileStatusStore(file, small);
    writeFileSync(`${file}.tmp-99999-deadbeef`, '{"version":1, half-writ');
    expect((await openFileStatusStore(file)).purpose).toBe('revocation');
    await store.allocate('urn:a');
    expect(readdirSync(dir).sort()).toEqual(['status.json']);
  });

  it('breaks a lock left by a dead process at once', async () => {
    const store = await initFileStatusStore(file, small);
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(
      `${file}.lock`,
      JSON.stringify({ pid: dead, host: (await import('node:os')).hostname(), nonce: 'x', time: Date.now() }),
    );
    const started = Date.now();
    await store.allocate('urn:a');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(readdirSync(dir).sort()).toEqual(['status.json']);
  });

  it('waits for a live holder and gives up with ERR_STATUS_LOCK', async () => {
    await initFileStatusStore(file, small);
    const store = await openFileStatusStore(file, { lockTimeout: 150 });
    writeFileSync(
      `${file}.lock`,
      JSON.stringify({
        pid: process.pid,
        host: (await import('node:os')).hostname(),
        nonce: 'held',
        time: Date.now(),
      }),
    );
    await expect(store.allocate('urn:a')).rejects.toMatchObject({ code: 'ERR_STATUS_LOCK' });
    rmSync(`${file}.lock`);
    await expect(store.allocate('urn:a')).resolves.toMatchObject({ credentialId: 'urn:a' });
  });
});

// The StatusStore contract, run against every engine (memory, SQLite, PostgreSQL): the same
// guarantees whichever database keeps the lists.
import { describe, expect, it } from 'vitest';
import { checkStatusEntry, getBit } from '../../src/status/index.js';
import type {
  CreateStatusStoreOptions,
  InitStatusStoreOptions,
  OpenStatusStoreOptions,
  StatusStore,
} from '../../src/status/store/index.js';

export const URL1 = 'https://example.edu/status/1';
export const small = { url: URL1, size: 16, allowSmallLists: true } as const;

export interface Engine {
  /** A fresh, empty place for a store. */
  fresh(): void;
  init(options: InitStatusStoreOptions & OpenStatusStoreOptions): Promise<StatusStore>;
  /** Another handle on the same store (a new process would see the same); memory: the same one. */
  reopen(options?: OpenStatusStoreOptions): Promise<StatusStore>;
  create?(options: CreateStatusStoreOptions): Promise<StatusStore>;
}

export function storeContract(label: string, engine: Engine): void {
  const opened: StatusStore[] = [];
  const track = (s: StatusStore) => {
    opened.push(s);
    return s;
  };
  const init = async (o: InitStatusStoreOptions & OpenStatusStoreOptions) => {
    engine.fresh();
    return track(await engine.init(o));
  };
  const reopen = async (o?: OpenStatusStoreOptions) => track(await engine.reopen(o));
  const closeAll = async () => {
    for (const s of opened.splice(0)) await s.close();
  };

  describe(`${label} status store: allocation`, () => {
    it('hands out distinct random indexes, not sequential ones', async () => {
      const store = await init({ url: URL1, issuer: 'did:web:example.edu' });
      const indexes: number[] = [];
      for (let i = 0; i < 20; i++) indexes.push((await store.allocate(`urn:c:${i}`)).index);
      expect(new Set(indexes).size).toBe(20);
      expect(indexes).not.toEqual([...indexes].sort((a, b) => a - b));
      expect(Math.max(...indexes)).toBeGreaterThan(1000);
      for (const i of indexes) expect(i).toBeLessThan(131072);
      await closeAll();
    });

    it('uses the injected random source (uniform over free slots, no spinning when taken)', async () => {
      const store = await init({ ...small, random: () => 0 });
      const first = [await store.allocate(), await store.allocate(), await store.allocate()].map(
        (a) => a.index,
      );
      expect(first).toEqual([0, 1, 2]);
      const top = await reopen({ random: () => 0.999999 });
      expect((await top.allocate()).index).toBe(15);
      await closeAll();
    });

    it('returns a ready credentialStatus entry and is idempotent per credential id', async () => {
      const store = await init({ url: URL1 });
      const a = await store.allocate('urn:uuid:1');
      expect(a.entry).toEqual({
        id: `${URL1}#${a.index}`,
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: String(a.index),
        statusListCredential: URL1,
      });
      expect(await store.allocate('urn:uuid:1')).toEqual(a);
      expect(await (await reopen()).allocate('urn:uuid:1')).toEqual(a);
      expect((await store.lists())[0]!.count).toBe(1);
      expect(await store.lookup('urn:uuid:1')).toEqual({ listUrl: URL1, index: a.index });
      await closeAll();
    });

    it('treats credential ids like __proto__ and constructor as plain keys', async () => {
      const store = await init(small);
      await expect(store.revoke('constructor')).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT' });
      expect(await store.lookup('toString')).toBeUndefined();
      const a = await store.allocate('__proto__');
      await store.revoke('__proto__');
      const again = await reopen();
      expect(await again.lookup('__proto__')).toEqual({ listUrl: URL1, index: a.index });
      expect(await again.get('__proto__')).toBe(true);
      expect((await again.allocations()).map((s) => s.credentialId)).toEqual(['__proto__']);
      await closeAll();
    });

    it('starts a new list when one fills up (url, url-2, url-3)', async () => {
      const store = await init(small);
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
      await closeAll();
    });

    it('refuses to allocate from a full list with rollover off (ERR_STATUS_LIST_FULL), losing nothing', async () => {
      const store = await init({ ...small, rollover: false });
      for (let i = 0; i < 16; i++) await store.allocate(`urn:f:${i}`);
      await expect(store.allocate('urn:f:16')).rejects.toMatchObject({ code: 'ERR_STATUS_LIST_FULL' });
      expect(await store.lookup('urn:f:16')).toBeUndefined();
      // Already-allocated ids still get their slot back.
      expect((await store.allocate('urn:f:3')).listUrl).toBe(URL1);
      expect((await store.lists()).map((l) => l.count)).toEqual([16]);
      await closeAll();
    });

    it('allocates distinct slots for concurrent calls, also from two handles', async () => {
      const store = await init({ url: URL1, size: 64, allowSmallLists: true });
      const other = await reopen();
      const all = await Promise.all(
        Array.from({ length: 30 }, (_, i) => (i % 2 ? store : other).allocate(`urn:p:${i}`)),
      );
      expect(new Set(all.map((a) => a.index)).size).toBe(30);
      expect((await store.lists())[0]!.count).toBe(30);
      expect(await store.allocations()).toHaveLength(30);
      await closeAll();
    });
  });

  describe(`${label} status store: status changes`, () => {
    it('revokes by credential id and by index, and the change is seen by another handle', async () => {
      const store = await init(small);
      const a = await store.allocate('urn:a');
      const b = await store.allocate('urn:b');
      const c = await store.allocate();
      await store.revoke('urn:a');
      await store.revoke({ index: c.index });
      const again = await reopen();
      expect(await again.get('urn:a')).toBe(true);
      expect(await again.get({ credentialId: 'urn:b' })).toBe(false);
      expect(await again.get({ listUrl: URL1, index: c.index })).toBe(true);
      await again.set({ index: c.index }, false);
      expect(await store.get({ index: c.index })).toBe(false);
      const bits = (await again.lists())[0]!.bits;
      expect(getBit(bits, a.index)).toBe(true);
      expect(getBit(bits, b.index)).toBe(false);
      const slots = await again.allocations();
      expect(slots).toContainEqual({
        credentialId: 'urn:a',
        list: URL1,
        index: a.index,
        purpose: 'revocation',
        set: true,
      });
      expect(slots).toContainEqual({
        credentialId: null,
        list: URL1,
        index: c.index,
        purpose: 'revocation',
        set: false,
      });
      await closeAll();
    });

    it('suspends and reinstates on a suspension store', async () => {
      const store = await init({ ...small, purpose: 'suspension' });
      const a = await store.allocate('urn:a');
      await store.suspend('urn:a');
      expect(await (await reopen()).get({ index: a.index })).toBe(true);
      await store.reinstate({ index: a.index });
      expect(await (await reopen()).get('urn:a')).toBe(false);
      await expect(store.revoke('urn:a')).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT' });
      await closeAll();
    });

    it('refuses to reinstate on a revocation store (revocation is final)', async () => {
      const store = await init(small);
      await store.allocate('urn:a');
      await expect(store.reinstate('urn:a')).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT' });
      await expect(store.suspend('urn:a')).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT' });
      await closeAll();
    });

    it('rejects unknown credentials, unallocated and out-of-range indexes, bad values', async () => {
      const store = await init({ ...small, random: () => 0 });
      await store.allocate('urn:a'); // index 0
      await expect(store.revoke('urn:nobody')).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT' });
      await expect(store.revoke({ index: 5 })).rejects.toMatchObject({ code: 'ERR_STATUS_INDEX' });
      await expect(store.revoke({ index: 16 })).rejects.toMatchObject({ code: 'ERR_STATUS_INDEX' });
      await expect(store.revoke({ listUrl: 'https://elsewhere/1', index: 0 })).rejects.toMatchObject({
        code: 'ERR_INVALID_INPUT',
      });
      await expect(store.revoke({ listUrl: `${URL1}-2`, index: 0 })).rejects.toMatchObject({
        code: 'ERR_INVALID_INPUT',
      });
      await expect(store.revoke({ credentialId: 'urn:a', index: 3 })).rejects.toMatchObject({
        code: 'ERR_INVALID_INPUT',
      });
      await expect(store.set('urn:a', 'yes' as unknown as boolean)).rejects.toMatchObject({
        code: 'ERR_INVALID_INPUT',
      });
      await expect(store.set('urn:a', 2)).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT' });
      expect(await store.get('urn:a')).toBe(false);
      await closeAll();
    });

    it('publishes list credentials a verifier reads back', async () => {
      const store = await init({ url: URL1, issuer: 'did:web:example.edu' });
      const a = await store.allocate('urn:a');
      const b = await store.allocate('urn:b');
      await store.revoke('urn:a');
      const [cred] = await store.listCredentials({ validFrom: '2025-01-01T00:00:00Z' });
      expect(cred!.issuer).toBe('did:web:example.edu');
      expect(cred!.validFrom).toBe('2025-01-01T00:00:00Z');
      expect(checkStatusEntry(a.entry, cred).status).toBe('revoked');
      expect(checkStatusEntry(b.entry, cred).status).toBe('ok');
      await closeAll();
    });

    it('refuses to work after close', async () => {
      const store = await init(small);
      await store.close();
      await expect(store.allocate('urn:a')).rejects.toMatchObject({ code: 'ERR_STATUS_STORE' });
      await closeAll();
    });
  });

  if (engine.create) {
    const create = engine.create.bind(engine);
    describe(`${label} status store: create and open`, () => {
      it('refuses to overwrite an existing store', async () => {
        await init(small);
        await expect(engine.init(small)).rejects.toMatchObject({ code: 'ERR_STATUS_STORE' });
        await closeAll();
      });

      it('createStatusStore creates once, then opens and checks options', async () => {
        engine.fresh();
        await expect(create({})).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT' });
        const a = track(await create({ ...small, purpose: 'suspension' }));
        const slot = await a.allocate('urn:a');
        const b = track(await create({ url: URL1 }));
        expect(b.purpose).toBe('suspension');
        expect(await b.lookup('urn:a')).toEqual({ listUrl: URL1, index: slot.index });
        await expect(create({ url: 'https://other.example/1' })).rejects.toMatchObject({
          code: 'ERR_STATUS_STORE',
        });
        await closeAll();
      });

      it('createStatusStore called by many at once yields one store', async () => {
        engine.fresh();
        const stores = await Promise.all(Array.from({ length: 6 }, () => create(small).then(track)));
        const slots = await Promise.all(stores.map((s, i) => s.allocate(`urn:c:${i}`)));
        expect(new Set(slots.map((s) => s.index)).size).toBe(6);
        expect((await stores[0]!.lists())[0]!.count).toBe(6);
        await closeAll();
      });
    });
  }

  describe(`${label} status store: settings`, () => {
    it('refuses small lists unless allowSmallLists, and bad urls', async () => {
      for (const bad of [{ url: URL1, size: 16 }, { url: 'relative/path' }, { url: `${URL1}#x` }]) {
        engine.fresh();
        await expect(engine.init(bad)).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT' });
      }
    });
  });
}

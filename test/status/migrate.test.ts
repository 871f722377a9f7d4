// Moving a JSON file store of credstack 0.1 into a database: every slot keeps its list, index,
// credential id and status bit, and a credential issued from the file still reads the same.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkStatusEntry, createStatusEntry, encodeList, setBit } from '../../src/status/index.js';
import { migrateFileStatusStore, openStatusStore } from '../../src/status/store/index.js';
import { runCli } from '../cli/run-cli.js';

const URL1 = 'https://example.edu/status/1';
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'credstack-migrate-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A version-1 file store as credstack 0.1 wrote it: two lists of 16, list 1 full (one slot
// anonymous, two revoked), list 2 with three slots.
function legacyStore(path: string) {
  const list = (indexes: number[], revoked: number[]) => {
    const allocated = new Uint8Array(2);
    const status = new Uint8Array(2);
    for (const i of indexes) setBit(allocated, i, true);
    for (const i of revoked) setBit(status, i, true);
    return { count: indexes.length, allocated: encodeList(allocated), status: encodeList(status) };
  };
  const credentials: Record<string, { list: string; index: number }> = {};
  for (let i = 0; i < 16; i++) if (i !== 7) credentials[`urn:one:${i}`] = { list: URL1, index: i };
  Object.defineProperty(credentials, '__proto__', {
    value: { list: `${URL1}-2`, index: 3 },
    enumerable: true,
  });
  credentials['urn:two:a'] = { list: `${URL1}-2`, index: 9 };
  credentials['urn:two:b'] = { list: `${URL1}-2`, index: 15 };
  const doc = {
    version: 1,
    issuer: 'did:web:example.edu',
    purpose: 'revocation',
    size: 16,
    url: URL1,
    lists: [
      { url: URL1, ...list([...Array(16).keys()], [2, 7]) },
      { url: `${URL1}-2`, ...list([3, 9, 15], [9]) },
    ],
    credentials,
  };
  writeFileSync(path, JSON.stringify(doc));
}

describe('migrateFileStatusStore', () => {
  it('moves every list, slot, id and status bit into SQLite, and refuses to overwrite', async () => {
    const file = join(dir, 'status.json');
    legacyStore(file);
    const report = await migrateFileStatusStore(file, join(dir, 'status.sqlite'));
    expect(report).toMatchObject({ lists: 2, allocations: 19, credentials: 18, set: 3 });
    const store = await openStatusStore(join(dir, 'status.sqlite'));
    expect(store.issuer).toBe('did:web:example.edu');
    expect((await store.lists()).map((l) => [l.url, l.count])).toEqual([
      [URL1, 16],
      [`${URL1}-2`, 3],
    ]);
    expect(await store.lookup('__proto__')).toEqual({ listUrl: `${URL1}-2`, index: 3 });
    expect(await store.get({ listUrl: URL1, index: 7 })).toBe(true); // the anonymous revoked slot
    expect(await store.get('urn:one:2')).toBe(true);
    expect(await store.get('urn:two:a')).toBe(true);
    expect(await store.get('urn:two:b')).toBe(false);
    // A credential issued from the file (its entry) reads the same from the migrated list.
    const [, list2] = await store.listCredentials();
    expect(
      checkStatusEntry(
        createStatusEntry({ listCredential: `${URL1}-2`, index: 9, purpose: 'revocation' }),
        list2,
        { minimumEntries: 16 },
      ).status,
    ).toBe('revoked');
    // Allocation goes on in list 2 (list 1 is full), never on a migrated slot.
    const next = await store.allocate('urn:new');
    expect(next.listUrl).toBe(`${URL1}-2`);
    expect([3, 9, 15]).not.toContain(next.index);
    await store.close();
    await expect(migrateFileStatusStore(file, join(dir, 'status.sqlite'))).rejects.toMatchObject({
      code: 'ERR_STATUS_STORE',
    });
  });

  it('credstack status migrate and status show --json print the slots', () => {
    const file = join(dir, 'cli.json');
    legacyStore(file);
    const moved = runCli(['status', 'migrate', file, '--to', join(dir, 'cli.sqlite'), '--json']);
    expect(moved.code, moved.stderr).toBe(0);
    expect(JSON.parse(moved.stdout)).toMatchObject({ lists: 2, allocations: 19, credentials: 18, set: 3 });
    const show = runCli(['status', 'show', join(dir, 'cli.sqlite'), '--json']);
    expect(show.code, show.stderr).toBe(0);
    const summary = JSON.parse(show.stdout);
    expect(summary.allocations).toHaveLength(19);
    expect(summary.allocations).toContainEqual({
      credentialId: null,
      list: URL1,
      index: 7,
      purpose: 'revocation',
      set: true,
    });
    expect(summary.allocations).toContainEqual({
      credentialId: 'urn:two:b',
      list: `${URL1}-2`,
      index: 15,
      purpose: 'revocation',
      set: false,
    });
    // The JSON file itself is refused as a store, with the migration named.
    const old = runCli(['status', 'show', file]);
    expect(old.code).toBe(2);
    expect(old.stderr).toMatch(/credstack status migrate.*\[ERR_STATUS_STORE\]/);
    expect(JSON.parse(readFileSync(file, 'utf8')).version).toBe(1); // left as it was
  });
});

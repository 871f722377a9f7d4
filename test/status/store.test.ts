// The status store contract on the in-memory and SQLite engines, and what only a file can get
// wrong: symbolic links, corrupt or truncated databases, the legacy JSON store, other files.
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createMemoryStatusStore,
  createStatusStore,
  initStatusStore,
  openStatusStore,
  type StatusStore,
} from '../../src/status/store/index.js';
import { small, storeContract, URL1 } from './store-contract.js';

const root = mkdtempSync(join(tmpdir(), 'credstack-store-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

let memory: StatusStore | undefined;
storeContract('memory', {
  fresh: () => {
    memory = undefined;
  },
  init: async (o) => {
    memory = createMemoryStatusStore(o);
    return memory;
  },
  // One process, one store: another handle is the same object (close is a no-op).
  reopen: async (o) => {
    if (o?.random) return createMemoryStatusStore({ ...small, random: o.random });
    return { ...memory!, close: async () => {} };
  },
});

let file = '';
storeContract('SQLite', {
  fresh: () => {
    file = join(root, `store-${n++}.sqlite`);
  },
  init: (o) => initStatusStore(file, o),
  reopen: (o) => openStatusStore(file, o),
  create: (o) => createStatusStore(file, o),
});

describe('SQLite status store: files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(root, 'files-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('opened through a symbolic link works on the one real database (no fork)', async () => {
    const real = join(dir, 'real.sqlite');
    const link = join(dir, 'link.sqlite');
    const direct = await initStatusStore(real, small);
    symlinkSync(real, link);
    const viaLink = await openStatusStore(link);
    const a = await viaLink.allocate('urn:via-link');
    await viaLink.revoke('urn:via-link');
    const b = await direct.allocate('urn:direct');
    expect(await direct.get('urn:via-link')).toBe(true);
    expect(await viaLink.lookup('urn:direct')).toEqual({ listUrl: URL1, index: b.index });
    expect(a.index).not.toBe(b.index);
    // SQLite keeps the WAL beside the name it opened: only the real name may have one.
    expect(readdirSync(dir).filter((f) => f.startsWith('link'))).toEqual(['link.sqlite']);
    await viaLink.close();
    await direct.close();
    // A link to nowhere is refused, never turned into a new database somewhere.
    symlinkSync(join(dir, 'missing.sqlite'), join(dir, 'dangling.sqlite'));
    await expect(initStatusStore(join(dir, 'dangling.sqlite'), small)).rejects.toMatchObject({
      code: 'ERR_STATUS_STORE',
    });
    await expect(createStatusStore(join(dir, 'dangling.sqlite'), small)).rejects.toMatchObject({
      code: 'ERR_STATUS_STORE',
    });
    expect(existsSync(join(dir, 'missing.sqlite'))).toBe(false);
  });

  it('refuses a missing, corrupt, truncated or foreign database with ERR_STATUS_STORE', async () => {
    await expect(openStatusStore(join(dir, 'missing.sqlite'))).rejects.toMatchObject({
      code: 'ERR_STATUS_STORE',
    });
    expect(existsSync(join(dir, 'missing.sqlite'))).toBe(false);

    writeFileSync(join(dir, 'garbage.sqlite'), 'this is not a database, just some bytes');
    await expect(openStatusStore(join(dir, 'garbage.sqlite'))).rejects.toMatchObject({
      code: 'ERR_STATUS_STORE',
    });
    await expect(createStatusStore(join(dir, 'garbage.sqlite'), small)).rejects.toMatchObject({
      code: 'ERR_STATUS_STORE',
    });

    // A real store with many slots, cut in half.
    const good = join(dir, 'good.sqlite');
    const store = await initStatusStore(good, { url: URL1 });
    for (let i = 0; i < 1000; i++) await store.allocate(`urn:t:${i}`);
    await store.close();
    const cut = join(dir, 'cut.sqlite');
    copyFileSync(good, cut);
    truncateSync(cut, Math.floor(statSync(cut).size / 2));
    await expect(openStatusStore(cut)).rejects.toMatchObject({ code: 'ERR_STATUS_STORE' });
    // The intact one is untouched and complete.
    const reopened = await openStatusStore(good);
    expect((await reopened.lists())[0]!.count).toBe(1000);
    await reopened.close();

    // Someone else's SQLite database: never written into.
    const other = join(dir, 'other.sqlite');
    const spawned = spawnSync(
      process.execPath,
      [
        '-e',
        `const D=require('better-sqlite3');const d=new D(${JSON.stringify(other)});d.exec('CREATE TABLE t(x)');d.close()`,
      ],
      { encoding: 'utf8' },
    );
    expect(spawned.status, spawned.stderr).toBe(0);
    await expect(openStatusStore(other)).rejects.toMatchObject({ code: 'ERR_STATUS_STORE' });
    await expect(createStatusStore(other, small)).rejects.toMatchObject({ code: 'ERR_STATUS_STORE' });
  });

  it('names the migration for a JSON file store, and refuses to create a store named .json', async () => {
    const legacy = join(dir, 'status.json');
    writeFileSync(
      legacy,
      '{"version":1,"purpose":"revocation","size":16,"url":"https://x.example/1","lists":[],"credentials":{}}',
    );
    const err = await openStatusStore(legacy).catch((e) => e);
    expect(err).toMatchObject({ code: 'ERR_STATUS_STORE' });
    expect(err.message).toContain('credstack status migrate');
    await expect(initStatusStore(join(dir, 'new.json'), small)).rejects.toMatchObject({
      code: 'ERR_INVALID_INPUT',
    });
    expect(existsSync(join(dir, 'new.json'))).toBe(false);
  });

  it('says which package to install when the SQLite driver is missing (ERR_STATUS_DRIVER)', () => {
    // A child process in which better-sqlite3 cannot be resolved, as in an app that never installed it.
    const hide = join(dir, 'hide.cjs');
    writeFileSync(
      hide,
      `const M=require('module');const r=M._resolveFilename;M._resolveFilename=function(req,...a){if(req==='better-sqlite3'){const e=new Error("Cannot find module 'better-sqlite3'");e.code='MODULE_NOT_FOUND';throw e}return r.call(this,req,...a)}`,
    );
    const script = `import { openStatusStore } from ${JSON.stringify(join(import.meta.dirname, '../../src/status/store/index.ts'))};
try { await openStatusStore(${JSON.stringify(join(dir, 'x.sqlite'))}) } catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message })) }`;
    writeFileSync(join(dir, 'probe.mts'), script); // x.sqlite does not exist: the driver is named first
    const r = spawnSync(process.execPath, ['-r', hide, '--import', 'tsx', join(dir, 'probe.mts')], {
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim());
    expect(out.code).toBe('ERR_STATUS_DRIVER');
    expect(out.message).toContain('npm install better-sqlite3@12');
  });
});

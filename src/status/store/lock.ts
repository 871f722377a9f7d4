// Cross-process exclusive lock for the file status store: a lock file created atomically with
// link(2) (fails with EEXIST if present; the content is complete the moment the name exists), holding
// { pid, host, nonce }. A lock whose holder is gone (same host, pid no longer alive, e.g. after
// kill -9) is broken at once; any lock older than `staleMs` is broken too (a critical section
// lasts milliseconds). Breaking renames the lock aside and checks it was the stale one before
// deleting it, so two waiters breaking the same stale lock cannot both win.
import { randomBytes } from 'node:crypto';
import { link, open, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { CredstackError } from '../../errors.js';

export interface LockOptions {
  /** Give up after this many ms (ERR_STATUS_LOCK). */
  timeoutMs: number;
  /** A lock older than this is taken to be abandoned. */
  staleMs: number;
}

interface LockInfo {
  pid: number;
  host: string;
  nonce: string;
  time: number;
}

const HOST = hostname();

/** True when `pid` names a live process on this host (EPERM: alive, owned by someone else). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function code(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

async function readInfo(path: string): Promise<LockInfo | undefined | 'gone'> {
  try {
    const info = JSON.parse(await readFile(path, 'utf8')) as LockInfo;
    return typeof info?.pid === 'number' && typeof info.nonce === 'string' ? info : undefined;
  } catch (err) {
    return code(err) === 'ENOENT' ? 'gone' : undefined;
  }
}

async function tryCreate(lockPath: string, info: LockInfo): Promise<boolean> {
  const tmp = `${lockPath}.tmp-${process.pid}-${info.nonce}`;
  await writeFile(tmp, JSON.stringify(info));
  try {
    await link(tmp, lockPath);
    return true;
  } catch (err) {
    if (code(err) === 'EEXIST') return false;
    if (code(err) !== 'EPERM' && code(err) !== 'ENOTSUP' && code(err) !== 'ENOSYS') throw err;
    // Filesystems without hard links: fall back to O_EXCL (the content lands a moment later).
    try {
      const fh = await open(lockPath, 'wx');
      try {
        await fh.writeFile(JSON.stringify(info));
      } finally {
        await fh.close();
      }
      return true;
    } catch (err2) {
      if (code(err2) === 'EEXIST') return false;
      throw err2;
    }
  } finally {
    await unlink(tmp).catch(() => {});
  }
}

async function isStale(lockPath: string, info: LockInfo | undefined, staleMs: number): Promise<boolean> {
  if (info !== undefined && info.host === HOST && !isAlive(info.pid)) return true;
  try {
    return Date.now() - (await stat(lockPath)).mtimeMs > staleMs;
  } catch {
    return false;
  }
}

async function breakStale(lockPath: string, observed: LockInfo | undefined, me: LockInfo): Promise<void> {
  const aside = `${lockPath}.stale-${process.pid}-${me.nonce}`;
  try {
    await rename(lockPath, aside);
  } catch {
    return; // someone else broke it first
  }
  const moved = await readInfo(aside);
  const wasStale =
    observed === undefined
      ? moved === undefined
      : typeof moved === 'object' && moved.nonce === observed.nonce;
  if (!wasStale) {
    // We moved a fresh lock that replaced the stale one in between: put it back.
    await link(aside, lockPath).catch(() => {});
  }
  await unlink(aside).catch(() => {});
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Takes the lock at `lockPath`; resolves to its release function. */
export async function acquireLock(lockPath: string, options: LockOptions): Promise<() => Promise<void>> {
  const me: LockInfo = {
    pid: process.pid,
    host: HOST,
    nonce: randomBytes(8).toString('hex'),
    time: Date.now(),
  };
  const deadline = Date.now() + options.timeoutMs;
  let delay = 2;
  let holder: LockInfo | undefined;
  for (;;) {
    if (await tryCreate(lockPath, me)) {
      return async () => {
        const current = await readInfo(lockPath);
        // Only remove our own lock: if it was broken as stale, it belongs to someone else now.
        if (typeof current === 'object' && current.nonce === me.nonce) await unlink(lockPath).catch(() => {});
      };
    }
    const info = await readInfo(lockPath);
    if (info === 'gone') continue;
    holder = info;
    if (await isStale(lockPath, info, options.staleMs)) {
      await breakStale(lockPath, info, me);
      continue;
    }
    if (Date.now() >= deadline) {
      throw new CredstackError(
        'ERR_STATUS_LOCK',
        `status store is locked (${lockPath}${holder ? `, held by pid ${holder.pid} on ${holder.host}` : ''}); gave up after ${options.timeoutMs} ms`,
        { path: lockPath },
      );
    }
    await sleep(delay + Math.random() * delay);
    delay = Math.min(delay * 2, 50);
  }
}

// The on-disk side of the file status store: the JSON format, its validation, and the
// crash-safe write (temp file in the same directory, fsync, rename over, fsync the directory).
// Store file, version 1:
//   { version: 1, issuer?, purpose, size, url,
//     lists: [{ url, count, allocated: <encodedList of allocated slots>, status: <encodedList> }],
//     credentials: { [credentialId]: { list: <list url>, index } } }
// List n (1-based) lives at `url` for n = 1 and `${url}-${n}` after that.
import { randomBytes } from 'node:crypto';
import { open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CredstackError } from '../../errors.js';
import { isObject } from '../../lib/json.js';
import { decodeList, encodeList, getBit } from '../bitstring.js';
import type { StatusPurpose } from '../status-list.js';
import { isAlive } from './lock.js';
import { countSetBits } from './pick.js';

export interface ListState {
  url: string;
  allocated: Uint8Array;
  status: Uint8Array;
  count: number;
}

export interface State {
  issuer?: string;
  purpose: StatusPurpose;
  size: number;
  url: string;
  lists: ListState[];
  credentials: Record<string, { list: string; index: number }>;
}

export const storeError = (path: string, message: string, cause?: unknown) =>
  new CredstackError('ERR_STATUS_STORE', `status store ${path}: ${message}`, { path, cause });

export function code(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

/** The URL of list number `n` (1-based). */
export function listUrlFor(base: string, n: number): string {
  return n === 1 ? base : `${base}-${n}`;
}

export function serialize(state: State): string {
  return JSON.stringify({
    version: 1,
    ...(state.issuer === undefined ? {} : { issuer: state.issuer }),
    purpose: state.purpose,
    size: state.size,
    url: state.url,
    lists: state.lists.map((l) => ({
      url: l.url,
      count: l.count,
      allocated: encodeList(l.allocated),
      status: encodeList(l.status),
    })),
    credentials: state.credentials,
  });
}

export function parse(path: string, text: string): State {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (cause) {
    throw storeError(path, 'not valid JSON', cause);
  }
  if (!isObject(doc) || doc.version !== 1) throw storeError(path, 'not a version 1 status store');
  const { purpose, size, url, issuer, lists, credentials } = doc;
  if (purpose !== 'revocation' && purpose !== 'suspension') throw storeError(path, 'bad purpose');
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size <= 0 || size % 8 !== 0) {
    throw storeError(path, 'bad size');
  }
  if (typeof url !== 'string') throw storeError(path, 'bad url');
  if (issuer !== undefined && typeof issuer !== 'string') throw storeError(path, 'bad issuer');
  if (!Array.isArray(lists) || !isObject(credentials)) throw storeError(path, 'lists or credentials missing');
  const state: State = { purpose, size, url, lists: [], credentials: Object.create(null) };
  if (issuer !== undefined) state.issuer = issuer;
  lists.forEach((raw, i) => {
    if (!isObject(raw) || raw.url !== listUrlFor(url, i + 1) || typeof raw.count !== 'number') {
      throw storeError(path, `list ${i + 1} is malformed`);
    }
    let allocated: Uint8Array;
    let status: Uint8Array;
    try {
      allocated = decodeList(raw.allocated as string, { maxBytes: size / 8 });
      status = decodeList(raw.status as string, { maxBytes: size / 8 });
    } catch (cause) {
      throw storeError(path, `list ${raw.url} has a bad bitstring`, cause);
    }
    if (
      allocated.length !== size / 8 ||
      status.length !== size / 8 ||
      countSetBits(allocated) !== raw.count
    ) {
      throw storeError(path, `list ${raw.url} is inconsistent (size or count)`);
    }
    for (let b = 0; b < status.length; b++) {
      if ((status[b]! & ~allocated[b]!) !== 0)
        throw storeError(path, `list ${raw.url} has status bits on free slots`);
    }
    state.lists.push({ url: raw.url, allocated, status, count: raw.count });
  });
  for (const [id, rec] of Object.entries(credentials)) {
    const list = isObject(rec) ? state.lists.find((l) => l.url === rec.list) : undefined;
    const index = isObject(rec) ? rec.index : undefined;
    if (
      list === undefined ||
      typeof index !== 'number' ||
      index < 0 ||
      index >= size ||
      !getBit(list.allocated, index)
    ) {
      throw storeError(path, `credential ${id} points at an unallocated slot`);
    }
    state.credentials[id] = { list: list.url, index };
  }
  return state;
}

export async function readState(path: string): Promise<State> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    if (code(cause) === 'ENOENT') {
      throw storeError(
        path,
        'does not exist (create it with `credstack status create`, initFileStatusStore or createFileStatusStore)',
        cause,
      );
    }
    throw storeError(path, 'cannot be read', cause);
  }
  return parse(path, text);
}

export async function syncDir(dir: string): Promise<void> {
  // Makes the rename itself durable. Directories cannot be opened on Windows: skip there.
  let fh: Awaited<ReturnType<typeof open>> | undefined;
  try {
    fh = await open(dir, 'r');
    await fh.sync();
  } catch (err) {
    if (!['EISDIR', 'EPERM', 'EACCES', 'EINVAL', 'EBADF'].includes(code(err) ?? '')) throw err;
  } finally {
    await fh?.close();
  }
}

export async function writeTemp(path: string, text: string, mode: number): Promise<string> {
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`;
  const fh = await open(tmp, 'wx', mode);
  try {
    await fh.writeFile(text, 'utf8');
    await fh.sync();
  } finally {
    await fh.close();
  }
  return tmp;
}

export async function writeState(path: string, state: State): Promise<void> {
  const mode = await stat(path).then(
    (s) => s.mode & 0o777,
    () => 0o600,
  );
  const tmp = await writeTemp(path, serialize(state), mode);
  try {
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => {});
    throw err;
  }
  await syncDir(dirname(path));
}

// Temp files of writers that died (`store.tmp-*`), and lock temp files of dead processes
// (`store.lock.tmp-<pid>-*`, `store.lock.stale-<pid>-*`). Called with the lock held, so no live
// writer owns a `store.tmp-*` file.
export async function removeLeftovers(path: string): Promise<void> {
  const base = basename(path);
  let names: string[];
  try {
    names = await readdir(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    let dead = name.startsWith(`${base}.tmp-`);
    const m = /^\.lock\.(?:tmp|stale)-(\d+)-/.exec(name.slice(base.length));
    if (name.startsWith(base) && m) dead = !isAlive(Number(m[1]));
    if (dead) await unlink(join(dirname(path), name)).catch(() => {});
  }
}

// Reader of the JSON file store of credstack ≤ 0.1 (one JSON file under a hand-written lock
// file), kept only so `credstack status migrate` / migrateFileStatusStore can move such a store
// into a database. Nothing writes this format any more.
// Store file, version 1:
//   { version: 1, issuer?, purpose, size, url,
//     lists: [{ url, count, allocated: <encodedList of allocated slots>, status: <encodedList> }],
//     credentials: { [credentialId]: { list: <list url>, index } } }
// List n (1-based) lives at `url` for n = 1 and `${url}-${n}` after that.
import { readFile } from 'node:fs/promises';
import { CredstackError } from '../../errors.js';
import { isObject } from '../../lib/json.js';
import { decodeList, getBit } from '../bitstring.js';
import type { StatusPurpose } from '../status-list.js';
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
      throw storeError(path, 'does not exist', cause);
    }
    throw storeError(path, 'cannot be read', cause);
  }
  return parse(path, text);
}

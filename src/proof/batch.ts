// Issuing and verifying many credentials: async iterables in, async iterables out, in input order,
// with at most `concurrency` credentials in flight — memory stays flat whether the stream holds a
// hundred credentials or a million. One signer (one key import) and one resolver cache serve the
// whole batch, so an issuer's DID document or profile is resolved once, not once per credential.
//
// Threads: the library stays free of `node:*` (it bundles for browsers), so it does not spawn
// worker threads itself. Both functions take any (async) iterable, so a caller who wants every core
// shards the input across workers or processes and runs one batch in each; bench/batch.ts shows it.

import { CredstackError, isCredstackError } from '../errors.js';
import { type IssuedCredential, type IssueOptions, issueCredential } from '../issue/index.js';
import type { Signer } from '../keys/index.js';
import { signerForKey } from '../keys/signer.js';
import { isObject, type JsonObject } from '../lib/json.js';
import { type VerificationResult, type VerifyOptions, verifyCredential } from '../verify/index.js';

/**
 * Progress of a batch, passed to {@link BatchOptions.onProgress}.
 * @example
 * ```ts
 * import type { BatchProgress } from 'credstack'
 * const report = ({ done, failed }: BatchProgress) => console.log(`${done} done, ${failed} failed`)
 * ```
 */
export interface BatchProgress {
  /** Items finished (successfully or not). */
  done: number;
  /** Items that failed (issuing threw; verification gave a verdict other than `verified`). */
  failed: number;
}

/**
 * Options shared by {@link issueMany} and {@link verifyMany}.
 * @example
 * ```ts
 * import { type BatchOptions, verifyMany } from 'credstack'
 * const batch: BatchOptions = { concurrency: 4, onProgress: ({ done, failed }) => console.log(done, failed) }
 * for await (const { index, result } of verifyMany(jwts, batch)) console.log(index, result.verdict)
 * ```
 */
export interface BatchOptions {
  /** Items in flight at once (bounds memory). Default 32. */
  concurrency?: number;
  /** Called every `progressEvery` items and once at the end. */
  onProgress?: (progress: BatchProgress) => void;
  /** Default 1000. */
  progressEvery?: number;
  /** Stops the batch: the iterator throws the signal's reason after the items in flight. */
  signal?: AbortSignal;
}

/**
 * One outcome of {@link issueMany}, in input order.
 * @example
 * ```ts
 * import { type IssueManyResult, issueMany } from 'credstack'
 * for await (const item of issueMany(unsigned, { key }) as AsyncIterable<IssueManyResult>)
 *   if (!item.ok) console.error(item.index, item.error.code)
 * ```
 */
export type IssueManyResult =
  | { index: number; ok: true; credential: IssuedCredential }
  | { index: number; ok: false; error: CredstackError };

/**
 * One outcome of {@link verifyMany}, in input order.
 * @example
 * ```ts
 * import { type VerifyManyResult, verifyMany } from 'credstack'
 * const results: VerifyManyResult[] = []
 * for await (const item of verifyMany(jwts)) results.push(item)
 * ```
 */
export interface VerifyManyResult {
  index: number;
  result: VerificationResult;
}

type Source<T> = Iterable<T> | AsyncIterable<T>;

function concurrencyOf(options: BatchOptions): number {
  const n = options.concurrency ?? 32;
  if (!Number.isInteger(n) || n < 1) {
    throw new CredstackError('ERR_INVALID_INPUT', `concurrency must be a positive integer, got ${String(n)}`);
  }
  return n;
}

/**
 * Maps `source` through `fn` with at most `concurrency` calls pending, yielding results in input
 * order. The source is pulled only as results are consumed (back-pressure).
 */
async function* ordered<I, O>(
  source: Source<I>,
  fn: (item: I, index: number) => Promise<O>,
  options: BatchOptions,
  isFailure: (value: O) => boolean,
): AsyncGenerator<O> {
  const limit = concurrencyOf(options);
  const every = options.progressEvery ?? 1000;
  const window: Promise<O>[] = [];
  const progress: BatchProgress = { done: 0, failed: 0 };
  let index = 0;
  const settle = (value: O): O => {
    progress.done++;
    if (isFailure(value)) progress.failed++;
    if (options.onProgress && progress.done % every === 0) options.onProgress({ ...progress });
    return value;
  };
  for await (const item of source) {
    options.signal?.throwIfAborted();
    window.push(fn(item, index++).then(settle));
    if (window.length >= limit) yield await window.shift()!;
  }
  while (window.length > 0) {
    options.signal?.throwIfAborted();
    yield await window.shift()!;
  }
  // the final count, unless the last item already reported it
  if (options.onProgress && (progress.done === 0 || progress.done % every !== 0))
    options.onProgress({ ...progress });
}

/**
 * Issues every credential of `credentials` (an array, a generator, a stream of parsed JSON) with
 * one key, yielding `{ index, ok, credential | error }` in input order. A credential that cannot be
 * issued (schema, issuer mismatch…) yields its error and the batch goes on.
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * for await (const r of issueMany(rows.map(toCredential), { key, onProgress: (p) => console.log(p.done) })) {
 *   if (r.ok) await save(r.credential); else console.error(r.index, r.error.message)
 * }
 * ```
 */
export async function* issueMany(
  credentials: Source<unknown>,
  options: IssueOptions & BatchOptions,
): AsyncGenerator<IssueManyResult> {
  // One signer for the batch: createSigner imports the key and runs a pairwise check.
  let signer: Signer | undefined = options.signer;
  let controller = options.controller;
  if (!signer && options.key) {
    signer = await signerForKey(options.key);
    controller ??= options.key.controller;
  }
  const { key: _key, concurrency: _c, onProgress: _p, progressEvery: _e, signal: _s, ...rest } = options;
  const issueOptions: IssueOptions = {
    ...rest,
    ...(signer ? { signer } : {}),
    ...(controller ? { controller } : {}),
  };
  yield* ordered<unknown, IssueManyResult>(
    credentials,
    async (credential, index) => {
      try {
        if (!isObject(credential)) {
          throw new CredstackError(
            'ERR_INVALID_INPUT',
            `item ${index}: expected a credential object, got ${typeof credential}`,
          );
        }
        return { index, ok: true, credential: await issueCredential(credential as JsonObject, issueOptions) };
      } catch (error) {
        const coded = isCredstackError(error)
          ? error
          : new CredstackError(
              'ERR_SIGNING_FAILED',
              `item ${index}: ${(error as Error)?.message ?? String(error)}`,
              {
                cause: error,
              },
            );
        return { index, ok: false, error: coded };
      }
    },
    options,
    (r) => !r.ok,
  );
}

// A resolver cache that forgets the least recently used documents past `max` entries, so a batch
// over many issuers keeps bounded memory while a batch over one issuer resolves it once.
class BoundedCache<K, V> extends Map<K, V> {
  constructor(private readonly max: number) {
    super();
  }
  override get(key: K): V | undefined {
    const value = super.get(key);
    if (value !== undefined) {
      super.delete(key);
      super.set(key, value);
    }
    return value;
  }
  override set(key: K, value: V): this {
    super.delete(key);
    super.set(key, value);
    if (this.size > this.max) super.delete(this.keys().next().value as K);
    return this;
  }
}

/**
 * Verifies every input of `inputs` (credential objects, JSON strings, compact JWS, baked images —
 * whatever {@link verifyCredential} takes), yielding `{ index, result }` in input order. Options
 * are those of `verifyCredential`; documents resolved for one credential (DID documents, issuer
 * profiles, status lists) are reused for the next through one bounded cache.
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * let invalid = 0
 * for await (const { index, result } of verifyMany(readJsonLines('badges.jsonl'), { concurrency: 64 })) {
 *   if (!result.verified) invalid++
 * }
 * ```
 */
export async function* verifyMany(
  inputs: Source<unknown>,
  options: VerifyOptions & BatchOptions = {},
): AsyncGenerator<VerifyManyResult> {
  const { concurrency: _c, onProgress: _p, progressEvery: _e, signal: _s, ...verifyOptions } = options;
  const shared: VerifyOptions = { ...verifyOptions, cache: options.cache ?? new BoundedCache(1024) };
  yield* ordered<unknown, VerifyManyResult>(
    inputs,
    async (input, index) => ({ index, result: await verifyCredential(input as never, shared) }),
    options,
    (r) => !r.result.verified,
  );
}

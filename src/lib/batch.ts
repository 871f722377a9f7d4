// The engine of issueMany and verifyMany: a bounded window of pending calls over any (async)
// iterable, results in input order. Here, not in src/proof/batch.ts, so that `credstack/verify`
// can export verifyMany without importing the issuing code issueMany needs.

import { CredstackError } from '../errors.js';

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

export type Source<T> = Iterable<T> | AsyncIterable<T>;

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
export async function* ordered<I, O>(
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

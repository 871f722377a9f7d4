// verifyMany: verifyCredential over a stream, in input order, with one bounded resolver cache.
// Exported from `credstack/verify` (and `credstack`): nothing here imports issuing code.

import { type BatchOptions, ordered, type Source } from '../lib/batch.js';
import type { VerificationResult } from './result.js';
import { type VerifyOptions, verifyCredential } from './verify-credential.js';

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
 * Exported from `credstack` and `credstack/verify`.
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

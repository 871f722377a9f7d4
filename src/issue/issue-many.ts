// Issuing many credentials: async iterables in, async iterables out, in input order,
// with at most `concurrency` credentials in flight — memory stays flat whether the stream holds a
// hundred credentials or a million. One signer (one key import) and one resolver cache serve the
// whole batch (verifyMany, in src/verify/verify-many.ts, shares the engine in src/lib/batch.ts).
//
// Threads: the library stays free of `node:*` (it bundles for browsers), so it does not spawn
// worker threads itself. It takes any (async) iterable, so a caller who wants every core
// shards the input across workers or processes and runs one batch in each; bench/batch.ts shows it.

import { CredstackError, isCredstackError } from '../errors.js';
import { type IssuedCredential, type IssueOptions, issueCredential } from './issue-credential.js';
import type { Signer } from '../keys/index.js';
import { type BatchOptions, ordered, type Source } from '../lib/batch.js';
import { signerForKey } from '../keys/signer.js';
import { isObject, type JsonObject } from '../lib/json.js';

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

// Cohort rows: checking each one as it streams by, and the wrapper for results a caller has
// already verified.

import { CredstackError, describeValue } from '../errors.js';
import { isObject } from '../lib/json.js';
import type { VerificationLike } from '../pathway/index.js';
import type { CohortLearner, CohortRow } from './types.js';

const PREVERIFIED: unique symbol = Symbol('credstack.preverified');

/**
 * A verification result handed over instead of a credential; made by {@link preverified}.
 * @example
 * ```ts
 * import { pathwayOutcomes, type Preverified, preverified } from 'credstack'
 * const credential: Preverified = preverified(await verifyCredential(jwt))
 * const report = await pathwayOutcomes(pathway, [{ learnerId: 'l-1', credentials: [credential] }])
 * ```
 */
export interface Preverified {
  readonly [PREVERIFIED]: VerificationLike;
}

/**
 * Wraps a verification result computed earlier (by `verifyCredential` or another verifier) so it
 * can stand in a cohort row's `credentials` in place of the credential: `pathwayOutcomes` then
 * uses the result as is instead of verifying again. The result must carry the credential it is
 * about when it says `verified: true`. Whoever wraps a result vouches for it.
 *
 * Exported from `credstack`.
 *
 * @example
 * ```ts
 * import { preverified, verifyCredential } from 'credstack'
 * const result = await verifyCredential(jwt, { documents })
 * const row = { learnerId: 's-001', learner: { email }, credentials: [preverified(result)] }
 * ```
 */
export function preverified(result: VerificationLike): Preverified {
  if (!isObject(result) || typeof result.verified !== 'boolean' || typeof result.verdict !== 'string') {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `preverified: expected a verification result { verified, verdict, checks, credential }, got ${describeValue(result)}`,
    );
  }
  if (!Array.isArray(result.checks)) {
    throw new CredstackError('ERR_INVALID_INPUT', 'preverified: the result has no checks array');
  }
  if (result.verified && !isObject(result.credential)) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      'preverified: a verified result must carry the credential it is about (result.credential)',
    );
  }
  return Object.freeze({ [PREVERIFIED]: result });
}

/** The wrapped result, if `value` is a {@link preverified} wrapper. @internal */
export function unwrapPreverified(value: unknown): VerificationLike | undefined {
  return typeof value === 'object' && value !== null && PREVERIFIED in value
    ? (value as Preverified)[PREVERIFIED]
    : undefined;
}

/** A checked row: attributes normalised to strings. @internal */
export interface CheckedRow {
  learnerId: string;
  learner?: CohortLearner;
  credentials: readonly unknown[];
  attributes: Map<string, string>;
}

const LEARNER_KEYS = ['id', 'email', 'identifier'] as const;
const MAX_ID = 1024;

/** The row, checked, or the reason it is malformed. @internal */
export function checkRow(value: unknown, maxCredentials: number): CheckedRow | { error: string } {
  if (!isObject(value)) return { error: `expected an object, got ${describeValue(value)}` };
  const row = value as Partial<CohortRow> & Record<string, unknown>;
  if (typeof row.learnerId !== 'string' || row.learnerId.trim() === '' || row.learnerId.length > MAX_ID)
    return { error: `learnerId: expected a non-empty string, got ${describeValue(row.learnerId)}` };
  let learner: CohortLearner | undefined;
  if (row.learner !== undefined) {
    if (!isObject(row.learner))
      return { error: `learner: expected an object, got ${describeValue(row.learner)}` };
    learner = {};
    for (const key of LEARNER_KEYS) {
      const v = (row.learner as Record<string, unknown>)[key];
      if (v === undefined) continue;
      if (typeof v !== 'string' || v === '')
        return { error: `learner.${key}: expected a non-empty string, got ${describeValue(v)}` };
      learner[key] = v;
    }
    if (Object.keys(learner).length === 0)
      return { error: 'learner: expected at least one of id, email, identifier' };
  }
  if (!Array.isArray(row.credentials))
    return { error: `credentials: expected an array, got ${describeValue(row.credentials)}` };
  if (row.credentials.length > maxCredentials)
    return { error: `credentials: ${row.credentials.length} exceed the limit of ${maxCredentials}` };
  for (let i = 0; i < row.credentials.length; i++) {
    const c = row.credentials[i];
    if (!(isObject(c) || (typeof c === 'string' && c.length > 0)))
      return {
        error: `credentials[${i}]: expected a credential object, a VC-JWT string or a preverified result, got ${describeValue(c)}`,
      };
  }
  const attributes = new Map<string, string>();
  if (row.attributes !== undefined) {
    if (!isObject(row.attributes))
      return { error: `attributes: expected an object, got ${describeValue(row.attributes)}` };
    for (const [k, v] of Object.entries(row.attributes)) {
      if (v === null) continue;
      if (typeof v === 'string') attributes.set(k, v);
      else if ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean')
        attributes.set(k, String(v));
      else
        return {
          error: `attributes.${k}: expected a string, number, boolean or null, got ${describeValue(v)}`,
        };
    }
  }
  return {
    learnerId: row.learnerId,
    ...(learner ? { learner } : {}),
    credentials: row.credentials,
    attributes,
  };
}

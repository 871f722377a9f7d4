// The default verifier of the pathway functions: credstack's own `verifyCredential`, with the
// caller's verify options passed through. Kept in one place so progress, composition and proof
// verification resolve `verify` the same way. src/verify never imports src/pathway, so this
// import creates no cycle.

import { CredstackError, describeValue } from '../errors.js';
import { type VerifyOptions, verifyCredential } from '../verify/index.js';
import type { VerifyFunction } from './types.js';

// Options of the pathway functions that are not verify options; everything else passes through,
// so options verifyCredential gains later reach it without a change here.
const OWN_KEYS = new Set([
  'verify',
  'learner',
  'pathway',
  'sign',
  'key',
  'signer',
  'issuer',
  'format',
  'id',
  'name',
  'description',
]);

/** The verify options among a pathway function's options, with one cache shared by every call. @internal */
export function verifyOptionsOf(options: object | undefined): VerifyOptions {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(options ?? {})) if (!OWN_KEYS.has(k) && v !== undefined) out[k] = v;
  // One cache for the whole call: every credential of an issuer shares its key document and
  // status list, so each is resolved (and, with the network on, fetched) once.
  if (out.cache === undefined) out.cache = new Map<string, Promise<unknown>>();
  return out as VerifyOptions;
}

/**
 * `options.verify` when given (checked to be a function), else `verifyCredential` with the
 * verify options found in `options` and `extra` on top. @internal
 */
export function resolveVerify(
  options: { verify?: unknown } | undefined,
  extra: VerifyOptions = {},
): VerifyFunction {
  const injected = options?.verify;
  if (injected !== undefined) {
    if (typeof injected !== 'function') {
      throw new CredstackError(
        'ERR_INVALID_INPUT',
        `options.verify: expected a function (credential) => Promise<VerificationLike>, got ${describeValue(injected)}`,
      );
    }
    return injected as VerifyFunction;
  }
  const verifyOptions = { ...verifyOptionsOf(options), ...extra };
  return (credential) => verifyCredential(credential, verifyOptions);
}

// The verifier's own input limits, checked before anything recurses into the proof (stable(), the
// claims, the credentials): a hostile proof nested 100,000 deep is a coded result, never a
// RangeError. verifyCredential applies the same limits to the outer and embedded credentials.
import { exceedsLimits, resolveLimits, type VerifyLimits } from '../../lib/limits.js';
import type { ProofChecks } from './report.js';

/**
 * A test of one value against `limits` (over DEFAULT_LIMITS) that records `LIMIT_EXCEEDED` when it
 * fails, or `undefined` after recording `OPTION_INVALID` when `limits` itself is not valid.
 */
export function limitCheck(
  limits: VerifyLimits | undefined,
  out: ProofChecks,
): ((value: unknown) => boolean) | undefined {
  let resolved: Required<VerifyLimits>;
  try {
    resolved = resolveLimits(limits);
  } catch (err) {
    out.fail('limits', 'OPTION_INVALID', (err as Error).message);
    return undefined;
  }
  return (value) => {
    const problem =
      typeof value === 'string'
        ? value.length > resolved.maxBytes
          ? `more than ${resolved.maxBytes} characters`
          : undefined
        : exceedsLimits(value, resolved);
    if (problem !== undefined) out.fail('limits', 'LIMIT_EXCEEDED', `the pathway proof has ${problem}`);
    return problem !== undefined;
  };
}

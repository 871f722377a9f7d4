// Replay protection and freshness: a proof answers this verifier's challenge, is addressed to its
// domain, and is recent (created, expires, maxAge), read from the proof itself.
import { describeValue } from '../errors.js';
import { asArray, type JsonObject } from '../lib/json.js';
import { type Check, failed, passed } from '../verify/internal.js';

/** A presentation proof's own challenge and domain against the verifier's (VC-DI §2.1.1 proof options). */
export function replayCheck(
  proof: JsonObject,
  challenge: string,
  domain: string,
  path: string,
): Check | undefined {
  if (proof.challenge !== challenge) {
    return failed(
      'challenge',
      'CHALLENGE_MISMATCH',
      `The proof answers challenge ${describeValue(proof.challenge)}, not the challenge this verifier issued`,
      { path },
    );
  }
  if (!asArray(proof.domain).includes(domain)) {
    return failed(
      'domain',
      'DOMAIN_MISMATCH',
      `The proof is addressed to ${describeValue(proof.domain)}, not to ${domain}`,
      { path },
    );
  }
  return undefined;
}

export function timeChecks(
  createdMs: number | undefined,
  expiresMs: number | undefined,
  now: Date,
  toleranceS: number,
  maxAgeS: number,
): Check[] {
  const t = now.getTime();
  const tol = toleranceS * 1000;
  const checks: Check[] = [];
  if (expiresMs !== undefined && !Number.isNaN(expiresMs) && expiresMs < t - tol) {
    checks.push(
      failed(
        'validity',
        'PRESENTATION_EXPIRED',
        `The presentation expired at ${new Date(expiresMs).toISOString()}`,
      ),
    );
  }
  if (createdMs === undefined || Number.isNaN(createdMs)) {
    checks.push(
      failed(
        'validity',
        'PRESENTATION_UNDATED',
        'The presentation proof has no creation time, so its freshness cannot be checked',
      ),
    );
  } else if (createdMs > t + tol) {
    checks.push(
      failed(
        'validity',
        'PRESENTATION_FROM_FUTURE',
        `The presentation claims to be created in the future (${new Date(createdMs).toISOString()})`,
      ),
    );
  } else if (createdMs < t - maxAgeS * 1000) {
    checks.push(
      failed(
        'validity',
        'PRESENTATION_TOO_OLD',
        `The presentation was created ${Math.round((t - createdMs) / 1000)} s ago, more than the ${maxAgeS} s allowed`,
      ),
    );
  } else if (checks.length === 0) {
    checks.push(passed('validity', 'PRESENTATION_FRESH', 'The presentation is fresh'));
  }
  return checks;
}

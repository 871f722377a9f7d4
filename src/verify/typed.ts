// `VerificationResult.credential` is whatever was checked — a forgery, a key file, a badge that
// breaks the JSON Schema (a conformance warning by default) — so it is typed as plain JSON. Once
// a credential is verified and conforms to its type's JSON Schema, the OB types hold: these
// functions hand it out typed, so `credentialSubject.achievement` is reached without casts.

import type { ClrCredential } from '../model/types/clr.js';
import type { EndorsementCredential, OpenBadgeCredential } from '../model/types/credential.js';
import type { VerificationResult } from './result.js';

type Kind = 'OpenBadgeCredential' | 'EndorsementCredential' | 'ClrCredential';

function conforming(result: VerificationResult, kinds: readonly string[]): boolean {
  if (!result.verified || !result.credential || result.conformance?.conforms === false) return false;
  // The schema must have run and passed: `checkSchema: false` leaves the shape unknown.
  if (!result.checks.some((c) => c.code === 'SCHEMA_OK')) return false;
  const type = result.credential.type;
  return (Array.isArray(type) ? type : [type]).some((t) => kinds.includes(t as string));
}

const KINDS: Record<Kind, readonly string[]> = {
  OpenBadgeCredential: ['OpenBadgeCredential', 'AchievementCredential'],
  EndorsementCredential: ['EndorsementCredential'],
  ClrCredential: ['ClrCredential'],
};

/**
 * The verified credential as an {@link OpenBadgeCredential}, when it is one and conforms to the
 * OB JSON Schema; otherwise undefined (not verified, another type, a broken rule, or the schema
 * check was skipped).
 *
 * Exported from `credstack` and `credstack/verify`.
 * @example
 * ```ts
 * import { verifiedBadge, verifyCredential } from 'credstack/verify'
 * const badge = verifiedBadge(await verifyCredential(input))
 * if (badge) console.log(badge.credentialSubject.achievement.name) // typed, no cast
 * ```
 */
export function verifiedBadge(result: VerificationResult): OpenBadgeCredential | undefined {
  return conforming(result, KINDS.OpenBadgeCredential)
    ? (result.credential as OpenBadgeCredential)
    : undefined;
}

/**
 * The verified credential as an {@link EndorsementCredential}, on the same terms as {@link verifiedBadge}.
 *
 * Exported from `credstack` and `credstack/verify`.
 * @example
 * ```ts
 * const endorsement = verifiedEndorsement(await verifyCredential(input))
 * endorsement?.credentialSubject.endorsementComment
 * ```
 */
export function verifiedEndorsement(result: VerificationResult): EndorsementCredential | undefined {
  return conforming(result, KINDS.EndorsementCredential)
    ? (result.credential as EndorsementCredential)
    : undefined;
}

/**
 * The verified credential as a {@link ClrCredential}, on the same terms as {@link verifiedBadge}.
 *
 * Exported from `credstack` and `credstack/verify`.
 * @example
 * ```ts
 * const clr = verifiedClr(await verifyCredential(input))
 * if (clr) console.log([clr.credentialSubject.verifiableCredential].flat().length)
 * ```
 */
export function verifiedClr(result: VerificationResult): ClrCredential | undefined {
  return conforming(result, KINDS.ClrCredential) ? (result.credential as ClrCredential) : undefined;
}

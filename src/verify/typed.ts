// `VerificationResult.credential` is whatever was checked — a forgery, a key file, a badge that
// breaks the JSON Schema (a conformance warning by default) — so it is typed as plain JSON. Once
// a credential is verified and conforms to its type's JSON Schema, the OB types hold: these
// functions hand it out typed, so `credentialSubject.achievement` is reached without casts.

import type { ClrCredential } from '../model/types/clr.js';
import type { EndorsementCredential, OpenBadgeCredential } from '../model/types/credential.js';
import { type CredentialKindName, kindOf } from './checks/envelope.js';
import type { VerificationResult } from './result.js';

/**
 * Verified, every rule of the text kept, and of `kind` as the verifier judged it (kindOf: the kind
 * whose JSON Schema it ran), so the type promises no more than the schema checked.
 */
function conforming(result: VerificationResult, kind: CredentialKindName): boolean {
  if (!result.verified || !result.credential || result.conformance?.conforms === false) return false;
  // The schema must have run and passed: `checkSchema: false` leaves the shape unknown.
  if (!result.checks.some((c) => c.code === 'SCHEMA_OK')) return false;
  return kindOf(result.credential) === kind;
}

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
  return conforming(result, 'OpenBadgeCredential') ? (result.credential as OpenBadgeCredential) : undefined;
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
  return conforming(result, 'EndorsementCredential')
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
  return conforming(result, 'ClrCredential') ? (result.credential as ClrCredential) : undefined;
}

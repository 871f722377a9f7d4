// The credentials inside a credential: endorsements (OB 3.0 §EndorsementCredential), which never
// fail their parent but count only for what they endorse, and a CLR's embedded credentials, which
// the record vouches for. Each is verified in full by the caller's pipeline (`verifyNested`).
import { asArray, isObject, type JsonObject, idOf } from '../../lib/json.js';
import {
  type Check,
  failed,
  passed,
  type VerificationResult,
  type Verdict,
  verdictOf,
  warning,
} from '../result.js';
import type { CredentialKindName } from './envelope.js';

/** Verifies a credential found inside the one being verified, accepting only the kinds given. */
export type VerifyNested = (
  value: unknown,
  accept: readonly CredentialKindName[],
) => Promise<VerificationResult>;

/**
 * Verifies the endorsements of the credential, its issuer and its achievement (at most `max`),
 * as warnings or passes in `checks`; their results go in `result.endorsements`.
 */
export async function checkEndorsements(
  credential: JsonObject,
  verifyNested: VerifyNested,
  checks: Check[],
  result: VerificationResult,
  max: number,
): Promise<void> {
  // OB 3.0 §EndorsementCredential: the endorsement's subject is "the individual, entity,
  // organization, assertion, or achievement that is endorsed". An endorsement speaks only for the
  // thing whose id is its subject: pasted under anything else (a throwaway issuer's badge, another
  // achievement), it is authentic but about something else, so it must not count here.
  const found: Array<{ value: unknown; path: string; about: string | undefined }> = [];
  const collect = (holder: unknown, path: string) => {
    if (!isObject(holder)) return;
    const about = typeof holder.id === 'string' ? holder.id : undefined;
    for (const [i, e] of asArray(holder.endorsement).entries())
      found.push({ value: e, path: `${path}/endorsement/${i}`, about });
    for (const [i, e] of asArray(holder.endorsementJwt).entries())
      found.push({ value: e, path: `${path}/endorsementJwt/${i}`, about });
  };
  collect(credential, '');
  collect(credential.issuer, '/issuer');
  const subject = asArray(credential.credentialSubject)[0];
  if (isObject(subject)) collect(subject.achievement, '/credentialSubject/achievement');
  if (found.length === 0) return;
  const results: VerificationResult[] = [];
  for (const { value, path, about } of found.slice(0, max)) {
    const own = await verifyNested(value, ['EndorsementCredential']);
    const r = bindEndorsement(own, about);
    results.push(r);
    const by = r.issuerName ?? r.issuer ?? 'unknown issuer';
    if (r.verified) {
      checks.push(
        r.issuerTrust === 'trusted'
          ? passed(
              'endorsement',
              'ENDORSEMENT_TRUSTED',
              `Endorsement by trusted ${r.trustEntry?.name ?? by} verified`,
              path,
            )
          : passed('endorsement', 'ENDORSEMENT_VALID', `Endorsement by ${by} verified`, path),
      );
    } else {
      // Broken in itself, or authentic but about something else: either way it does not count.
      const mismatch = own.verified;
      checks.push(
        warning(
          'endorsement',
          mismatch ? 'ENDORSEMENT_SUBJECT_MISMATCH' : 'ENDORSEMENT_INVALID',
          `Endorsement by ${by} ${mismatch ? 'does not apply here' : `is ${r.verdict}`}: ${r.checks.find((c) => c.status === 'failed')?.message ?? ''}`,
          path,
        ),
      );
    }
  }
  if (found.length > max) {
    checks.push(
      warning(
        'endorsement',
        'ENDORSEMENTS_TRUNCATED',
        `Only the first ${max} of ${found.length} endorsements were checked`,
      ),
    );
  }
  result.endorsements = results;
}

/**
 * An endorsement's own result, judged as an endorsement of `about` (the id of what it is attached
 * to): a subject that is anything else makes it fail there, so `result.endorsements[i].verified`
 * can be relied on by itself, not only through the parent's checks.
 */
function bindEndorsement(r: VerificationResult, about: string | undefined): VerificationResult {
  const subjectId = idOf(asArray(r.credential?.credentialSubject)[0]);
  if (subjectId !== undefined && subjectId === about) return r;
  const check = failed(
    'subject',
    'ENDORSEMENT_SUBJECT_MISMATCH',
    about === undefined
      ? `The endorsement is about ${String(subjectId)}, but what it is attached to has no id to match`
      : `The endorsement is about ${String(subjectId)}, not about ${about}, which it is attached to`,
    { path: '/credentialSubject/id' },
  );
  const checks = [...r.checks, check];
  const verdict = verdictOf(checks);
  return { ...r, checks, verdict, verified: verdict === 'verified' };
}

const EMBEDDED_CODES: Record<Exclude<Verdict, 'verified'>, string> = {
  invalid: 'EMBEDDED_INVALID',
  indeterminate: 'EMBEDDED_INDETERMINATE',
  revoked: 'EMBEDDED_REVOKED',
  suspended: 'EMBEDDED_SUSPENDED',
  expired: 'EMBEDDED_EXPIRED',
  'not-yet-valid': 'EMBEDDED_NOT_YET_VALID',
};

export async function checkClrEmbedded(
  credential: JsonObject,
  verifyNested: VerifyNested,
  checks: Check[],
  result: VerificationResult,
): Promise<void> {
  const subject = asArray(credential.credentialSubject)[0];
  // CLR 2.0 embeds credential objects; VC-JWTs travel in credstack's `verifiableCredentialJwt`
  // extension (the CLR schema allows only objects), and are verified just the same.
  const embedded: Array<{ value: unknown; path: string }> = [];
  if (isObject(subject)) {
    for (const [i, value] of asArray(subject.verifiableCredential).entries()) {
      embedded.push({ value, path: `/credentialSubject/verifiableCredential/${i}` });
    }
    for (const [i, value] of asArray(subject.verifiableCredentialJwt).entries()) {
      embedded.push({ value, path: `/credentialSubject/verifiableCredentialJwt/${i}` });
    }
  }
  const results: VerificationResult[] = [];
  for (const [i, { value, path }] of embedded.entries()) {
    const r = await verifyNested(value, ['OpenBadgeCredential', 'EndorsementCredential']);
    results.push(r);
    if (r.verdict === 'verified')
      checks.push(
        passed(
          'embedded',
          'EMBEDDED_VALID',
          `Embedded credential ${String(r.credential?.id ?? i)} verified`,
          path,
        ),
      );
    else {
      // A CLR vouches for what it carries: an embedded credential that is not verified (revoked,
      // expired, unverifiable, forged) makes the record not verified, with that credential's
      // verdict. Otherwise anyone could wrap a made-up badge in a CLR of their own and have the
      // wrapper's valid proof speak for it.
      const verdict = r.verdict as Exclude<Verdict, 'verified'>;
      checks.push(
        failed(
          'embedded',
          EMBEDDED_CODES[verdict],
          `Embedded credential ${String(r.credential?.id ?? i)} is ${verdict}: ${r.checks.find((c) => c.status === 'failed')?.message ?? ''}`,
          { path, verdict },
        ),
      );
    }
  }
  result.embedded = results;
}

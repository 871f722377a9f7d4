// Two questions, two answers. `verified` / `verdict` say whether a credential is authentic,
// unaltered, issued by who it says, current and not revoked. Whether it follows every rule of the
// OB 3.0 / CLR 2.0 text is a second answer: a genuine badge that misses a rule (no subject id, a
// short status list, an issuer image written as a URL) is not a forgery, and the reference stack
// (@digitalbazaar/vc) and the wallets' verifiers (DCC verifier-core) accept it. The rules are
// listed here by code, the one place that decides which checks are conformance; `strict` makes a
// broken rule `invalid`, as the 1EdTech validator does.

import { type Check, type ConformanceReport, failed } from './result.js';

/**
 * `rule`: a requirement of the text; failed, it is a violation. `advice`: a warning the text
 * gives (a legacy context, VCDM 1.1) that the 1EdTech validator reports as a warning too.
 */
const CONFORMANCE: ReadonlyMap<string, 'rule' | 'advice'> = new Map([
  // JSON Schema of the credential's type, and its own credentialSchema entries
  ['SCHEMA_OK', 'rule'],
  ['SCHEMA_INVALID', 'rule'],
  ['CREDENTIAL_SCHEMA_OK', 'rule'],
  ['CREDENTIAL_SCHEMA_INVALID', 'rule'],
  ['CREDENTIAL_SCHEMA_UNAVAILABLE', 'advice'],
  // OB 3.0 §AchievementSubject: an id or at least one identifier
  ['SUBJECT_OK', 'rule'],
  ['SUBJECT_NO_ID', 'rule'],
  // BSL v1.0 §2.1: at least 131,072 entries (the bit is still read: the status is known)
  ['STATUS_LIST_TOO_SHORT', 'rule'],
  // OB 3.0 §JWT claims that may be missing without changing what was signed
  ['JWT_NBF_MISSING', 'rule'],
  ['JWT_EXP_MISSING', 'rule'],
  ['JWT_SUB_MISSING', 'advice'],
  // OB 3.0 §8: issuers MUST use a proof mechanism the 1EdTech conformance suite supports
  ['PROOF_FORMAT_NONCONFORMANT', 'rule'],
  // deprecated contexts and data model
  ['CONTEXT_OLD_VERSION', 'advice'],
  ['VCDM_1_1', 'advice'],
]);

/** Whether a check's code is a rule of the text rather than of authenticity. */
export function isConformanceCode(code: string): boolean {
  return CONFORMANCE.has(code);
}

/**
 * Marks the conformance checks of `checks`, in place: a broken rule is a `warning` (no verdict),
 * or with `strict` stays `failed` with the verdict `invalid`. Idempotent: the verifier applies it
 * before its early exits and again at the end.
 */
export function applyConformance(checks: Check[], strict: boolean): void {
  for (const [i, check] of checks.entries()) {
    if (!CONFORMANCE.has(check.code)) continue;
    if (check.status === 'failed' && !strict) {
      const { verdict: _dropped, ...rest } = check;
      checks[i] = { ...rest, status: 'warning', conformance: true };
    } else if (check.conformance !== true) {
      checks[i] = { ...check, conformance: true };
    }
  }
}

/** The conformance answer of a list of checks already through {@link applyConformance}. */
export function conformanceReport(checks: readonly Check[], strict: boolean): ConformanceReport {
  const own = checks.filter((c) => c.conformance === true);
  const violations = own.filter(
    (c) => (c.status === 'failed' || c.status === 'warning') && CONFORMANCE.get(c.code) === 'rule',
  );
  return { conforms: violations.length === 0, strict, violations, checks: own };
}

/** A broken rule, made as a failed check (applyConformance turns it into a warning by default). */
export function ruleBroken(id: Check['id'], code: string, message: string, path?: string): Check {
  return failed(id, code, message, path === undefined ? {} : { path });
}

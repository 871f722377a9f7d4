// Every embedded credential verifies in full and counts for a component.
import type { PathwayProgress } from '../types.js';
import type { ProofChecks } from './report.js';

/**
 * One failure per credential the assessment rejected for a reason other than its learner (the
 * learner section reports those), coded CREDENTIAL_<REASON>. Returns how many.
 */
export function checkRejectedCredentials(progress: PathwayProgress, out: ProofChecks): number {
  const bad = progress.rejected.filter((r) => r.reason !== 'other-learner');
  for (const r of bad) {
    out.fail(
      'credentials',
      `CREDENTIAL_${r.reason.toUpperCase().replace(/-/g, '_')}`,
      `credential ${r.credentialId ?? `#${r.index}`}: ${r.message}`,
      r.credentialId,
    );
  }
  return bad.length;
}

/** Passes `credentials` when `count` credentials are embedded and none was rejected; NO_CREDENTIALS for none. */
export function checkCredentialCount(count: number, rejected: number, out: ProofChecks): void {
  if (count === 0) out.fail('credentials', 'NO_CREDENTIALS', 'the ClrSubject embeds no credential');
  else if (rejected === 0) out.pass('credentials', `${count} embedded credential(s) verify and count`);
}

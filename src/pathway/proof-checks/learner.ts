// Whose proof this is: every embedded credential's own subject must be the learner. IdentityObjects
// in the ClrSubject link nothing: they are public in every badge, so anyone can copy them into a
// proof they sign.
import { asArray, isObject } from '../../lib/json.js';
import { isEmptyLearner, plaintextLearner, sameIdentity, subjectMatches } from '../learner.js';
import type { Learner, LearnerRef, PathwayProgress } from '../types.js';
import type { ProofChecks } from './report.js';
import { listed } from './text.js';

/** The learner a proof is checked against, from its ClrSubject and the verifier's `learner` option. */
export interface ProofLearner {
  /** The ClrSubject: its id and IdentityObjects. */
  clrRef: LearnerRef;
  /** Whom every embedded credential must name: the verifier's plaintext learner, else the ClrSubject's id. */
  learner: Learner;
  /** The verifier named the learner. */
  asked: boolean;
  /** Nothing failed so far: the ClrSubject names someone, and the learner asked for when given. */
  ok: boolean;
}

/**
 * Whom the embedded credentials must name: the verifier's plaintext learner (`given`), else the
 * ClrSubject's id, never its IdentityObjects (whoever signs the proof writes them). Records
 * LEARNER_MISSING (the ClrSubject names nobody) or LEARNER_MISMATCH (it is not `given`).
 */
export async function proofLearner(
  subject: Record<string, unknown>,
  given: Learner | undefined,
  out: ProofChecks,
): Promise<ProofLearner> {
  const clrRef: LearnerRef = {
    ...(typeof subject.id === 'string' ? { id: subject.id } : {}),
    identityObjects: asArray(subject.identifier as unknown).filter(isObject),
  };
  const distinct = clrRef.identityObjects!.filter(
    (o, i, all) => all.findIndex((x) => sameIdentity(x, o)) === i,
  );
  const named = plaintextLearner(given);
  const asked = !isEmptyLearner(named);
  const learner: Learner = asked ? named : clrRef.id === undefined ? {} : { id: clrRef.id };
  let ok = true;
  if (clrRef.id === undefined && distinct.length === 0) {
    out.fail('learner', 'LEARNER_MISSING', 'the ClrSubject has neither an id nor an identifier');
    ok = false;
  } else if (asked && !(await subjectMatches(subject, named))) {
    out.fail('learner', 'LEARNER_MISMATCH', 'the ClrSubject is not the expected learner');
    ok = false;
  }
  return { clrRef, learner, asked, ok };
}

/**
 * After the assessment: LEARNER_MIXED for credentials of another learner, LEARNER_UNPROVEN for
 * those nothing links to the learner (`unproven`, by index); passes `learner` when all are theirs.
 */
export function checkLearnerLinks(
  progress: PathwayProgress,
  unproven: ReadonlySet<number>,
  proof: ProofLearner,
  out: ProofChecks,
): void {
  const nameOf = (r: { credentialId?: string; index: number }) => r.credentialId ?? `#${r.index}`;
  const otherLearner = progress.rejected.filter(
    (r) => r.reason === 'other-learner' && !unproven.has(r.index),
  );
  const unlinked = progress.rejected.filter((r) => unproven.has(r.index));
  if (otherLearner.length) {
    out.fail(
      'learner',
      'LEARNER_MIXED',
      `credential(s) of another learner: ${listed(otherLearner.map(nameOf))}`,
      otherLearner[0]!.credentialId,
    );
  }
  if (unlinked.length) {
    out.fail(
      'learner',
      'LEARNER_UNPROVEN',
      proof.asked
        ? `nothing links credential(s) ${listed(unlinked.map(nameOf))} to the learner given: they name their recipient by an id or identifier the learner given (the learner option, --learner in the CLI) has no value to check against`
        : `nothing proves whose credential(s) ${listed(unlinked.map(nameOf))} are: they name their recipient only by ${proof.clrRef.id === undefined ? '' : "something other than the ClrSubject's id, e.g. "}hashed identifiers, which anyone can copy; name the learner by their plaintext email or identifier (the learner option; --learner in the CLI)`,
      unlinked[0]!.credentialId,
    );
  }
  if (!otherLearner.length && !unlinked.length && proof.ok)
    out.pass(
      'learner',
      proof.asked
        ? 'every embedded credential is the learner’s'
        : "every embedded credential names the ClrSubject's id",
    );
}

// The proof's claims (`pathwayProgress`, `partial`) against what the embedded credentials prove:
// every claimed component earned by the credential named, every earned one claimed, milestones
// reached when claimed and at the date claimed, completion as recomputed.
import { isObject } from '../../lib/json.js';
import type { PathwayProofClaims } from '../compose.js';
import { credentialId } from '../credential-info.js';
import type { assess } from '../assess.js';
import type { Pathway } from '../types.js';
import type { ProofChecks } from './report.js';
import { str } from './text.js';

type Assessment = Awaited<ReturnType<typeof assess>>;

/** Checks the claims; returns what was claimed, for the result. */
export function checkClaims(
  doc: Record<string, unknown>,
  subject: Record<string, unknown>,
  pathway: Pathway,
  progress: Assessment['progress'],
  earned: Assessment['earned'],
  out: ProofChecks,
): { claimedEarned: Map<string, unknown>; claimedMilestones: Map<string, string> } {
  const claims = isObject(subject.pathwayProgress)
    ? (subject.pathwayProgress as unknown as PathwayProofClaims)
    : undefined;
  const claimedEarned = new Map<string, unknown>();
  const claimedMilestones = new Map<string, string>();
  if (
    !claims ||
    claims.pathway !== pathway.id ||
    !Array.isArray(claims.earned) ||
    !Array.isArray(claims.milestones)
  ) {
    out.fail(
      'components',
      'CLAIMS_MISSING',
      `the ClrSubject has no pathwayProgress claims for pathway ${pathway.id}`,
    );
  } else {
    for (const e of claims.earned) if (isObject(e)) claimedEarned.set(str(e.component), e.credential ?? null);
    for (const m of claims.milestones) if (isObject(m)) claimedMilestones.set(str(m.id), str(m.reachedAt));
    let ok = true;
    for (const [component, credential] of claimedEarned) {
      const by = earned.get(component);
      if (!by) {
        ok = false;
        out.fail(
          'components',
          'COMPONENT_UNSATISFIED',
          `component '${component}' is claimed but no acceptable embedded credential earns it`,
          component,
        );
      } else if (credential !== null && credentialId(by.credential) !== credential) {
        ok = false;
        out.fail(
          'components',
          'COMPONENT_CREDENTIAL_MISMATCH',
          `component '${component}' is claimed with ${str(credential)} but is earned by ${credentialId(by.credential) ?? 'another credential'}`,
          component,
        );
      }
    }
    for (const component of earned.keys()) {
      if (!claimedEarned.has(component)) {
        ok = false;
        out.fail(
          'components',
          'COMPONENT_UNCLAIMED',
          `component '${component}' is earned by an embedded credential but not claimed`,
          component,
        );
      }
    }
    if (ok) out.pass('components', `${claimedEarned.size} claimed component(s) earned`);

    ok = true;
    for (const [id, reachedAt] of claimedMilestones) {
      const m = progress.milestones.find((x) => x.id === id);
      if (!m?.reached) {
        ok = false;
        out.fail(
          'milestones',
          'MILESTONE_NOT_REACHED',
          `milestone '${id}' is claimed but not reached${m ? `: ${m.explanation}` : ' (unknown milestone)'}`,
          id,
        );
      } else if (m.reachedAt !== reachedAt) {
        ok = false;
        out.fail(
          'milestones',
          'MILESTONE_DATE_MISMATCH',
          `milestone '${id}' is claimed reached at ${reachedAt}, but was reached at ${m.reachedAt}`,
          id,
        );
      }
    }
    for (const m of progress.milestones) {
      if (m.reached && !claimedMilestones.has(m.id)) {
        ok = false;
        out.fail('milestones', 'MILESTONE_UNCLAIMED', `milestone '${m.id}' is reached but not claimed`, m.id);
      }
    }
    if (ok) out.pass('milestones', `${claimedMilestones.size} claimed milestone(s) reached`);

    ok = true;
    if (claims.complete !== progress.complete) {
      ok = false;
      out.fail(
        'completion',
        'COMPLETION_MISMATCH',
        `the proof claims complete: ${str(claims.complete)}, but the pathway is ${progress.complete ? 'complete' : `not complete (${progress.completion.explanation})`}`,
      );
    }
    const partial = doc.partial === true;
    if (partial === progress.complete) {
      ok = false;
      out.fail(
        'completion',
        'PARTIAL_MISMATCH',
        `partial is ${str(doc.partial ?? false)} but the pathway is ${progress.complete ? 'complete' : 'not complete'}`,
      );
    }
    if (ok)
      out.pass('completion', progress.complete ? 'pathway complete' : 'pathway not complete, partial: true');
  }
  return { claimedEarned, claimedMilestones };
}

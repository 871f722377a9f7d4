// A learner's progress along a pathway from the credentials that count (assess.ts): each component
// earned or not, the milestones reached and when, completion, and the next steps.

import { credentialId, issuerId, validFromOf } from './credential-info.js';
import { compareDates, earliestSatisfaction, evaluateRule } from './evaluate.js';
import type {
  ComponentProgress,
  EarnedBy,
  LearnerRef,
  MilestoneProgress,
  NextStep,
  NormalizedRule,
  Pathway,
  PathwayComponent,
  PathwayProgress,
  RejectedCredential,
} from './types.js';
import { componentAchievementId } from './validate-pathway.js';
import type { AssessedCredential } from './assess.js';

function componentName(c: PathwayComponent): string {
  if (c.name) return c.name;
  return typeof c.achievement === 'object' && typeof c.achievement.name === 'string'
    ? c.achievement.name
    : c.id;
}

function earnedByOf(e: AssessedCredential): EarnedBy {
  const id = credentialId(e.credential);
  return {
    ...(id ? { credentialId: id } : {}),
    issuer: e.verification.issuer ?? issuerId(e.credential) ?? '',
    validFrom: validFromOf(e.credential) ?? '',
    index: e.index,
    issuerAccepted: true,
    // Set when the caller verified with a `trust` policy (the verifier's answer, passed through).
    ...(e.verification.issuerTrust ? { issuerTrust: e.verification.issuerTrust } : {}),
    ...(e.verification.trustEntry?.name ? { issuerName: e.verification.trustEntry.name } : {}),
  };
}

function milestone(
  id: string,
  name: string,
  rule: NormalizedRule,
  earnedAt: Map<string, string>,
): MilestoneProgress {
  const evaluation = evaluateRule(rule, new Set(earnedAt.keys()));
  const first = evaluation.satisfied ? earliestSatisfaction(rule, earnedAt) : undefined;
  return {
    id,
    name,
    reached: evaluation.satisfied,
    ...(first ? { reachedAt: first.reachedAt, satisfiedBy: first.components } : {}),
    explanation: evaluation.explanation,
  };
}

/** The progress report of `learner` from the credentials that `earned` each component. @internal */
export function progressReport(
  pathway: Pathway,
  earned: Map<string, AssessedCredential>,
  learner: LearnerRef,
  rejected: RejectedCredential[],
  warnings: PathwayProgress['warnings'],
  entries: AssessedCredential[],
): PathwayProgress {
  const earnedAt = new Map([...earned].map(([c, e]) => [c, validFromOf(e.credential) ?? '']));
  const components: ComponentProgress[] = pathway.components.map((c) => {
    const prereqs = c.prerequisites ?? [];
    const missingPrerequisites = prereqs.filter((p) => !earned.has(p));
    const base = {
      id: c.id,
      name: componentName(c),
      achievementId: componentAchievementId(c),
      missingPrerequisites,
    };
    const by = earned.get(c.id);
    if (by) {
      const earnedBy = earnedByOf(by);
      // Earned counts even out of order (the learner holds the credential); the order is reported.
      for (const p of prereqs) {
        const pAt = earnedAt.get(p);
        if (pAt === undefined) {
          warnings.push({
            component: c.id,
            code: 'PREREQUISITE_MISSING',
            message: `'${c.id}' was earned but its prerequisite '${p}' is not`,
          });
        } else if (compareDates(pAt, earnedBy.validFrom) > 0) {
          warnings.push({
            component: c.id,
            code: 'PREREQUISITE_LATER',
            message: `'${c.id}' was earned before its prerequisite '${p}'`,
          });
        }
      }
      return {
        ...base,
        state: 'earned',
        earnedBy,
        reason: `earned with ${earnedBy.credentialId ?? `credential #${by.index}`} from ${earnedBy.issuer}`,
      };
    }
    if (missingPrerequisites.length === 0) {
      return {
        ...base,
        state: 'available',
        reason: prereqs.length ? 'all prerequisites earned' : 'no prerequisites',
      };
    }
    return { ...base, state: 'locked', reason: `needs ${missingPrerequisites.join(', ')} first` };
  });

  const milestones = (pathway.milestones ?? []).map((m) => milestone(m.id, m.name, m.rule, earnedAt));
  const completion = milestone('completion', 'Pathway complete', pathway.completion, earnedAt);

  const unmetMissing = [...(pathway.milestones ?? []).map((m) => m.rule), pathway.completion]
    .map((rule) => evaluateRule(rule, earnedAt.keys()))
    .filter((e) => !e.satisfied)
    .map((e) => new Set(e.missing));
  const nextSteps: NextStep[] = components
    .filter((c) => c.state === 'available')
    .map((c, order) => ({
      step: {
        component: c.id,
        name: c.name,
        achievementId: c.achievementId,
        unlocks:
          unmetMissing.filter((m) => m.has(c.id)).length +
          components.filter((d) => d.state === 'locked' && d.missingPrerequisites.includes(c.id)).length,
      },
      order,
    }))
    .sort((a, b) => b.step.unlocks - a.step.unlocks || a.order - b.order)
    .map((x) => x.step);

  return {
    pathway: pathway.id,
    learner,
    components,
    milestones,
    completion,
    complete: completion.reached,
    nextSteps,
    rejected: rejected.sort((a, b) => a.index - b.index),
    warnings,
    verifications: entries.map((e) => e.verification),
  };
}

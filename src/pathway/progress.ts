// Learner progress along a pathway. Verification is injected, so this module never signs,
// fetches or parses proofs itself: it decides what counts, and why not.

import { CredstackError, describeValue } from '../errors.js';
import { isObject } from '../lib/json.js';
import { hasDerivedSdProof } from '../proof/data-integrity/ecdsa-sd-2023.js';
import type { VerifyOptions } from '../verify/index.js';
import { issuerAccepted, resultMeetsMinimum } from './acceptance.js';
import {
  achievementOf,
  credentialId,
  decodeJwtCredential,
  issuerId,
  resultsOf,
  validFromOf,
} from './credential-info.js';
import { compareDates, earliestSatisfaction, evaluateRule } from './evaluate.js';
import {
  isEmptyLearner,
  learnerFromSubject,
  type SubjectLink,
  subjectMatches,
  subjectOf,
} from './learner.js';
import type {
  ComponentProgress,
  EarnedBy,
  Learner,
  LearnerRef,
  MilestoneProgress,
  NextStep,
  NormalizedRule,
  Pathway,
  PathwayComponent,
  PathwayInput,
  PathwayProgress,
  RejectedCredential,
  RejectionReason,
  VerificationLike,
  VerifyFunction,
} from './types.js';
import { componentAchievementId, validatePathway } from './validate-pathway.js';
import { resolveVerify } from './verifier.js';

/** A pathway from validatePathway is frozen; anything else is validated first. @internal */
export function ensurePathway(pathway: Pathway | PathwayInput): Pathway {
  return Object.isFrozen(pathway) && pathway.type === 'Pathway'
    ? (pathway as Pathway)
    : validatePathway(pathway);
}

/**
 * Options of {@link pathwayProgress}: whose progress, and how credentials are verified. Every
 * `verifyCredential` option (`documents`, `now`, `network`, `checkStatus`, ...) is passed through
 * to the default verifier.
 * @example
 * ```ts
 * import { type PathwayProgressOptions, pathwayProgress } from 'credstack'
 * const options: PathwayProgressOptions = { learner: { email: 'learner@example.org' }, checkStatus: false }
 * const progress = await pathwayProgress(pathway, credentials, options)
 * ```
 */
export interface PathwayProgressOptions extends VerifyOptions {
  /** Whose progress. When absent: the subject of the first credential that verifies; other subjects do not count. */
  learner?: Learner | LearnerRef;
  /**
   * Verifies one credential (a JSON object or a compact VC-JWT string). Default: credstack's
   * `verifyCredential` with the verify options of this object. Inject one to plug in another
   * verifier, or to hand over results already computed.
   */
  verify?: VerifyFunction;
}

type Json = Record<string, unknown>;

/** One input credential after verification. @internal */
export interface AssessedCredential {
  index: number;
  input: unknown;
  verification: VerificationLike;
  credential?: Json;
}

/** @internal */
export interface Assessment {
  progress: PathwayProgress;
  /** Component id → the credential that earned it. */
  earned: Map<string, AssessedCredential>;
  entries: AssessedCredential[];
  /** Input indices rejected as `other-learner` because nothing links them to the learner (see `AssessLinking`). */
  unproven: ReadonlySet<number>;
}

/**
 * How {@link assess} decides whose a credential is. Default: `subjectMatches` against the learner
 * given, else the subject of the first valid credential. A pathway proof passes `link` instead: a
 * credential counts only when its own subject is the learner the verifier named, and one that
 * nothing links to anybody (`unproven`) is reported apart. @internal
 */
export interface AssessLinking {
  link?: (subject: Json | undefined) => Promise<SubjectLink>;
}

const STATUS_VERDICTS: ReadonlySet<string> = new Set([
  'revoked',
  'suspended',
  'expired',
  'not-yet-valid',
  'indeterminate',
]);

async function safeVerify(verify: VerifyFunction, credential: unknown): Promise<VerificationLike> {
  try {
    const result = await verify(credential);
    if (!isObject(result) || typeof result.verified !== 'boolean') {
      return {
        verified: false,
        verdict: 'indeterminate',
        checks: [
          {
            id: 'verify',
            status: 'error',
            code: 'VERIFIER_RESULT',
            message: `verify returned ${describeValue(result)}`,
          },
        ],
      };
    }
    return result;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return {
      verified: false,
      verdict: 'indeterminate',
      checks: [
        { id: 'verify', status: 'error', code: 'VERIFIER_THREW', message: `verify threw: ${message}` },
      ],
    };
  }
}

function rejectionFor(v: VerificationLike): { reason: RejectionReason; message: string } {
  const reason: RejectionReason = STATUS_VERDICTS.has(v.verdict) ? (v.verdict as RejectionReason) : 'invalid';
  const failed = v.checks?.find(
    (c) => c.status !== 'passed' && c.status !== 'skipped' && c.status !== 'warning',
  );
  return {
    reason,
    message: failed ? `${failed.code}: ${failed.message}` : `verification verdict: ${v.verdict}`,
  };
}

/** The alignment targets (`targetUrl`) of an embedded achievement. */
function alignedTo(achievement: Json | undefined): Set<string> {
  const out = new Set<string>();
  const list = achievement?.alignment;
  for (const a of Array.isArray(list) ? list : [list]) {
    if (isObject(a) && typeof a.targetUrl === 'string') out.add(a.targetUrl);
  }
  return out;
}

/**
 * The first component (pathway order) whose `competencies` the achievement is aligned to, all of
 * them. Only when no component names the achievement itself: a named achievement is the stronger claim.
 */
function componentByCompetency(
  pathway: Pathway,
  achievement: Json | undefined,
): PathwayComponent | undefined {
  const aligned = alignedTo(achievement);
  if (aligned.size === 0) return undefined;
  return pathway.components.find((c) => c.competencies?.every((url) => aligned.has(url)));
}

/** The components indexed by achievement id. @internal */
export function componentsByAchievement(pathway: Pathway): Map<string, PathwayComponent> {
  return new Map(pathway.components.map((c) => [componentAchievementId(c), c]));
}

function componentName(c: PathwayComponent): string {
  if (c.name) return c.name;
  return typeof c.achievement === 'object' && typeof c.achievement.name === 'string'
    ? c.achievement.name
    : c.id;
}

/**
 * What a pathway rule needs that a derived credential does not reveal: who the subject is, the
 * achievement, or the result a component's minimum is judged on. Undefined when it reveals them.
 */
function undisclosed(
  subject: Json | undefined,
  achievementId: string | undefined,
  component: PathwayComponent | undefined,
): { pointer: string; what: string } | undefined {
  if (subject?.id === undefined && subject?.identifier === undefined)
    return { pointer: '/credentialSubject/id', what: 'who the subject is' };
  if (achievementId === undefined)
    return { pointer: '/credentialSubject/achievement/id', what: 'the achievement it is for' };
  if (component?.minimumResult && resultsOf({ credentialSubject: subject }).length === 0)
    return {
      pointer: '/credentialSubject/result',
      what: `the result component '${component.id}' needs (${JSON.stringify(component.minimumResult)})`,
    };
  return undefined;
}

/** Verify all, decide what counts, and report. Shared by progress, composition and proof verification. @internal */
export async function assess(
  pathwayInput: Pathway | PathwayInput,
  credentials: readonly unknown[],
  options: PathwayProgressOptions = {},
  linking: AssessLinking = {},
): Promise<Assessment> {
  const pathway = ensurePathway(pathwayInput);
  if (!Array.isArray(credentials)) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `credentials: expected an array, got ${describeValue(credentials)}`,
    );
  }
  const verify = resolveVerify(options);
  const entries: AssessedCredential[] = await Promise.all(
    credentials.map(async (input, index) => {
      const verification = await safeVerify(verify, input);
      const credential = isObject(verification.credential)
        ? verification.credential
        : isObject(input)
          ? input
          : typeof input === 'string'
            ? decodeJwtCredential(input)
            : undefined;
      return { index, input, verification, ...(credential ? { credential } : {}) };
    }),
  );

  const rejected: RejectedCredential[] = [];
  const reject = (
    e: AssessedCredential,
    reason: RejectionReason,
    message: string,
    component?: string,
  ): void => {
    const id = credentialId(e.credential);
    rejected.push({
      index: e.index,
      ...(id ? { credentialId: id } : {}),
      ...(component ? { component } : {}),
      reason,
      message,
    });
  };

  const valid: AssessedCredential[] = [];
  for (const e of entries) {
    if (e.verification.verified !== true) {
      const { reason, message } = rejectionFor(e.verification);
      reject(e, reason, message);
    } else if (!e.credential)
      reject(e, 'indeterminate', 'verified, but the verifier returned no credential to read');
    else valid.push(e);
  }

  let learner: LearnerRef = options.learner ?? {};
  // The learner is whom the first credential naming anybody is about: a credential shown in part
  // may hide its subject, and is then judged against the others' learner.
  if (!linking.link && isEmptyLearner(learner)) {
    for (const e of valid) {
      learner = learnerFromSubject(subjectOf(e.credential));
      if (!isEmptyLearner(learner)) break;
    }
  }
  const link =
    linking.link ??
    (async (subject: Json | undefined): Promise<SubjectLink> =>
      !isEmptyLearner(learner) && (await subjectMatches(subject, learner)) ? 'learner' : 'other');
  const unproven = new Set<number>();

  const byAchievement = componentsByAchievement(pathway);
  const candidates = new Map<string, AssessedCredential[]>();
  for (const e of valid) {
    const { id: achievementId, achievement } = achievementOf(e.credential);
    const component =
      (achievementId === undefined ? undefined : byAchievement.get(achievementId)) ??
      componentByCompetency(pathway, achievement);
    const issuer = e.verification.issuer ?? issuerId(e.credential);
    const subject = subjectOf(e.credential);
    const linked = await link(subject);
    // A credential shown in part (ecdsa-sd-2023) counts when what it reveals suffices for the
    // rule; when the rule needs what it hides, that is said, not "another learner" or "below".
    const hidden = hasDerivedSdProof(e.credential!)
      ? undisclosed(subject, achievementId, component)
      : undefined;
    if (hidden && (linked !== 'learner' || !component || hidden.pointer === '/credentialSubject/result')) {
      reject(
        e,
        'not-disclosed',
        `shown in part (selective disclosure) without ${hidden.what}: the holder must reveal ${hidden.pointer}`,
        component?.id,
      );
    } else if (linked === 'unproven') {
      unproven.add(e.index);
      reject(
        e,
        'other-learner',
        'nothing proves the credential subject is this learner (it names them only by what the verifier cannot check)',
        component?.id,
      );
    } else if (linked !== 'learner') {
      reject(e, 'other-learner', 'the credential subject is not this learner', component?.id);
    } else if (!component) {
      reject(
        e,
        'not-in-pathway',
        `achievement ${achievementId ?? '(none)'} is not a component of pathway ${pathway.id}`,
      );
    } else if (!issuerAccepted(component, issuer)) {
      reject(
        e,
        'issuer-not-accepted',
        `component '${component.id}' accepts ${component.acceptedIssuers!.join(', ')}, not issuer ${issuer ?? '(none)'}`,
        component.id,
      );
    } else if (!resultMeetsMinimum(component, resultsOf(e.credential))) {
      reject(
        e,
        'result-below-minimum',
        `component '${component.id}' needs a result of at least ${JSON.stringify(component.minimumResult)}`,
        component.id,
      );
    } else {
      const list = candidates.get(component.id) ?? [];
      list.push(e);
      candidates.set(component.id, list);
    }
  }

  const warnings: PathwayProgress['warnings'] = [];
  const earned = new Map<string, AssessedCredential>();
  for (const c of pathway.components) {
    const list = candidates.get(c.id);
    if (!list) continue;
    // The earliest credential earns the component; later ones are noted, not rejected.
    list.sort(
      (a, b) =>
        compareDates(validFromOf(a.credential) ?? '', validFromOf(b.credential) ?? '') || a.index - b.index,
    );
    earned.set(c.id, list[0]!);
    for (const extra of list.slice(1)) {
      const message = `credential ${credentialId(extra.credential) ?? `#${extra.index}`} also earns '${c.id}'; the earlier one is used`;
      warnings.push({ component: c.id, code: 'DUPLICATE_COMPONENT', message });
    }
  }

  const progress = report(pathway, earned, learner, rejected, warnings, entries);
  return { progress, earned, entries, unproven };
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

function report(
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

/**
 * Reports a learner's progress along a pathway from the credentials they hold.
 *
 * Every credential (a JSON object or a compact VC-JWT) is verified in full: by credstack's
 * `verifyCredential` with the verify options given here (`documents` for issuer keys and status
 * lists, `now`, `network`, ...), or by an injected `options.verify` (another verifier, or one
 * that returns already-computed results). A credential counts toward a component when it
 * verifies, its subject is the learner (by `id`, or a hashed IdentityObject checked against the
 * plaintext email/identifier), `credentialSubject.achievement.id` is the component's achievement
 * id, its issuer is accepted, and a result meets the component's minimum; otherwise it is in
 * `rejected` with the reason. When several count for one component the earliest `validFrom`
 * earns it (the others are noted in `warnings`).
 *
 * A component is `earned`, else `available` when all its prerequisites are earned, else
 * `locked`. A credential earned before its prerequisites still counts (the learner does hold
 * it); the order violation is reported in `warnings`.
 *
 * A milestone's `reachedAt` is the earliest moment its rule held: components are added in
 * `validFrom` order and the first date at which the rule holds is taken; `satisfiedBy` is a
 * minimal subset of those components that satisfies the rule by that date.
 *
 * `nextSteps` lists available components, those that count toward the most unmet milestones,
 * completion and locked components first.
 *
 * Exported from `credstack/pathway`.
 *
 * @example
 * ```ts
 * import { pathwayProgress } from 'credstack/pathway'
 * const report = await pathwayProgress(pathway, [credential1, jwt2], {
 *   learner: { email: 'learner@example.com' },
 *   documents, // issuer profiles / DID documents and status lists, by URL
 * })
 * console.log(report.complete, report.nextSteps.map((s) => s.name))
 * console.log(formatPathwayProgress(report, pathway))
 * ```
 */
export async function pathwayProgress(
  pathway: Pathway | PathwayInput,
  credentials: readonly unknown[],
  options: PathwayProgressOptions = {},
): Promise<PathwayProgress> {
  return (await assess(pathway, credentials, options)).progress;
}

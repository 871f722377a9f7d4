// Which credentials count for a pathway, and why the others do not: each is verified (the
// verifier is injected), linked to the learner, matched to a component and its minimum; the
// outcome is tallied by progress-report.ts. Shared by progress, composition and proof verification.

import { CredstackError, describeValue } from '../errors.js';
import { isObject } from '../lib/json.js';
import { hasDerivedSdProof } from '../proof/data-integrity/ecdsa-sd-2023.js';
import { issuerAccepted, resultMeetsMinimum } from './acceptance.js';
import {
  achievementOf,
  credentialId,
  decodeJwtCredential,
  issuerId,
  resultsOf,
  validFromOf,
} from './credential-info.js';
import { compareDates } from './evaluate.js';
import {
  isEmptyLearner,
  learnerFromSubject,
  type SubjectLink,
  subjectMatches,
  subjectOf,
} from './learner.js';
import type {
  LearnerRef,
  Pathway,
  PathwayComponent,
  PathwayInput,
  PathwayProgress,
  RejectedCredential,
  RejectionReason,
  VerificationLike,
  VerifyFunction,
} from './types.js';
import { componentAchievementId } from './validate-pathway.js';
import { resolveVerify } from './verifier.js';
import type { PathwayProgressOptions } from './progress.js';
import { progressReport } from './progress-report.js';
import { ensurePathway } from './validate-pathway.js';

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

  const progress = progressReport(pathway, earned, learner, rejected, warnings, entries);
  return { progress, earned, entries, unproven };
}

// Types of the pathway module. A pathway is a plain JSON document (schemas/credstack/pathway.schema.json);
// these interfaces describe it after `validatePathway` normalised it.
import type { Verdict } from '../verify/internal.js';

/**
 * A completion rule. A bare string is shorthand for `{ component: id }`; `validatePathway`
 * normalises the shorthand away, so rules in a validated {@link Pathway} are always objects.
 * @example
 * ```ts
 * import type { Rule } from 'credstack'
 * const completion: Rule = { allOf: ['safety', { nOf: { n: 2, of: ['wiring', 'solar', 'hvac'] } }] }
 * ```
 */
export type Rule =
  | string
  | { component: string }
  | { allOf: Rule[] }
  | { anyOf: Rule[] }
  | { nOf: { n: number; of: Rule[] } };

/**
 * A rule after normalisation (no string shorthand).
 * @example
 * ```ts
 * import { type NormalizedRule, validatePathway } from 'credstack'
 * const completion: NormalizedRule = validatePathway(input).completion; // a string rule 'safety' becomes { component: 'safety' }
 * ```
 */
export type NormalizedRule =
  | { component: string }
  | { allOf: NormalizedRule[] }
  | { anyOf: NormalizedRule[] }
  | { nOf: { n: number; of: NormalizedRule[] } };

/**
 * A target occupation, e.g. `{ code: '29-2055.00', framework: 'O*NET-SOC', name: 'Surgical Technologists' }`.
 * @example
 * ```ts
 * import type { Occupation } from 'credstack'
 * const occupation: Occupation = { code: '47-2111.00', framework: 'O*NET-SOC', name: 'Electricians' }
 * ```
 */
export interface Occupation {
  code: string;
  framework: string;
  name: string;
  url?: string;
}

/**
 * The minimum result a credential must carry to satisfy a component.
 *
 * Strings and levels are ranked by an order the pathway itself gives (`valueOrder` / `levelOrder`,
 * else the `allowedValue` / `rubricCriterionLevel` array of the component's embedded Achievement),
 * never by the arrays inside a credential: JSON-LD signs `rubricCriterionLevel` (and `allowedValue`
 * before OB 3.0.2) as an unordered set, so a holder can reorder them without breaking the proof.
 * Without an order, the result must equal the minimum.
 * @example
 * ```ts
 * import type { MinimumResult } from 'credstack'
 * const minimum: MinimumResult = { resultDescription: 'https://example.org/results/score', value: 70 }
 * const level: MinimumResult = { achievedLevel: 'https://example.org/levels/proficient',
 *   levelOrder: ['https://example.org/levels/developing', 'https://example.org/levels/proficient', 'https://example.org/levels/exemplary'] }
 * ```
 */
export interface MinimumResult {
  /** Id of the ResultDescription the result must reference (any result when absent). */
  resultDescription?: string;
  /** A number: result value must be `>=`. A string: an allowed value, ranked by `valueOrder` (see above). */
  value?: number | string;
  /** Id of a RubricCriterionLevel, ranked by `levelOrder` (see above). */
  achievedLevel?: string;
  /** The allowed values a string `value` is ranked by, lowest first (needs a string `value`, and lists it). */
  valueOrder?: string[];
  /** The RubricCriterionLevel ids `achievedLevel` is ranked by, lowest first (needs `achievedLevel`, and lists it). */
  levelOrder?: string[];
}

/**
 * An Open Badges object as JSON (Profile, Achievement, Alignment): only the fields credstack reads are typed.
 * @example
 * ```ts
 * import type { ObObject } from 'credstack'
 * const employer: ObObject = { id: 'https://example.org/orgs/acme', type: 'Profile', name: 'Acme Ltd' }
 * ```
 */
export interface ObObject {
  id: string;
  type: string | string[];
  name?: string;
  [key: string]: unknown;
}

/**
 * One step of the pathway: an Achievement a learner earns as a credential.
 * @example
 * ```ts
 * import type { PathwayComponent } from 'credstack'
 * const component: PathwayComponent = { id: 'wiring', achievement: 'https://example.org/achievements/wiring',
 *   prerequisites: ['safety'], acceptedIssuers: ['https://example.org/issuers/1'] }
 * ```
 */
export interface PathwayComponent {
  /** Component key, local to the pathway (e.g. `core-1`). */
  id: string;
  name?: string;
  /** The Achievement: its id (URI), or the embedded OB 3.0 Achievement. */
  achievement: string | ObObject;
  /** Component keys that should be earned first. */
  prerequisites?: string[];
  /** Issuer ids accepted for this component: exact, or trust patterns (`TrustEntry`). Any issuer when absent. */
  acceptedIssuers?: string[];
  minimumResult?: MinimumResult;
  /**
   * Competency URIs (e.g. CASE CFItems, see `importCaseFramework`) this step requires. A credential
   * for another achievement also earns the component when that achievement's `alignment` names
   * every one of them (`targetUrl`); issuer and result requirements still apply.
   */
  competencies?: string[];
  /** Set by `importCtdlPathway`: the CTDL PathwayComponent this step came from, for `exportCtdlPathway`. */
  ctdl?: CtdlComponentSource;
}

/**
 * The CTDL PathwayComponent a component was imported from: its URI, class (`CourseComponent`, …),
 * `hasChild` links, and whether it is the pathway's `hasDestinationComponent`.
 * @example
 * ```ts
 * import type { CtdlComponentSource } from 'credstack'
 * const source: CtdlComponentSource = { id: 'https://example.edu/c/1', type: 'CourseComponent' }
 * ```
 */
export interface CtdlComponentSource {
  id: string;
  type: string;
  hasChild?: string[];
  destination?: boolean;
}

/**
 * A named intermediate goal (e.g. `externship-ready`).
 * @example
 * ```ts
 * import type { Milestone } from 'credstack'
 * const milestone: Milestone = { id: 'foundations', name: 'Foundations', rule: { allOf: ['safety', 'tools'] } }
 * ```
 */
export interface Milestone {
  id: string;
  name: string;
  description?: string;
  rule: Rule;
}

/**
 * A pathway definition (input form; rules may use the string shorthand).
 * @example
 * ```ts
 * import { type PathwayInput, validatePathway } from 'credstack'
 * const input: PathwayInput = JSON.parse(text)
 * const pathway = validatePathway(input)
 * ```
 */
export interface PathwayInput {
  id: string;
  type?: 'Pathway';
  name: string;
  description?: string;
  version?: string;
  /** Target roles; absent for a pathway that leads to no particular occupation (school-only). */
  occupations?: Occupation[];
  alignments?: ObObject[];
  /** The employer that defines the pathway; absent for a school-only pathway (see `partners`). */
  employer?: ObObject;
  partners?: ObObject[];
  components: PathwayComponent[];
  completion: Rule;
  milestones?: Milestone[];
}

/**
 * A validated, normalised, deeply frozen pathway.
 * @example
 * ```ts
 * import { createPathway, type Pathway } from 'credstack'
 * const pathway: Pathway = createPathway(input)
 * pathway.components.map((c) => c.id)
 * ```
 */
export interface Pathway extends Omit<PathwayInput, 'type' | 'completion' | 'milestones'> {
  readonly type: 'Pathway';
  completion: NormalizedRule;
  milestones?: Array<Omit<Milestone, 'rule'> & { rule: NormalizedRule }>;
}

/**
 * Verdicts a verifier may return (the credstack verifier's set; same as `Verdict` of credstack/verify).
 * @example
 * ```ts
 * import type { VerdictLike } from 'credstack'
 * const verdict: VerdictLike = 'expired'
 * ```
 */
export type VerdictLike = Verdict;

/**
 * One check of a verification result.
 * @example
 * ```ts
 * import type { CheckLike } from 'credstack'
 * const failures = (checks: CheckLike[]) => checks.filter((c) => c.status === 'failed').map((c) => c.message)
 * ```
 */
export interface CheckLike {
  id: string;
  status: string;
  code: string;
  message: string;
}

/**
 * What the injected `verify` function returns: the shape of credstack's own verification
 * result, reduced to what pathways need, so any verifier can be plugged in.
 * @example
 * ```ts
 * import type { VerificationLike } from 'credstack'
 * const accepted = (v: VerificationLike) => v.verified && v.issuerTrust !== 'untrusted'
 * ```
 */
export interface VerificationLike {
  verified: boolean;
  verdict: VerdictLike | (string & {});
  /** The parsed credential (for a VC-JWT: the decoded credential). */
  credential?: Record<string, unknown>;
  /** The issuer id, when the verifier established it. */
  issuer?: string;
  /** The verifier's trust answer, when it was given a trust policy. */
  issuerTrust?: 'trusted' | 'untrusted' | 'unknown';
  trustEntry?: { name?: string };
  checks: CheckLike[];
}

/**
 * The injected verifier. It must never resolve `verified: true` for a credential it did not check.
 * @example
 * ```ts
 * import { type VerifyFunction, verifyCredential } from 'credstack'
 * const verify: VerifyFunction = (credential) => verifyCredential(credential, { trust: ['https://example.org/issuers/1'] })
 * ```
 */
export type VerifyFunction = (credential: unknown) => Promise<VerificationLike>;

/**
 * Whose progress: a known subject id, or the plaintext email / identifier that hashed
 * IdentityObjects (`identityHash = 'sha256$' + hex(sha256(value + salt))`) are checked against.
 * @example
 * ```ts
 * import type { Learner } from 'credstack'
 * const learner: Learner = { email: 'learner@example.org' }
 * ```
 */
export interface Learner {
  id?: string;
  email?: string;
  identifier?: string;
}

/**
 * Why a credential does not count toward the pathway.
 * @example
 * ```ts
 * import type { RejectionReason } from 'credstack'
 * const reason: RejectionReason = 'issuer-not-accepted'
 * ```
 */
export type RejectionReason =
  | 'invalid'
  | 'revoked'
  | 'suspended'
  | 'expired'
  | 'not-yet-valid'
  | 'indeterminate'
  | 'other-learner'
  | 'issuer-not-accepted'
  | 'result-below-minimum'
  | 'not-in-pathway'
  /** A credential shown in part (selective disclosure) that hides what the rule needs. */
  | 'not-disclosed';

/**
 * A credential that does not count, and why.
 * @example
 * ```ts
 * import type { RejectedCredential } from 'credstack'
 * const explain = (r: RejectedCredential) => `credential #${r.index} rejected (${r.reason}): ${r.message}`
 * ```
 */
export interface RejectedCredential {
  /** Position in the input array. */
  index: number;
  credentialId?: string;
  /** The component the credential's achievement belongs to, when there is one. */
  component?: string;
  reason: RejectionReason;
  message: string;
}

/**
 * The credential that earned a component.
 * @example
 * ```ts
 * import type { EarnedBy } from 'credstack'
 * const describe = (by: EarnedBy) => `${by.issuerName ?? by.issuer} on ${by.validFrom}`
 * ```
 */
export interface EarnedBy {
  credentialId?: string;
  issuer: string;
  validFrom: string;
  /** Position in the input array. */
  index: number;
  /** The component's `acceptedIssuers` admit this issuer (always true for a counted credential). */
  issuerAccepted: boolean;
  /** The verifier's trust answer for the issuer, when verified with a `trust` policy. */
  issuerTrust?: 'trusted' | 'untrusted' | 'unknown';
  /** The trust-registry name of the issuer, when trusted. */
  issuerName?: string;
}

/**
 * One component's state in a progress report.
 * @example
 * ```ts
 * import { type ComponentProgress, pathwayProgress } from 'credstack'
 * const components: ComponentProgress[] = (await pathwayProgress(pathway, credentials)).components
 * const earned = components.filter((c) => c.state === 'earned')
 * ```
 */
export interface ComponentProgress {
  id: string;
  name: string;
  achievementId: string;
  state: 'earned' | 'available' | 'locked';
  earnedBy?: EarnedBy;
  /** Prerequisites not earned (for an earned component: not earned at all, see `warnings`). */
  missingPrerequisites: string[];
  /** Human-readable reason for the state. */
  reason: string;
}

/**
 * A milestone (or the completion rule) in a progress report.
 * @example
 * ```ts
 * import type { MilestoneProgress } from 'credstack'
 * const summary = (m: MilestoneProgress) => (m.reached ? `${m.name} reached ${m.reachedAt}` : m.explanation)
 * ```
 */
export interface MilestoneProgress {
  id: string;
  name: string;
  reached: boolean;
  /** Date the rule first held: the latest `validFrom` of a minimal satisfying set, see {@link pathwayProgress}. */
  reachedAt?: string;
  /** Components of that minimal satisfying set. */
  satisfiedBy?: string[];
  /** What is still missing ("needs 1 more of: elective-3, elective-4"), or `satisfied`. */
  explanation: string;
}

/**
 * A suggested next component.
 * @example
 * ```ts
 * import { type NextStep, pathwayProgress } from 'credstack'
 * const next: NextStep[] = (await pathwayProgress(pathway, credentials)).nextSteps
 * ```
 */
export interface NextStep {
  component: string;
  name: string;
  achievementId: string;
  /** How many unmet rules (milestones, completion) and locked components this component counts toward. */
  unlocks: number;
}

/**
 * What a {@link PathwayWarning} observes: `DUPLICATE_COMPONENT`, a credential earns a component an
 * earlier one already earns (the earlier one is used); `PREREQUISITE_MISSING`, a component earned
 * while a prerequisite is not; `PREREQUISITE_LATER`, a component earned before its prerequisite.
 * Stable, unlike the message: decide by the code.
 * @example
 * ```ts
 * import type { PathwayWarningCode } from 'credstack'
 * const code: PathwayWarningCode = 'DUPLICATE_COMPONENT'
 * ```
 */
export type PathwayWarningCode = 'DUPLICATE_COMPONENT' | 'PREREQUISITE_MISSING' | 'PREREQUISITE_LATER';

/**
 * A non-fatal observation of {@link pathwayProgress}, about one component.
 * @example
 * ```ts
 * import type { PathwayWarning } from 'credstack'
 * const duplicates = (warnings: PathwayWarning[]) => warnings.filter((w) => w.code === 'DUPLICATE_COMPONENT')
 * ```
 */
export interface PathwayWarning {
  component: string;
  code: PathwayWarningCode;
  message: string;
}

/**
 * The report {@link pathwayProgress} returns.
 * @example
 * ```ts
 * import { formatPathwayProgress, type PathwayProgress, pathwayProgress } from 'credstack'
 * const progress: PathwayProgress = await pathwayProgress(pathway, credentials)
 * console.log(progress.complete, formatPathwayProgress(progress, pathway))
 * ```
 */
export interface PathwayProgress {
  pathway: string;
  /** The learner the report is for (as given, or derived from the first valid credential). */
  learner: LearnerRef;
  components: ComponentProgress[];
  milestones: MilestoneProgress[];
  completion: MilestoneProgress;
  complete: boolean;
  nextSteps: NextStep[];
  rejected: RejectedCredential[];
  /** Non-fatal observations, e.g. a component earned before its prerequisites. */
  warnings: PathwayWarning[];
  /** Verification results of every input credential, in input order. */
  verifications: VerificationLike[];
}

/**
 * A learner reference: plaintext values, a subject id, or IdentityObjects copied from credentials.
 * @example
 * ```ts
 * import type { LearnerRef } from 'credstack'
 * const learner: LearnerRef = { id: 'did:example:learner', email: 'learner@example.org' }
 * ```
 */
export interface LearnerRef extends Learner {
  /** IdentityObjects matched by equality of type, hash and salt. */
  identityObjects?: Array<Record<string, unknown>>;
}

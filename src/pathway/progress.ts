// Learner progress along a pathway: the public entry. Verification is injected, so this never signs,
// fetches or parses proofs itself; assess.ts decides what counts and why not, progress-report.ts
// tallies it.

import type { VerifyOptions } from '../verify/index.js';
import type { Learner, LearnerRef, Pathway, PathwayInput, PathwayProgress, VerifyFunction } from './types.js';
import { assess } from './assess.js';

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

// Pathway proof verification: the outer proof, every embedded credential, and every claim
// the proof makes about the pathway, recomputed from the credentials themselves. Returns a
// result; never throws on a bad proof; `verified` is true only when every check passed.

import { asArray, isObject } from '../lib/json.js';
import type { VerifyOptions } from '../verify/index.js';
import { verifyCredential } from '../verify/index.js';
import { decodeJwtCredential, issuerId as issuerOf } from './credential-info.js';
import { linkSubject } from './learner.js';
import { assess } from './assess.js';
import { ensurePathway } from './validate-pathway.js';
import type {
  ComponentProgress,
  Learner,
  LearnerRef,
  MilestoneProgress,
  Pathway,
  PathwayInput,
  VerificationLike,
  VerifyFunction,
} from './types.js';
import { checkAchievements } from './proof-checks/achievements.js';
import { checkAssociations } from './proof-checks/associations.js';
import { checkClaims } from './proof-checks/claims.js';
import { checkCredentialCount, checkRejectedCredentials } from './proof-checks/credentials.js';
import { checkDuplicateComponents, checkDuplicateCredentials } from './proof-checks/duplicates.js';
import { checkLearnerLinks, proofLearner } from './proof-checks/learner.js';
import { limitCheck } from './proof-checks/limits.js';
import { type PathwayProofCheck, ProofChecks } from './proof-checks/report.js';
import { hasType } from './proof-checks/text.js';
import { resolveVerify, verifyOptionsOf } from './verifier.js';

export type { PathwayProofCheck };

/**
 * Options of {@link verifyPathwayProof}. Every `verifyCredential` option (`documents`, `now`,
 * `network`, `checkStatus`, ...) is passed through to the default verifier.
 * @example
 * ```ts
 * import { type VerifyPathwayProofOptions, verifyPathwayProof } from 'credstack'
 * const options: VerifyPathwayProofOptions = { pathway, learner: { email: 'learner@example.org' } }
 * const result = await verifyPathwayProof(clr, options)
 * ```
 */
export interface VerifyPathwayProofOptions extends VerifyOptions {
  /** The pathway the proof claims progress along (the employer's own copy, not the proof's). */
  pathway: Pathway | PathwayInput;
  /**
   * Verifies the outer ClrCredential and each embedded credential in full (proof, issuer, dates,
   * status). Default: credstack's `verifyCredential` with the verify options of this object (the
   * outer call with `checkEmbedded: false`, since the embedded credentials are verified here, once).
   * An injected verifier is called for the outer credential too; when it is `verifyCredential`,
   * pass `checkEmbedded: false` for ClrCredentials to avoid verifying each embedded credential twice.
   */
  verify?: VerifyFunction;
  /**
   * The learner, as the verifier knows them: the plaintext email or identifier (e.g. an applicant's
   * address), and/or the DID the holder proved control of. The ClrSubject and every embedded
   * credential's own subject must match it. Needed for credentials issued to hashed identifiers:
   * without it, those are not proven to be anybody's (`LEARNER_UNPROVEN`). Only `id`, `email` and
   * `identifier` are read; IdentityObjects link nothing (anyone can copy them from a badge).
   */
  learner?: Learner;
}

/**
 * The result of {@link verifyPathwayProof}.
 * @example
 * ```ts
 * import { type PathwayProofResult, verifyPathwayProof } from 'credstack'
 * const result: PathwayProofResult = await verifyPathwayProof(clr, { pathway })
 * console.log(result.verified, result.complete)
 * ```
 */
export interface PathwayProofResult {
  verified: boolean;
  /** `verified`; the outer proof's verdict when it did not verify (e.g. `revoked`); else `invalid`. */
  verdict: string;
  checks: PathwayProofCheck[];
  /** Per component, recomputed from the embedded credentials, with what the proof claimed. */
  components: Array<ComponentProgress & { claimed: boolean }>;
  /** Milestones recomputed from the embedded credentials, with what the proof claimed. */
  milestones: Array<MilestoneProgress & { claimed: boolean }>;
  /** Whether the pathway really is complete (recomputed). */
  complete: boolean;
  /** The proof's issuer id, when it could be read. */
  issuer?: string;
  /** The ClrSubject: its id and/or IdentityObjects. */
  learner?: LearnerRef;
  /** The outer proof's verification result. */
  proof?: VerificationLike;
  /** Each embedded credential's verification result: `verifiableCredential` first, then `verifiableCredentialJwt`. */
  credentials: VerificationLike[];
}

/**
 * Verifies a pathway proof made by {@link composePathwayProof} against the verifier's own copy
 * of the pathway. Checks, each reported with an id, a code and a message:
 * - `structure`: a ClrCredential with a ClrSubject;
 * - `proof`: the outer proof (a ClrCredential object with an embedded proof, or a VC-JWT);
 * - `pathway`: the pathway Achievement is present and carries this pathway's definition;
 * - `achievements`: exactly the pathway's and its components' Achievements;
 * - `associations`: exactly the pathway's isChildOf / isParentOf / precedes associations;
 * - `duplicates`: no credential embedded twice, no two credentials for one component;
 * - `limits`: first, before anything recurses: the proof is within the verifier's input limits
 *   (`options.limits` over `DEFAULT_LIMITS`: depth, size, values), else `LIMIT_EXCEEDED` (a bad
 *   `options.limits` is `OPTION_INVALID`) and nothing else is checked;
 * - `learner`: every embedded credential's own subject is the learner: `options.learner`'s
 *   plaintext email / identifier (hashed with that credential's salt) or id when given (the
 *   ClrSubject must match it too), else the ClrSubject's `id`. IdentityObjects in the ClrSubject
 *   link nothing: they are public in every badge, so anyone can copy them into a proof they sign.
 *   A credential of someone else is `LEARNER_MIXED`. A credential nothing links to the learner
 *   (issued to a hashed identifier while the verifier gave no plaintext, or to an id the verifier
 *   gave no id to compare with) is `LEARNER_UNPROVEN`: it does not count, so such a proof never
 *   verifies, nor is it `complete`, without `options.learner`;
 * - `credentials`: every embedded credential verifies in full and counts for a component;
 * - `components`, `milestones`, `completion`: the claims (`pathwayProgress`, `partial`) are
 *   exactly what the embedded credentials prove.
 *
 * Exported from `credstack/pathway`.
 *
 * @example
 * ```ts
 * import { verifyPathwayProof } from 'credstack/pathway'
 * const result = await verifyPathwayProof(proof, { pathway, documents })
 * if (!result.verified) console.error(result.checks.filter((c) => c.status === 'failed'))
 * console.log(formatPathwayProofResult(result, pathway))
 * ```
 */
export async function verifyPathwayProof(
  proof: unknown,
  options: VerifyPathwayProofOptions,
): Promise<PathwayProofResult> {
  const pathway = ensurePathway(options.pathway);
  const out = new ProofChecks();
  const checks = out.list;
  const nothing = { components: [], milestones: [], complete: false, credentials: [] };
  const pass = out.pass.bind(out);
  const fail = out.fail.bind(out);
  const finish = (
    extra: Omit<PathwayProofResult, 'verified' | 'verdict' | 'checks'>,
    outer?: VerificationLike,
  ): PathwayProofResult => {
    const failed = out.failed;
    const outerVerdict =
      outer && !outer.verified ? (outer.verdict === 'verified' ? 'invalid' : outer.verdict) : undefined;
    return {
      verified: !failed,
      verdict: failed ? (outerVerdict ?? 'invalid') : 'verified',
      checks,
      ...extra,
    };
  };

  // The verifier's own input limits, before anything below recurses into the proof.
  const overLimit = limitCheck(options.limits, out);
  if (overLimit === undefined || overLimit(proof)) return finish(nothing);

  // Verify options (one shared cache) for the default verifier: the outer ClrCredential without
  // its embedded credentials, which are verified and assessed below, each exactly once.
  const verifyOptions = verifyOptionsOf(options);
  const verifyEmbedded = resolveVerify(options.verify === undefined ? undefined : options, verifyOptions);
  const verifyOuter: VerifyFunction =
    options.verify === undefined
      ? (c) => verifyCredential(c, { ...verifyOptions, checkEmbedded: false })
      : verifyEmbedded;
  const runOuter = async (): Promise<VerificationLike> => {
    try {
      return await verifyOuter(proof);
    } catch (err) {
      return {
        verified: false,
        verdict: 'indeterminate',
        checks: [{ id: 'verify', status: 'error', code: 'VERIFIER_THREW', message: String(err) }],
      };
    }
  };

  // A VC-JWT proof is read from what the verifier decoded (or decoded here, unverified, when the
  // verifier could not parse it: the proof check fails anyway).
  let outer: VerificationLike | undefined;
  let doc: unknown = proof;
  if (typeof proof === 'string') {
    outer = await runOuter();
    doc = isObject(outer?.credential) ? outer.credential : decodeJwtCredential(proof.trim());
    if (overLimit(doc)) return finish(nothing, outer);
  }
  const subject = isObject(doc) ? asArray(doc.credentialSubject as unknown)[0] : undefined;
  if (
    !isObject(doc) ||
    !hasType(doc.type, 'ClrCredential') ||
    !isObject(subject) ||
    !hasType(subject.type, 'ClrSubject')
  ) {
    fail('structure', 'NOT_A_CLR', 'expected a ClrCredential whose credentialSubject is a ClrSubject');
    return finish(nothing);
  }
  pass('structure', 'ClrCredential with a ClrSubject');

  outer ??= await runOuter();
  if (outer?.verified === true) pass('proof', 'the ClrCredential verifies');
  else {
    const why = outer?.checks?.find((c) => c.status !== 'passed');
    fail(
      'proof',
      'PROOF_INVALID',
      `the ClrCredential does not verify (${outer?.verdict}${why ? `: ${why.message}` : ''})`,
    );
  }

  checkAchievements(subject, pathway, out);
  checkAssociations(subject, pathway, out);

  // Embedded credentials: no duplicates, then full verification and assessment.
  const items: unknown[] = [
    ...asArray(subject.verifiableCredential as unknown),
    ...asArray(subject.verifiableCredentialJwt as unknown),
  ];
  const dupCred = checkDuplicateCredentials(items, out);

  const who = await proofLearner(subject, options.learner, out);
  const { clrRef, learner } = who;
  const { progress, earned, entries, unproven } = await assess(
    pathway,
    items,
    { verify: verifyEmbedded, learner },
    { link: (s) => linkSubject(s, learner) },
  );

  checkLearnerLinks(progress, unproven, who, out);
  const rejected = checkRejectedCredentials(progress, out);
  checkDuplicateComponents(progress, dupCred, out);
  checkCredentialCount(items.length, rejected, out);

  const { claimedEarned, claimedMilestones } = checkClaims(doc, subject, pathway, progress, earned, out);

  return finish(
    {
      components: progress.components.map((c) => ({ ...c, claimed: claimedEarned.has(c.id) })),
      milestones: progress.milestones.map((m) => ({ ...m, claimed: claimedMilestones.has(m.id) })),
      complete: progress.complete,
      ...(issuerOf(doc) === undefined ? {} : { issuer: issuerOf(doc) }),
      learner: clrRef.identityObjects?.length ? clrRef : { ...(clrRef.id ? { id: clrRef.id } : {}) },
      proof: outer,
      credentials: entries.map((e) => e.verification),
    },
    outer,
  );
}

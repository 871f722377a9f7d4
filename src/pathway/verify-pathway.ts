// Pathway proof verification: the outer proof, every embedded credential, and every claim
// the proof makes about the pathway, recomputed from the credentials themselves. Returns a
// result; never throws on a bad proof; `verified` is true only when every check passed.

import { asArray, isObject } from '../lib/json.js';
import { type PathwayProofClaims, expectedAssociations } from './compose.js';
import type { VerifyOptions } from '../verify/index.js';
import { verifyCredential } from '../verify/index.js';
import { exceedsLimits, resolveLimits, type VerifyLimits } from '../lib/limits.js';
import { credentialId, decodeJwtCredential, issuerId as issuerOf } from './credential-info.js';
import { isEmptyLearner, linkSubject, plaintextLearner, sameIdentity, subjectMatches } from './learner.js';
import { assess, ensurePathway } from './progress.js';
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
import { componentAchievementId } from './validate-pathway.js';
import { resolveVerify, verifyOptionsOf } from './verifier.js';

type Json = Record<string, unknown>;

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
 * One check of a pathway proof verification.
 * @example
 * ```ts
 * import { type PathwayProofCheck, verifyPathwayProof } from 'credstack'
 * const checks: PathwayProofCheck[] = (await verifyPathwayProof(clr, { pathway })).checks
 * const failed = checks.filter((c) => c.status === 'failed')
 * ```
 */
export interface PathwayProofCheck {
  id:
    | 'limits'
    | 'structure'
    | 'proof'
    | 'pathway'
    | 'achievements'
    | 'associations'
    | 'duplicates'
    | 'learner'
    | 'credentials'
    | 'components'
    | 'milestones'
    | 'completion';
  status: 'passed' | 'failed';
  code: string;
  message: string;
  /** The component, milestone, credential or association concerned. */
  path?: string;
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

function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => value[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stable(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Any JSON value as text, for keys and messages. `String(x)` throws on an object whose own
 * `toString` is not a function (JSON.parse makes one from `{"toString": 1}`).
 */
function str(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return String(value);
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}

const assocKey = (a: Json): string => `${str(a.associationType)} ${str(a.sourceId)} → ${str(a.targetId)}`;

function hasType(value: unknown, type: string): boolean {
  return asArray(value as unknown).includes(type);
}

function listed(items: string[], max = 3): string {
  return items.length <= max
    ? items.join('; ')
    : `${items.slice(0, max).join('; ')} (+${items.length - max} more)`;
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
  const checks: PathwayProofCheck[] = [];
  const nothing = { components: [], milestones: [], complete: false, credentials: [] };
  const pass = (id: PathwayProofCheck['id'], message: string): void => {
    checks.push({ id, status: 'passed', code: 'OK', message });
  };
  const fail = (id: PathwayProofCheck['id'], code: string, message: string, path?: string): void => {
    checks.push({ id, status: 'failed', code, message, ...(path === undefined ? {} : { path }) });
  };
  const finish = (
    extra: Omit<PathwayProofResult, 'verified' | 'verdict' | 'checks'>,
    outer?: VerificationLike,
  ): PathwayProofResult => {
    const failed = checks.some((c) => c.status === 'failed');
    const outerVerdict =
      outer && !outer.verified ? (outer.verdict === 'verified' ? 'invalid' : outer.verdict) : undefined;
    return {
      verified: !failed,
      verdict: failed ? (outerVerdict ?? 'invalid') : 'verified',
      checks,
      ...extra,
    };
  };

  // The verifier's own input limits, before anything below recurses into the proof (stable(),
  // the claims, the credentials): a hostile proof nested 100,000 deep is a coded result, never a
  // RangeError. verifyCredential applies the same limits to the outer and embedded credentials.
  let limits: Required<VerifyLimits>;
  try {
    limits = resolveLimits(options.limits);
  } catch (err) {
    fail('limits', 'OPTION_INVALID', (err as Error).message);
    return finish(nothing);
  }
  const overLimit = (value: unknown): boolean => {
    const problem =
      typeof value === 'string'
        ? value.length > limits.maxBytes
          ? `more than ${limits.maxBytes} characters`
          : undefined
        : exceedsLimits(value, limits);
    if (problem !== undefined) fail('limits', 'LIMIT_EXCEEDED', `the pathway proof has ${problem}`);
    return problem !== undefined;
  };
  if (overLimit(proof)) return finish(nothing);

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

  // The pathway and its components, restated as Achievements.
  const achievements = asArray(subject.achievement as unknown).filter(isObject);
  const pathwayAch = achievements.find((a) => a.id === pathway.id);
  if (!pathwayAch) fail('pathway', 'PATHWAY_MISSING', `no Achievement for pathway ${pathway.id}`, pathway.id);
  else if (
    pathwayAch.pathwayDefinition !== undefined &&
    stable(pathwayAch.pathwayDefinition) !== stable(pathway)
  ) {
    fail(
      'pathway',
      'PATHWAY_DEFINITION_MISMATCH',
      'the proof was composed against a different definition of the pathway',
      pathway.id,
    );
  } else pass('pathway', `pathway ${pathway.id}`);

  const expectedIds = [pathway.id, ...pathway.components.map(componentAchievementId)];
  const ids = achievements.map((a) => str(a.id));
  // Sets, not indexOf scans: a hostile proof may list 100,000 Achievements.
  const present = new Set(ids);
  const expectedSet = new Set(expectedIds);
  const missingAch = expectedIds.filter((id) => !present.has(id));
  const extraAch = ids.filter((id) => !expectedSet.has(id));
  const dupAch: string[] = []; // every occurrence after the first
  const seenAch = new Set<string>();
  for (const id of ids) {
    if (seenAch.has(id)) dupAch.push(id);
    else seenAch.add(id);
  }
  if (missingAch.length)
    fail(
      'achievements',
      'ACHIEVEMENT_MISSING',
      `missing Achievement(s): ${listed(missingAch)}`,
      missingAch[0],
    );
  if (extraAch.length)
    fail(
      'achievements',
      'ACHIEVEMENT_EXTRA',
      `Achievement(s) not in the pathway: ${listed(extraAch)}`,
      extraAch[0],
    );
  if (dupAch.length)
    fail(
      'achievements',
      'ACHIEVEMENT_DUPLICATE',
      `Achievement(s) listed twice: ${listed(dupAch)}`,
      dupAch[0],
    );
  if (!missingAch.length && !extraAch.length && !dupAch.length)
    pass('achievements', `${ids.length} Achievements`);

  // Associations must restate the pathway exactly: as multisets of "type source → target".
  const expected = expectedAssociations(pathway).map(assocKey);
  const actual = asArray(subject.association as unknown).map((a) =>
    isObject(a) ? assocKey(a) : 'not an Association',
  );
  const remaining = [...actual];
  const missingAssoc: string[] = [];
  for (const e of expected) {
    const i = remaining.indexOf(e);
    if (i >= 0) remaining.splice(i, 1);
    else missingAssoc.push(e);
  }
  if (missingAssoc.length)
    fail(
      'associations',
      'ASSOCIATION_MISSING',
      `missing association(s): ${listed(missingAssoc)}`,
      missingAssoc[0],
    );
  if (remaining.length) {
    const dup = remaining.filter((r) => expected.includes(r));
    const extra = remaining.filter((r) => !expected.includes(r));
    if (extra.length)
      fail(
        'associations',
        'ASSOCIATION_EXTRA',
        `association(s) not in the pathway: ${listed(extra)}`,
        extra[0],
      );
    if (dup.length)
      fail('associations', 'ASSOCIATION_DUPLICATE', `association(s) listed twice: ${listed(dup)}`, dup[0]);
  }
  if (!missingAssoc.length && !remaining.length)
    pass('associations', `${expected.length} associations agree with the pathway`);

  // Embedded credentials: no duplicates, then full verification and assessment.
  const items: unknown[] = [
    ...asArray(subject.verifiableCredential as unknown),
    ...asArray(subject.verifiableCredentialJwt as unknown),
  ];
  const keys = items.map((c) =>
    typeof c === 'string' ? c : (credentialId(isObject(c) ? c : undefined) ?? stable(c)),
  );
  const dupCred: string[] = []; // every occurrence after the first (a Set: no quadratic scan)
  const seenCred = new Set<string>();
  for (const k of keys) {
    if (seenCred.has(k)) dupCred.push(k);
    else seenCred.add(k);
  }
  if (dupCred.length)
    fail(
      'duplicates',
      'DUPLICATE_CREDENTIAL',
      `credential(s) embedded twice: ${listed(dupCred.map((k) => k.slice(0, 80)))}`,
      dupCred[0],
    );

  const clrRef: LearnerRef = {
    ...(typeof subject.id === 'string' ? { id: subject.id } : {}),
    identityObjects: asArray(subject.identifier as unknown).filter(isObject),
  };
  const distinct = clrRef.identityObjects!.filter(
    (o, i, all) => all.findIndex((x) => sameIdentity(x, o)) === i,
  );
  // Whom every embedded credential must name: the verifier's plaintext learner, else the ClrSubject's
  // id. Never the ClrSubject's IdentityObjects: whoever signs the proof writes them.
  const named = plaintextLearner(options.learner);
  const asked = !isEmptyLearner(named);
  const learner: Learner = asked ? named : clrRef.id === undefined ? {} : { id: clrRef.id };
  let learnerOk = true;
  if (clrRef.id === undefined && distinct.length === 0) {
    fail('learner', 'LEARNER_MISSING', 'the ClrSubject has neither an id nor an identifier');
    learnerOk = false;
  } else if (asked && !(await subjectMatches(subject, named))) {
    fail('learner', 'LEARNER_MISMATCH', 'the ClrSubject is not the expected learner');
    learnerOk = false;
  }
  const { progress, earned, entries, unproven } = await assess(
    pathway,
    items,
    { verify: verifyEmbedded, learner },
    { link: (s) => linkSubject(s, learner) },
  );

  const nameOf = (r: { credentialId?: string; index: number }) => r.credentialId ?? `#${r.index}`;
  const otherLearner = progress.rejected.filter(
    (r) => r.reason === 'other-learner' && !unproven.has(r.index),
  );
  const unlinked = progress.rejected.filter((r) => unproven.has(r.index));
  if (otherLearner.length) {
    fail(
      'learner',
      'LEARNER_MIXED',
      `credential(s) of another learner: ${listed(otherLearner.map(nameOf))}`,
      otherLearner[0]!.credentialId,
    );
  }
  if (unlinked.length) {
    fail(
      'learner',
      'LEARNER_UNPROVEN',
      asked
        ? `nothing links credential(s) ${listed(unlinked.map(nameOf))} to the learner given: they name their recipient by an id or identifier the learner given (the learner option, --learner in the CLI) has no value to check against`
        : `nothing proves whose credential(s) ${listed(unlinked.map(nameOf))} are: they name their recipient only by ${clrRef.id === undefined ? '' : "something other than the ClrSubject's id, e.g. "}hashed identifiers, which anyone can copy; name the learner by their plaintext email or identifier (the learner option; --learner in the CLI)`,
      unlinked[0]!.credentialId,
    );
  }
  if (!otherLearner.length && !unlinked.length && learnerOk)
    pass(
      'learner',
      asked
        ? 'every embedded credential is the learner’s'
        : "every embedded credential names the ClrSubject's id",
    );

  const bad = progress.rejected.filter((r) => r.reason !== 'other-learner');
  for (const r of bad) {
    fail(
      'credentials',
      `CREDENTIAL_${r.reason.toUpperCase().replace(/-/g, '_')}`,
      `credential ${r.credentialId ?? `#${r.index}`}: ${r.message}`,
      r.credentialId,
    );
  }
  // By the warning's code: its message is for people and may be reworded.
  const surplus = progress.warnings.filter((w) => w.code === 'DUPLICATE_COMPONENT');
  for (const w of surplus) fail('duplicates', 'DUPLICATE_COMPONENT', w.message, w.component);
  if (!dupCred.length && !surplus.length)
    pass('duplicates', 'each credential embedded once, one per component');
  if (!bad.length && items.length > 0)
    pass('credentials', `${items.length} embedded credential(s) verify and count`);
  if (items.length === 0) fail('credentials', 'NO_CREDENTIALS', 'the ClrSubject embeds no credential');

  // Claims against what the credentials prove.
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
    fail(
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
        fail(
          'components',
          'COMPONENT_UNSATISFIED',
          `component '${component}' is claimed but no acceptable embedded credential earns it`,
          component,
        );
      } else if (credential !== null && credentialId(by.credential) !== credential) {
        ok = false;
        fail(
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
        fail(
          'components',
          'COMPONENT_UNCLAIMED',
          `component '${component}' is earned by an embedded credential but not claimed`,
          component,
        );
      }
    }
    if (ok) pass('components', `${claimedEarned.size} claimed component(s) earned`);

    ok = true;
    for (const [id, reachedAt] of claimedMilestones) {
      const m = progress.milestones.find((x) => x.id === id);
      if (!m?.reached) {
        ok = false;
        fail(
          'milestones',
          'MILESTONE_NOT_REACHED',
          `milestone '${id}' is claimed but not reached${m ? `: ${m.explanation}` : ' (unknown milestone)'}`,
          id,
        );
      } else if (m.reachedAt !== reachedAt) {
        ok = false;
        fail(
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
        fail('milestones', 'MILESTONE_UNCLAIMED', `milestone '${m.id}' is reached but not claimed`, m.id);
      }
    }
    if (ok) pass('milestones', `${claimedMilestones.size} claimed milestone(s) reached`);

    ok = true;
    if (claims.complete !== progress.complete) {
      ok = false;
      fail(
        'completion',
        'COMPLETION_MISMATCH',
        `the proof claims complete: ${str(claims.complete)}, but the pathway is ${progress.complete ? 'complete' : `not complete (${progress.completion.explanation})`}`,
      );
    }
    const partial = doc.partial === true;
    if (partial === progress.complete) {
      ok = false;
      fail(
        'completion',
        'PARTIAL_MISMATCH',
        `partial is ${str(doc.partial ?? false)} but the pathway is ${progress.complete ? 'complete' : 'not complete'}`,
      );
    }
    if (ok)
      pass('completion', progress.complete ? 'pathway complete' : 'pathway not complete, partial: true');
  }

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

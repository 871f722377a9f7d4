// Pathway proof composition: the learner's counting credentials, exactly as issued, in a
// CLR 2.0 ClrCredential whose achievements and associations restate the pathway, signed by
// an injected function.

import { CLR_CONTEXT, OB_CONTEXT, VC_V2_CONTEXT } from '../contexts/urls.js';
import { CredstackError, describeValue } from '../errors.js';
import { type IssueFormat, type IssueOptions, issueCredential } from '../issue/index.js';
import type { KeyFile, Signer } from '../keys/index.js';
import { clone, isObject } from '../lib/json.js';
import type { VerifyOptions } from '../verify/index.js';
import { achievementOf, credentialId } from './credential-info.js';
import { PATHWAY_CONTEXT_URL, pathwayAchievement } from './definition.js';
import { sameIdentity, subjectOf } from './learner.js';
import { type AssessedCredential, assess } from './assess.js';
import { ensurePathway } from './validate-pathway.js';
import type { Learner, ObObject, Pathway, PathwayInput, PathwayProgress, VerifyFunction } from './types.js';
import { componentAchievementId } from './validate-pathway.js';
import { resolveVerify } from './verifier.js';

type Json = Record<string, unknown>;

/**
 * Options of {@link composePathwayProof}: who signs (`key` or `signer`, or an injected `sign`),
 * whose proof, and how the credentials are verified first. Every `verifyCredential` option
 * (`documents`, `network`, `checkStatus`, ...) is passed through to the default verifier.
 * @example
 * ```ts
 * import { type ComposePathwayProofOptions, composePathwayProof } from 'credstack'
 * const options: ComposePathwayProofOptions = { key, format: 'eddsa-rdfc-2022' }
 * const clr = await composePathwayProof(pathway, credentials, options)
 * ```
 */
export interface ComposePathwayProofOptions extends Omit<VerifyOptions, 'now'> {
  /** The CLR issuer's key file (private key included). Signs with `issueCredential`. */
  key?: KeyFile;
  /** A signer whose private key lives elsewhere (KMS, wallet). Instead of `key`. */
  signer?: Signer;
  /** Proof format with `key` / `signer`. Default: `eddsa-rdfc-2022` (Ed25519) or `ecdsa-rdfc-2019` (P-256). */
  format?: IssueFormat;
  /**
   * Signs the unsigned ClrCredential and returns the signed one, instead of `key` / `signer`
   * (e.g. a remote signing service).
   */
  sign?: (unsignedClr: Json) => Promise<Json>;
  /**
   * The CLR's issuer (often the learner's wallet or school, or the employer itself). Default: the
   * controller of `key` / `signer`. Must be that controller when signing with them.
   */
  issuer?: ObObject | string;
  /** Verifies each credential before it is embedded. Default: `verifyCredential` with these options. */
  verify?: VerifyFunction;
  /** Whose proof; as in {@link pathwayProgress}. */
  learner?: Learner;
  /** Issuance time (`validFrom`, and the proof's `created`) and verification time; default now. */
  now?: Date;
  /** The CLR's id; defaults to a fresh `urn:uuid:`. */
  id?: string;
  name?: string;
  description?: string;
  /** As for `issueCredential`: told when a well-known verifier will refuse the proof's format. */
  onWarning?: IssueOptions['onWarning'];
}

/**
 * The credstack extension on the ClrSubject: what the proof claims (a JSON literal, see the pathway context).
 * @example
 * ```ts
 * import type { PathwayProofClaims } from 'credstack'
 * const claims: PathwayProofClaims = { pathway: 'https://example.org/pathways/electrician', complete: false,
 *   earned: [{ component: 'safety', achievement: 'https://example.org/achievements/safety', credential: null }], milestones: [] }
 * ```
 */
export interface PathwayProofClaims {
  pathway: string;
  version?: string;
  earned: Array<{ component: string; achievement: string; credential: string | null }>;
  milestones: Array<{ id: string; reachedAt: string }>;
  complete: boolean;
}

/** The associations a proof of `pathway` must carry, as CLR 2.0 Association objects. @internal */
export function expectedAssociations(pathway: Pathway): Json[] {
  const out: Json[] = [];
  const achievementOfComponent = new Map(pathway.components.map((c) => [c.id, componentAchievementId(c)]));
  for (const c of pathway.components) {
    const aid = achievementOfComponent.get(c.id)!;
    out.push({ type: 'Association', associationType: 'isChildOf', sourceId: aid, targetId: pathway.id });
    out.push({ type: 'Association', associationType: 'isParentOf', sourceId: pathway.id, targetId: aid });
    for (const p of c.prerequisites ?? []) {
      out.push({
        type: 'Association',
        associationType: 'precedes',
        sourceId: achievementOfComponent.get(p)!,
        targetId: aid,
      });
    }
  }
  return out;
}

function componentAchievement(
  pathway: Pathway,
  componentId: string,
  earnedBy: AssessedCredential | undefined,
): Json {
  const c = pathway.components.find((x) => x.id === componentId)!;
  if (typeof c.achievement === 'object') return clone(c.achievement);
  const fromCredential = achievementOf(earnedBy?.credential).achievement;
  // The issuer's own (signed) Achievement describes the component best when the pathway only names it.
  if (fromCredential && fromCredential.id === c.achievement) return clone(fromCredential);
  return {
    id: c.achievement,
    type: ['Achievement'],
    name: c.name ?? c.id,
    description: `Component '${c.id}' of the pathway ${pathway.name}.`,
    criteria: { narrative: `Earn ${c.name ?? c.id} from an issuer the pathway accepts.` },
  };
}

function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The ClrSubject's identity: the learner's id, else the IdentityObjects the counting credentials carry. */
function clrSubjectIdentity(progress: PathwayProgress, earned: AssessedCredential[]): Json {
  if (progress.learner.id !== undefined) return { id: progress.learner.id };
  const subjects = earned.map((e) => subjectOf(e.credential));
  const ids = new Set(subjects.map((s) => s?.id).filter((x) => typeof x === 'string'));
  if (ids.size === 1 && subjects.every((s) => typeof s?.id === 'string')) return { id: [...ids][0] };
  const identities: Json[] = [];
  for (const s of subjects) {
    for (const o of [s?.identifier].flat().filter(isObject)) {
      if (!identities.some((i) => sameIdentity(i, o))) identities.push(clone(o));
    }
  }
  if (identities.length === 0) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      'Cannot name the learner: the counting credentials carry neither a subject id nor an identifier',
    );
  }
  return { identifier: identities };
}

type SignFunction = (unsignedClr: Json, now: Date) => Promise<Json | string>;

/** The signing function: the injected `sign`, or issueCredential with `key` / `signer`. */
function signerOf(options: ComposePathwayProofOptions): SignFunction {
  const { sign, key, signer, format, onWarning } = options;
  if (sign !== undefined) {
    if (typeof sign !== 'function') {
      throw new CredstackError(
        'ERR_INVALID_INPUT',
        `options.sign: expected a function (unsignedClr) => Promise<object>, got ${describeValue(sign)}`,
      );
    }
    if (key !== undefined || signer !== undefined) {
      throw new CredstackError('ERR_INVALID_INPUT', 'options: give either sign, or key / signer, not both');
    }
    return (clr) => sign(clr);
  }
  if (key === undefined && signer === undefined) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      'composePathwayProof needs options.key (a key file), options.signer, or options.sign to sign the ClrCredential',
    );
  }
  return (clr, now) =>
    issueCredential(clr, {
      ...(key ? { key } : {}),
      ...(signer ? { signer } : {}),
      ...(format ? { format } : {}),
      ...(onWarning ? { onWarning } : {}),
      created: now,
    });
}

/**
 * Composes and signs a pathway proof: a CLR 2.0 `ClrCredential` (contexts VC v2, CLR 2.0.1,
 * OB 3.0.3 and {@link PATHWAY_CONTEXT_URL}) whose ClrSubject is the learner and holds
 * - `verifiableCredential`: the counting credentials with embedded proofs, exactly as issued,
 *   in pathway order, one per earned component (see {@link pathwayProgress} for what counts);
 * - `verifiableCredentialJwt` (credstack extension): counting VC-JWTs as compact strings. The
 *   CLR 2.0 JSON Schema only admits credential objects in `verifiableCredential`, so JWTs sit
 *   beside it, as OB 3.0's `endorsementJwt` sits beside `endorsement`. At least one credential
 *   with an embedded proof is needed (the schema's `minItems: 1`);
 * - `achievement`: the pathway's Achievement ({@link pathwayAchievement}) and every component's;
 * - `association`: `isChildOf` component → pathway, `isParentOf` pathway → component,
 *   `precedes` prerequisite → dependent;
 * - `pathwayProgress` (credstack extension, {@link PathwayProofClaims}): the components earned
 *   and by which credential, the milestones reached and when, and completion.
 * `partial` is `true` until the pathway is complete.
 *
 * The credentials are verified first (see {@link pathwayProgress}: `verifyCredential` with the
 * verify options given here, e.g. `documents`, or an injected `verify`); only those that count are
 * embedded. The CLR is signed with `issueCredential` and `key` or `signer` (Data Integrity by
 * default; `format: 'vc-jwt'` returns a compact JWS), or by an injected `sign`.
 *
 * Throws `ERR_INVALID_INPUT` when no credential counts (a CLR must hold at least one), and the
 * errors of `issueCredential` (e.g. `ERR_ISSUER_MISMATCH` when `issuer` is not the key's controller).
 *
 * Exported from `credstack/pathway`.
 *
 * @example
 * ```ts
 * import { composePathwayProof } from 'credstack'
 * const proof = await composePathwayProof(pathway, credentials, {
 *   key: walletKey,            // the CLR issuer: here the learner's own wallet (did:key)
 *   documents,                 // issuer keys and status lists, to verify the credentials first
 * })
 * ```
 */
export async function composePathwayProof(
  pathway: Pathway | PathwayInput,
  credentials: readonly unknown[],
  options: ComposePathwayProofOptions & { format: 'vc-jwt' },
): Promise<string>;
export async function composePathwayProof(
  pathway: Pathway | PathwayInput,
  credentials: readonly unknown[],
  options: ComposePathwayProofOptions,
): Promise<Json>;
export async function composePathwayProof(
  pathwayInput: Pathway | PathwayInput,
  credentials: readonly unknown[],
  options: ComposePathwayProofOptions,
): Promise<Json | string> {
  const pathway = ensurePathway(pathwayInput);
  if (typeof options !== 'object' || options === null) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `composePathwayProof: expected options with a key, a signer or a sign function, got ${describeValue(options)}`,
    );
  }
  const sign = signerOf(options);
  const issuer = options.issuer ?? (options.key?.controller || options.signer?.id.split('#')[0]);
  if (!(typeof issuer === 'string' || (isObject(issuer) && typeof issuer.id === 'string'))) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `options.issuer: expected a Profile or an issuer id, got ${describeValue(issuer)}`,
    );
  }
  const now = options.now ?? new Date();
  const { progress, earned } = await assess(pathway, credentials, {
    verify: resolveVerify(options, { now }),
    ...(options.learner ? { learner: options.learner } : {}),
  });
  const ordered = pathway.components
    .filter((c) => earned.has(c.id))
    .map((c) => [c.id, earned.get(c.id)!] as const);
  if (ordered.length === 0) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `No credential counts toward pathway ${pathway.id}, so there is nothing to prove (${progress.rejected.length} rejected)`,
      { details: progress.rejected },
    );
  }
  const objects = ordered.filter(([, e]) => isObject(e.input)).map(([, e]) => clone(e.input) as Json);
  const jwts = ordered.filter(([, e]) => typeof e.input === 'string').map(([, e]) => e.input as string);
  if (objects.length === 0) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      'A ClrCredential needs at least one credential with an embedded proof in verifiableCredential; all counting credentials are VC-JWTs',
    );
  }

  const claims: PathwayProofClaims = {
    pathway: pathway.id,
    ...(pathway.version === undefined ? {} : { version: pathway.version }),
    earned: ordered.map(([component, e]) => ({
      component,
      achievement: componentAchievementId(pathway.components.find((c) => c.id === component)!),
      credential: credentialId(e.credential) ?? null,
    })),
    milestones: progress.milestones
      .filter((m) => m.reached)
      .map((m) => ({ id: m.id, reachedAt: m.reachedAt ?? '' })),
    complete: progress.complete,
  };

  const unsigned: Json = {
    '@context': [VC_V2_CONTEXT, CLR_CONTEXT, OB_CONTEXT, PATHWAY_CONTEXT_URL],
    id: options.id ?? `urn:uuid:${crypto.randomUUID()}`,
    type: ['VerifiableCredential', 'ClrCredential'],
    name: options.name ?? `${pathway.name}: learner progress`,
    description:
      options.description ??
      `${progress.complete ? 'Completed' : 'Progress along'} the pathway ${pathway.name}: ${claims.earned.length} of ${pathway.components.length} components earned.`,
    issuer: clone(issuer),
    validFrom: isoSeconds(now),
    partial: !progress.complete,
    credentialSubject: {
      type: ['ClrSubject'],
      ...clrSubjectIdentity(
        progress,
        ordered.map(([, e]) => e),
      ),
      verifiableCredential: objects,
      ...(jwts.length > 0 ? { verifiableCredentialJwt: jwts } : {}),
      achievement: [
        pathwayAchievement(pathway),
        ...pathway.components.map((c) => componentAchievement(pathway, c.id, earned.get(c.id))),
      ],
      association: expectedAssociations(pathway),
      pathwayProgress: claims,
    },
  };
  const signed = await sign(unsigned, now);
  if (!(isObject(signed) || (options.format === 'vc-jwt' && typeof signed === 'string'))) {
    throw new CredstackError(
      'ERR_SIGNING_FAILED',
      `options.sign returned ${describeValue(signed)}, expected the signed ClrCredential`,
    );
  }
  return signed;
}

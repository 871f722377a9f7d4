import { evaluateTrust, type TrustPolicy } from '../trust/index.js';
import { asArray, isObject, type JsonObject, idOf } from '../lib/json.js';
import { type EngineMode, EngineTrace, engineModeOf } from '../jsonld/engine.js';
import { disclosedPointers, hasDerivedSdProof } from '../proof/data-integrity/ecdsa-sd-2023.js';
import { ACCEPTED_PROOF_SUITES, proofKind } from '../proof/data-integrity/suites.js';
import { credentialFromJwtPayload, decodeJwt } from '../proof/vc-jwt/decode.js';
import { DEFAULT_JWT_ALGORITHMS } from '../proof/vc-jwt/verify.js';
import {
  type CredentialKindName,
  checkContext,
  checkJsonLd,
  checkType,
  dataModelOf,
  isKnownContext,
  kindOf,
} from './checks/envelope.js';
import { checkJwtClaims, checkValidity } from './checks/dates.js';
import { checkEmbeddedProofs, checkIssuerBinding, type ProofContext } from './checks/proof-di.js';
import { checkJwtHeader, checkJwtSignature } from './checks/proof-jwt.js';
import { checkClrEmbedded, checkEndorsements, type VerifyNested } from './checks/nested.js';
import { proofFormatConformance } from './checks/proof-format.js';
import { checkCredentialSchemas, checkSchema, schemaView } from './checks/schema.js';
import { checkCredentialStatus } from './checks/status.js';
import { checkSubject } from './checks/subject.js';
import { checkSuppliedContexts, unknownContextIsUnchecked } from './checks/supplied-contexts.js';
import { acceptanceOf } from './acceptance.js';
import { applyConformance, conformanceReport } from './conformance.js';
import { resolveLimits, type VerifyLimits } from '../lib/limits.js';
import { checkObject, type ParsedInput, parseFailure, parseInput, type VerifyInput } from './parse.js';
import { createResolver, type Resolver, type ResolveOptions } from './resolve.js';
import {
  type Check,
  type CredentialFormat,
  engineOptionInvalid,
  failed,
  passed,
  skipped,
  type VerificationResult,
  verdictOf,
} from './result.js';

/**
 * Options for {@link verifyCredential}. Everything is optional; the defaults are safe and offline.
 *
 * Exported from `credstack` and `credstack/verify`.
 * @example
 * ```ts
 * import { type VerifyOptions, verifyCredential } from 'credstack/verify'
 * const options: VerifyOptions = {
 *   documents: { 'https://school.example/status/1': statusListCredential }, // air-gapped lookups
 *   now: new Date('2026-06-01T00:00:00Z'),
 *   trust: ['did:web:school.example*'],
 * }
 * const result = await verifyCredential(badge, options)
 * ```
 */
export interface VerifyOptions extends ResolveOptions {
  /** The verification time. Default: now. */
  now?: Date | string;
  /** Seconds of clock skew tolerated for dates. Default 60. */
  clockTolerance?: number;
  /** Check `credentialStatus` (revocation, suspension). Default true. */
  checkStatus?: boolean;
  /** Verify embedded endorsements (reported as their own checks; never fail the credential). Default true. */
  checkEndorsements?: boolean;
  /** Verify the credentials embedded in a ClrCredential. Default true. */
  checkEmbedded?: boolean;
  /** Validate against the 1EdTech JSON Schema. Default true. */
  checkSchema?: boolean;
  /** JWS algorithms accepted for VC-JWT. Default RS256, ES256, EdDSA. */
  algorithms?: readonly string[];
  /** Embedded proof kinds accepted. Default: all of {@link ACCEPTED_PROOF_SUITES}. */
  suites?: readonly string[];
  /** Input limits (sizes, depth, counts). */
  limits?: VerifyLimits;
  /**
   * Which credential kinds are acceptable. Default: OpenBadgeCredential, EndorsementCredential,
   * ClrCredential; with `profile: 'vc'` also `VerifiableCredential` (any credential).
   */
  accept?: readonly CredentialKindName[];
  /**
   * `'ob'` (default): Open Badges 3.0 / CLR 2.0 credentials, under their rules. `'vc'`: any W3C
   * Verifiable Credential (VCDM 1.1 or 2.0) is verified — proof, issuer binding, dates, status —
   * with OB rules (schema, OB context, subject) applied only to OB and CLR types, and inline
   * `@context` objects accepted at the top level of a credential that is not an OB type (still in
   * JSON-LD safe mode: every term must be defined, protected terms cannot be redefined). For a
   * VC-API service or a verifier of credentials of every kind.
   */
  profile?: 'ob' | 'vc';
  /**
   * Whom you trust (issuer ids/patterns, a registry document, or a callback). Sets
   * `issuerTrust` on the result; an untrusted issuer is not a forgery, so `verified` is unaffected.
   */
  trust?: TrustPolicy;
  /**
   * Answer as the 1EdTech validator does: a broken rule of the OB 3.0 / CLR 2.0 text (JSON
   * Schema, subject identifier, status list length, JWT claims, a proof format outside its
   * conformance suite) makes the verdict `invalid`. Default false: such a credential can still be
   * `verified` (authentic, current, not revoked), with the broken rules in `conformance`.
   */
  strict?: boolean;
  /**
   * `'reference'` does the JSON-LD work (expansion, RDFC-1.0, Data Integrity proofs) with the
   * reference stack only — jsonld.js, rdf-canonize, jsonld-signatures and the @digitalbazaar suites —
   * skipping credstack's engine: the same verdict, several times slower; to compare the two or to
   * rule credstack's own code out. Default `'auto'`: credstack's engine where it applies.
   * `result.engine` says which ran.
   */
  engine?: EngineMode;
}

const DEFAULT_ACCEPT: readonly CredentialKindName[] = [
  'OpenBadgeCredential',
  'EndorsementCredential',
  'ClrCredential',
];

const GENERIC_ACCEPT: readonly CredentialKindName[] = [...DEFAULT_ACCEPT, 'VerifiableCredential'];

interface Internal {
  resolver: Resolver;
  depth: number;
}

/**
 * Verifies an Open Badges 3.0 credential (or an EndorsementCredential or CLR 2.0 ClrCredential)
 * the way OB 3.0 §Verification and the 1EdTech validator do: parse → contexts → JSON-LD safe
 * mode → type → JSON Schema → subject → every proof → issuer key binding → dates → status →
 * endorsements. It never throws for bad input and never says `verified` unless every required
 * check ran and passed.
 *
 * Accepts a credential object, JSON text, a compact VC-JWT, or a baked PNG/SVG image.
 * Offline by default: keys come from did:key or `documents`; pass `network.fetch` to allow https.
 *
 * Exported from `credstack` and `credstack/verify`.
 *
 * @example
 * ```ts
 * import { verifyCredential } from 'credstack/verify'
 * const result = await verifyCredential(badge)
 * if (result.verified) console.log('valid badge from', result.issuer)
 * else console.log(result.verdict, result.checks.filter(c => c.status === 'failed'))
 * ```
 */
export async function verifyCredential(
  input: VerifyInput | unknown,
  options: VerifyOptions = {},
): Promise<VerificationResult> {
  try {
    // `null` options are as good as none: a caller passing null must not get an internal error.
    const opts = options ?? {};
    return await run(input, opts, { resolver: createResolver(opts), depth: 0 });
  } catch (error) {
    // Every expected failure is a check; this is the last line of defence against a crash.
    return {
      verified: false,
      verdict: 'invalid',
      format: 'unknown',
      checks: [
        failed(
          'parse',
          'INTERNAL_ERROR',
          `Verification stopped: ${(error as Error)?.message ?? String(error)}`,
        ),
      ],
    };
  }
}

async function run(input: unknown, options: VerifyOptions, internal: Internal): Promise<VerificationResult> {
  let limits: Required<VerifyLimits>;
  try {
    limits = resolveLimits(options.limits);
  } catch (error) {
    return finish([failed('parse', 'OPTION_INVALID', (error as Error).message)], { format: 'unknown' });
  }
  const checks: Check[] = [];
  let parsed: ParsedInput;
  try {
    parsed = await parseInput(input, limits);
  } catch (error) {
    return finish([parseFailure(error)], { format: 'unknown' });
  }
  const now = options.now === undefined ? new Date() : new Date(options.now);
  if (Number.isNaN(now.getTime())) {
    return finish([failed('parse', 'OPTION_INVALID', `options.now is not a date: ${String(options.now)}`)], {
      format: 'unknown',
    });
  }
  const mode = engineModeOf(options.engine);
  if (mode === undefined) {
    return finish([engineOptionInvalid(options.engine)], { format: 'unknown' });
  }
  // One record per credential of the engines its JSON-LD work ran on, its status list's included
  // (an embedded or endorsing credential has its own result and its own record).
  const trace = new EngineTrace(mode);
  const tolerance = options.clockTolerance ?? 60;
  const algorithms = options.algorithms ?? DEFAULT_JWT_ALGORITHMS;
  const proofCtx: ProofContext = {
    resolver: internal.resolver,
    now,
    clockTolerance: tolerance,
    suites: options.suites ?? ACCEPTED_PROOF_SUITES,
    algorithms: algorithms.filter((a) => DEFAULT_JWT_ALGORITHMS.includes(a)),
    maxProofs: limits.maxProofs,
    limits,
    trace,
  };
  const container = parsed.container;

  let credential: JsonObject;
  // the credential is the verifier's own (parse.ts): its expansion may be shared with the proofs
  let owned = false;
  let format: CredentialFormat;
  let jwtPart: { jwt: string; header: JsonObject; payload: JsonObject; legacy: boolean } | undefined;
  if (parsed.kind === 'jwt') {
    format = 'vc-jwt';
    try {
      const { header, payload } = decodeJwt(parsed.jwt);
      // The decoded JSON gets the limits JSON input gets (depth, string length, values, Unicode):
      // the JWT's byte size alone does not bound what parsing it builds.
      checkObject(header, limits);
      checkObject(payload, limits);
      const { credential: inner, legacy } = credentialFromJwtPayload(payload);
      credential = inner;
      jwtPart = { jwt: parsed.jwt, header, payload, legacy };
    } catch (error) {
      return finish([parseFailure(error)], { format, container });
    }
    checks.push(
      passed('parse', 'PARSED', `A VC-JWT${container ? ` baked in ${container.toUpperCase()}` : ''}`),
    );
  } else {
    credential = parsed.credential;
    owned = parsed.owned;
    format = credential.proof === undefined ? 'unsecured' : 'data-integrity';
    checks.push(
      passed(
        'parse',
        'PARSED',
        `A JSON credential${container ? ` baked in ${container.toUpperCase()}` : ''}`,
      ),
    );
  }
  const strict = options.strict === true;
  const alg = typeof jwtPart?.header.alg === 'string' ? jwtPart.header.alg : undefined;
  const base = { format, container, credential, jwt: jwtPart?.jwt, strict, alg, trace };

  // Envelope: contexts, JSON-LD, type. A wrong envelope makes everything after meaningless.
  const generic = options.profile === 'vc';
  const accept = options.accept ?? (generic ? GENERIC_ACCEPT : DEFAULT_ACCEPT);
  const kind = kindOf(credential);
  const documents = internal.resolver.documents;
  checks.push(
    ...checkContext(credential, kind, isKnownContext(documents), {
      allowInline: generic && kind === undefined,
    }).map(unknownContextIsUnchecked),
  );
  const typeCheck = checkType(credential, accept);
  checks.push(typeCheck);
  checks.push(...checkSuppliedContexts(credential, documents));
  applyConformance(checks, strict);
  if (checks.some((c) => c.status === 'failed')) return finish(checks, base);
  const shared: { unsecured?: ProofContext['unsecured'] } = {};
  checks.push(
    await checkJsonLd(
      credential,
      internal.resolver.documentLoader,
      format === 'data-integrity',
      owned ? shared : undefined,
      trace,
    ),
  );
  if (shared.unsecured) proofCtx.unsecured = shared.unsecured;

  // Conformance: JSON Schema (canonical for the type, then inline credentialSchema), subject.
  if (
    options.checkSchema !== false &&
    (kind === 'OpenBadgeCredential' || kind === 'EndorsementCredential' || kind === 'ClrCredential')
  ) {
    const view = schemaView(credential);
    const schema = await checkSchema(view);
    checks.push(...schema.checks);
    checks.push(...(await checkCredentialSchemas(credential, view, schema.result)));
    checks.push(checkSubject(credential, kind));
  }

  // Proofs and the issuer binding.
  const issuerId = idOf(credential.issuer);
  if (jwtPart) {
    const headerChecks = checkJwtHeader(jwtPart.header, proofCtx.algorithms);
    checks.push(...headerChecks);
    if (!headerChecks.some((c) => c.status === 'failed')) {
      checks.push(...(await checkJwtSignature(jwtPart.jwt, jwtPart.header, issuerId, proofCtx)));
    }
    checks.push(...checkJwtClaims(jwtPart.payload, credential, jwtPart.legacy));
    if (credential.proof !== undefined) {
      // OB 3.0 §Proofs: an embedded proof made first may travel inside the JWT; it must verify too.
      const embedded = await checkEmbeddedProofs(credential, proofCtx);
      checks.push(
        ...embedded.checks,
        ...(embedded.methods.length ? [checkIssuerBinding(issuerId, embedded.methods)] : []),
      );
    }
  } else if (format === 'unsecured') {
    checks.push(
      failed('proof', 'PROOF_MISSING', 'The credential has no proof: anyone could have written it', {
        path: '/proof',
      }),
    );
  } else {
    const embedded = await checkEmbeddedProofs(credential, proofCtx);
    checks.push(...embedded.checks);
    if (embedded.methods.length > 0 && embedded.checks.every((c) => c.status !== 'failed')) {
      checks.push(checkIssuerBinding(issuerId, embedded.methods));
    }
  }

  checks.push(...proofFormatConformance(credential, format, alg));

  checks.push(
    ...checkValidity(credential, now, tolerance, jwtPart?.payload.exp as number | undefined, {
      // OB 3.0 requires validFrom; VCDM 2.0 does not, for a credential of another kind.
      validFromOptional: generic && kind === undefined && dataModelOf(credential) === 2,
    }),
  );

  if (credential.credentialStatus !== undefined) {
    if (options.checkStatus === false)
      checks.push(skipped('status', 'STATUS_NOT_CHECKED', 'Status checking was turned off'));
    else {
      checks.push(
        ...(await checkCredentialStatus(credential, {
          resolver: internal.resolver,
          now,
          // The list's result is not returned, only the status check made from it: its engine
          // record joins the credential's, so `result.engine` covers every proof this verdict used.
          verifyList: async (list) => {
            const listResult = await run(
              list,
              {
                ...options,
                checkStatus: false,
                accept: ['BitstringStatusListCredential', 'StatusList2021Credential'],
              },
              {
                ...internal,
                depth: internal.depth + 1,
              },
            );
            if (listResult.engine) trace.absorb(listResult.engine);
            return listResult;
          },
        })),
      );
    }
  }

  const result: VerificationResult = finish(checks, base);
  // an endorsement or a CLR's credential: the same options and pipeline, one level deeper
  const verifyNested: VerifyNested = (value, kinds) =>
    run(value, { ...options, accept: kinds }, { ...internal, depth: internal.depth + 1 });
  if (kind === 'ClrCredential' && internal.depth === 0) {
    if (options.checkEmbedded !== false) await checkClrEmbedded(credential, verifyNested, checks, result);
    else
      checks.push(
        skipped(
          'embedded',
          'EMBEDDED_NOT_CHECKED',
          'The embedded credentials were not verified (checkEmbedded: false): the result speaks for the record only',
        ),
      );
  }
  if (options.checkEndorsements !== false && internal.depth === 0) {
    await checkEndorsements(credential, verifyNested, checks, result, limits.maxEndorsements);
  }
  if (credential.refreshService !== undefined) {
    checks.push(
      skipped(
        'refresh',
        'REFRESH_NOT_REQUESTED',
        'The credential names a refresh service; refreshing was not requested',
      ),
    );
  }
  const final = finish(checks, base, result);
  const trust = await evaluateTrust(final.issuer, options.trust);
  final.issuerTrust = trust.issuerTrust;
  if (trust.entry) final.trustEntry = trust.entry;
  return final;
}

function finish(
  checks: Check[],
  base: {
    format: CredentialFormat;
    container?: 'png' | 'svg' | undefined;
    credential?: JsonObject;
    jwt?: string | undefined;
    strict?: boolean;
    alg?: string | undefined;
    trace?: EngineTrace;
  },
  previous?: VerificationResult,
): VerificationResult {
  const strict = base.strict === true;
  applyConformance(checks, strict);
  const verdict = verdictOf(checks);
  const result: VerificationResult = {
    verified: verdict === 'verified',
    verdict,
    format: base.format,
    checks,
  };
  if (base.container) result.container = base.container;
  if (base.credential) {
    result.credential = base.credential;
    const issuer = base.credential.issuer;
    const issuerId = idOf(issuer);
    if (issuerId) result.issuer = issuerId;
    if (isObject(issuer) && typeof issuer.name === 'string') result.issuerName = issuer.name;
  }
  if (base.jwt) result.jwt = base.jwt;
  if (previous?.endorsements) result.endorsements = previous.endorsements;
  if (previous?.embedded) result.embedded = previous.embedded;
  result.conformance = conformanceReport(checks, strict);
  if (base.credential && hasDerivedSdProof(base.credential)) {
    result.disclosed = disclosedPointers(base.credential, Number.POSITIVE_INFINITY).pointers;
  }
  if (base.trace && !base.trace.empty) result.engine = base.trace.report();
  if (base.credential && base.format !== 'unknown') {
    result.acceptance = acceptanceOf({
      format: base.format,
      proofKinds: proofKindsOf(base.credential),
      alg: base.alg,
      issuer: result.issuer,
    });
  }
  return result;
}

function proofKindsOf(credential: JsonObject): string[] {
  return asArray(credential.proof)
    .filter(isObject)
    .map((p) => proofKind(p));
}

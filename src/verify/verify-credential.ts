import { canonicalSchemaId, isBundledSchemaId } from '../schema/ids.js';
import { validateLazily } from '../schema/load.js';
import type { SchemaValidationResult } from '../schema/select.js';
import { evaluateTrust, type TrustPolicy } from '../trust/index.js';
import { asArray, isObject, type JsonObject, idOf } from '../lib/json.js';
import { disclosedPointers, hasDerivedSdProof } from '../proof/ecdsa-sd-2023.js';
import { ACCEPTED_PROOF_SUITES, proofKind } from '../proof/suites.js';
import { credentialFromJwtPayload, DEFAULT_JWT_ALGORITHMS, decodeJwt } from '../proof/vc-jwt.js';
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
import {
  checkEmbeddedProofs,
  checkIssuerBinding,
  checkJwtHeader,
  checkJwtSignature,
  type ProofContext,
} from './checks/proof.js';
import { checkCredentialStatus } from './checks/status.js';
import { acceptanceOf, ONEDTECH_JWT_ALGORITHMS, ONEDTECH_PROOF_SUITES } from './acceptance.js';
import { applyConformance, conformanceReport, ruleBroken } from './conformance.js';
import { resolveLimits, type VerifyLimits } from './limits.js';
import { checkObject, type ParsedInput, parseFailure, parseInput, type VerifyInput } from './parse.js';
import { createResolver, type Resolver, type ResolveOptions } from './resolve.js';
import {
  type Check,
  type CredentialFormat,
  failed,
  passed,
  skipped,
  type VerificationResult,
  type Verdict,
  verdictOf,
  warning,
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
  };
  const container = parsed.container;

  let credential: JsonObject;
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
  const base = { format, container, credential, jwt: jwtPart?.jwt, strict, alg };

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
    await checkJsonLd(credential, internal.resolver.documentLoader, format === 'data-integrity', shared),
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
          verifyList: (list) =>
            run(
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
            ),
        })),
      );
    }
  }

  const result: VerificationResult = finish(checks, base);
  if (kind === 'ClrCredential' && internal.depth === 0) {
    if (options.checkEmbedded !== false)
      await checkClrEmbedded(credential, options, internal, checks, result);
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
    await checkEndorsements(credential, options, internal, checks, result, limits.maxEndorsements);
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

/**
 * A context credstack neither bundles nor was given cannot be expanded, so nothing can be said
 * about the signature: that is "could not be checked" (supply the context), not a forgery.
 */
function unknownContextIsUnchecked(check: Check): Check {
  if (check.code !== 'CONTEXT_UNKNOWN' || check.status !== 'failed') return check;
  return {
    ...check,
    message: `${check.message}. Supply it in documents (URL → context document) to check this credential`,
    verdict: 'indeterminate',
  };
}

/**
 * A supplied document standing for one of the credential's contexts must be a JSON-LD context (an
 * object with `@context`). Anything else — a CLI map's file path given as the document, a DID
 * document under a context URL — is the caller's mistake: say which URL and why, as
 * "could not be checked", instead of letting JSON-LD fail it as undefined terms ("invalid").
 */
function checkSuppliedContexts(credential: JsonObject, documents: ReadonlyMap<string, unknown>): Check[] {
  const checks: Check[] = [];
  for (const [i, url] of asArray(credential['@context']).entries()) {
    if (typeof url !== 'string' || !documents.has(url)) continue;
    const document = documents.get(url);
    const why = !isObject(document)
      ? `it is ${document === null ? 'null' : Array.isArray(document) ? 'an array' : `a ${typeof document}`}, not a JSON object${typeof document === 'string' ? ' (a file path? pass the document itself)' : ''}`
      : document['@context'] === undefined
        ? 'it has no @context member, so it is not a JSON-LD context'
        : // A DID document or a credential has an @context too; JSON-LD would take that as this
          // context and fail (a redefined protected term), which would read as a forgery. A
          // context document is a bare {"@context": …}: an id or a type says it is a node instead.
          document.id !== undefined || document.type !== undefined
          ? `it is a JSON-LD node with ${document.id !== undefined ? 'an id' : 'a type'} (a DID document, a credential?), not a JSON-LD context`
          : undefined;
    if (why !== undefined) {
      checks.push(
        failed('context', 'DOCUMENT_UNUSABLE', `The document supplied for ${url} cannot be used: ${why}`, {
          path: `/@context/${i}`,
          verdict: 'indeterminate',
        }),
      );
      continue;
    }
    const alias = keywordAlias((document as JsonObject)['@context']);
    if (alias !== undefined) {
      // Authenticity, not conformance: a term standing for @id or @type makes the JSON a reader
      // sees (no `id`, another `type`) differ from the RDF the proof signs, which stays unchanged.
      checks.push(
        failed(
          'context',
          'CONTEXT_KEYWORD_ALIAS',
          `The context supplied for ${url} makes "${alias.term}" stand for ${alias.keyword}: the JSON would not say what is signed`,
          { path: `/@context/${i}` },
        ),
      );
    }
  }
  return checks;
}

// VCDM's own aliases; any other term mapped to a keyword is refused in a supplied context.
const STANDARD_ALIASES: Readonly<Record<string, string>> = { id: '@id', type: '@type' };

/** The first term of a context (scoped contexts included) that is an alias of a JSON-LD keyword. */
function keywordAlias(context: unknown, depth = 0): { term: string; keyword: string } | undefined {
  if (depth > 32) return { term: '(nested too deep)', keyword: 'a keyword' };
  for (const entry of asArray(context)) {
    if (!isObject(entry)) continue;
    for (const [term, definition] of Object.entries(entry)) {
      if (term.startsWith('@')) continue;
      const iri = isObject(definition) ? definition['@id'] : definition;
      if (typeof iri === 'string' && iri.startsWith('@') && STANDARD_ALIASES[term] !== iri) {
        return { term, keyword: iri };
      }
      if (isObject(definition) && definition['@context'] !== undefined) {
        const inner = keywordAlias(definition['@context'], depth + 1);
        if (inner) return inner;
      }
    }
  }
  return undefined;
}

/**
 * OB 3.0 §8: "issuers MUST use a proof mechanism supported by the 1EdTech conformance test
 * suite". A legacy suite (Ed25519Signature2018), ecdsa-rdfc-2019 or an EdDSA VC-JWT can be
 * perfectly authentic; it breaks this rule only, and only `strict` makes that `invalid`.
 */
function proofFormatConformance(
  credential: JsonObject,
  format: CredentialFormat,
  alg: string | undefined,
): Check[] {
  const checks: Check[] = [];
  if (format === 'vc-jwt' && alg !== undefined && !ONEDTECH_JWT_ALGORITHMS.includes(alg)) {
    checks.push(
      ruleBroken(
        'proof',
        'PROOF_FORMAT_NONCONFORMANT',
        `VC-JWT signed with ${alg}: the 1EdTech conformance suite takes ${ONEDTECH_JWT_ALGORITHMS.join(', ')} (OB 3.0 §8)`,
      ),
    );
  }
  const single = !Array.isArray(credential.proof);
  for (const [i, proof] of asArray(credential.proof).entries()) {
    if (!isObject(proof)) continue;
    const kind = proofKind(proof);
    if (ONEDTECH_PROOF_SUITES.includes(kind)) continue;
    checks.push(
      ruleBroken(
        'proof',
        'PROOF_FORMAT_NONCONFORMANT',
        `${kind} is not a proof the 1EdTech conformance suite supports (OB 3.0 §8)`,
        single ? '/proof' : `/proof/${i}`,
      ),
    );
  }
  return checks;
}

// VCDM 1.1 credentials are validated as their VCDM 2.0 equivalent: the published schemas only
// know validFrom, and OB 3.0 asks verifiers to keep accepting 1.1 credentials. Credentials nested
// in this one (endorsements, a CLR's verifiableCredential) are mapped too: a 1.1 CLR carries 1.1
// badges. Depth is bounded by the input limits checked before.
function schemaView(credential: JsonObject): JsonObject {
  return toVcdm2(credential) as JsonObject;
}

function toVcdm2(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toVcdm2);
  if (!isObject(value)) return value;
  const mapped: JsonObject = {};
  for (const [key, child] of Object.entries(value)) mapped[key] = key === '@context' ? child : toVcdm2(child);
  if (dataModelOf(mapped) !== 1) return mapped;
  const { issuanceDate, expirationDate, ...rest } = mapped;
  const view: JsonObject = {
    ...rest,
    '@context': ['https://www.w3.org/ns/credentials/v2', ...asArray(mapped['@context']).slice(1)],
  };
  if (issuanceDate !== undefined && view.validFrom === undefined) view.validFrom = issuanceDate;
  if (expirationDate !== undefined && view.validUntil === undefined) view.validUntil = expirationDate;
  return view;
}

async function checkSchema(view: JsonObject): Promise<{ checks: Check[]; result?: SchemaValidationResult }> {
  try {
    const result = await validateLazily(view);
    if (result.valid)
      return { checks: [passed('schema', 'SCHEMA_OK', `Conforms to ${result.schema}`)], result };
    return {
      checks: result.errors
        .slice(0, 10)
        .map((e) => failed('schema', 'SCHEMA_INVALID', `${e.path || '/'} ${e.message}`, { path: e.path })),
      result,
    };
  } catch (error) {
    return { checks: [failed('schema', 'SCHEMA_INVALID', (error as Error).message)] };
  }
}

// `canonical` is the type's schema, already run on the same view: an entry naming it reuses that answer.
async function checkCredentialSchemas(
  credential: JsonObject,
  view: JsonObject,
  canonical: SchemaValidationResult | undefined,
): Promise<Check[]> {
  const checks: Check[] = [];
  for (const [i, entry] of asArray(credential.credentialSchema).entries()) {
    if (!isObject(entry) || entry.type !== '1EdTechJsonSchemaValidator2019' || typeof entry.id !== 'string')
      continue;
    const path = Array.isArray(credential.credentialSchema) ? `/credentialSchema/${i}` : '/credentialSchema';
    if (!isBundledSchemaId(entry.id)) {
      checks.push(
        warning(
          'credential-schema',
          'CREDENTIAL_SCHEMA_UNAVAILABLE',
          `Schema ${entry.id} is not bundled; not fetched`,
          path,
        ),
      );
      continue;
    }
    const result =
      canonical?.schema === canonicalSchemaId(entry.id)
        ? canonical
        : await validateLazily(view, { schema: entry.id });
    checks.push(
      result.valid
        ? passed('credential-schema', 'CREDENTIAL_SCHEMA_OK', `Conforms to ${entry.id}`, path)
        : failed(
            'credential-schema',
            'CREDENTIAL_SCHEMA_INVALID',
            `${result.errors[0]?.path || '/'} ${result.errors[0]?.message ?? ''} (${entry.id})`,
            { path },
          ),
    );
  }
  return checks;
}

function checkSubject(credential: JsonObject, kind: CredentialKindName): Check {
  const subject = asArray(credential.credentialSubject)[0];
  if (!isObject(subject))
    return failed('subject', 'SUBJECT_MISSING', 'credentialSubject is missing', {
      path: '/credentialSubject',
    });
  if (kind === 'EndorsementCredential') {
    return typeof subject.id === 'string'
      ? passed('subject', 'SUBJECT_OK', `Endorses ${subject.id}`)
      : failed('subject', 'SUBJECT_NO_ID', 'An endorsement subject must have an id', {
          path: '/credentialSubject/id',
        });
  }
  if (typeof subject.id === 'string' || asArray(subject.identifier).length > 0) {
    return passed(
      'subject',
      'SUBJECT_OK',
      typeof subject.id === 'string' ? `Awarded to ${subject.id}` : 'Awarded to an identified recipient',
    );
  }
  return failed('subject', 'SUBJECT_NO_ID', 'credentialSubject needs an id or at least one identifier', {
    path: '/credentialSubject',
  });
}

async function checkEndorsements(
  credential: JsonObject,
  options: VerifyOptions,
  internal: Internal,
  checks: Check[],
  result: VerificationResult,
  max: number,
): Promise<void> {
  // OB 3.0 §EndorsementCredential: the endorsement's subject is "the individual, entity,
  // organization, assertion, or achievement that is endorsed". An endorsement speaks only for the
  // thing whose id is its subject: pasted under anything else (a throwaway issuer's badge, another
  // achievement), it is authentic but about something else, so it must not count here.
  const found: Array<{ value: unknown; path: string; about: string | undefined }> = [];
  const collect = (holder: unknown, path: string) => {
    if (!isObject(holder)) return;
    const about = typeof holder.id === 'string' ? holder.id : undefined;
    for (const [i, e] of asArray(holder.endorsement).entries())
      found.push({ value: e, path: `${path}/endorsement/${i}`, about });
    for (const [i, e] of asArray(holder.endorsementJwt).entries())
      found.push({ value: e, path: `${path}/endorsementJwt/${i}`, about });
  };
  collect(credential, '');
  collect(credential.issuer, '/issuer');
  const subject = asArray(credential.credentialSubject)[0];
  if (isObject(subject)) collect(subject.achievement, '/credentialSubject/achievement');
  if (found.length === 0) return;
  const results: VerificationResult[] = [];
  for (const { value, path, about } of found.slice(0, max)) {
    const own = await run(
      value,
      { ...options, accept: ['EndorsementCredential'] },
      { ...internal, depth: internal.depth + 1 },
    );
    const r = bindEndorsement(own, about);
    results.push(r);
    const by = r.issuerName ?? r.issuer ?? 'unknown issuer';
    if (r.verified) {
      checks.push(
        r.issuerTrust === 'trusted'
          ? passed(
              'endorsement',
              'ENDORSEMENT_TRUSTED',
              `Endorsement by trusted ${r.trustEntry?.name ?? by} verified`,
              path,
            )
          : passed('endorsement', 'ENDORSEMENT_VALID', `Endorsement by ${by} verified`, path),
      );
    } else {
      // Broken in itself, or authentic but about something else: either way it does not count.
      const mismatch = own.verified;
      checks.push(
        warning(
          'endorsement',
          mismatch ? 'ENDORSEMENT_SUBJECT_MISMATCH' : 'ENDORSEMENT_INVALID',
          `Endorsement by ${by} ${mismatch ? 'does not apply here' : `is ${r.verdict}`}: ${r.checks.find((c) => c.status === 'failed')?.message ?? ''}`,
          path,
        ),
      );
    }
  }
  if (found.length > max) {
    checks.push(
      warning(
        'endorsement',
        'ENDORSEMENTS_TRUNCATED',
        `Only the first ${max} of ${found.length} endorsements were checked`,
      ),
    );
  }
  result.endorsements = results;
}

/**
 * An endorsement's own result, judged as an endorsement of `about` (the id of what it is attached
 * to): a subject that is anything else makes it fail there, so `result.endorsements[i].verified`
 * can be relied on by itself, not only through the parent's checks.
 */
function bindEndorsement(r: VerificationResult, about: string | undefined): VerificationResult {
  const subjectId = idOf(asArray(r.credential?.credentialSubject)[0]);
  if (subjectId !== undefined && subjectId === about) return r;
  const check = failed(
    'subject',
    'ENDORSEMENT_SUBJECT_MISMATCH',
    about === undefined
      ? `The endorsement is about ${String(subjectId)}, but what it is attached to has no id to match`
      : `The endorsement is about ${String(subjectId)}, not about ${about}, which it is attached to`,
    { path: '/credentialSubject/id' },
  );
  const checks = [...r.checks, check];
  const verdict = verdictOf(checks);
  return { ...r, checks, verdict, verified: verdict === 'verified' };
}

const EMBEDDED_CODES: Record<Exclude<Verdict, 'verified'>, string> = {
  invalid: 'EMBEDDED_INVALID',
  indeterminate: 'EMBEDDED_INDETERMINATE',
  revoked: 'EMBEDDED_REVOKED',
  suspended: 'EMBEDDED_SUSPENDED',
  expired: 'EMBEDDED_EXPIRED',
  'not-yet-valid': 'EMBEDDED_NOT_YET_VALID',
};

async function checkClrEmbedded(
  credential: JsonObject,
  options: VerifyOptions,
  internal: Internal,
  checks: Check[],
  result: VerificationResult,
): Promise<void> {
  const subject = asArray(credential.credentialSubject)[0];
  // CLR 2.0 embeds credential objects; VC-JWTs travel in credstack's `verifiableCredentialJwt`
  // extension (the CLR schema allows only objects), and are verified just the same.
  const embedded: Array<{ value: unknown; path: string }> = [];
  if (isObject(subject)) {
    for (const [i, value] of asArray(subject.verifiableCredential).entries()) {
      embedded.push({ value, path: `/credentialSubject/verifiableCredential/${i}` });
    }
    for (const [i, value] of asArray(subject.verifiableCredentialJwt).entries()) {
      embedded.push({ value, path: `/credentialSubject/verifiableCredentialJwt/${i}` });
    }
  }
  const results: VerificationResult[] = [];
  for (const [i, { value, path }] of embedded.entries()) {
    const r = await run(
      value,
      { ...options, accept: ['OpenBadgeCredential', 'EndorsementCredential'] },
      { ...internal, depth: internal.depth + 1 },
    );
    results.push(r);
    if (r.verdict === 'verified')
      checks.push(
        passed(
          'embedded',
          'EMBEDDED_VALID',
          `Embedded credential ${String(r.credential?.id ?? i)} verified`,
          path,
        ),
      );
    else {
      // A CLR vouches for what it carries: an embedded credential that is not verified (revoked,
      // expired, unverifiable, forged) makes the record not verified, with that credential's
      // verdict. Otherwise anyone could wrap a made-up badge in a CLR of their own and have the
      // wrapper's valid proof speak for it.
      const verdict = r.verdict as Exclude<Verdict, 'verified'>;
      checks.push(
        failed(
          'embedded',
          EMBEDDED_CODES[verdict],
          `Embedded credential ${String(r.credential?.id ?? i)} is ${verdict}: ${r.checks.find((c) => c.status === 'failed')?.message ?? ''}`,
          { path, verdict },
        ),
      );
    }
  }
  result.embedded = results;
}

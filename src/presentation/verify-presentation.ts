import { asArray, isObject, type JsonObject, idOf } from '../lib/json.js';
import { type EngineReport, EngineTrace, engineModeOf } from '../jsonld/engine.js';
import { ACCEPTED_PROOF_SUITES } from '../proof/data-integrity/suites.js';
import { DEFAULT_JWT_ALGORITHMS } from '../proof/vc-jwt/verify.js';
import { decodeJwt } from '../proof/vc-jwt/decode.js';
import {
  checkJsonLd,
  checkEmbeddedProofs,
  checkJwtHeader,
  checkJwtSignature,
  type ProofContext,
  checkObject,
  parseFailure,
  createResolver,
  engineOptionInvalid,
  type Check,
  failed,
  passed,
  type VerificationResult,
  type Verdict,
  verdictOf,
  type VerifyOptions,
  verifyCredential,
} from '../verify/internal.js';
import { resolveLimits, type VerifyLimits } from '../lib/limits.js';

import { replayCheck, timeChecks } from './freshness.js';
import { asHolderCheck, embeddedCredentials, subjectCheck } from './holder.js';
import { envelopedJwt, parsePresentation } from './parse.js';
/**
 * Options for {@link verifyPresentation}: the verifier's expectations plus everything {@link VerifyOptions} takes for the credentials.
 * @example
 * ```ts
 * import { type VerifyPresentationOptions, verifyPresentation } from 'credstack'
 * const options: VerifyPresentationOptions = { challenge, domain: 'verifier.example.org', maxAge: 300 }
 * const result = await verifyPresentation(vp, options)
 * ```
 */
export interface VerifyPresentationOptions extends VerifyOptions {
  /** The nonce this verifier issued for this presentation. Required: without it any old presentation could be replayed. */
  challenge: string;
  /** The verifier's own domain. Required. */
  domain: string;
  /**
   * What the holder revealed about themselves to match hashed recipient identifiers, e.g. the
   * email a badge was issued to (`{ email }`), when the credential subject has no id.
   */
  holderIdentifiers?: { email?: string; identifier?: string; identityType?: string };
  /** Reject a presentation proof older than this many seconds. Default 600 (10 minutes). */
  maxAge?: number;
  /**
   * Require the holder to be the subject of every credential presented. Default true; false
   * under `profile: 'vc'`, where VCDM 2.0's defaults hold: a holder is optional, a presentation
   * may carry no credential, and whoever holds a credential may present it.
   */
  holderIsSubject?: boolean;
}

/**
 * What {@link verifyPresentation} returns.
 * @example
 * ```ts
 * import { type PresentationVerificationResult, verifyPresentation } from 'credstack'
 * const result: PresentationVerificationResult = await verifyPresentation(vp, { challenge, domain: 'verifier.example.org' })
 * console.log(result.verdict, result.holder)
 * ```
 */
export interface PresentationVerificationResult {
  /** True only when the holder's proof, the challenge, the domain, holder binding and every credential verified. */
  verified: boolean;
  verdict: Verdict;
  format: 'data-integrity' | 'vp-jwt' | 'unknown';
  holder?: string;
  checks: Check[];
  /** One full verification result per presented credential, in order. */
  credentials: VerificationResult[];
  presentation?: JsonObject;
  /** The engines the presentation's own JSON-LD work ran on (see `VerificationResult.engine`). */
  engine?: EngineReport;
}

function fail(
  checks: Check[],
  format: PresentationFormatName,
  extra: Partial<PresentationVerificationResult> = {},
): PresentationVerificationResult {
  const verdict = verdictOf(checks);
  return { verified: verdict === 'verified', verdict, format, checks, credentials: [], ...extra };
}

type PresentationFormatName = PresentationVerificationResult['format'];

/**
 * Verifies a Verifiable Presentation (Data Integrity, `authentication` purpose, or VP-JWT): the
 * holder's proof, that it answers this verifier's `challenge` and `domain` (replay protection),
 * its age, that the holder is the subject of every credential presented (by DID, or by a hashed
 * identifier the holder revealed), and each credential in full. Never throws for bad input.
 *
 * Exported from `credstack` and `credstack/verify`.
 *
 * @example
 * ```ts
 * const result = await verifyPresentation(vp, { challenge: nonce, domain: 'hospital.example', trust: registry })
 * if (result.verified) console.log('presented by the learner', result.holder)
 * ```
 */
export async function verifyPresentation(
  input: unknown,
  options: VerifyPresentationOptions,
): Promise<PresentationVerificationResult> {
  try {
    return await run(input, options ?? ({} as VerifyPresentationOptions));
  } catch (error) {
    return fail(
      [
        failed(
          'parse',
          'INTERNAL_ERROR',
          `Verification stopped: ${(error as Error)?.message ?? String(error)}`,
        ),
      ],
      'unknown',
    );
  }
}

async function run(
  input: unknown,
  options: VerifyPresentationOptions,
): Promise<PresentationVerificationResult> {
  let limits: Required<VerifyLimits>;
  try {
    limits = resolveLimits(options.limits);
  } catch (error) {
    return fail([failed('parse', 'OPTION_INVALID', (error as Error).message)], 'unknown');
  }
  const mode = engineModeOf(options.engine);
  if (mode === undefined) return fail([engineOptionInvalid(options.engine)], 'unknown');
  // the presentation's own JSON-LD work; each credential in it has its own record
  const trace = new EngineTrace(mode);
  const now = options.now === undefined ? new Date() : new Date(options.now);
  const tolerance = options.clockTolerance ?? 60;
  const maxAge = options.maxAge ?? 600;
  const generic = options.profile === 'vc';
  const checks: Check[] = [];
  if (
    typeof options.challenge !== 'string' ||
    options.challenge === '' ||
    typeof options.domain !== 'string' ||
    options.domain === ''
  ) {
    return fail(
      [
        failed(
          'challenge',
          'CHALLENGE_REQUIRED',
          'The verifier must supply the challenge and domain it issued (replay protection)',
        ),
      ],
      'unknown',
    );
  }
  const parsed = await parsePresentation(input, limits);
  if ('failure' in parsed) return fail([parsed.failure], 'unknown');
  const resolver = createResolver(options);
  const ctx: ProofContext = {
    resolver,
    now,
    clockTolerance: tolerance,
    suites: options.suites ?? ACCEPTED_PROOF_SUITES,
    algorithms: (options.algorithms ?? DEFAULT_JWT_ALGORITHMS).filter((a) =>
      DEFAULT_JWT_ALGORITHMS.includes(a),
    ),
    maxProofs: limits.maxProofs,
    limits,
    trace,
  };

  let presentation: JsonObject;
  let format: PresentationFormatName;
  let holder: string | undefined;
  if (parsed.kind === 'jwt') {
    format = 'vp-jwt';
    const text = parsed.jwt;
    let decoded: ReturnType<typeof decodeJwt>;
    try {
      decoded = decodeJwt(text);
      // As for a VC-JWT: the decoded JSON gets the limits JSON input gets, since the JWT's size
      // alone does not bound what parsing it builds.
      checkObject(decoded.header, limits, 'presentation');
      checkObject(decoded.payload, limits, 'presentation');
    } catch (error) {
      return fail([parseFailure(error)], format);
    }
    const { header, payload } = decoded;
    if (!isObject(payload.vp))
      return fail([failed('parse', 'PARSE_FAILED', 'The JWT has no `vp` claim: not a VP-JWT')], format);
    presentation = payload.vp;
    holder = typeof payload.iss === 'string' ? payload.iss : idOf(presentation.holder);
    const headerChecks = checkJwtHeader(header, ctx.algorithms);
    checks.push(...headerChecks);
    if (!headerChecks.some((c) => c.status === 'failed')) {
      // The JWT key must belong to the holder (the presenter), as an issuer key must belong to the
      // issuer: listed by the holder's own document, for `authentication` as a Data Integrity
      // presentation's key must be, whatever controller a key document claims.
      ctx.proofPurpose = 'authentication';
      checks.push(...(await checkJwtSignature(text, header, holder, ctx)).map(asHolderCheck));
    }
    checks.push(
      payload.nonce === options.challenge
        ? passed('challenge', 'CHALLENGE_OK', 'The presentation answers this challenge')
        : failed(
            'challenge',
            'CHALLENGE_MISMATCH',
            `nonce ${JSON.stringify(payload.nonce)} is not the challenge this verifier issued`,
          ),
    );
    const aud = asArray(payload.aud);
    checks.push(
      aud.includes(options.domain)
        ? passed('domain', 'DOMAIN_OK', `Addressed to ${options.domain}`)
        : failed('domain', 'DOMAIN_MISMATCH', `aud ${JSON.stringify(payload.aud)} is not ${options.domain}`),
    );
    if (idOf(presentation.holder) !== undefined && idOf(presentation.holder) !== payload.iss) {
      checks.push(
        failed(
          'holder',
          'HOLDER_MISMATCH',
          `vp.holder ${String(idOf(presentation.holder))} is not the JWT issuer ${String(payload.iss)}`,
        ),
      );
    }
    checks.push(
      ...timeChecks(
        typeof payload.iat === 'number' ? payload.iat * 1000 : undefined,
        typeof payload.exp === 'number' ? payload.exp * 1000 : undefined,
        now,
        tolerance,
        maxAge,
      ),
    );
  } else {
    format = 'data-integrity';
    presentation = parsed.presentation;
    if (!asArray(presentation.type).includes('VerifiablePresentation')) {
      return fail(
        [
          failed(
            'type',
            'TYPE_UNKNOWN',
            `type must contain VerifiablePresentation, got ${JSON.stringify(presentation.type)}`,
          ),
        ],
        format,
      );
    }
    holder = idOf(presentation.holder);
    // The holder's proof signs RDF: what expansion keeps but RDF drops (`@index`, blank node
    // labels, rounded numbers) would come back in `result.presentation` unsigned. The same check
    // as a Data Integrity credential's (undefined terms, unsigned content), on the whole envelope.
    const jsonld = await checkJsonLd(presentation, resolver.documentLoader, true, undefined, trace);
    if (jsonld.status !== 'passed') checks.push(jsonld);
    const proofs = asArray(presentation.proof).filter(isObject);
    ctx.proofPurpose = 'authentication';
    // Loaded here, not at the top: importing credstack must not load the reference stack.
    const { jsigs } = await import('../proof/data-integrity/reference.js');
    ctx.purpose = new jsigs.purposes.AuthenticationProofPurpose({
      challenge: options.challenge,
      domain: options.domain,
    });
    const proofChecks = await checkEmbeddedProofs(presentation, ctx);
    // Replay protection, read from each proof itself (not from the wording of jsonld-signatures'
    // purpose errors): a proof that answers another challenge or is addressed elsewhere fails as
    // CHALLENGE_MISMATCH / DOMAIN_MISMATCH, and its proof failure, which that explains, is not
    // repeated. Checked whatever the proof engine did with the purpose.
    const single = !Array.isArray(presentation.proof);
    const replay = proofs.map((proof, i) =>
      replayCheck(proof, options.challenge, options.domain, single ? '/proof' : `/proof/${i}`),
    );
    const explained = new Set(replay.flatMap((c) => (c ? [c.path] : [])));
    for (const c of proofChecks.checks) {
      if (!(c.status === 'failed' && c.id === 'proof' && explained.has(c.path))) checks.push(c);
    }
    for (const c of replay) if (c) checks.push(c);
    if (!checks.some((c) => c.status === 'failed')) {
      checks.push(
        passed('challenge', 'CHALLENGE_OK', 'The presentation answers this challenge'),
        passed('domain', 'DOMAIN_OK', `Addressed to ${options.domain}`),
      );
    }
    for (const method of proofChecks.methods) {
      const controller = idOf(method.controller);
      // VCDM 2.0: a presentation need not name its holder; then it is simply signed by the key's controller.
      if (holder === undefined && generic) continue;
      checks.push(
        holder !== undefined && controller === holder
          ? passed('holder', 'HOLDER_BOUND', `Signed by the holder ${holder}`)
          : failed(
              'holder',
              'HOLDER_KEY_MISMATCH',
              `The presentation key is controlled by ${String(controller)}, not by the holder ${String(holder)}`,
            ),
      );
    }
    for (const proof of proofs) {
      const created = typeof proof.created === 'string' ? Date.parse(proof.created) : undefined;
      const expires = typeof proof.expires === 'string' ? Date.parse(proof.expires) : undefined;
      checks.push(...timeChecks(created, expires, now, tolerance, maxAge));
    }
  }
  if (!holder && !generic)
    checks.push(failed('holder', 'HOLDER_MISSING', 'The presentation names no holder'));

  // Every credential, verified in full, and each about the holder.
  const results: VerificationResult[] = [];
  const presented = asArray(presentation.verifiableCredential);
  const bindSubjects = options.holderIsSubject ?? !generic;
  if (presented.length === 0 && !generic)
    checks.push(failed('credentials', 'NO_CREDENTIALS', 'The presentation carries no credential'));
  for (const [i, item] of presented.entries()) {
    const credential = envelopedJwt(item) ?? item;
    const result = await verifyCredential(credential, options);
    results.push(result);
    const path = `/verifiableCredential/${i}`;
    const label = String(result.credential?.name ?? result.credential?.id ?? i);
    checks.push(
      result.verified
        ? passed('credentials', 'CREDENTIAL_VALID', `${label} verified`, path)
        : failed(
            'credentials',
            'CREDENTIAL_NOT_VERIFIED',
            `${label} is ${result.verdict}: ${result.checks.find((c) => c.status === 'failed')?.message ?? ''}`,
            {
              path,
              ...(result.verdict === 'invalid'
                ? {}
                : { verdict: result.verdict as Exclude<Verdict, 'verified'> }),
            },
          ),
    );
    if (result.credential && holder && bindSubjects) {
      checks.push(await subjectCheck(result.credential, holder, options, path));
      // Holder binding reaches every credential in the presentation, not only the top level: a
      // CLR the presenter issued about themself must not carry someone else's badges past it.
      // Read from the CLR itself, not from `result.embedded`, which `checkEmbedded: false` leaves out.
      for (const inner of embeddedCredentials(result.credential)) {
        checks.push(
          inner.credential
            ? await subjectCheck(inner.credential, holder, options, `${path}${inner.path}`)
            : failed(
                'holder',
                'HOLDER_NOT_SUBJECT',
                'An embedded credential cannot be read, so whose it is cannot be told',
                {
                  path: `${path}${inner.path}`,
                },
              ),
        );
      }
    }
  }
  const verdict = verdictOf(checks);
  return {
    verified: verdict === 'verified',
    verdict,
    format,
    ...(holder ? { holder } : {}),
    checks,
    credentials: results,
    presentation,
    ...(trace.empty ? {} : { engine: trace.report() }),
  };
}

import { describeValue } from '../errors.js';
import type { JsonObject } from '../lib/json.js';
import type { EngineReport } from '../jsonld/engine.js';
import type { IssuerTrust, TrustEntry } from '../trust/index.js';

/**
 * The overall answer. Only `verified` means the credential can be relied on.
 * @example
 * ```ts
 * import { type Verdict, verifyCredential } from 'credstack'
 * const verdict: Verdict = (await verifyCredential(jwt)).verdict
 * if (verdict === 'revoked') console.log('credential was revoked')
 * ```
 */
export type Verdict =
  | 'verified'
  | 'invalid'
  | 'revoked'
  | 'suspended'
  | 'expired'
  | 'not-yet-valid'
  | 'indeterminate';

/**
 * Outcome of one check. `warning` passes but tells something worth knowing.
 * @example
 * ```ts
 * import type { CheckStatus } from 'credstack'
 * const blocking: CheckStatus[] = ['failed']
 * ```
 */
export type CheckStatus = 'passed' | 'failed' | 'skipped' | 'warning';

/**
 * The checks, in the order the verifier runs them (OB 3.0 §Verification, 1EdTech validator order).
 * @example
 * ```ts
 * import { type CheckId, verifyCredential } from 'credstack'
 * const failedChecks: CheckId[] = (await verifyCredential(jwt)).checks.filter((c) => c.status === 'failed').map((c) => c.id)
 * ```
 */
export type CheckId =
  | 'parse'
  | 'limits'
  | 'context'
  | 'jsonld'
  | 'type'
  | 'schema'
  | 'credential-schema'
  | 'subject'
  | 'proof'
  | 'jwt-header'
  | 'jwt-claims'
  | 'issuer'
  | 'validity'
  | 'status'
  | 'endorsement'
  | 'embedded'
  | 'refresh'
  | 'holder'
  | 'challenge'
  | 'domain'
  | 'credentials';

/**
 * One entry of {@link VerificationResult.checks}.
 *
 * Exported from `credstack` and `credstack/verify`.
 * @example
 * ```ts
 * const check: Check = { id: 'status', status: 'failed', code: 'STATUS_REVOKED', message: 'revoked (bit 4711 is set)', verdict: 'revoked', path: '/credentialStatus' }
 * ```
 */
export interface Check {
  id: CheckId;
  status: CheckStatus;
  /** Stable machine-readable reason, e.g. `PROOF_SIGNATURE_INVALID`. */
  code: string;
  /** For people. */
  message: string;
  /** JSON pointer into the credential, when the check is about one place. */
  path?: string;
  /** For a failed check: the verdict it leads to. */
  verdict?: Exclude<Verdict, 'verified'>;
  /**
   * Set on a rule of the OB 3.0 / CLR 2.0 text (JSON Schema, subject identifier, status list
   * length, JWT claim completeness, deprecated contexts, proof formats the 1EdTech validator
   * takes) rather than of authenticity. Broken, it is a `warning` unless `strict` was asked for.
   */
  conformance?: true;
}

/**
 * The second answer of a verification: does the credential follow the OB 3.0 / CLR 2.0 text?
 * Independent of `verified` (authentic, unaltered, current, not revoked) unless `strict`.
 *
 * Exported from `credstack` and `credstack/verify`.
 * @example
 * ```ts
 * import { verifyCredential } from 'credstack/verify'
 * const { verified, conformance } = await verifyCredential(badge)
 * if (verified && !conformance?.conforms) console.log('authentic, but breaks', conformance?.violations.map((c) => c.code))
 * ```
 */
export interface ConformanceReport {
  /** True when no rule of the text was found broken (advice such as a legacy context aside). */
  conforms: boolean;
  /** Whether broken rules made the verdict `invalid` (the `strict` option). */
  strict: boolean;
  /** The broken rules, each a check with its code and path. */
  violations: Check[];
  /** Every conformance check that ran, passed ones included. */
  checks: Check[];
}

/**
 * Whether a well-known verifier will accept this credential's format, from its published rules
 * (proof suites, JWT algorithms, DID methods). Not a run of that verifier.
 *
 * Exported from `credstack` and `credstack/verify`.
 * @example
 * ```ts
 * const note: AcceptanceNote = { verifier: 'dcc-verifier-core', name: 'DCC verifier-core / Learner Credential Wallet', accepts: false, reason: 'VC-JWT is not supported' }
 * ```
 */
export interface AcceptanceNote {
  verifier: 'onedtech-validator' | 'dcc-verifier-core' | 'lmc-interop-profile';
  /** For people. */
  name: string;
  /** False when its rules refuse this format; true when they take it (signature and data aside). */
  accepts: boolean;
  /** Why, in plain words. */
  reason: string;
}

/**
 * How the credential was secured.
 * @example
 * ```ts
 * import { type CredentialFormat, verifyCredential } from 'credstack'
 * const format: CredentialFormat = (await verifyCredential(jwt)).format; // 'vc-jwt'
 * ```
 */
export type CredentialFormat = 'data-integrity' | 'vc-jwt' | 'unsecured' | 'unknown';

/**
 * What {@link verifyCredential} returns. It never throws for bad input.
 *
 * Exported from `credstack` and `credstack/verify`.
 * @example
 * ```ts
 * import { verifyCredential } from 'credstack/verify'
 * const result = await verifyCredential(bytes)
 * if (!result.verified) {
 *   const failed = result.checks.filter((c) => c.status === 'failed')
 *   console.log(result.verdict, failed.map((c) => `${c.id}: ${c.message} [${c.code}]`))
 * }
 * ```
 */
export interface VerificationResult {
  /** True only when every required check ran and passed (warnings allowed). */
  verified: boolean;
  verdict: Verdict;
  format: CredentialFormat;
  /** Set when the credential came out of a baked image. */
  container?: 'png' | 'svg';
  /** The issuer's id, when the credential could be parsed. */
  issuer?: string;
  /** The issuer's name, when the credential carries one (for display only: not verified against anything). */
  issuerName?: string;
  /** The credential that was checked (for a JWT: the decoded credential). */
  credential?: JsonObject;
  /** The compact JWS, for VC-JWT input. */
  jwt?: string;
  checks: Check[];
  /** Results for embedded endorsements, when checked. */
  endorsements?: VerificationResult[];
  /**
   * Whether the issuer is on the caller's trust list (`unknown` without one). About whom to
   * believe, not about cryptography: it does not change `verified`.
   */
  issuerTrust?: IssuerTrust;
  /** The trust-registry entry that matched, when trusted. */
  trustEntry?: TrustEntry;
  /** Results for the credentials embedded in a ClrCredential, in order. */
  embedded?: VerificationResult[];
  /** Conformance to the OB 3.0 / CLR 2.0 text, apart from authenticity (see `strict`). */
  conformance?: ConformanceReport;
  /** Which well-known verifiers' published rules accept this credential's format. */
  acceptance?: AcceptanceNote[];
  /**
   * For a selectively disclosed credential (an ecdsa-sd-2023 derived proof): the JSON pointers of
   * the values the holder revealed (leaves; `@context` and the proof left out). Whatever is not
   * listed was hidden, or never in the credential: the proof cannot tell which.
   */
  disclosed?: string[];
  /**
   * Which engine expanded, canonicalized and verified the Data Integrity proofs — credstack's own
   * or the reference stack (jsonld.js, rdf-canonize, jsonld-signatures) — and each step credstack's
   * engine handed over, with its reason. Same verdict either way; for debugging and benchmarks.
   * Absent when no JSON-LD work ran (input that did not parse, an envelope refused before).
   */
  engine?: EngineReport;
}

// Which verdict wins when several checks fail: a forgery is worse than anything else; not being
// able to tell outranks status, which outranks dates.
const PRIORITY: Verdict[] = ['invalid', 'indeterminate', 'revoked', 'suspended', 'expired', 'not-yet-valid'];

/** The verdict a list of checks leads to. */
export function verdictOf(checks: readonly Check[]): Verdict {
  let best: Verdict = 'verified';
  for (const check of checks) {
    if (check.status !== 'failed') continue;
    const v = check.verdict ?? 'invalid';
    if (best === 'verified' || PRIORITY.indexOf(v) < PRIORITY.indexOf(best)) best = v;
  }
  return best;
}

export function passed(id: CheckId, code: string, message: string, path?: string): Check {
  return path === undefined
    ? { id, status: 'passed', code, message }
    : { id, status: 'passed', code, message, path };
}

export function failed(
  id: CheckId,
  code: string,
  message: string,
  options: { path?: string; verdict?: Exclude<Verdict, 'verified'> } = {},
): Check {
  const check: Check = { id, status: 'failed', code, message, verdict: options.verdict ?? 'invalid' };
  if (options.path !== undefined) check.path = options.path;
  return check;
}

export function warning(id: CheckId, code: string, message: string, path?: string): Check {
  return path === undefined
    ? { id, status: 'warning', code, message }
    : { id, status: 'warning', code, message, path };
}

export function skipped(id: CheckId, code: string, message: string): Check {
  return { id, status: 'skipped', code, message };
}

/** The failed check of an `engine` option that is not a mode. */
export function engineOptionInvalid(option: unknown): Check {
  return failed(
    'parse',
    'OPTION_INVALID',
    `options.engine must be 'auto' or 'reference', not ${describeValue(option)}`,
  );
}

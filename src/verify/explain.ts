// A verification in plain words, the same for the CLI report and the browser page. The verdict
// alone cannot tell an employer the difference that matters most: a badge that "does not follow
// the OB 3.0 rule X" is genuine, one that "may have been altered" is not. So the sentence is built
// from which checks failed and why (authenticity, could-not-check, status, dates, conformance
// under `strict`), never from message text, and an issuer is described by what was proven (who
// signed) and the caller's trust list, never as "who it claims to be".

import { kindOf } from './checks/envelope.js';
import type { AcceptanceNote, Check, VerificationResult, Verdict } from './result.js';

/**
 * What {@link explainResult} returns: sentences for people, in the order to show them.
 *
 * Exported from `credstack` and `credstack/verify`.
 * @example
 * ```ts
 * const e: Explanation = { title: 'Verified', detail: 'Authentic and unaltered: signed by did:key:z6Mk…, current and not revoked.', issuer: 'Signed by did:key:z6Mk…, which calls itself "Example U"; you gave no trust list.', conformance: [], refusedBy: [] }
 * ```
 */
export interface Explanation {
  /** The verdict as a heading: "Verified", "Not valid", "Could not be fully checked", … */
  title: string;
  /** One or two sentences: what the verdict means for this credential, and why. */
  detail: string;
  /** Who signed, and whether the caller's trust list names them. Absent when no issuer was read. */
  issuer?: string;
  /** One sentence per broken rule of the OB 3.0 / CLR 2.0 text ("does not follow …"). */
  conformance: string[];
  /** One sentence per well-known verifier whose published rules refuse this format. */
  refusedBy: string[];
  /**
   * For a selectively disclosed credential: that the holder showed only part of it, and which
   * values. Absent for a credential shown whole.
   */
  disclosure?: string;
}

const TITLES: Record<Verdict, string> = {
  verified: 'Verified',
  invalid: 'Not valid',
  revoked: 'Revoked',
  suspended: 'Suspended',
  expired: 'Expired',
  'not-yet-valid': 'Not yet valid',
  indeterminate: 'Could not be fully checked',
};

// The rule behind a conformance code whose check message gives only the detail (which schema
// keyword, how many entries). Other codes' messages state the rule themselves ("credentialSubject
// needs an id or at least one identifier", "The nbf claim is required").
const RULES: Readonly<Record<string, string>> = {
  SCHEMA_INVALID: 'the JSON Schema of its type',
  CREDENTIAL_SCHEMA_INVALID: 'the JSON Schema it names in credentialSchema',
  STATUS_LIST_TOO_SHORT: 'a Bitstring status list has at least 131,072 entries',
  PROOF_FORMAT_NONCONFORMANT: 'issuers use a proof format the 1EdTech conformance suite supports',
};

/**
 * The result of {@link verifyCredential} in plain words: a title, what it means, who signed, the
 * broken rules of the text and the verifiers that will refuse the format. "Authentic, but does not
 * follow the OB 3.0 rule X" is told apart from "may have been altered". For display only: decide
 * on `verdict` and the check codes.
 *
 * Exported from `credstack` and `credstack/verify`.
 * @example
 * ```ts
 * import { explainResult, verifyCredential } from 'credstack/verify'
 * const e = explainResult(await verifyCredential(badge))
 * console.log(`${e.title}: ${e.detail}`, ...e.conformance)
 * ```
 */
export function explainResult(result: VerificationResult): Explanation {
  const notBadge = notACredential(result);
  if (notBadge) return { ...notBadge, conformance: [], refusedBy: [] };
  const spec = specOf(result);
  const violations = result.conformance?.violations ?? [];
  const failedChecks = result.checks.filter((c) => c.status === 'failed');
  const explanation: Explanation = {
    title: TITLES[result.verdict] ?? result.verdict,
    detail: detailOf(result, failedChecks, spec),
    conformance: violations.map((c) => `Does not follow the ${spec} rule: ${ruleOf(c)}.`),
    refusedBy: (result.acceptance ?? []).filter((n) => !n.accepts).map(refusal),
  };
  const issuer = issuerSentence(result);
  if (issuer !== undefined) explanation.issuer = issuer;
  if (result.disclosed) explanation.disclosure = disclosureSentence(result.disclosed);
  return explanation;
}

// Long lists are cut: the page and the terminal show a sentence, `result.disclosed` has them all.
const MAX_LISTED = 12;

function disclosureSentence(pointers: readonly string[]): string {
  const listed = pointers.slice(0, MAX_LISTED).join(', ');
  const more = pointers.length > MAX_LISTED ? ` and ${pointers.length - MAX_LISTED} more` : '';
  return `Shown in part (selective disclosure): the holder revealed ${pointers.length} value${pointers.length === 1 ? '' : 's'} (${listed}${more}); whatever else the issuer signed stays hidden, and what is shown is what the issuer signed.`;
}

// Fields of a key file or a verification method (credstack keygen, Multikey, JWK): a file dropped
// by mistake for a badge. A private one must be named loudly: it should not be passed around.
const PRIVATE_KEY_FIELDS = ['privateKeyJwk', 'secretKeyMultibase', 'privateKeyMultibase', 'd'];
const KEY_FIELDS = ['publicKeyJwk', 'publicKeyMultibase', 'kty', ...PRIVATE_KEY_FIELDS];

/** Input that is no credential at all: a plain image, a key file. Said as such, not as "Not valid". */
function notACredential(result: VerificationResult): Pick<Explanation, 'title' | 'detail'> | undefined {
  if (result.checks.some((c) => c.code === 'BAKED_NOT_FOUND')) {
    return {
      title: 'No badge in this image',
      detail:
        'This image carries no Open Badges 3.0 credential: nothing was baked into it. Ask for the badge file (JSON, .jwt) or the baked image the issuer gave.',
    };
  }
  const doc = result.credential;
  if (doc === undefined) {
    const why = result.checks.find((c) => c.status === 'failed');
    return {
      title: 'Not a readable credential',
      detail: `This could not be read as a credential${why ? `: ${sentence(why.message)}` : '.'}`,
    };
  }
  if (result.verified || doc.credentialSubject !== undefined) return undefined;
  if (!KEY_FIELDS.some((field) => field in doc)) return undefined;
  const secret = PRIVATE_KEY_FIELDS.some((field) => field in doc);
  return {
    title: 'Not a badge: a key file',
    detail: secret
      ? "This is a key file with a PRIVATE key, not a badge. Keep it secret: whoever has it can issue badges in its owner's name."
      : 'This is a public key or key document, not a badge. Give it under trusted documents, and check the badge itself.',
  };
}

function detailOf(result: VerificationResult, failedChecks: Check[], spec: string): string {
  const authenticity = failedChecks.filter((c) => c.conformance !== true);
  const first = (verdict: Verdict) => failedChecks.find((c) => (c.verdict ?? 'invalid') === verdict);
  const because = (check: Check | undefined) => (check ? ` ${sentence(check.message)}` : '');
  switch (result.verdict) {
    case 'verified':
      return violations(result) > 0
        ? `Authentic and unaltered, current and not revoked, but it does not follow every ${spec} rule (see below).`
        : 'Authentic and unaltered, current and not revoked.';
    case 'invalid':
      if (authenticity.length === 0 && failedChecks.length > 0) {
        // Only `strict` fails a credential for a rule of the text: the signature and data held.
        return `Refused in strict mode: nothing shows it was altered, but it does not follow the ${spec} rule: ${ruleOf(failedChecks[0]!)}.`;
      }
      return `It may have been altered or was not issued as shown.${because(first('invalid'))}`;
    case 'indeterminate':
      return `Nothing shows it was altered, but something needed to decide could not be checked.${because(first('indeterminate'))}`;
    case 'revoked':
      return `The issuer has revoked it.${because(first('revoked'))}`;
    case 'suspended':
      return `The issuer has suspended it.${because(first('suspended'))}`;
    case 'expired':
      return `Authentic, but past its expiry date.${because(first('expired'))}`;
    case 'not-yet-valid':
      return `Authentic, but not valid yet.${because(first('not-yet-valid'))}`;
    default:
      return because(failedChecks[0]).trim();
  }
}

function violations(result: VerificationResult): number {
  return result.conformance?.violations.length ?? 0;
}

/** "Signed by X, which calls itself "N"; not on your trust list." Proven: the key; claimed: the name. */
function issuerSentence(result: VerificationResult): string | undefined {
  if (result.issuer === undefined) return undefined;
  const signed = result.checks.some((c) => c.id === 'issuer' && c.status === 'passed');
  const who = `${result.issuer}${result.issuerName ? `, which calls itself "${result.issuerName}"` : ''}`;
  const head = signed ? `Signed by ${who}` : `Names as issuer ${who} (not proven)`;
  switch (result.issuerTrust) {
    case 'trusted':
      return `${head}; on your trust list${result.trustEntry?.name ? ` as "${result.trustEntry.name}"` : ''}.`;
    case 'untrusted':
      return `${head}; not on your trust list.`;
    default:
      return `${head}; no trust list was given, so whether to trust this issuer is yours to decide.`;
  }
}

function ruleOf(check: Check): string {
  const rule = RULES[check.code];
  return rule === undefined ? stripDot(check.message) : `${rule} (${stripDot(check.message)})`;
}

function refusal(note: AcceptanceNote): string {
  return `${note.name} will refuse it: ${note.reason}.`;
}

/** The text whose rules apply: the kind the verifier judged the credential as (its schema). */
function specOf(result: VerificationResult): string {
  return result.credential && kindOf(result.credential) === 'ClrCredential' ? 'CLR 2.0' : 'OB 3.0';
}

function sentence(message: string): string {
  const text = message.trim();
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function stripDot(message: string): string {
  return message.trim().replace(/\.$/, '');
}

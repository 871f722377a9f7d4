import type { Command } from 'commander';
import { CredstackError, isCredstackError } from '../../errors.js';
import { isObject } from '../../lib/json.js';
import { createNodeFetch } from '../../net/index.js';
import { verifyPresentation } from '../../presentation/index.js';
import { decodeJwt, isCompactJws } from '../../proof/vc-jwt/decode.js';
import { loadTrustRegistry, type TrustPolicy } from '../../trust/index.js';
import { matchesRecipient } from '../../model/identity.js';
import { verifyCredential } from '../../verify/index.js';
import { DEFAULT_LIMITS } from '../../lib/limits.js';
import { parseInput, type VerificationResult } from '../../verify/internal.js';
import { CliExit, EXIT, print, printJson, readDocumentsMap, readInput, readTrustOption } from '../io.js';
import { formatPresentationReport, formatReport, type RecipientCheck } from '../report.js';

export interface VerifyCliOptions {
  json?: boolean;
  documents?: string;
  now?: string;
  allowNetwork?: boolean;
  trust?: string;
  requireTrusted?: boolean;
  challenge?: string;
  domain?: string;
  email?: string;
  strict?: boolean;
  engine?: string;
}

export function registerVerify(program: Command): Command {
  return program
    .command('verify')
    .description('Verify a credential (JSON, compact VC-JWT, baked PNG/SVG) or a verifiable presentation')
    .argument('<file>', 'credential or presentation file, or - for stdin')
    .option('--json', 'print the full result object as JSON')
    .option(
      '--documents <map>',
      'JSON map { "URL or DID": "path/to/document.json" } (paths relative to the map; a value may be the document itself)',
    )
    .option('--now <iso>', 'verify as of this ISO 8601 date-time')
    .option(
      '--strict',
      'also fail (exit 1) a genuine credential that breaks a rule of the OB 3.0 / CLR 2.0 text, as the 1EdTech validator does',
    )
    .option(
      '--engine <mode>',
      "auto (default): credstack's JSON-LD engine where it applies; reference: jsonld.js, rdf-canonize and jsonld-signatures only (--json shows result.engine)",
    )
    .option('--allow-network', 'fetch did:web documents, issuer keys and status lists over https')
    .option(
      '--trust <registry>',
      'trusted issuers: a file (a JSON list of ids/patterns, { issuers: [...] }, or a DCC registry) if one exists at that path, else ids/patterns, comma-separated',
    )
    .option('--require-trusted', 'exit 1 unless the issuer is on the --trust list')
    .option('--challenge <nonce>', 'for a presentation: the challenge you issued')
    .option('--domain <domain>', 'for a presentation: your domain')
    .option(
      '--email <email>',
      "the candidate's email: the credential must be issued to it (hashed or plain), else exit 1; for a presentation, the holder's",
    )
    .addHelpText(
      'after',
      [
        '',
        'Exit codes: 0 verified, 1 not verified (any other verdict, or untrusted with --require-trusted), 2 usage or unreadable input.',
        '',
        'Two answers: VERIFIED means authentic, unaltered, current and not revoked. Whether the credential',
        'follows every rule of the OB 3.0 / CLR 2.0 text (JSON Schema, subject id, status list size, JWT',
        'claims) is reported apart ("Does not follow the OB 3.0 rule: …"); --strict makes that a failure.',
        '',
        'Examples:',
        '  credstack verify badge.json',
        '  credstack verify badge.png --documents documents.json --json',
        '  credstack verify badge.json --trust registry.json --require-trusted',
        '  credstack verify badge.json --email bob@example.org   # issued to bob@example.org?',
        '  credstack verify badge.json --strict                  # as the 1EdTech validator judges',
        '  credstack verify vp.json --challenge 4f1c… --domain hiring.example',
        '',
      ].join('\n'),
    );
}

export function verifyOptionsFrom(opts: VerifyCliOptions) {
  if (opts.now !== undefined && Number.isNaN(Date.parse(opts.now))) {
    throw new CliExit(EXIT.usage, `--now must be an ISO 8601 date-time, got ${opts.now}`);
  }
  if (opts.engine !== undefined && opts.engine !== 'auto' && opts.engine !== 'reference') {
    throw new CliExit(EXIT.usage, `--engine must be auto or reference, got ${opts.engine}`);
  }
  if (opts.requireTrusted && !opts.trust)
    throw new CliExit(EXIT.usage, '--require-trusted needs --trust <registry>');
  let trust: TrustPolicy | undefined;
  if (opts.trust) trust = loadTrustRegistry(readTrustOption(opts.trust));
  return {
    ...(opts.documents ? { documents: readDocumentsMap(opts.documents) } : {}),
    ...(opts.now ? { now: new Date(opts.now) } : {}),
    // Not globalThis.fetch: it connects wherever the name resolves, 127.0.0.1 included.
    ...(opts.allowNetwork ? { network: { fetch: createNodeFetch() } } : {}),
    ...(trust ? { trust } : {}),
    ...(opts.strict ? { strict: true } : {}),
    ...(opts.engine === 'reference' ? { engine: 'reference' as const } : {}),
  };
}

function isPresentation(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).trim();
  } catch {
    return false;
  }
  if (isCompactJws(text)) {
    try {
      return isObject(decodeJwt(text).payload.vp);
    } catch {
      return false;
    }
  }
  if (!text.startsWith('{')) return false;
  try {
    const doc = JSON.parse(text) as { type?: unknown };
    return (Array.isArray(doc.type) ? doc.type : [doc.type]).includes('VerifiablePresentation');
  } catch {
    return false;
  }
}

// Parse failures that are an answer about the input (exit 1, with the report): an image that
// carries no Open Badges 3.0 credential. Any other is input that cannot be used (exit 2).
const NOT_A_CREDENTIAL: ReadonlySet<string> = new Set(['ERR_BAKED_NOT_FOUND', 'ERR_BAKED_OB2']);

/**
 * Throws, naming the file, when the input cannot be read as a credential at all — bad JSON, a
 * corrupt or truncated image, over the limits — so `verify` exits 2 for it as README "CLI" says,
 * not 1 as for a credential that fails verification. Parsed as verifyCredential parses it.
 */
async function assertReadable(file: string, input: Uint8Array): Promise<void> {
  try {
    await parseInput(input, DEFAULT_LIMITS);
  } catch (error) {
    if (!isCredstackError(error)) throw error;
    if (NOT_A_CREDENTIAL.has(error.code)) return;
    throw new CredstackError(error.code, `${file === '-' ? 'standard input' : file}: ${error.message}`, {
      cause: error,
    });
  }
}

/** Verifies and prints; resolves to whether the exit code is 0. */
export async function runVerify(file: string, opts: VerifyCliOptions): Promise<boolean> {
  const input = readInput(file);
  const options = verifyOptionsFrom(opts);
  if (isPresentation(input)) {
    if (!opts.challenge || !opts.domain) {
      throw new CredstackError(
        'ERR_INVALID_INPUT',
        'This is a verifiable presentation: pass --challenge and --domain (the ones you issued)',
      );
    }
    const result = await verifyPresentation(input, {
      ...options,
      challenge: opts.challenge,
      domain: opts.domain,
      ...(opts.email ? { holderIdentifiers: { email: opts.email } } : {}),
    });
    if (opts.json) printJson(result);
    else print(formatPresentationReport(result));
    const trusted = !opts.requireTrusted || result.credentials.every((c) => c.issuerTrust === 'trusted');
    return result.verified && trusted;
  }
  await assertReadable(file, input);
  const result = await verifyCredential(input, options);
  const recipient = opts.email === undefined ? undefined : await recipientCheck(result, opts.email);
  if (opts.json) printJson(recipient ? { ...result, recipient } : result);
  else print(formatReport(result, '', recipient));
  return (
    result.verified &&
    (!opts.requireTrusted || result.issuerTrust === 'trusted') &&
    (recipient === undefined || recipient.matched)
  );
}

/**
 * `--email`: whether the credential was issued to that address (a hashed IdentityObject is hashed
 * with its salt, a plain one or a `mailto:` id compared). Only the signed credential counts: a
 * credential the verifier returned none for (unreadable) is issued to nobody it can show.
 */
async function recipientCheck(result: VerificationResult, email: string): Promise<RecipientCheck> {
  if (!isObject(result.credential)) return { email, matched: false };
  const match = await matchesRecipient(result.credential, { email });
  return {
    email,
    matched: match.matched,
    ...(match.by ? { by: match.by } : {}),
    ...(match.identityType ? { identityType: match.identityType } : {}),
  };
}

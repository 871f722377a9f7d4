import type { Command } from 'commander';
import { CredstackError } from '../../errors.js';
import type { IssueFormat } from '../../issue/index.js';
import { importKeyFile } from '../../keys/index.js';
import { asArray, isObject } from '../../lib/json.js';
import { isCompactJws } from '../../lib/jws.js';
import { credentialFromJwtPayload, decodeJwt } from '../../proof/vc-jwt/decode.js';
import {
  composePathwayProof,
  formatPathwayProgress,
  formatPathwayProofResult,
  type Learner,
  type Pathway,
  type PathwayProofClaims,
  type PathwayProofResult,
  pathwayProgress,
  validatePathway,
  verifyPathwayProof,
} from '../../pathway/index.js';
import {
  CliExit,
  EXIT,
  jsonText,
  print,
  printError,
  printJson,
  readCredentialFiles,
  readInput,
  readJson,
  writeOutput,
} from '../io.js';
import { registerPathwayCtdl } from './pathway-ctdl.js';
import { verifyOptionsFrom } from './verify.js';

interface CommonOptions {
  pathway: string;
  documents?: string;
  now?: string;
  allowNetwork?: boolean;
  learner?: string;
}

const FORMATS = ['eddsa-rdfc-2022', 'ecdsa-rdfc-2019', 'vc-jwt'];

function readPathway(path: string): Pathway {
  return validatePathway(readJson(path));
}

/** The credential inside a file's content: the object, or the VC-JWT's decoded credential. */
function credentialOf(input: unknown): Record<string, unknown> | undefined {
  if (isObject(input)) return input;
  if (typeof input !== 'string') return undefined;
  try {
    return credentialFromJwtPayload(decodeJwt(input).payload).credential as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/**
 * Without `--learner`, a credential that names its recipient only by IdentityObjects (a hashed
 * email) proves nothing about whose it is: two badges of the same learner, hashed with different
 * salts, look like two learners', and one would be dropped as another learner's. So the learner
 * must be named; a usage error (exit 2) lists those files.
 */
function requireLearnerFor(
  files: readonly string[],
  credentials: readonly unknown[],
  learner?: string,
): void {
  if (learner !== undefined) return;
  const hashedOnly = files.filter((_, i) => {
    const subject = asArray(credentialOf(credentials[i])?.credentialSubject)[0];
    return isObject(subject) && typeof subject.id !== 'string' && asArray(subject.identifier).some(isObject);
  });
  if (hashedOnly.length === 0) return;
  throw new CliExit(
    EXIT.usage,
    `${hashedOnly.join(', ')} name${hashedOnly.length === 1 ? 's' : ''} the recipient only by a hashed email or identifier, which says nothing about whose it is: pass --learner <email|id> (the learner's email address, DID or URL)`,
  );
}

/** `--learner`: an email address, or an id (DID or URL). */
function learnerFrom(value: string | undefined): { learner?: Learner } {
  if (value === undefined) return {};
  return { learner: /^[^:@\s]+@[^@\s]+$/.test(value) ? { email: value } : { id: value } };
}

function addCommon(cmd: Command, withLearner = true): Command {
  cmd
    .requiredOption('--pathway <file>', 'the pathway definition (JSON)')
    .option(
      '--documents <map>',
      'JSON map { "URL or DID": "path/to/document.json" }: issuer keys, DID documents, status lists',
    )
    .option('--now <iso>', 'verify as of this ISO 8601 date-time')
    .option('--allow-network', 'fetch did:web documents, issuer keys and status lists over https');
  if (withLearner)
    cmd.option(
      '--learner <id|email>',
      "whose credentials count: the learner's email, DID or URL (needed when a credential names its recipient by a hashed email; without it, a proof of such credentials is not verified)",
    );
  return cmd;
}

function readClaims(proof: unknown): PathwayProofClaims | undefined {
  const subject = credentialOf(proof)?.credentialSubject;
  return isObject(subject) ? (subject.pathwayProgress as PathwayProofClaims | undefined) : undefined;
}

/** Input files whose credential the proof does not embed (rejected, surplus, or another learner's). */
function leftOut(
  files: readonly string[],
  credentials: readonly unknown[],
  claims?: PathwayProofClaims,
): string[] {
  const embedded = new Set((claims?.earned ?? []).map((e) => e.credential));
  return files.filter((_, i) => {
    const id = credentialOf(credentials[i])?.id;
    return typeof id !== 'string' || !embedded.has(id);
  });
}

export function registerPathway(program: Command): Command {
  const pathway = program
    .command('pathway')
    .description('Stackable pathways: a learner’s progress, and signed CLR 2.0 pathway proofs')
    .addHelpText(
      'after',
      `
Credentials may be JSON, compact VC-JWTs or baked PNG/SVG images. After npm run demo:
  credstack pathway progress --pathway demo-out/pathway.json --documents demo-out/documents.json demo-out/credentials/*
  credstack pathway compose --pathway demo-out/pathway.json --key demo-out/keys/wallet.json --documents demo-out/documents.json demo-out/credentials/* --out proof.json
  credstack pathway verify demo-out/pathway-proof.json --pathway demo-out/pathway.json --documents demo-out/documents.json
  credstack pathway outcomes --pathway pathway.json --cohort cohort.jsonl --documents documents.json --by campus --format csv

Exit codes: 0 done (verify: verified), 1 (verify) not verified, 2 usage or unreadable input.
`,
    );

  addCommon(
    pathway
      .command('progress')
      .description('Report a learner’s progress along a pathway from their credentials')
      .argument('<credential...>', 'credential files: JSON, compact VC-JWT, or baked PNG/SVG')
      .option('--json', 'print the full progress object as JSON'),
  )
    .addHelpText(
      'after',
      '\nExit codes: 0 report printed, 2 usage or unreadable input.\n\nExample:\n  credstack pathway progress --pathway pathway.json --documents documents.json credentials/*.json\n',
    )
    .action(async (files: string[], opts: CommonOptions & { json?: boolean }) => {
      const p = readPathway(opts.pathway);
      const credentials = await readCredentialFiles(files);
      requireLearnerFor(files, credentials, opts.learner);
      const progress = await pathwayProgress(p, credentials, {
        ...(await verifyOptionsFrom(opts)),
        ...learnerFrom(opts.learner),
      });
      if (opts.json) printJson(progress);
      else print(formatPathwayProgress(progress, p));
    });

  addCommon(
    pathway
      .command('compose')
      .description('Compose and sign a pathway proof (CLR 2.0 ClrCredential) from the credentials that count')
      .argument('<credential...>', 'credential files: JSON, compact VC-JWT, or baked PNG/SVG')
      .requiredOption('--key <keyfile>', 'the CLR issuer’s key file (e.g. the learner’s wallet key)')
      .requiredOption('--out <file>', 'where to write the signed proof')
      .option('--format <format>', FORMATS.join(' | '))
      .option('--json', 'print { file, id, format, pathway, earned, milestones, complete } as JSON'),
  )
    .addHelpText(
      'after',
      '\nThe files left out of the proof (not counted) are listed on stderr.\n\nExit codes: 0 written, 2 usage, unreadable input, no --learner for hashed-email credentials, or no credential counts.\n\nExample:\n  credstack pathway compose --pathway pathway.json --key wallet-key.json --documents documents.json credentials/*.json --out proof.json\n',
    )
    .action(
      async (
        files: string[],
        opts: CommonOptions & { key: string; out: string; format?: string; json?: boolean },
      ) => {
        if (opts.format && !FORMATS.includes(opts.format)) {
          throw new CliExit(EXIT.usage, `--format must be one of ${FORMATS.join(', ')}, got ${opts.format}`);
        }
        const p = readPathway(opts.pathway);
        const key = importKeyFile(readJson(opts.key));
        const credentials = await readCredentialFiles(files);
        requireLearnerFor(files, credentials, opts.learner);
        const { now, ...verifyOptions } = await verifyOptionsFrom(opts);
        const proof = await composePathwayProof(p, credentials, {
          ...verifyOptions,
          ...(now ? { now } : {}),
          ...learnerFrom(opts.learner),
          key,
          ...(opts.format ? { format: opts.format as IssueFormat } : {}),
          onWarning: (warning) => printError(`warning: ${warning.message}\n`),
        });
        writeOutput(opts.out, typeof proof === 'string' ? `${proof}\n` : jsonText(proof));
        if (opts.json) {
          const clr = credentialOf(proof) ?? {};
          const claims = readClaims(proof);
          const format = typeof proof === 'string' ? 'vc-jwt' : 'data-integrity';
          const summary = {
            file: opts.out,
            id: clr.id,
            format,
            ...(claims ?? {}),
            leftOut: leftOut(files, credentials, claims),
          };
          printJson(summary);
        } else {
          const out = leftOut(files, credentials, readClaims(proof));
          printError(
            `Wrote the pathway proof to ${opts.out}${out.length ? `; left out (not counted: see credstack pathway progress): ${out.join(', ')}` : ''}\n`,
          );
        }
      },
    );

  addCommon(
    pathway
      .command('verify')
      .description('Verify a pathway proof against your own copy of the pathway')
      .argument('<proof>', 'the proof file (ClrCredential JSON or VC-JWT), or - for stdin')
      .option('--json', 'print the full result object as JSON'),
  )
    .addHelpText(
      'after',
      '\nExit codes: 0 verified, 1 not verified, 2 usage or unreadable input.\n\nExample:\n  credstack pathway verify proof.json --pathway pathway.json --documents documents.json\n',
    )
    .action(async (file: string, opts: CommonOptions & { json?: boolean }) => {
      const result = await runPathwayVerify(file, opts);
      if (!result.verified) throw new CliExit(EXIT.notVerified, '');
    });
  registerPathwayCtdl(pathway);
  return pathway;
}

async function runPathwayVerify(
  file: string,
  opts: CommonOptions & { json?: boolean },
): Promise<PathwayProofResult> {
  const p = readPathway(opts.pathway);
  const text = new TextDecoder().decode(readInput(file)).trim();
  let proof: unknown = text;
  if (!isCompactJws(text)) {
    try {
      proof = JSON.parse(text);
    } catch (cause) {
      throw new CredstackError(
        'ERR_JSON_PARSE',
        `${file} is neither JSON nor a compact VC-JWT: ${(cause as Error).message}`,
        { cause },
      );
    }
  }
  const result = await verifyPathwayProof(proof, {
    ...(await verifyOptionsFrom(opts)),
    ...learnerFrom(opts.learner),
    pathway: p,
  });
  if (opts.json) printJson(result);
  else print(formatPathwayProofResult(result, p));
  return result;
}

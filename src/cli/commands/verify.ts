import type { Command } from 'commander';
import { verifyCredential } from '../../verify/index.js';
import type { VerificationResult } from '../../verify/result.js';
import { CliExit, EXIT, readDocumentsMap, readInput } from '../io.js';
import { formatReport } from '../report.js';

export interface VerifyCliOptions {
  json?: boolean;
  documents?: string;
  now?: string;
  allowNetwork?: boolean;
}

export function registerVerify(program: Command): Command {
  return program
    .command('verify')
    .description('Verify a credential: JSON, compact VC-JWT, or a baked PNG/SVG badge')
    .argument('<file>', 'credential file, or - for stdin')
    .option('--json', 'print the full result object as JSON')
    .option(
      '--documents <map>',
      'JSON map { "URL or DID": "path/to/document.json" } (paths relative to the map)',
    )
    .option('--now <iso>', 'verify as of this ISO 8601 date-time')
    .option('--allow-network', 'fetch did:web documents, issuer keys and status lists over https')
    .addHelpText(
      'after',
      '\nExit codes: 0 verified, 1 not verified (any other verdict), 2 usage or unreadable input.\n\nExamples:\n  credstack verify badge.json\n  credstack verify badge.png --documents documents.json --json\n',
    );
}

export async function verifyOptionsFrom(opts: VerifyCliOptions) {
  if (opts.now !== undefined && Number.isNaN(Date.parse(opts.now))) {
    throw new CliExit(EXIT.usage, `--now must be an ISO 8601 date-time, got ${opts.now}`);
  }
  return {
    ...(opts.documents ? { documents: readDocumentsMap(opts.documents) } : {}),
    ...(opts.now ? { now: new Date(opts.now) } : {}),
    ...(opts.allowNetwork ? { network: { fetch: globalThis.fetch as never } } : {}),
  };
}

export async function runVerify(file: string, opts: VerifyCliOptions): Promise<VerificationResult> {
  const input = readInput(file);
  const result = await verifyCredential(input, await verifyOptionsFrom(opts));
  process.stdout.write(opts.json ? `${JSON.stringify(result, null, 2)}\n` : formatReport(result));
  return result;
}
